"""The journal's file format: one JSON object a line, each carrying the hash of the one
before it and its own, one file a day. Shared by the writer (`journal`) and the
verifier (`journal_verify`), which must agree on every byte.

A line is the entry's JSON with its hash appended as the last member:

    {"seq":7,"at":"2026-11-21T09:31:02.125+08:00","event":"step",...,"prev":"<64 hex>","hash":"<64 hex>"}

`hash` is the SHA-256 of the line's bytes up to the member before it, closed with "}"
(that is, of the entry's JSON as written, without its own hash), so checking it needs no
JSON canonicalisation: a verifier in any language cuts the suffix off and hashes. `prev`
is the previous entry's `hash` (all zeros for the first entry ever), so the previous
entry, and through it every entry before, is covered too. `seq` counts entries from 1
across all days: a gap says entries are missing, a smaller number after a larger one
says lines were moved, without comparing hashes at all.

Files are named by the kiosk's local day (`2026-11-21.jsonl`); the chain runs on across
days, so a day file deleted from the middle shows as entries missing at the start of
the next one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
FOLDER = "journal"            # under the kiosk's data folder
SUFFIX = ".jsonl"
_FILE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.jsonl$")
_HASH_TAIL = re.compile(rb',"hash":"([0-9a-f]{64})"\}$')


def journal_folder(data_dir: Path) -> Path:
    """The journal of the kiosk whose data folder is `data_dir`."""
    return Path(data_dir) / FOLDER


def file_name(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}{SUFFIX}"


def day_of(path: Path) -> dt.date | None:
    """The day a journal file is for, None for any other file."""
    m = _FILE_RE.match(path.name)
    if m is None:
        return None
    try:
        return dt.date.fromisoformat(m[1])
    except ValueError:
        return None


def day_files(folder: Path) -> list[Path]:
    """The journal's day files, oldest first."""
    try:
        found = [p for p in folder.iterdir() if day_of(p) is not None and p.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found, key=lambda p: p.name)


def encode(entry: dict[str, Any]) -> tuple[bytes, str]:
    """The line for `entry` (which ends with "prev"), without its newline, and its hash."""
    body = json.dumps(entry, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")
    digest = hashlib.sha256(body).hexdigest()
    return body[:-1] + b',"hash":"' + digest.encode("ascii") + b'"}', digest


@dataclass(frozen=True)
class Line:
    """One line of a day file as read back: its entry when it is whole and unaltered."""

    raw: bytes
    entry: dict[str, Any] | None     # None: not an entry (see `damage`)
    damage: str = ""                 # why it is not, in words

    @property
    def ok(self) -> bool:
        return self.entry is not None

    @property
    def seq(self) -> int | None:
        """The entry's number, also read from a damaged line when it still says one."""
        if self.entry is not None:
            return self.entry["seq"]
        m = re.match(rb'^\{"seq":(\d{1,15}),', self.raw)
        return int(m[1]) if m else None


def parse(raw: bytes) -> Line:
    """Read one line (without its newline) and check it against its own hash."""
    if not raw:
        return Line(raw, None, "an empty line")
    m = _HASH_TAIL.search(raw)
    if m is None:
        return Line(raw, None, "not a journal entry (no hash at its end)")
    body = raw[: m.start()] + b"}"
    if hashlib.sha256(body).hexdigest() != m[1].decode("ascii"):
        return Line(raw, None, "its content does not match its hash")
    try:
        entry = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return Line(raw, None, "not valid JSON")
    if (not isinstance(entry, dict) or entry.get("hash") != m[1].decode("ascii")
            or not isinstance(entry.get("seq"), int) or isinstance(entry.get("seq"), bool)
            or not isinstance(entry.get("prev"), str) or not isinstance(entry.get("event"), str)):
        return Line(raw, None, "not a journal entry (seq, event, prev or hash missing)")
    return Line(raw, entry)
