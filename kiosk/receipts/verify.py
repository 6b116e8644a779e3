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
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Iterable

from cryptography.exceptions import InvalidSignature

from kiosk.receipts.payload import BadCheckCharacter, MalformedPayload, ReceiptPayload, parse_payload
from kiosk.receipts.signing import PublicKeyInfo, SigningKeyError, load_public_key, parse_public_key
from kiosk.storage.application_number import KIOSK_ID_PATTERN, is_valid_kiosk_id

PUBLIC_KEY_SUFFIXES = (".pem", ".pub")
_PRINTED_NUMBER_RE = re.compile(rf"(?<![A-Za-z0-9-])({KIOSK_ID_PATTERN}-\d{{6}}-\d{{4}}[0-9X])(?![A-Za-z0-9])")


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
            "key": (
                {"kiosk_id": self.key.kiosk_id, "fingerprint": self.key.fingerprint, "source": self.key.source}
                if self.key
                else None
            ),
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
    """Verify a scanned payload against the keyring."""
    text = text.strip()
    try:
        payload = parse_payload(text)
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
            payload, key=info, warnings=warnings, qr_text=text,
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

    For a PDF, the application number printed on the page is also compared with the
    signed one: a valid QR code pasted onto an edited page is caught that way.
    """
    path = Path(path)
    texts = decode_qr_codes(path)
    if not texts:
        return Verdict(False, Reason.NO_QR_CODE, f"no QR code found in {path.name}", source=str(path))
    verdicts = [verify_text(t, keyring) for t in texts]
    verdict = next((v for v in verdicts if v.valid), verdicts[0])
    verdict.source = str(path)
    if verdict.valid and verdict.payload is not None and _is_pdf(path):
        printed = printed_application_numbers(path)
        signed = verdict.payload.application_number
        if printed and signed not in printed:
            verdict.valid = False
            verdict.reason = Reason.ALTERED_FIELD
            verdict.fields = ["application_number"]
            verdict.message = (
                f"the page shows application number {', '.join(sorted(printed))}, but its QR code is "
                f"signed for {signed}: the printed number was altered"
            )
        elif not printed:
            verdict.warnings.append("no application number found in the page's text to compare")
    return verdict


def decode_qr_codes(path: Path) -> list[str]:
    """The texts of the QR codes in an image or PDF (first page), best effort, maybe empty."""
    path = Path(path)
    if _is_pdf(path):
        with tempfile.TemporaryDirectory(prefix="receipt-verify-") as tmp:
            png = _rasterise_pdf(path, Path(tmp))
            return decode_qr_codes(png)
    found = _decode_with_opencv(path)
    if not found:
        found = _decode_with_zbar(path)
    return found


def printed_application_numbers(pdf: Path) -> set[str]:
    """Application numbers in the PDF's text layer (poppler's pdftotext); empty if none/unavailable."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return set()
    try:
        text = subprocess.run(
            [exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    text = re.sub(r"-\s*\n\s*", "-", text)  # a long number is broken after a hyphen
    return set(_PRINTED_NUMBER_RE.findall(text))


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _rasterise_pdf(pdf: Path, out_dir: Path) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise FileNotFoundError("pdftoppm (Debian package poppler-utils) is needed to read a PDF receipt")
    stem = out_dir / "page"
    subprocess.run(
        [exe, "-r", "300", "-png", "-gray", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True, timeout=120, capture_output=True,
    )
    return stem.with_suffix(".png")


def _decode_with_opencv(path: Path) -> list[str]:
    import cv2  # heavy: imported only when an image is verified
    import numpy as np

    # Python reads, OpenCV only decodes: cv2.imread crashes the process on a file name
    # that is not UTF-8.
    try:
        data = path.read_bytes()
    except OSError:
        return []
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE) if data else None
    if image is None:
        return []
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
    try:
        out = subprocess.run(
            [exe, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(path)],
            capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return [line for line in out.stdout.splitlines() if line.strip()]


__all__ = [
    "Keyring",
    "Reason",
    "SigningKeyError",
    "Verdict",
    "decode_qr_codes",
    "parse_public_key",
    "printed_application_numbers",
    "verify_file",
    "verify_text",
]
