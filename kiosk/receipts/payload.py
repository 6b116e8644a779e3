"""The text a receipt's QR code carries, read back field by field.

`IDK1|<application number>|<yyyymmdd>|<kiosk id>|<case>|<identity digest>|<signature>`

The first six fields are what `model.qr_payload` writes and what the kiosk signs (their
UTF-8 bytes, joined by '|'); the seventh is the Ed25519 signature over them, 64 bytes as
unpadded base64url (86 characters). Parsing is strict: a verifier must be able to say
exactly which part of a scanned text is wrong, so every rule has its own message.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass

from kiosk.domain.cases import Case
from kiosk.receipts.model import QR_PREFIX, QR_SEPARATOR
from kiosk.storage.application_number import (
    KIOSK_ID_PATTERN,
    ApplicationNumber,
    mod11_2_check_char,
    parse_application_number,
)

SIGNATURE_BYTES = 64
SIGNATURE_CHARS = 86  # ceil(64 * 8 / 6), no padding
SIGNED_FIELDS = 6

FIELD_NAMES = ("prefix", "application_number", "date", "kiosk_id", "case", "identity_digest", "signature")

_KIOSK_ID_RE = re.compile(rf"^{KIOSK_ID_PATTERN}$")
_NUMBER_SHAPE_RE = re.compile(rf"^(?P<kiosk>{KIOSK_ID_PATTERN})-(?P<day>[0-9]{{6}})-(?P<seq>[0-9]{{4}})(?P<check>[0-9X])$")
_DIGEST_RE = re.compile(r"^[0-9a-f]{16}$")
_B64URL_RE = re.compile(r"^[A-Za-z0-9_-]+$")


class MalformedPayload(ValueError):
    """The text is not a receipt payload. `field` names the part at fault (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class BadCheckCharacter(MalformedPayload):
    """The application number has the right shape but its check character is wrong:
    the number was changed after it was issued (or mistyped)."""


@dataclass(frozen=True)
class ReceiptPayload:
    application_number: str
    day: dt.date
    kiosk_id: str
    case: Case
    identity_digest: str
    signature: bytes | None  # None: the text carried no signature
    signed_text: str         # the first six fields exactly as scanned: what the signature covers

    @property
    def number(self) -> ApplicationNumber:
        return parse_application_number(self.application_number)

    def inconsistencies(self) -> list[str]:
        """Fields that contradict the application number, which repeats kiosk id and day."""
        number = self.number
        wrong = []
        if number.kiosk_id != self.kiosk_id.upper():
            wrong.append("kiosk_id")
        if number.day != self.day:
            wrong.append("date")
        return wrong

    def as_dict(self) -> dict[str, str | None]:
        return {
            "application_number": self.application_number,
            "date": self.day.isoformat(),
            "kiosk_id": self.kiosk_id,
            "case": self.case.value,
            "identity_digest": self.identity_digest,
            "signature": encode_signature(self.signature) if self.signature is not None else None,
        }


def _shown(field: str) -> str:
    """A field quoted for a message, shortened: a scanned or pasted text can be any length."""
    return repr(field if len(field) <= 40 else field[:37] + "...")


def encode_signature(signature: bytes) -> str:
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def decode_signature(text: str) -> bytes:
    if len(text) != SIGNATURE_CHARS or not _B64URL_RE.match(text):
        raise MalformedPayload(
            f"the signature must be {SIGNATURE_CHARS} base64url characters (got {len(text)})", "signature"
        )
    try:
        raw = base64.urlsafe_b64decode(text + "==")
    except (binascii.Error, ValueError):
        raise MalformedPayload("the signature is not valid base64url", "signature") from None
    if len(raw) != SIGNATURE_BYTES or encode_signature(raw) != text:
        # The last character carries 4 unused bits; only the canonical form is accepted,
        # so no two texts decode to the same signature.
        raise MalformedPayload("the signature is not canonical base64url", "signature")
    return raw


def parse_payload(text: str) -> ReceiptPayload:
    """Read a scanned text; raises MalformedPayload (or BadCheckCharacter) saying what is wrong."""
    text = text.strip()
    if not text:
        raise MalformedPayload("the text is empty")
    if not text.isascii():
        # The kiosk writes ASCII only. Other digits (Arabic-Indic, full-width) mean the text
        # was typed or changed by hand; refusing them here keeps every later rule ASCII.
        at = next(i for i, c in enumerate(text) if not c.isascii())
        field = FIELD_NAMES[min(text.count(QR_SEPARATOR, 0, at), len(FIELD_NAMES) - 1)]
        raise MalformedPayload(
            f"the text holds a character that is not ASCII (U+{ord(text[at]):04X} at position {at + 1}, "
            f"in the {field.replace('_', ' ')}); a receipt payload is plain ASCII, so it was typed or changed by hand",
            field,
        )
    parts = text.split(QR_SEPARATOR)
    if parts[0] != QR_PREFIX:
        raise MalformedPayload(
            f"not a kiosk receipt: it must start with {QR_PREFIX}{QR_SEPARATOR}", "prefix"
        )
    if len(parts) not in (SIGNED_FIELDS, SIGNED_FIELDS + 1):
        raise MalformedPayload(
            f"a receipt payload has {SIGNED_FIELDS + 1} fields separated by '{QR_SEPARATOR}', this one has {len(parts)}"
        )
    _, number, day_text, kiosk_id, case_text, digest = parts[:SIGNED_FIELDS]
    shape = _NUMBER_SHAPE_RE.match(number)
    if shape is None:
        raise MalformedPayload(
            f"the application number {_shown(number)} is not of the form KIOSK-YYMMDD-NNNNC", "application_number"
        )
    digits = "".join(c for c in number[:-1] if c.isdigit())
    if mod11_2_check_char(digits) != shape.group("check"):
        raise BadCheckCharacter(
            f"the check character of application number {number} does not match its digits: "
            "the number was altered",
            "application_number",
        )
    try:
        parse_application_number(number)
    except ValueError as exc:
        raise MalformedPayload(f"application number {number}: {exc}", "application_number") from None
    if len(day_text) != 8 or not day_text.isdigit():
        raise MalformedPayload(f"the date {_shown(day_text)} is not a valid YYYYMMDD date", "date")
    try:
        day = dt.datetime.strptime(day_text, "%Y%m%d").date()
    except ValueError:
        raise MalformedPayload(f"the date {_shown(day_text)} is not a valid YYYYMMDD date", "date") from None
    if not _KIOSK_ID_RE.match(kiosk_id.upper()):
        raise MalformedPayload(f"the kiosk id {_shown(kiosk_id)} is not valid", "kiosk_id")
    try:
        case = Case(case_text)
    except ValueError:
        known = ", ".join(c.value for c in Case)
        raise MalformedPayload(f"the case {_shown(case_text)} is not one of {known}", "case") from None
    if not _DIGEST_RE.match(digest):
        raise MalformedPayload("the identity digest must be 16 lowercase hex digits", "identity_digest")
    signature = decode_signature(parts[SIGNED_FIELDS]) if len(parts) > SIGNED_FIELDS else None
    signed_text = QR_SEPARATOR.join(parts[:SIGNED_FIELDS])
    return ReceiptPayload(number, day, kiosk_id, case, digest, signature, signed_text)
