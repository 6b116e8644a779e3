"""One way past the phone check (issue 16) for tests that walk whole journeys headless:
the demo office's public code. The UI tests use `KioskDriver.pass_phone_check`."""

from __future__ import annotations

from kiosk.demo.phone import DEMO_PHONE_CODE
from kiosk.workflow.states import State


def pass_phone_check(wf, code: str = DEMO_PHONE_CODE) -> None:
    """Answer the code when the contact step led to the phone check (a kiosk without one,
    or a number already confirmed, goes straight on)."""
    if wf.state is State.PHONE_CHECK:
        wf.answer_phone_code(code)
