"""The moves every state shares (cancel, timeout, device failure, out-of-service), driven.

`tests/unit/architecture/test_workflow_table.py` checks from the source that every move
goes through the table; these walk the shared rows on the demo devices.
"""

from __future__ import annotations

import pytest

from kiosk.domain.cases import Case
from kiosk.workflow.machine import GLOBAL, InvalidTransition
from kiosk.workflow.states import ACTIVE_STATES, Outcome, State
from tests.phone_check_walk import pass_phone_check



def test_out_of_service_waits_for_the_citizen_then_skips_the_goodbye(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    wf.set_out_of_service("printer: paper out")
    assert wf.state is State.ELIGIBILITY and wf.out_of_service_reason == ""   # they finish first
    wf.cancel()
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reason == "printer: paper out"
    assert wf.last_outcome is Outcome.CANCELLED and wf.session.is_wiped()
    with pytest.raises(InvalidTransition):
        wf.start("en")
    wf.back_in_service()
    assert wf.state is State.WELCOME and wf.out_of_service_reason == ""


def test_out_of_service_at_once_when_nobody_is_there(wf):
    wf.set_out_of_service("camera: gone")
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reason == "camera: gone"


def test_back_from_the_case_choice_ends_the_session_by_its_row(wf):
    wf.start("en")
    wf.back()
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.CANCELLED and wf.session.is_wiped()


def test_a_move_the_table_refuses_wipes_nothing(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT
    with pytest.raises(InvalidTransition):
        wf.finish()
    assert wf.state is State.PORTRAIT and wf.session.identity is not None and wf.last_outcome is None


def test_retry_returns_once_to_the_state_that_failed(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.services.camera.vanish()
    wf.proceed()
    assert wf.state is State.DEVICE_ERROR
    wf.retry()                                   # still gone: fails again, from the same step
    assert wf.state is State.DEVICE_ERROR and wf.session.problem.code == "camera_missing"
    wf.services.camera.restore()
    wf.retry()
    assert wf.state is State.PORTRAIT            # the face check ran again, and matched


def test_the_idle_timeout_applies_at_the_device_error_too(wf, demo_cfg):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.services.camera.vanish()
    wf.proceed()
    assert wf.state is State.DEVICE_ERROR
    wf.services.monotonic.advance(demo_cfg.session.idle_warning_seconds + demo_cfg.session.idle_countdown_seconds)
    wf.tick()
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT and wf.session.is_wiped()


def test_cancel_and_timeout_belong_to_the_active_states_only(wf):
    assert GLOBAL["cancel"][0] == GLOBAL["timeout"][0] == ACTIVE_STATES
    for action in (wf.cancel, wf.restart):
        with pytest.raises(InvalidTransition):
            action()                             # at the welcome screen nothing is active


def test_two_reasons_hold_at_once_and_the_kiosk_serves_when_neither_does(wf):
    # Issue 11: one reason overwrote the other, and any "back in service" cleared both.
    events = []
    wf.subscribe(lambda event, flow: events.append(event))
    wf.set_out_of_service("switched_off")
    wf.set_out_of_service("printer_paper_out")
    assert wf.state is State.OUT_OF_SERVICE
    assert wf.out_of_service_reasons == ("printer_paper_out", "switched_off")
    assert events[-1] == "out_of_service"                  # the screen redraws the new reason
    wf.back_in_service("printer_paper_out")
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reason == "switched_off"
    wf.back_in_service("printer_paper_out")                # twice: nothing happens
    assert wf.state is State.OUT_OF_SERVICE
    wf.back_in_service("switched_off")
    assert wf.state is State.WELCOME and wf.out_of_service_reasons == ()


def test_a_reason_gone_before_the_session_ends_never_shows(wf):
    wf.start("en")
    wf.set_out_of_service("camera_unavailable")
    wf.set_out_of_service("printer_paper_out")
    wf.back_in_service("camera_unavailable")
    assert wf.state is State.CASE and wf.out_of_service_reasons == ("printer_paper_out",)
    wf.back_in_service("printer_paper_out")
    wf.cancel()
    assert wf.state is State.GOODBYE


def test_an_out_of_service_reason_is_a_code(wf):
    with pytest.raises(ValueError):
        wf.set_out_of_service("")
    assert wf.state is State.WELCOME


def test_a_save_in_progress_holds_the_cancel_back(wf):
    """HELD_WHILE_BUSY: cancel is a shared row of SUBMIT, refused while the save runs."""
    from kiosk.workflow.jobs import SyncJobRunner

    class HoldTheSave(SyncJobRunner):
        held = None

        def start(self, job):
            if job.name == "submit":
                self.held = job
            else:
                super().start(job)

    wf.runner = runner = HoldTheSave()
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    wf.choose_portrait(0)
    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    wf.sign(b"\x89PNG\r\n\x1a\n fake signature bytes")
    wf.submit()
    assert wf.state is State.SUBMIT and wf.busy == "submit"
    with pytest.raises(InvalidTransition):
        wf.cancel()
    assert wf.state is State.SUBMIT and wf.busy == "submit" and not wf.session.is_wiped()
    SyncJobRunner.start(runner, runner.held)
    assert wf.state is State.RECEIPT
    wf.finish()
    assert wf.last_outcome is Outcome.COMPLETED
