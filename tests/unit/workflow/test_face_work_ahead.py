"""The workflow hands the verifier its work as early as it can, and takes it back at the end.

The reference photo goes to the verifier the moment the chip (or, for a typed number, the
office) gives it, so its template is ready before the face check; live frames go to it
while the check runs; when the session ends, whatever it kept of the faces is dropped.
Before, the verifier saw the reference only at decision time, with the live frames.
"""

from __future__ import annotations

import pytest

from launcher.services import build_services
from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier
from kiosk.domain.cases import Case
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW

NUMBER = "110105198403120488"


class AheadVerifier(FaceVerifier):
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def prepare(self, reference_jpeg: bytes) -> None:
        self.events.append(("prepare", reference_jpeg))

    def observe(self, live_frames) -> None:
        self.events.append(("observe", len(live_frames)))

    def forget(self) -> None:
        self.events.append(("forget", None))

    def verify(self, reference_jpeg, live_frames, liveness="not_checked"):
        self.events.append(("verify", reference_jpeg))
        return FaceDecision(True, 0.2, 0.5, "test", liveness)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.face_verifier = AheadVerifier()
    services.monotonic = ManualClock()
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    yield flow
    flow.shutdown()
    services.close()


def test_the_chip_photo_is_prepared_at_the_read_before_the_face_check(wf):
    verifier = wf.services.face_verifier
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    photo = wf.session.identity.reference_photo
    assert verifier.events == [("prepare", photo)]          # while "Is this you?" is read
    wf.proceed()
    assert wf.state is State.PORTRAIT
    assert ("verify", photo) in verifier.events
    kinds = verifier.kinds()
    assert "observe" in kinds and kinds.index("observe") < kinds.index("verify")   # frames during the check
    wf.cancel()
    assert verifier.kinds()[-1] == "forget"


def test_a_typed_numbers_office_photo_is_prepared_at_the_look_up(wf):
    verifier = wf.services.face_verifier
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    holder = wf.services.registry.lookup(NUMBER)
    wf.submit_id_number(NUMBER)
    assert verifier.events[0] == ("prepare", holder.reference_photo)
    assert ("verify", holder.reference_photo) in verifier.events
