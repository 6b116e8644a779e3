"""The export's manifest: the SHA-256 of every file, signed by the kiosk.

**Which key.** The manifest is signed with the kiosk's receipt key (Ed25519,
`receipt.signing_key`, `kiosk.receipts.signing`), not a key of its own. The office
already collects that public key from every kiosk to check receipts, and an operator's
question is the same one ("did this come from kiosk SH-XH-001, untouched?"): a second
key would be a second file to create, protect, back up and collect, for no gain. What a
shared key must not allow is one signature passing for the other: a receipt signature
is over a QR payload that starts with "IDK1|" (the receipt verifier refuses anything
else), and a manifest signature is over `DOMAIN` followed by the manifest, which never
does; so neither can be replayed as the other.

**Format.** `manifest.json` is one JSON object written canonically (sorted keys, ASCII,
one-space indent, a final newline): `{"manifest": {...}, "signature": {...}}`. The
signature is over `DOMAIN + canonical(manifest)`. The verifier re-encodes what it read
and requires the very same bytes, so no byte of the file can change unseen, not even
whitespace that JSON would ignore. The manifest carries the journal's head (the newest
entry's number and hash when the export was made): the one thing that, once it has left
the machine, shows an audit journal cut short at its end (see `journal.py`).

`verify` names every file that differs: changed (its hash), missing, added (any file in
the folder the manifest does not list), or the manifest itself (altered, or a signature
that does not match). The signature proves the export is as *some* key signed it; that
it is this kiosk's key is proved by comparing with the key the office holds
(`public_key=`); without one the report says the key was not checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

NAME = "manifest.json"
FORMAT = "idkiosk-export/1"
DOMAIN = b"idkiosk-export-manifest/1\n"
MAX_MANIFEST_BYTES = 1 << 20
SIGNATURE_MEMBERS = {"algorithm", "public_key", "key_fingerprint", "value"}


def canonical(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=True, sort_keys=True, indent=1, allow_nan=False) + "\n").encode("ascii")


def file_digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 16):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def build(folder: Path, names: list[str], about: dict[str, Any], private_key: Any) -> bytes:
    """The signed manifest of the files `names` in `folder` (`about`: kiosk, day, journal)."""
    files = {}
    for name in sorted(names):
        digest, size = file_digest(Path(folder) / name)
        files[name] = {"sha256": digest, "bytes": size}
    body = {"format": FORMAT, **about, "files": files}
    public = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    signature = private_key.sign(DOMAIN + canonical(body))
    return canonical({"manifest": body, "signature": {
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode("ascii"),
        "key_fingerprint": hashlib.sha256(public).hexdigest()[:16],
        "value": base64.b64encode(signature).decode("ascii"),
    }})


@dataclass
class Verdict:
    folder: Path
    problems: list[dict[str, str]] = field(default_factory=list)   # file, kind, detail
    manifest: dict[str, Any] | None = None
    key_fingerprint: str | None = None
    key_checked: bool = False    # compared with a key given by whoever verifies

    @property
    def valid(self) -> bool:
        return not self.problems

    def add(self, file: str, kind: str, detail: str) -> None:
        self.problems.append({"file": file, "kind": kind, "detail": detail})

    def as_dict(self) -> dict[str, Any]:
        m = self.manifest or {}
        return {
            "valid": self.valid,
            "folder": str(self.folder),
            "kiosk_id": m.get("kiosk_id"),
            "date": m.get("date"),
            "files": len(m.get("files", {})),
            "journal": m.get("journal"),
            "key_fingerprint": self.key_fingerprint,
            "key_checked": self.key_checked,
            "problems": self.problems,
        }


def verify(folder: Path, public_key: Ed25519PublicKey | None = None) -> Verdict:
    folder = Path(folder)
    verdict = Verdict(folder)
    path = folder / NAME
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            verdict.add(NAME, "altered", "far larger than any manifest")
            return verdict
        raw = path.read_bytes()
    except FileNotFoundError:
        verdict.add(NAME, "missing", "no manifest: nothing says what the export held")
        return verdict
    body = _signed_body(raw, verdict, public_key)
    if body is None:
        return verdict
    verdict.manifest = body
    listed: dict[str, Any] = body["files"]
    present = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    for name in present:
        if name == NAME:
            continue
        if name not in listed:
            verdict.add(name, "added", "not listed in the manifest")
            continue
        file = folder / name
        if file.is_symlink():
            verdict.add(name, "changed", "replaced by a symbolic link")
            continue
        digest, size = file_digest(file)
        if digest != listed[name]["sha256"]:
            verdict.add(name, "changed", f"SHA-256 {digest[:16]}... is not the manifest's "
                        f"{listed[name]['sha256'][:16]}... ({size} bytes, listed {listed[name]['bytes']})")
    for name in sorted(set(listed) - set(present)):
        verdict.add(name, "missing", "listed in the manifest, not in the folder")
    return verdict


def _b64(text: str) -> bytes:
    """Base64 as it was written, and only so: a last character before "=" carries bits
    decoders ignore, so "…w==" and "…x==" decode alike; re-encoding tells them apart."""
    data = base64.b64decode(text, validate=True)
    if base64.b64encode(data).decode("ascii") != text:
        raise ValueError("not canonical base64")
    return data


def _signed_body(raw: bytes, verdict: Verdict, expected: Ed25519PublicKey | None) -> dict[str, Any] | None:
    try:
        doc = json.loads(raw)
        body, sig = doc["manifest"], doc["signature"]
        files = body["files"]
        # Every member of the file is either signed or derived from what is: the envelope
        # holds exactly these, and the fingerprint must be the key's (an unsigned member
        # could otherwise be changed unseen).
        if set(doc) != {"manifest", "signature"} or set(sig) != SIGNATURE_MEMBERS or \
                body.get("format") != FORMAT or sig.get("algorithm") != "Ed25519" or not isinstance(files, dict) or \
                not all(isinstance(v, dict) and isinstance(v.get("sha256"), str) for v in files.values()):
            raise ValueError
        public, value = _b64(sig["public_key"]), _b64(sig["value"])
        key = Ed25519PublicKey.from_public_bytes(public)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        verdict.add(NAME, "altered", "not a signed export manifest (its format is damaged)")
        return None
    if canonical(doc) != raw:
        verdict.add(NAME, "altered", "its bytes are not as the kiosk wrote them")
        return None
    verdict.key_fingerprint = hashlib.sha256(public).hexdigest()[:16]
    if sig["key_fingerprint"] != verdict.key_fingerprint:
        verdict.add(NAME, "altered", "its key fingerprint is not its key's")
        return None
    try:
        key.verify(value, DOMAIN + canonical(body))
    except InvalidSignature:
        verdict.add(NAME, "altered", "the signature does not match the manifest")
        return None
    if expected is not None:
        verdict.key_checked = True
        known = expected.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if known != public:
            verdict.add(NAME, "foreign_key", f"signed by key {verdict.key_fingerprint}, not by the key given")
            return None
    return body
