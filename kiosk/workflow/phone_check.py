"""The phone check (issue 16): the mobile number typed at the contact step is confirmed
with a one-time code the office texts to it.

The office makes the code and counts wrong answers; the kiosk keeps what the citizen
can see and do: how many tries are left, when a new code may be sent (a text can take
a while: a second code sent at once crosses the first and confuses), and how many codes
one session may ask for, so that a kiosk cannot be used to text a number without end.
The calls run as jobs (`jobs.py`): a code that arrives after the citizen left is dropped
with its session. Neither the number nor the code is ever logged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from kiosk.phone_checks import CodeAnswer, CodeSent, PhoneChecks
from kiosk.workflow.jobs import JobContext

MAX_SENDS = 3              # codes per session
MAX_RESEND_WAIT_S = 300    # an office asking for longer is not believed (the citizen is waiting)
CODE = re.compile(r"[0-9]{4,8}")   # the contract's code
CODE_MIN_LENGTH, CODE_MAX_LENGTH = 4, 8
# Problems after which no code can confirm the number in this session now.
STUCK = frozenset({"phone_code_locked", "phone_code_no_more", "phone_check_unavailable"})
# ... and those whose words name the counter as a way on (a busy office may answer later).
COUNTER_OFFERED = STUCK | {"office_busy"}


@dataclass
class PhoneCheckProgress:
    """One number's check in a session: the code sent last and what it allows now."""

    phone: str
    sent: CodeSent | None = None
    sends: int = 0
    resend_at: float = 0.0     # on the workflow's monotonic clock
    tries_left: int = 0
    locked: bool = False       # the office's tries for the last code are used up

    def code_sent(self, sent: CodeSent, now: float) -> None:
        self.sent, self.tries_left, self.locked = sent, sent.tries, False
        self.sends += 1
        self.resend_at = now + min(max(sent.resend_after_seconds, 0), MAX_RESEND_WAIT_S)

    def resend_seconds_left(self, now: float) -> int:
        return max(0, math.ceil(self.resend_at - now))

    @property
    def sends_left(self) -> int:
        return max(0, MAX_SENDS - self.sends)

    def may_resend(self, now: float) -> bool:
        return not self.locked and self.sends_left > 0 and now >= self.resend_at

    def __repr__(self) -> str:   # the number stays out of logs and tracebacks
        return f"PhoneCheckProgress(sends={self.sends}, tries_left={self.tries_left}, locked={self.locked})"


def send(checks: PhoneChecks, phone: str, language: str) -> Callable[[JobContext], CodeSent]:
    """The work of the "send_code" job."""
    return lambda ctx: checks.send(phone, language)


def answer(checks: PhoneChecks, check_id: str, code: str) -> Callable[[JobContext], CodeAnswer | None]:
    """The work of the "check_code" job."""
    return lambda ctx: checks.answer(check_id, code)


def well_formed(code: Any) -> bool:
    return isinstance(code, str) and CODE.fullmatch(code) is not None
