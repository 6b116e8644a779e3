"""A card left on the reader is never read as the next citizen's.

The reader is the plain simulated one (a chip stays until the test removes it), with
the same ISO 7816 chip the demo uses; the jobs run inline, so every wait the workflow
starts must end by itself or by the card leaving.
"""

from __future__ import annotations

import threading
import time

import pytest

from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
from launcher.services import build_services
from kiosk.config import with_overrides
from kiosk.demo.specimen import make_specimen_files
from kiosk.domain.cases import Case
from kiosk.workflow.card_watch import THANKS_AFTER_CARD_S
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import Outcome, State
from tests.conftest import FIXED_NOW
from tests.thread_job_runner import ThreadJobRunner


def _chip() -> SimulatedChip:
    return SimulatedChip(make_specimen_files(FIXED_NOW.date()))


@pytest.fixture
def services(demo_cfg, session_tmp):
    # The shortest card wait the settings allow: a read that must fail waits this long.
    cfg = with_overrides(demo_cfg, {"session.card_wait_seconds": 5})
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    services.card_reader = SimulatedCardReader()
    yield services
    services.close()


def _workflow(services, runner=None, **kwargs) -> Workflow:
    return Workflow(services, runner or SyncJobRunner(), frame_interval_s=0.0,
                    portrait_countdown_s=0.0, face_frames=4, **kwargs)


def _read_and_leave(wf: Workflow) -> None:
    """A citizen reads their card, then walks away from the eligibility screen."""
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    wf.cancel()
    assert wf.state is State.GOODBYE


def test_goodbye_asks_for_the_card_and_waits_for_it(services, demo_cfg):
    services.card_reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10)
    _read_and_leave(wf)
    assert wf.card_left_on_reader

    # Past the usual goodbye time, the screen stays while the card lies there.
    clock = services.monotonic
    clock.advance(30)
    wf.tick()
    assert wf.state is State.GOODBYE and wf.card_left_on_reader

    # The citizen takes it: the goodbye closes once the thanks have been seen.
    services.card_reader.remove()
    clock.advance(1)
    wf.tick()
    clock.advance(THANKS_AFTER_CARD_S)
    wf.tick()
    assert wf.state is State.WELCOME and not wf.card_left_on_reader


def test_a_card_never_taken_is_announced_and_not_read_for_the_next_citizen(services, demo_cfg):
    reader = services.card_reader
    reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10)
    _read_and_leave(wf)

    # The goodbye gives up after `card_removal_seconds`; the welcome says a card was left.
    services.monotonic.advance(services.config.session.card_removal_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME and wf.card_left_on_reader

    # The next citizen starts: the card still there is not read, they are told to take it off.
    reads = _count_reads(reader)
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.IDENTIFY
    assert wf.session.problem.code == "card_left_on_reader"
    assert wf.session.identity is None and reads() == 0

    # Once it is off (the screen's tick sees the empty reader), their own card is read.
    reader.remove()
    wf.tick()
    reader.present(_chip())
    wf.retry_card()
    assert wf.state is State.ELIGIBILITY and reads() > 0
    assert not wf.card_left_on_reader


def test_next_read_starts_once_the_old_card_is_taken(demo_cfg, session_tmp):
    """The wait for removal runs in the read job: the citizen sees the prompt, takes the
    old card off, places theirs, and the read goes on without a tap."""
    services = build_services(demo_cfg, today=FIXED_NOW.date())   # the default, long card wait
    services.clock = lambda: FIXED_NOW
    reader = services.card_reader = SimulatedCardReader()
    first = _chip()
    reader.present(first)
    runner = ThreadJobRunner()
    wf = _workflow(services, runner)
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        _pump_until(runner, lambda: wf.state is State.ELIGIBILITY)
        wf.cancel()
        wf.restart()
        assert wf.state is State.WELCOME

        notes: list[str] = []
        wf.subscribe(lambda event, flow: notes.append(flow.progress[2]) if event == "progress" else None)
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        _pump_until(runner, lambda: "remove_card" in notes)
        assert wf.state is State.IDENTIFY and wf.session.identity is None

        reader.remove()                                  # the old card is taken off...
        _pump_until(runner, lambda: notes[-1] == "")     # ...the kiosk has seen it go...
        reader.present(_chip())                          # ...and the citizen places theirs
        _pump_until(runner, lambda: wf.state is State.ELIGIBILITY)
        assert wf.session.identity is not None
    finally:
        wf.shutdown()
        runner.shutdown()
        services.close()


def test_a_card_found_at_start_up_must_be_taken_off_first(services, demo_cfg):
    services.card_reader.present(_chip())
    wf = _workflow(services, card_may_be_on_reader=True)
    wf.tick()
    assert wf.card_left_on_reader          # the welcome screen says so
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.session.problem.code == "card_left_on_reader"


def _typed_number_session(wf: Workflow, place=None, runner: ThreadJobRunner | None = None) -> None:
    """A lost-card citizen types their number (and may put a card down meanwhile), then
    leaves once the number is taken. The kiosk never reads the reader for them."""
    from kiosk.demo.specimen import specimen_identity_fields

    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    if place is not None:
        place()
    wf.submit_id_number(specimen_identity_fields(FIXED_NOW.date())["id_number"])
    if runner is not None:
        _pump_until(runner, lambda: wf.state is not State.IDENTIFY or wf.session.problem is not None)
    assert wf.state is not State.IDENTIFY, wf.session.problem
    wf.cancel()
    assert wf.state is State.GOODBYE


def test_a_card_left_during_a_typed_number_session_is_not_read_for_the_next_citizen(services, demo_cfg):
    """Citizen A types a number and leaves a card on the reader; citizen B chooses the
    expiring card: A's card is a card left behind, never B's."""
    reader = services.card_reader
    left = _chip()
    wf = _workflow(services, goodbye_seconds=10)
    _typed_number_session(wf, place=lambda: reader.present(left))
    assert wf.card_left_on_reader                          # the goodbye asks for it
    services.monotonic.advance(11)
    wf.tick()
    assert wf.state is State.GOODBYE                       # and waits for it

    services.monotonic.advance(services.config.session.card_removal_seconds + 1 - 11)
    wf.tick()
    assert wf.state is State.WELCOME and wf.card_left_on_reader
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.session.problem.code == "card_left_on_reader"
    assert wf.session.identity is None and left.total_apdus == 0


def test_a_card_lying_there_before_a_typed_number_session_is_still_left_after_it(services, demo_cfg):
    services.card_reader.present(_chip())   # somebody else's card lies there
    wf = _workflow(services, goodbye_seconds=10)
    _typed_number_session(wf)
    assert wf.card_left_on_reader


def test_a_typed_number_session_with_an_empty_reader_closes_as_usual(services, demo_cfg):
    """Nothing on the reader: no "take your card", the goodbye closes at its time."""
    wf = _workflow(services, goodbye_seconds=10)
    _typed_number_session(wf)
    assert not wf.card_left_on_reader
    services.monotonic.advance(11)
    wf.tick()
    assert wf.state is State.WELCOME and not wf.card_left_on_reader


@pytest.mark.parametrize("outcome", [Outcome.TIMED_OUT, Outcome.CANCELLED, Outcome.NOT_ELIGIBLE])
def test_every_outcome_checks_the_reader(services, demo_cfg, outcome):
    import datetime as dt

    # Not eligible: a card that expires in a year.
    days = 355 if outcome is Outcome.NOT_ELIGIBLE else 0
    services.card_reader.present(SimulatedChip(make_specimen_files(FIXED_NOW.date() + dt.timedelta(days=days))))
    wf = _workflow(services)
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    if outcome is Outcome.TIMED_OUT:
        services.monotonic.advance(demo_cfg.session.idle_warning_seconds + demo_cfg.session.idle_countdown_seconds + 1)
        wf.tick()
    elif outcome is Outcome.CANCELLED:
        wf.cancel()
    else:
        assert not wf.session.eligibility.eligible
        wf.finish()
    assert wf.last_outcome is outcome
    assert wf.card_left_on_reader


def test_a_reader_that_cannot_answer_never_counts_as_the_card_taken(services, demo_cfg):
    """Unplugged for a moment (a USB glitch, pcscd restarting): the card is still there
    when it comes back, and it must not be read for the next citizen."""
    reader = services.card_reader
    reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10)
    _read_and_leave(wf)
    reader.unplug()
    wf.tick()
    assert wf.card_left_on_reader                   # unknown is not "taken"
    reader.plug()
    services.monotonic.advance(services.config.session.card_removal_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME and wf.card_left_on_reader
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.session.problem.code == "card_left_on_reader" and wf.session.identity is None


def test_the_thanks_stay_a_moment_after_a_late_card_is_taken(services, demo_cfg):
    services.card_reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10)
    _read_and_leave(wf)
    services.monotonic.advance(30)                  # long past the usual goodbye
    wf.tick()
    assert wf.state is State.GOODBYE and wf.card_left_on_reader
    services.card_reader.remove()
    wf.tick()
    assert wf.state is State.GOODBYE and not wf.card_left_on_reader   # "thank you" is seen
    services.monotonic.advance(4)
    wf.tick()
    assert wf.state is State.WELCOME


def test_a_card_swapped_for_another_at_the_goodbye_counts_as_taken(services, demo_cfg):
    """The next citizen takes the old card off and puts theirs on quicker than the
    kiosk looks: the reader counted the old card leaving, so it is gone, and the card
    there now is the next citizen's to read."""
    reader = services.card_reader
    reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10)
    _read_and_leave(wf)
    assert wf.card_left_on_reader

    theirs = _chip()
    reader.swap(theirs)
    wf.tick()
    assert wf.state is State.GOODBYE and not wf.card_left_on_reader   # "thank you"
    services.monotonic.advance(11)
    wf.tick()
    assert wf.state is State.WELCOME and not wf.card_left_on_reader

    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    assert theirs.total_apdus > 0


def test_a_swap_during_the_wait_for_the_old_card_lets_the_read_go_on(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())   # the default, long card wait
    services.clock = lambda: FIXED_NOW
    reader = services.card_reader = SimulatedCardReader()
    reader.present(_chip())
    runner = ThreadJobRunner()
    wf = _workflow(services, runner, card_may_be_on_reader=True)   # found at start-up
    try:
        notes: list[str] = []
        wf.subscribe(lambda event, flow: notes.append(flow.progress[2]) if event == "progress" else None)
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        _pump_until(runner, lambda: "remove_card" in notes)

        theirs = _chip()
        reader.swap(theirs)                               # old card off, theirs on, at once
        _pump_until(runner, lambda: wf.state is State.ELIGIBILITY, limit_s=10.0)
        assert wf.session.identity is not None and theirs.total_apdus > 0
        assert not wf.card_left_on_reader
    finally:
        wf.shutdown()
        runner.shutdown()
        services.close()


def test_a_card_swapped_in_during_a_session_is_left_behind_after_it(services, demo_cfg):
    """What the reader saw before a session ended does not decide what is left after it:
    a citizen who swaps the old card for their own during a typed-number session and
    leaves theirs behind has left a card, though the old one went."""
    reader = services.card_reader
    reader.present(_chip())
    wf = _workflow(services, goodbye_seconds=10, card_may_be_on_reader=True)
    wf.tick()
    assert wf.card_left_on_reader                         # seen at start-up
    _typed_number_session(wf, place=lambda: reader.swap(_chip()))
    assert wf.card_left_on_reader


def test_an_answer_about_the_field_before_a_session_ended_does_not_clear_the_card_after_it(demo_cfg, session_tmp):
    """A reader check still under way when a session ends (an NFC radio check can take
    seconds) looked at the field before the citizen left their card: its "empty" must
    not clear the card now lying there."""

    class SlowReader(SimulatedCardReader):
        def __init__(self) -> None:
            super().__init__()
            self.looked, self.answer = threading.Event(), threading.Event()

        def field_empty(self):
            empty = super().field_empty()
            self.looked.set()
            self.answer.wait(30)
            return empty

    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    reader = services.card_reader = SlowReader()
    runner = ThreadJobRunner()
    wf = _workflow(services, runner, card_may_be_on_reader=True)
    try:
        wf.tick()                                  # the start-up check: the field is empty...
        assert reader.looked.wait(10)
        _typed_number_session(wf, lambda: reader.present(_chip()), runner)   # ...a card is left
        reader.answer.set()                        # the old answer arrives now
        _pump_until(runner, lambda: not runner.busy())
        _pump_until(runner, lambda: _ticked(wf) and wf.card_left_on_reader, limit_s=10.0)
    finally:
        reader.answer.set()
        wf.shutdown()
        runner.shutdown()
        services.close()


def _ticked(wf: Workflow) -> bool:
    wf.tick()
    return True


def test_demo_citizen_takes_the_card_back_and_places_it_again():
    reader = SimulatedCardReader(hand_back_after_s=0.0)
    reader.hand(_chip())
    assert not reader.card_present()              # in the citizen's hand
    conn = reader.wait_for_card(1.0)
    assert conn is not None and reader.card_present()
    conn.close()                                   # read done: taken back at once
    assert reader.wait_for_removal(1.0)
    assert not reader.card_present()
    assert reader.wait_for_card(1.0) is not None   # placed again for the next read


def test_wait_for_removal_honours_cancel_and_timeout():
    reader = SimulatedCardReader()
    reader.present(_chip())
    assert reader.wait_for_removal(0.05) is False
    cancel = threading.Event()
    cancel.set()
    assert reader.wait_for_removal(30, cancel) is False
    reader.remove()
    assert reader.wait_for_removal(0.05) is True


def _count_reads(reader: SimulatedCardReader):
    real = reader.wait_for_card
    calls = {"n": 0}

    def counting(timeout, cancel=None):
        conn = real(timeout, cancel)
        if conn is not None:
            calls["n"] += 1
        return conn

    reader.wait_for_card = counting
    return lambda: calls["n"]


def _pump_until(runner: ThreadJobRunner, condition, limit_s: float = 30.0) -> None:
    deadline = time.monotonic() + limit_s   # a safety bound, not a timing expectation
    while not condition():
        assert time.monotonic() < deadline, "the workflow never got there"
        runner.pump(0.05)
