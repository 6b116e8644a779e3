"""The reference office's phone checks (startPhoneCheck, answerPhoneCheck).

The "text message" goes to `outbox` instead of a phone: a test reads the code the
citizen would have received there (`last_code`). Each check takes `tries` answers; the
last wrong one ends it (404 from then on, as an expired or used check).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any


@dataclass
class _Check:
    phone: str
    code: str
    tries_left: int
    done: bool = False


class PhoneDesk:
    def __init__(self, *, tries: int = 3, resend_after_seconds: int = 30, code_length: int = 6) -> None:
        self.tries, self.resend_after_seconds, self.code_length = tries, resend_after_seconds, code_length
        self.checks: dict[str, _Check] = {}
        self.outbox: list[tuple[str, str, str]] = []    # (phone, language, code) as "sent"

    @property
    def last_code(self) -> str:
        return self.outbox[-1][2]

    def start(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        code = "".join(secrets.choice("0123456789") for _ in range(self.code_length))
        check_id = secrets.token_urlsafe(18)
        self.checks[check_id] = _Check(body["phone"], code, self.tries)
        self.outbox.append((body["phone"], body["language"], code))
        return 201, {"check_id": check_id, "expires_in_seconds": 300,
                     "resend_after_seconds": self.resend_after_seconds, "tries": self.tries}

    def answer(self, check_id: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """None: no such check (the server answers its 404)."""
        check = self.checks.get(check_id)
        if check is None or check.done:
            return None
        check.tries_left -= 1
        confirmed = secrets.compare_digest(body["code"], check.code)
        if confirmed or check.tries_left <= 0:
            check.done = True
        return 200, {"confirmed": confirmed, "tries_left": 0 if confirmed else check.tries_left}
