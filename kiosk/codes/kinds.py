"""Which code a scanned text is, and what it holds.

The kiosk knows four kinds, told apart by their shape alone (the camera cannot ask):

- `cccd`: the front QR of Viet Nam's chip CCCD (12 digits then '|', see `cccd`);
- `receipt`: a kiosk receipt, either the raw signed payload (`IDK1|...`) or a link to
  the office's verification page carrying it after '#' (see `kiosk.receipts.link`);
- `studio_photo`: a studio's photo-receipt code. Studios print a number or short code
  with a barcode; no public format exists, so the kiosk takes 6 to 32 letters, digits
  and hyphens, upper-cased, and the office says whether it knows it;
- `eid`: a national e-ID app's verification code: a short-lived token the issuer checks
  online (an https link, or 24 to 1024 URL-safe characters). The kiosk cannot read it;
  it passes it unchanged to the office to verify.

A text of none of these shapes, or one that claims a shape and breaks its rules, is
refused with a one-line message that quotes none of its content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Union

from kiosk.codes.cccd import CccdCode, InvalidCccdCode, looks_like_cccd, parse_cccd
from kiosk.receipts.link import payload_from_code
from kiosk.receipts.payload import MalformedPayload, ReceiptPayload, parse_payload


class CodeKind(StrEnum):
    CCCD = "cccd"
    RECEIPT = "receipt"
    STUDIO_PHOTO = "studio_photo"
    EID = "eid"


_STUDIO_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{4,30}[A-Z0-9]$")
_EID_TOKEN_RE = re.compile(r"^[A-Za-z0-9._~+/=:-]{24,1024}$")
_EID_LINK_RE = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/[\x21-\x7e]{0,1000}$")


class UnknownCode(ValueError):
    """The text is no code the kiosk knows, or breaks the rules of the kind it claims."""

    def __init__(self, message: str, kind: CodeKind | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field


@dataclass(frozen=True)
class StudioPhotoCode:
    code: str


@dataclass(frozen=True)
class EidCode:
    token: str = field(repr=False)   # short-lived, but it stands for a person: no logs


@dataclass(frozen=True)
class ReceiptCode:
    payload: ReceiptPayload
    text: str            # what the code carried, to verify as scanned
    link: str | None     # the verification page, when the code is a link


Content = Union[CccdCode, StudioPhotoCode, EidCode, ReceiptCode]


@dataclass(frozen=True)
class ScannedCode:
    kind: CodeKind
    content: Content

    def as_dict(self) -> dict[str, object]:
        content = self.content
        if isinstance(content, CccdCode):
            fields: dict[str, object] = dict(content.as_dict())
        elif isinstance(content, StudioPhotoCode):
            fields = {"code": content.code}
        elif isinstance(content, EidCode):
            fields = {"token": content.token}
        else:
            fields = {**content.payload.as_dict(), "link": content.link}
        return {"kind": self.kind.value, "fields": fields}


def classify(text: str) -> ScannedCode:
    """What `text` is; UnknownCode saying why it is none of the kiosk's codes."""
    if not text or not text.strip():
        raise UnknownCode("the code is empty")
    if looks_like_cccd(text):
        try:
            return ScannedCode(CodeKind.CCCD, parse_cccd(text))
        except InvalidCccdCode as exc:
            raise UnknownCode(f"a CCCD code that cannot be right: {exc}", CodeKind.CCCD, exc.field) from None
    stripped = text.strip()
    receipt = payload_from_code(stripped)
    if receipt is not None:
        link = stripped if receipt != stripped else None
        try:
            return ScannedCode(CodeKind.RECEIPT, ReceiptCode(parse_payload(receipt), receipt, link))
        except MalformedPayload as exc:
            raise UnknownCode(f"a kiosk receipt that cannot be right: {exc}", CodeKind.RECEIPT, exc.field) from None
    studio = unicodedata.normalize("NFKC", stripped).upper()
    if _STUDIO_RE.match(studio):
        return ScannedCode(CodeKind.STUDIO_PHOTO, StudioPhotoCode(studio))
    if _EID_LINK_RE.match(stripped) or _EID_TOKEN_RE.match(stripped):
        return ScannedCode(CodeKind.EID, EidCode(stripped))
    raise UnknownCode(
        "not a code this kiosk reads (a CCCD card's QR, a studio photo receipt, an e-ID code or a kiosk receipt)"
    )


def classify_for_eid(text: str) -> ScannedCode:
    """As `classify`, at the step that asks for an e-ID code (issue 16): a token of 24 to
    32 letters, digits and hyphens has a studio photo receipt's shape too, and `classify`
    calls it one; where no studio code is asked for, it is the e-ID code the citizen was
    asked to show."""
    code = classify(text)
    if code.kind is CodeKind.STUDIO_PHOTO and _EID_TOKEN_RE.match(text.strip()):
        return ScannedCode(CodeKind.EID, EidCode(text.strip()))
    return code
