"""The office's check of the citizen's mobile number: a one-time code sent by text message.

The office, not the kiosk, makes and sends the code and counts the wrong answers, so
a kiosk cannot be used to guess codes faster than the office allows; the kiosk only
carries what the citizen typed and says what the office answered. Production asks the
office over HTTPS (`kiosk.office_client.OfficePhoneChecks`); the demo's stand-in
(`kiosk.demo.phone`) "sends" a public code and refuses to run elsewhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from kiosk.office import OfficeFailure, OfficeUnavailable


@dataclass(frozen=True)
class CodeSent:
    """The office sent a code: the handle to answer it, and its limits."""

    check_id: str
    tries: int                  # answers the office accepts before the check fails
    resend_after_seconds: int   # before this, a new code is not sent (texts arrive late)
    expires_in_seconds: int

    def __repr__(self) -> str:   # the check id opens an answer: not for logs
        return f"CodeSent(tries={self.tries}, resend_after={self.resend_after_seconds})"


@dataclass(frozen=True)
class CodeAnswer:
    confirmed: bool
    tries_left: int


class PhoneChecks(ABC):
    @abstractmethod
    def send(self, phone: str, language: str) -> CodeSent:
        """Send a new code to `phone` (digits only) in the citizen's language."""

    @abstractmethod
    def answer(self, check_id: str, code: str) -> CodeAnswer | None:
        """Whether `code` is the one sent; None: the office no longer knows the check
        (expired or used), so only a new code can confirm the number."""

    def close(self) -> None:
        """Release connections (the HTTPS client's pool)."""


class UnconfiguredPhoneChecks(PhoneChecks):
    """A kiosk outside demo mode without an office endpoint (`kiosk config check` says so)."""

    def send(self, phone: str, language: str) -> CodeSent:
        raise OfficeUnavailable("no office is configured for phone checks", OfficeFailure.UNCONFIGURED)

    def answer(self, check_id: str, code: str) -> CodeAnswer | None:
        raise OfficeUnavailable("no office is configured for phone checks", OfficeFailure.UNCONFIGURED)
