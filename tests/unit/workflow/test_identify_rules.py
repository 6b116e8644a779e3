"""Who may type their number or use the chip is the workflow's rule, and it holds it.

The identify screen used to decide which buttons to offer (a damaged card may type its
number, a lost one has no chip) while `use_keypad` and `use_chip` accepted any case: a
stray tap, or a screen drawn from a stale state, could switch an expiring card to the
keypad and skip the signed chip. The rules now live in `kiosk.domain.cases`; the
workflow answers `may_type_number` / `may_use_chip` and refuses what they refuse.
"""

from __future__ import annotations

import pytest

from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier
from kiosk.documents.errors import AccessKeyRequired, UnsupportedCard
from kiosk.domain.cases import Case
from kiosk.workflow.jobs import Job, SyncJobRunner
from kiosk.workflow.machine import InvalidTransition, Workflow
from kiosk.workflow.states import IdentifyMode, State
from launcher.services import build_services
from tests.conftest import FIXED_NOW


class HoldingRunner(SyncJobRunner):
    """Holds every job: the test says how it ends."""

    held: Job | None = None

    def start(self, job: Job) -> None:
        self.held = job


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    flow = Workflow(services, HoldingRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    yield flow
    flow.shutdown()
    services.close()


def _identify(wf: Workflow, case: Case) -> None:
    wf.start("en")
    wf.choose_case(case)
    wf.agree()
    assert wf.state is State.IDENTIFY


def test_the_rules_per_case():
    assert [c.may_use_chip for c in Case] == [True, True, False]
    assert [c.may_type_number(chip_unreadable=False) for c in Case] == [False, True, True]
    assert all(c.may_type_number(chip_unreadable=True) for c in Case)


def test_an_expiring_card_types_its_number_only_once_its_chip_proved_unreadable(wf):
    _identify(wf, Case.EXPIRING)
    assert wf.busy == "read_card" and not wf.may_type_number and wf.may_use_chip
    with pytest.raises(InvalidTransition):
        wf.use_keypad()
    assert wf.session.identify_mode is IdentifyMode.CHIP and wf.busy == "read_card"   # nothing changed

    wf.runner.held.failed(UnsupportedCard("no ID chip"))
    assert wf.session.problem.code == "card_unsupported" and wf.may_type_number
    wf.use_keypad()
    assert wf.session.identify_mode is IdentifyMode.KEYPAD
    wf.use_chip()                                  # and back to the reader: it has a card
    assert wf.session.identify_mode is IdentifyMode.CHIP and wf.busy == "read_card"
    assert not wf.may_type_number                  # a new read: the chip may read this time


def test_an_expiring_cards_locked_chip_offers_no_keypad_a_damaged_ones_does(wf):
    _identify(wf, Case.EXPIRING)
    wf.runner.held.failed(AccessKeyRequired("locked"))
    assert wf.session.identify_mode is IdentifyMode.ACCESS_KEY and not wf.may_type_number
    with pytest.raises(InvalidTransition):
        wf.use_keypad()
    wf.cancel()
    wf.restart()
    _identify(wf, Case.DAMAGED)
    assert wf.may_type_number                      # at once: its chip may be dead
    wf.runner.held.failed(AccessKeyRequired("locked"))
    assert wf.session.identify_mode is IdentifyMode.ACCESS_KEY and wf.may_type_number
    wf.use_keypad()
    assert wf.session.identify_mode is IdentifyMode.KEYPAD


def test_a_lost_card_has_no_chip_to_read(wf):
    _identify(wf, Case.LOST)
    assert wf.session.identify_mode is IdentifyMode.KEYPAD and wf.may_type_number and not wf.may_use_chip
    with pytest.raises(InvalidTransition):
        wf.use_chip()
    assert wf.session.identify_mode is IdentifyMode.KEYPAD and not wf.busy


class NeverMatches(FaceVerifier):
    def verify(self, reference_jpeg, live_frames, liveness="not_checked"):  # type: ignore[no-untyped-def]
        return FaceDecision(False, 0.9, 0.5, "test", liveness, "face_no_match")


def test_the_face_tries_left_count_down_to_the_counter(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.face_verifier = NeverMatches()
    wf = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    attempts = demo_cfg.session.face_attempts
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        assert wf.face_tries_left == attempts
        wf.proceed()
        left = [wf.face_tries_left]
        while wf.state is State.FACE_CHECK:
            wf.retry_face()
            left.append(wf.face_tries_left)
        assert wf.state is State.HANDOVER
        assert left == list(range(attempts - 1, -1, -1))
    finally:
        wf.shutdown()
        services.close()
