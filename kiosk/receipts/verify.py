"""Checking a receipt offline: decode its QR code, verify the signature, say why it fails.

Anyone holding the kiosk's public key can check a receipt without a network: a clerk at
the counter, the post office, the citizen. A failed check names its reason, because
"invalid" alone does not tell a clerk whether to suspect a forgery or a bad scan:

- `malformed`: the text is not a receipt payload (wrong prefix, field count, date, ...);
- `unsigned`: a receipt payload without its signature field;
- `unknown_key`: no public key for the kiosk the receipt names;
- `altered_field`: a field contradicts another one or the printed page (the kiosk id or
  the date disagree with the application number, whose check character is wrong, or the
  number printed on a PDF is not the signed one): someone edited that field;
- `bad_signature`: the fields are consistent but the signature does not match them:
  the case or identity digest was changed, or the receipt was not signed by that key;
- `no_qr_code`: no QR code was found in the image.

Two questions are answered apart: is the QR code's signature valid (`signature_valid`),
and does the printed text agree with it (`printed_text`: `agrees`, `disagrees` or
`not_checked`, with a note saying why). Only text a person can see counts as printed
(`visible_text`): a forged PDF that shows one number and hides the signed one as white,
invisible, covered, clipped or tiny text is caught by the number it shows. A picture
(PNG, JPEG) has no text layer, and a PDF may draw its number as a picture: then the
printed text is not checked, and the verdict says so, so a clerk compares it by eye.
A receipt is `valid` when its signature is and its printed text does not disagree.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Iterable

import numpy as np
from cryptography.exceptions import InvalidSignature

from hardware.images import PICTURE, ImageRefused, decode_gray
from kiosk.receipts.link import page_of, payload_from_code
from kiosk.receipts.payload import BadCheckCharacter, MalformedPayload, ReceiptPayload, parse_payload
from kiosk.receipts.pdf_page import PdfUnreadable, rasterise, run_tool
from kiosk.receipts.signing import PublicKeyInfo, SigningKeyError, load_public_key, parse_public_key
from kiosk.receipts.visible_text import page_text
from kiosk.storage.application_number import KIOSK_ID_PATTERN, is_valid_kiosk_id

PUBLIC_KEY_SUFFIXES = (".pem", ".pub")
_PRINTED_NUMBER_RE = re.compile(rf"(?<![A-Za-z0-9-])({KIOSK_ID_PATTERN}-\d{{6}}-\d{{4}}[0-9X])(?![A-Za-z0-9])")


class PrintedText(StrEnum):
    AGREES = "agrees"            # every application number a person sees on the page is the signed one
    DISAGREES = "disagrees"      # the page shows another number
    NOT_CHECKED = "not_checked"  # nothing printed could be compared (the note says why)


class Reason(StrEnum):
    OK = "ok"
    MALFORMED = "malformed"
    UNSIGNED = "unsigned"
    UNKNOWN_KEY = "unknown_key"
    ALTERED_FIELD = "altered_field"
    BAD_SIGNATURE = "bad_signature"
    NO_QR_CODE = "no_qr_code"


@dataclass
class Verdict:
    valid: bool
    reason: Reason
    message: str
    payload: ReceiptPayload | None = None
    fields: list[str] = field(default_factory=list)  # the fields at fault
    key: PublicKeyInfo | None = None                   # the key that verified the signature
    warnings: list[str] = field(default_factory=list)
    source: str = "text"
    qr_text: str | None = None
    signature_valid: bool = False                   # the QR code's signature, on its own
    printed_text: PrintedText = PrintedText.NOT_CHECKED
    printed_note: str = "only the QR code's text was given"
    printed_numbers: list[str] = field(default_factory=list)   # numbers a person sees on the page
    hidden_numbers: list[str] = field(default_factory=list)    # in the text layer, but unseen
    link: str | None = None                          # the verification page the code links to

    def as_dict(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "reason": self.reason.value,
            "message": self.message,
            "fields": list(self.fields),
            "warnings": list(self.warnings),
            "source": self.source,
            "payload": self.payload.as_dict() if self.payload else None,
            "qr_text": self.qr_text,
            "link": self.link,
            "key": (
                {"kiosk_id": self.key.kiosk_id, "fingerprint": self.key.fingerprint, "source": self.key.source}
                if self.key
                else None
            ),
            "signature_valid": self.signature_valid,
            "printed_text": {
                "status": self.printed_text.value,
                "note": self.printed_note,
                "visible_numbers": list(self.printed_numbers),
                "hidden_numbers": list(self.hidden_numbers),
            },
        }


class Keyring:
    """The public keys a verifier trusts, each with the kiosk it belongs to when known.

    A key without a kiosk id (a bare PEM) is tried for any receipt.
    """

    def __init__(self, keys: Iterable[PublicKeyInfo] = ()) -> None:
        self.keys: list[PublicKeyInfo] = list(keys)

    def add(self, info: PublicKeyInfo) -> None:
        self.keys.append(info)

    def add_path(self, path: Path) -> None:
        """A key file, or a folder of `<KIOSK-ID>.pem` files."""
        path = Path(path)
        if path.is_dir():
            found = 0
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in PUBLIC_KEY_SUFFIXES:
                    info = load_public_key(child)
                    stem = child.name.split(".")[0].upper()
                    if info.kiosk_id is None and is_valid_kiosk_id(stem):
                        info = PublicKeyInfo(info.key, stem, info.source)
                    self.keys.append(info)
                    found += 1
            if not found:
                # Every receipt would then read as "unknown key": say the folder is wrong instead.
                raise SigningKeyError(f"{path} holds no public key files ({', '.join(PUBLIC_KEY_SUFFIXES)})")
        else:
            self.keys.append(load_public_key(path))

    def for_kiosk(self, kiosk_id: str) -> list[PublicKeyInfo]:
        wanted = kiosk_id.upper()
        return [k for k in self.keys if k.kiosk_id is None or k.kiosk_id.upper() == wanted]

    def known_kiosks(self) -> list[str]:
        return sorted({k.kiosk_id for k in self.keys if k.kiosk_id})

    def __len__(self) -> int:
        return len(self.keys)


def verify_text(text: str, keyring: Keyring) -> Verdict:
    """Verify a scanned code against the keyring: the raw payload (receipts printed before
    the link) or the link to the office's verification page that carries it (`link`)."""
    text = text.strip()
    verdict = _verify_payload(text, payload_from_code(text) or text, keyring)
    verdict.link = page_of(text)
    return verdict


def _verify_payload(text: str, payload_text: str, keyring: Keyring) -> Verdict:
    try:
        payload = parse_payload(payload_text)
    except BadCheckCharacter as exc:
        return Verdict(False, Reason.ALTERED_FIELD, str(exc), fields=["application_number"], qr_text=text)
    except MalformedPayload as exc:
        return Verdict(
            False, Reason.MALFORMED, str(exc), fields=[exc.field] if exc.field else [], qr_text=text
        )
    if payload.signature is None:
        return Verdict(
            False, Reason.UNSIGNED, "the receipt carries no signature, so nothing proves a kiosk issued it",
            payload, ["signature"], qr_text=text,
        )
    candidates = keyring.for_kiosk(payload.kiosk_id)
    message = payload.signed_text.encode("utf-8")
    for info in candidates:
        try:
            info.key.verify(payload.signature, message)
        except InvalidSignature:
            continue
        warnings = [
            f"the signed {name.replace('_', ' ')} disagrees with the application number "
            "(the kiosk signed it so; check the kiosk's clock and time zone)"
            for name in payload.inconsistencies()
        ]
        who = f"kiosk {info.kiosk_id}" if info.kiosk_id else "the given key"
        return Verdict(
            True, Reason.OK,
            f"valid receipt {payload.application_number}, signed by {who} (key {info.fingerprint})",
            payload, key=info, warnings=warnings, qr_text=text, signature_valid=True,
        )
    altered = payload.inconsistencies()
    if altered:
        names = " and ".join(name.replace("_", " ") for name in altered)
        return Verdict(
            False, Reason.ALTERED_FIELD,
            f"the {names} {'do' if len(altered) > 1 else 'does'} not match the application number "
            f"{payload.application_number}, and the signature does not match: the field was altered",
            payload, altered, qr_text=text,
        )
    if not candidates:
        known = ", ".join(keyring.known_kiosks()) or "none"
        return Verdict(
            False, Reason.UNKNOWN_KEY,
            f"no public key for kiosk {payload.kiosk_id} (keys known for: {known}); "
            "get that kiosk's public key and pass it with --public-key",
            payload, ["kiosk_id"], qr_text=text,
        )
    tried = ", ".join(k.fingerprint for k in candidates)
    return Verdict(
        False, Reason.BAD_SIGNATURE,
        "the signature does not match the receipt's fields: the case or identity digest was changed, "
        f"the signature was altered, or another key signed it (tried key {tried})",
        payload, ["signature"], qr_text=text,
    )


def verify_file(path: Path, keyring: Keyring) -> Verdict:
    """Verify the receipt in a PNG/JPEG image or a PDF.

    For a PDF, the application numbers a person can see on the page are also compared
    with the signed one: a valid QR code pasted onto an edited page is caught that way.
    Raises ImageRefused for a picture or page too large to decode (its header says so
    before anything is decoded), PdfUnreadable for a PDF poppler cannot read, and
    FileNotFoundError when poppler is missing for a PDF.
    """
    path = Path(path)
    texts = decode_qr_codes(path)
    if not texts:
        return Verdict(
            False, Reason.NO_QR_CODE, f"no QR code found in {path.name}", source=str(path),
            printed_note="no QR code to compare the printed text with",
        )
    verdicts = [verify_text(t, keyring) for t in texts]
    verdict = next((v for v in verdicts if v.valid), verdicts[0])
    verdict.source = str(path)
    if not verdict.valid or verdict.payload is None:
        verdict.printed_note = "the QR code is not valid, so there is nothing to compare the printed text with"
    elif not _is_pdf(path):
        verdict.printed_note = (
            f"a picture has no text layer to compare: check by eye that it shows {verdict.payload.application_number}"
        )
    else:
        _compare_printed(verdict, path)
    return verdict


def _compare_printed(verdict: Verdict, pdf: Path) -> None:
    """Judge the numbers a person sees on the PDF's page against the signed one."""
    assert verdict.payload is not None
    signed = verdict.payload.application_number
    try:
        seen, hidden = printed_application_numbers(pdf)
    except (FileNotFoundError, PdfUnreadable) as exc:
        verdict.printed_note = f"the page's text could not be read: {exc}; check by eye that it shows {signed}"
        verdict.warnings.append(verdict.printed_note)
        return
    verdict.printed_numbers, verdict.hidden_numbers = sorted(seen), sorted(hidden - seen)
    if seen - {signed}:
        verdict.valid = False
        verdict.reason = Reason.ALTERED_FIELD
        verdict.fields = ["application_number"]
        verdict.printed_text = PrintedText.DISAGREES
        verdict.message = (
            f"the page shows application number {', '.join(sorted(seen))}, but its QR code is "
            f"signed for {signed}: the printed number was altered"
        )
        verdict.printed_note = verdict.message
    elif seen:
        verdict.printed_text = PrintedText.AGREES
        verdict.printed_note = f"the page shows {signed}, the signed number"
    elif hidden:
        verdict.printed_note = (
            f"the page holds application number {', '.join(sorted(hidden))} only as text no one can see "
            f"(white, invisible, covered, clipped or tiny): check by eye that the page shows {signed}"
        )
        verdict.warnings.append(verdict.printed_note)
    else:
        verdict.printed_note = (
            f"no application number in the page's text (it may be drawn as a picture): "
            f"check by eye that the page shows {signed}"
        )
        verdict.warnings.append(verdict.printed_note)
    if verdict.hidden_numbers and verdict.printed_text is not PrintedText.NOT_CHECKED:
        verdict.warnings.append(
            f"the page also holds {', '.join(verdict.hidden_numbers)} as text no one can see; it was ignored"
        )


def decode_qr_codes(path: Path) -> list[str]:
    """The texts of the QR codes in an image or PDF (first page), best effort, maybe empty.

    ImageRefused when the file is no picture this kiosk reads or is too large to decode
    (the header says so before anything is decoded): neither OpenCV nor zbar sees it then."""
    path = Path(path)
    if _is_pdf(path):
        with tempfile.TemporaryDirectory(prefix="receipt-verify-") as tmp:
            png = rasterise(path.resolve(), Path(tmp))
            return decode_qr_codes(png)
    image = decode_gray(path, PICTURE)
    found = _decode_with_opencv(image)
    if not found:
        found = _decode_with_zbar(path)
    return found


def printed_application_numbers(pdf: Path) -> tuple[set[str], set[str]]:
    """Application numbers in the first page's text: (those a person can see, those no one
    can). FileNotFoundError without poppler or Ghostscript; PdfUnreadable if the page
    cannot be judged."""
    page = page_text(pdf)
    seen: set[str] = set()
    hidden: set[str] = set()
    for match in _PRINTED_NUMBER_RE.finditer(page.text):
        (seen if page.all_seen(match.start(1), match.end(1)) else hidden).add(match.group(1))
    return seen, hidden


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _decode_with_opencv(image: np.ndarray) -> list[str]:
    import cv2  # heavy: imported only when an image is verified

    detector = cv2.QRCodeDetector()
    # Thermal receipts are tall and narrow; the detector copes better with a white border.
    framed = cv2.copyMakeBorder(image, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    for candidate in (framed, cv2.resize(framed, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)):
        ok, texts, _, _ = detector.detectAndDecodeMulti(candidate)
        found = [t for t in texts if t] if ok else []
        if found:
            return found
    return []


def _decode_with_zbar(path: Path) -> list[str]:
    exe = shutil.which("zbarimg")
    if exe is None:
        return []
    try:  # only a picture whose size was checked gets here; zbar decodes it once more
        out = run_tool([exe, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(Path(path).resolve())])
    except (OSError, PdfUnreadable):
        return []   # zbarimg exits 4 when it found no code
    return [line for line in out.decode("utf-8", "replace").splitlines() if line.strip()]


__all__ = [
    "ImageRefused",
    "Keyring",
    "PdfUnreadable",
    "PrintedText",
    "Reason",
    "SigningKeyError",
    "Verdict",
    "decode_qr_codes",
    "parse_public_key",
    "printed_application_numbers",
    "verify_file",
    "verify_text",
]
