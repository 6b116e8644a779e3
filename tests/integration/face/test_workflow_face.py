"""The workflow's face check with the real face stack (mediapipe analysis, SFace or dlib
1:1 match) against the simulated camera playing the demo portrait: the chip photo and the
live frames show the same person, so the check must pass on a measured distance."""

from __future__ import annotations

import math

import pytest

from launcher.services import build_services
from kiosk.config import with_overrides
from kiosk.demo.config import demo_config
from kiosk.domain.cases import Case
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import Outcome, State
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sface", "dlib"])
def wf(request, tmp_path, session_tmp):
    cfg = with_overrides(demo_config(tmp_path / "data"), {
        "biometrics.face_verifier": request.param,
        "biometrics.liveness.required": False,   # a still portrait cannot blink
    })
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    assert services.analyzer_factory is not None
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    yield flow
    services.close()


def test_real_matcher_accepts_the_card_holder_and_records_the_distance(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    decision = wf.session.face_decision
    assert decision.match and wf.config.biometrics.face_verifier in decision.method
    assert not math.isnan(decision.distance) and decision.distance < decision.threshold
    assert wf.analyzer is not None            # the analyzer runs while the camera is in use
    wf.cancel()
    assert wf.analyzer is None and wf.last_outcome is Outcome.CANCELLED


def test_someone_else_in_front_of_the_camera_is_refused(wf, media):
    import cv2

    # The chip says it is the demo citizen; the camera shows a different person.
    stranger = media.load("obama_sidelit.jpg")
    wf.services.camera.close()
    from hardware.camera.simulated import SimulatedCamera

    path = wf.config.kiosk.data_dir / "stranger.jpg"
    cv2.imwrite(str(path), stranger)
    wf.services.camera = SimulatedCamera(media=path, fps=15)
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.FACE_CHECK
    assert wf.session.problem.code in ("face_no_match", "face_not_found")
    decision = wf.session.face_decision
    assert not decision.match
    if wf.session.problem.code == "face_no_match":
        assert decision.distance >= decision.threshold
