"""A typed ID number reveals nothing about its holder until the live face has matched.

Anyone can type anyone's number at a kiosk. For a chip the citizen holds their own card,
so "Is this you?" comes first; for a typed number the order is identify, face check
against the office's reference photo, and only then "Is this you?". These tests watch
every event the workflow sends (what a screen would redraw) and check that nothing the
screens read (the session's identity and what follows from it) nor any log line names
the holder before the match, whatever happens on the way: a face that never matches,
a number the office does not know, a mistyped number corrected, a timeout, a camera
that vanishes.
"""

from __future__ import annotations

import dataclasses
import logging

import pytest

from launcher.services import build_services
from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier
from kiosk.domain.cases import Case
from kiosk.identity import Identity
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import InvalidTransition, Workflow
from kiosk.workflow.states import IdentifyMode, Outcome, State
from tests.conftest import FIXED_NOW

# Two valid numbers of the demo's country (CHN check digits).
NUMBER = "110105198403120488"
OTHER_NUMBER = "11010519491231002X"


class Verifier(FaceVerifier):
    """Matches when told to, and words a failed liveness as the real matcher does (only a
    matching face 'fails liveness'); keeps the references it was given."""

    def __init__(self, match: bool = True) -> None:
        self.match = match
        self.references: list[bytes] = []

    def verify(self, reference_jpeg, live_frames, liveness="not_checked"):
        self.references.append(reference_jpeg)
        if self.match and liveness == "failed":
            return FaceDecision(False, 0.2, 0.5, "test", liveness, "liveness_failed")
        if self.match:
            return FaceDecision(True, 0.2, 0.5, "test", liveness)
        return FaceDecision(False, 0.9, 0.5, "test", liveness, "face_no_match")


class ChallengeNotDone:
    """A live analyzer that sees a face but never a blink or a head turn: a photo held up
    to the camera."""

    running = True

    def __init__(self, camera, mode: str) -> None:
        self.camera, self.mode = camera, mode
        self.liveness_verdict = "failed"

    def start(self) -> None: ...
    def stop(self, timeout: float = 0.0) -> None: ...
    def reset(self) -> None: ...

    def set_mode(self, mode: str) -> None:
        self.mode = mode

    def wait_for(self, predicate, timeout, cancel=None):
        from types import SimpleNamespace

        return SimpleNamespace(camera_ok=True)

    def recent_frames(self) -> list:
        return [self.camera.read(timeout=2.0)]


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.face_verifier = Verifier()
    services.monotonic = ManualClock()
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    yield flow
    flow.shutdown()
    services.close()


class Watch:
    """Every event of the workflow, with what the screens could read at that moment."""

    def __init__(self, wf: Workflow, holder: Identity) -> None:
        self.wf, self.holder = wf, holder
        self.leaks: list[str] = []
        self.states: list[State] = []
        wf.subscribe(self._seen)

    def _seen(self, event: str, wf: Workflow) -> None:
        if event == "state":
            self.states.append(wf.state)
        decision = wf.session.face_decision
        if decision is None or not decision.match:
            self.leaks.extend(f"{event} in {wf.state}: {leak}" for leak in revealed(wf, self.holder))


def revealed(wf: Workflow, holder: Identity) -> list[str]:
    """What the session shows the screens about `holder` (its sealed record aside)."""
    s = wf.session
    found = [name for name in ("identity", "eligibility", "validity", "fee") if getattr(s, name) is not None]
    secrets = {
        "name": holder.display_name, "surname": holder.surname, "given names": holder.given_names,
        "expiry": holder.card_expiry.isoformat(), "birth date": holder.birth_date.isoformat(),
        "document number": holder.document_number,
    }
    for field in dataclasses.fields(s):
        if field.name == "sealed_identity":
            continue
        value = getattr(s, field.name)
        text = repr(value)
        found += [f"{field.name} holds the {what}" for what, secret in secrets.items() if secret and secret in text]
        if holder.reference_photo and isinstance(value, bytes) and holder.reference_photo in value:
            found.append(f"{field.name} holds the reference photo")
    if s.problem is not None:
        found += [f"problem names the {what}" for what, secret in secrets.items()
                  if secret and secret in repr(s.problem)]
    return found


def _lost_card(wf: Workflow) -> Identity:
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    assert wf.session.identify_mode is IdentifyMode.KEYPAD
    holder = wf.services.registry.lookup(NUMBER)
    assert holder is not None and holder.reference_photo
    return holder


def _log_names_nobody(caplog, holder: Identity) -> None:
    for record in caplog.records:
        line = record.getMessage()
        for secret in (holder.display_name, holder.surname, holder.id_number, holder.card_expiry.isoformat()):
            assert secret not in line, f"log line names the holder: {line!r}"


def test_a_typed_number_shows_its_holder_only_after_the_face_matched(wf, caplog):
    caplog.set_level(logging.DEBUG)
    holder = _lost_card(wf)
    watch = Watch(wf, holder)
    wf.submit_id_number(NUMBER)

    assert watch.leaks == []
    # The face check came first, against the office's reference photo, and only then "Is this you?".
    assert watch.states == [State.FACE_CHECK, State.ELIGIBILITY]
    assert wf.services.face_verifier.references == [holder.reference_photo]
    # Now the citizen sees their record, and whether they may renew.
    assert wf.state is State.ELIGIBILITY and wf.face_confirmed
    ident = wf.session.identity
    assert (ident.display_name, ident.id_number, ident.card_expiry) == (
        holder.display_name, NUMBER, holder.card_expiry)
    assert ident.reference_photo == holder.reference_photo
    assert wf.session.eligibility.eligible and wf.session.fee is not None
    assert wf.session.sealed_identity is None
    # "Yes, continue": to the portrait, without a second face check.
    wf.proceed()
    assert wf.state is State.PORTRAIT and len(wf.services.face_verifier.references) == 1
    _log_names_nobody(caplog, holder)


def test_the_step_indicator_never_runs_backwards_in_either_order(wf):
    steps: list[int] = []
    wf.subscribe(lambda event, flow: steps.append(flow.step) if event == "state" and flow.step else None)
    for case, typed in ((Case.EXPIRING, ""), (Case.LOST, NUMBER)):
        steps.clear()
        wf.start("en")
        wf.choose_case(case)
        wf.agree()
        if typed:
            wf.submit_id_number(typed)
        wf.proceed()
        # chip: case 1, consent 1, identify 2, "Is this you?" 2, face 3, portrait 4;
        # typed: case 1, consent 1, identify 2, face 3, "Is this you?" 3, portrait 4.
        assert steps == [1, 1, 2, 2, 3, 4] if not typed else [1, 1, 2, 3, 3, 4], (case, steps)
        wf.cancel()
        wf.restart()


def test_a_face_that_never_matches_a_typed_number_learns_nothing(wf, demo_cfg, caplog):
    caplog.set_level(logging.DEBUG)
    wf.services.face_verifier.match = False
    holder = _lost_card(wf)
    watch = Watch(wf, holder)
    wf.submit_id_number(NUMBER)
    while wf.state is State.FACE_CHECK:
        assert wf.session.problem.code == "face_no_match_typed"
        assert wf.holder_sealed
        wf.retry_face()
    assert wf.state is State.HANDOVER and wf.session.handover_reason == "face"
    assert wf.session.face_attempts == demo_cfg.session.face_attempts
    assert State.ELIGIBILITY not in watch.states
    assert wf.session.sealed_identity is None      # handed over: the record is never opened now
    wf.finish()
    assert watch.leaks == [] and wf.session.is_wiped()
    _log_names_nobody(caplog, holder)


def test_a_number_the_office_does_not_know_looks_like_a_face_that_does_not_match(wf, demo_cfg):
    """Whether a record exists is the holder's too: the kiosk must not answer "is this number
    issued?". With no record the face check runs as for any number and can never match."""
    real_lookup = wf.services.registry.lookup
    wf.services.registry.lookup = lambda number: None if number == OTHER_NUMBER else real_lookup(number)

    def seen_after_one_try(number: str, match: bool) -> tuple:
        wf.services.face_verifier.match = match
        wf.start("en")
        wf.choose_case(Case.LOST)
        wf.agree()
        wf.submit_id_number(number)
        s = wf.session
        seen = (wf.state, wf.step, wf.holder_sealed, s.problem, s.identity, s.eligibility, s.face_attempts)
        wf.cancel()
        wf.restart()
        return seen

    unknown = seen_after_one_try(OTHER_NUMBER, match=True)   # a face that would match anything
    mismatch = seen_after_one_try(NUMBER, match=False)
    assert unknown == mismatch
    assert unknown[0] is State.FACE_CHECK and unknown[3].code == "face_no_match_typed"


def test_a_photo_held_up_to_the_camera_does_not_learn_whose_number_it_is(demo_cfg, session_tmp):
    """With liveness required, a photo fails the challenge. The real matcher calls that
    'liveness failed' only for a face that matches, which for a typed number would say
    "this number is the person in the photo": the answer must not depend on the match."""
    from kiosk.config import with_overrides

    cfg = with_overrides(demo_cfg, {"biometrics.liveness.required": True})
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.face_verifier = verifier = Verifier()
    services.analyzer_factory = ChallengeNotDone
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    real_lookup = services.registry.lookup
    seen = {}
    try:
        for number, match in ((NUMBER, True), (NUMBER, False), (OTHER_NUMBER, True)):
            verifier.match = match     # OTHER_NUMBER has no record at the office
            services.registry.lookup = (lambda n: None) if number == OTHER_NUMBER else real_lookup
            flow.start("en")
            flow.choose_case(Case.LOST)
            flow.agree()
            flow.submit_id_number(number)
            seen[number, match] = (flow.state, flow.session.problem, flow.session.identity)
            flow.cancel()
            flow.restart()
    finally:
        flow.shutdown()
        services.close()
    assert seen[NUMBER, True] == seen[NUMBER, False] == seen[OTHER_NUMBER, True]
    assert seen[NUMBER, True][0] is State.FACE_CHECK and seen[NUMBER, True][1].code == "liveness_failed"


def test_a_mistyped_number_is_changed_at_the_face_check_and_the_tries_still_count(wf, demo_cfg):
    wf.services.face_verifier.match = False
    holder = _lost_card(wf)
    watch = Watch(wf, holder)
    wf.submit_id_number(OTHER_NUMBER)
    assert wf.state is State.FACE_CHECK and wf.session.face_attempts == 1
    wf.change_number()
    assert wf.state is State.IDENTIFY and wf.session.identify_mode is IdentifyMode.KEYPAD
    assert wf.session.sealed_identity is None and wf.session.problem is None and not wf.busy
    wf.services.face_verifier.match = True
    wf.submit_id_number(NUMBER)
    assert wf.state is State.ELIGIBILITY and wf.session.identity.id_number == NUMBER
    assert wf.session.face_attempts == 1             # a new number is no fresh set of tries
    assert watch.leaks == []
    # Only a typed number can be changed there: a chip's face check has no such way back.
    wf.cancel()
    wf.restart()
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.services.face_verifier.match = False
    wf.proceed()
    assert wf.state is State.FACE_CHECK and not wf.holder_sealed
    with pytest.raises(InvalidTransition):
        wf.change_number()


def test_this_is_not_me_after_a_typed_match_asks_the_face_again(wf):
    """A refused record takes its face match with it: a card read next (someone else's)
    goes through its own face check."""
    _lost_card(wf)
    wf.submit_id_number(NUMBER)
    assert wf.state is State.ELIGIBILITY and wf.face_confirmed
    wf.back()                                        # "This is not me"
    assert wf.state is State.CASE
    assert wf.session.identity is None and wf.session.face_decision is None
    wf.choose_case(Case.EXPIRING)                    # the demo reader holds the specimen card
    wf.agree()
    assert wf.state is State.ELIGIBILITY and not wf.face_confirmed
    assert wf.step == 2
    wf.proceed()
    assert wf.state is State.PORTRAIT
    assert len(wf.services.face_verifier.references) == 2   # the chip's face check ran


def test_not_eligible_after_a_typed_match_is_refused_with_its_reason(wf):
    import datetime as dt

    real_lookup = wf.services.registry.lookup

    def too_young(number: str) -> Identity:
        record = real_lookup(number)
        return dataclasses.replace(record, birth_date=FIXED_NOW.date() - dt.timedelta(days=365 * 10))

    wf.services.registry.lookup = too_young
    holder = _lost_card(wf)
    watch = Watch(wf, too_young(NUMBER))
    wf.submit_id_number(NUMBER)
    assert watch.leaks == []
    assert wf.state is State.ELIGIBILITY and not wf.session.eligibility.eligible
    assert wf.session.eligibility.code == "too_young"
    with pytest.raises(InvalidTransition):
        wf.proceed()
    wf.finish()
    assert wf.last_outcome is Outcome.NOT_ELIGIBLE and wf.session.is_wiped()
    assert holder.id_number == NUMBER


def test_idle_timeout_and_cancel_at_the_face_check_forget_the_sealed_record(wf, demo_cfg, session_tmp):
    wf.services.face_verifier.match = False
    _lost_card(wf)
    wf.submit_id_number(NUMBER)
    assert wf.state is State.FACE_CHECK and wf.session.sealed_identity is not None
    wf.services.monotonic.advance(demo_cfg.session.idle_warning_seconds + demo_cfg.session.idle_countdown_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT
    assert wf.session.is_wiped() and list(session_tmp.iterdir()) == []

    _lost_card(wf)
    wf.submit_id_number(NUMBER)
    wf.cancel()
    assert wf.last_outcome is Outcome.CANCELLED and wf.session.is_wiped()


def test_a_camera_that_vanishes_during_a_typed_face_check_keeps_the_record_sealed(wf):
    holder = _lost_card(wf)
    watch = Watch(wf, holder)
    wf.services.camera.vanish()
    wf.submit_id_number(NUMBER)
    assert wf.state is State.DEVICE_ERROR and wf.session.problem.code == "camera_missing"
    assert wf.session.identity is None and wf.session.sealed_identity is not None
    wf.services.camera.restore()
    wf.retry()
    assert wf.state is State.ELIGIBILITY and wf.session.identity.id_number == NUMBER
    assert watch.leaks == []


def test_the_sealed_record_opens_only_for_a_matching_face():
    from kiosk.demo.specimen import specimen_identity
    from kiosk.identity import SealedIdentity

    record = specimen_identity(FIXED_NOW.date())
    sealed = SealedIdentity(record)
    assert record.surname not in repr(sealed) and record.id_number not in str(sealed)
    assert sealed.reference_photo() == record.reference_photo
    with pytest.raises(PermissionError):
        sealed.open(FaceDecision(False, 0.9, 0.5, "test"))
    assert sealed.open(FaceDecision(True, 0.2, 0.5, "test")) is record
    nothing = SealedIdentity(None)
    assert nothing.reference_photo() == b""
    with pytest.raises(PermissionError):
        nothing.open(FaceDecision(True, 0.2, 0.5, "test"))
