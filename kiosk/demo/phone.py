"""The demo office's phone check: every number "receives" the same public code.

The demo has no phone and no text messages, so the code is fixed and documented
(README, like the demo's maintenance PINs); the tries and the resend delay are the
office's usual ones, so the demo shows the real step. Refused outside demo mode: it
would confirm any number.
"""

from __future__ import annotations

import secrets

from kiosk.phone_checks import CodeAnswer, CodeSent, PhoneChecks

DEMO_PHONE_CODE = "123456"
TRIES = 3
RESEND_AFTER_SECONDS = 30


class DemoPhoneChecks(PhoneChecks):
    def __init__(self, mode: str) -> None:
        if mode != "demo":
            raise RuntimeError("the demo phone check can only run in demo mode")
        self._tries: dict[str, int] = {}

    def send(self, phone: str, language: str) -> CodeSent:
        check_id = secrets.token_urlsafe(18)
        self._tries[check_id] = TRIES
        return CodeSent(check_id, TRIES, RESEND_AFTER_SECONDS, 300)

    def answer(self, check_id: str, code: str) -> CodeAnswer | None:
        left = self._tries.pop(check_id, 0)
        if left <= 0:
            return None
        if code == DEMO_PHONE_CODE:
            return CodeAnswer(True, 0)
        if left > 1:
            self._tries[check_id] = left - 1
        return CodeAnswer(False, left - 1)
