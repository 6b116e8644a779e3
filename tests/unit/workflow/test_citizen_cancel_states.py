"""Where the screen offers 'Cancel', the workflow must take it: one set, in the core."""

from __future__ import annotations

from kiosk.workflow.machine import GLOBAL, HELD_WHILE_BUSY
from kiosk.workflow.states import CITIZEN_CANCEL_STATES, State


def test_every_state_offering_cancel_is_one_the_workflow_cancels_from():
    sources, target = GLOBAL["cancel"]
    assert CITIZEN_CANCEL_STATES <= sources and target is State.GOODBYE
    assert not CITIZEN_CANCEL_STATES & HELD_WHILE_BUSY["cancel"]     # never offered mid-save


def test_the_steps_with_their_own_way_out_do_not_offer_it():
    own_way_out = {State.SUBMIT, State.PAYMENT, State.RECEIPT, State.HANDOVER, State.DEVICE_ERROR}
    assert not CITIZEN_CANCEL_STATES & own_way_out
    assert {State.CASE, State.PHONE_CHECK, State.REVIEW} <= CITIZEN_CANCEL_STATES
