"""Errors of the domain rules, each with a stable machine code.

The UI translates the code (never the English message) into the citizen's language,
and the CLI prints both; so codes are part of the contract and must not change.
Messages never quote the data that failed (names, numbers, dates), so they are safe to log.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A rule said no. `code` is stable and machine-readable; `message` is plain English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class InvalidIdNumber(DomainError):
    """A national ID number (Chinese or Vietnamese) that cannot be right.

    Codes: 'length', 'characters', 'region', 'birth_date', 'check_character'.
    `expected_check` is the check character the first 17 characters call for, set only
    with code 'check_character', so a CLI or technician can see what was mistyped.
    """

    def __init__(self, code: str, message: str, expected_check: str | None = None) -> None:
        super().__init__(code, message)
        self.expected_check = expected_check


class MrzError(DomainError):
    """A machine-readable zone that does not parse or whose check digits disagree.

    Codes: 'format', 'characters', 'document_number_check', 'birth_date_check',
    'expiry_date_check', 'optional_data_check', 'composite_check', 'birth_date',
    'expiry_date'. For check-digit failures `expected` holds the digit the data calls for.
    """

    def __init__(self, code: str, message: str, expected: str | None = None) -> None:
        super().__init__(code, message)
        self.expected = expected
