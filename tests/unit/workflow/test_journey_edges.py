"""Rough edges a walk-through as a new citizen found, decided in the core."""

from __future__ import annotations

from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from tests.unit.workflow.test_renewal_headless import SIGNATURE, _walk_to_review


def test_consent_comes_before_anything_is_read_or_filmed(wf):
    """Issue 15: the consent is asked right after the case, and nothing (the chip's photo,
    the camera) is used before the citizen agreed."""
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    assert wf.state is State.CONSENT and not wf.session.consent
    assert wf.busy == "" and wf.session.identity is None     # the card on the reader is not read yet
    wf.back()                                 # not agreeing: back to the choice, nothing read
    assert wf.state is State.CASE and wf.session.identity is None and not wf.session.consent
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.session.consent
    assert wf.state is State.ELIGIBILITY     # only now the chip was read


def test_consent_can_be_given_only_on_its_screen(wf):
    import pytest

    from kiosk.workflow.machine import InvalidTransition

    with pytest.raises(InvalidTransition):
        wf.agree()                            # before a session
    _walk_to_review(wf, Case.EXPIRING)
    with pytest.raises(InvalidTransition):
        wf.agree()                            # the review only shows it
    assert not hasattr(wf, "set_consent")     # no tick box after the camera any more


def test_the_please_sign_message_goes_with_a_signature_but_not_with_an_empty_pad(wf):
    _walk_to_review(wf, Case.EXPIRING)
    wf.submit()
    assert wf.session.problem.code == "signature_missing"
    wf.sign(b"")                              # the pad was cleared: still missing
    assert wf.session.problem.code == "signature_missing"
    wf.sign(SIGNATURE)
    assert wf.session.problem is None


def test_submit_may_be_tapped_only_with_consent_and_signature(wf):
    _walk_to_review(wf, Case.EXPIRING)
    assert wf.session.consent                 # given before the camera
    assert not wf.may_submit
    wf.sign(SIGNATURE)
    assert wf.may_submit
    wf.session.consent = False                # not possible through the workflow: the guard holds anyway
    assert not wf.may_submit
    wf.submit()
    assert wf.state is State.REVIEW and wf.session.problem.code == "consent_missing"


def test_the_step_count_is_the_steps_a_citizen_does_and_the_last_is_shown_once(wf):
    from kiosk.workflow.states import STEP_COUNT

    seen: list[tuple[State, int | None]] = []
    wf.subscribe(lambda event, flow: seen.append((flow.state, flow.step)) if event == "state" else None)
    _walk_to_review(wf, Case.EXPIRING)
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.RECEIPT
    numbers = [step for _state, step in seen if step is not None]
    assert sorted(set(numbers)) == list(range(1, STEP_COUNT + 1))   # every step seen, none skipped
    assert [state for state, step in seen if step == STEP_COUNT] == [State.REVIEW]
    assert dict(seen)[State.SUBMIT] is None and dict(seen)[State.RECEIPT] is None


def test_the_promise_is_the_default_until_five_journeys_were_measured():
    from kiosk.workflow.journey_time import JourneyTimes

    times = JourneyTimes(default_minutes=5)
    for seconds in (120, 130, 140, 150):
        times.record(seconds)
    assert times.promise_minutes() == 5
    times.record(3000)                        # one citizen who chatted for 50 minutes
    assert times.promise_minutes() == 3       # median 140 s, rounded up: "about 3 minutes"
    times.record(float("nan"))
    times.record(-1)
    assert len(times) == 5


def test_the_welcome_promise_follows_the_measured_journeys(wf):
    clock = wf.services.monotonic
    assert wf.promised_minutes == 5
    _walk_to_review(wf, Case.EXPIRING)
    clock.advance(110)                        # the citizen reads and signs: 110 s by the clock
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.RECEIPT
    assert len(wf.journey_times) == 1         # from the language tap to the save
    for _ in range(4):                        # four more citizens like this one
        wf.journey_times.record(110)
    assert wf.promised_minutes == 2


def test_a_wrong_check_character_does_not_say_which_one_would_fit(wf):
    from kiosk.demo.specimen import specimen_identity_fields
    from tests.conftest import FIXED_NOW

    number = specimen_identity_fields(FIXED_NOW.date())["id_number"]
    wrong = number[:5] + str((int(number[5]) + 1) % 10) + number[6:]   # a middle digit mistyped
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number(wrong)
    problem = wf.session.problem
    assert problem.code == "id_invalid" and problem.params == {"reason": "check_character"}


def test_the_choose_screen_never_gets_two_photos_that_look_the_same(wf):
    import itertools

    import numpy as np

    from kiosk.biometrics.portrait_variety import SAME_BELOW, _thumbnail

    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT and wf.session.portrait_candidates   # the demo's still picture
    thumbs = [_thumbnail(c.jpeg) for c in wf.session.portrait_candidates]
    for a, b in itertools.combinations(thumbs, 2):
        assert float(np.mean(np.abs(a - b))) >= SAME_BELOW
