"""The audit journal's entries, copied to the systemd journal as structured fields.

A fleet ships each machine's systemd journal with tools it already runs
(`systemd-journal-upload`, an OpenTelemetry collector's journald receiver), so an entry
written here leaves the machine with no server of ours: `IDKIOSK_EVENT=session_end`,
`IDKIOSK_OUTCOME=completed`, ... and the entry's `IDKIOSK_SEQ` and `IDKIOSK_HASH`, so
the journal's head is known off the machine too (what the hash chain alone cannot
protect: the newest entries cut off the end). The fields are the audit journal's own,
after its closed list let them through (`journal_fields`): no name, number or picture
can reach this module to be sent.

Hand-written rather than `systemd.journal.send`: the binding (`systemd-python`) comes
from PyPI only as C source that needs libsystemd's headers and a compiler on every
kiosk, and Debian's python3-systemd serves the system Python, not the kiosk's
virtualenv. The native protocol it would speak is small and stable
(systemd.io/JOURNAL_NATIVE_PROTOCOL): one datagram to /run/systemd/journal/socket,
each field `NAME=value\\n`, or for a value holding a newline `NAME\\n`, its length as
64-bit little-endian, the value and `\\n`.

The socket is non-blocking: a journald that falls behind costs the kiosk a copy (the
entry is in the audit journal), never a citizen's wait. Where there is no socket (no
systemd, a container) nothing is sent and nothing is logged.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import struct
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger("kiosk.telemetry")

SOCKET = Path("/run/systemd/journal/socket")
IDENTIFIER = "idkiosk"
_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
# Entries worth a technician's attention get the journal's "warning" priority.
_WARNING_EVENTS = {"device_fault", "journal_recovered"}
_WARNING_STATES = {"missing", "offline", "error", "paper_out", "cover_open", "full"}
_ABSENT = {errno.ENOENT, errno.ECONNREFUSED, errno.ENOTDIR}


def encode(fields: Mapping[str, Any]) -> bytes:
    """One datagram of the native protocol. Names must be upper-case letters, digits and
    underscores, not starting with an underscore (those are journald's own)."""
    out = bytearray()
    for name, value in fields.items():
        if not _NAME.fullmatch(name):
            raise ValueError("not a journal field name")
        data = value if isinstance(value, bytes) else str(value).encode("utf-8")
        if b"\n" in data:
            out += name.encode() + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
        else:
            out += name.encode() + b"=" + data + b"\n"
    return bytes(out)


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def fields_of(entry: Mapping[str, Any], kiosk_id: str | None = None) -> dict[str, str]:
    """The journal fields of an audit-journal entry as written (envelope and hash included)."""
    event = str(entry["event"])
    own = {k: v for k, v in entry.items() if k not in ("seq", "at", "event", "prev", "hash")}
    warning = event in _WARNING_EVENTS or (event == "device_state" and own.get("state") in _WARNING_STATES)
    words = " ".join(f"{k}={_word(v)}" for k, v in own.items())
    fields = {
        "MESSAGE": f"{event} {words}".strip(),
        "PRIORITY": "4" if warning else "6",
        "SYSLOG_IDENTIFIER": IDENTIFIER,
        "IDKIOSK_EVENT": event,
        "IDKIOSK_SEQ": _word(entry["seq"]),
        "IDKIOSK_AT": str(entry["at"]),
        "IDKIOSK_HASH": str(entry["hash"]),
    }
    if kiosk_id:
        fields["IDKIOSK_KIOSK_ID"] = kiosk_id
    for name, value in own.items():
        fields["IDKIOSK_" + name.upper()] = _word(value)
    return fields


class SystemdJournal:
    """Sends datagrams to journald's native socket; `send` never raises and never blocks."""

    def __init__(self, path: Path = SOCKET) -> None:
        self.path = Path(path)
        self.sent = 0
        self.dropped = 0
        self._sock: socket.socket | None = None
        self._failing = False
        self._lock = threading.Lock()   # entries come from the GUI thread and the monitor's

    def send(self, fields: Mapping[str, Any]) -> bool:
        """True when journald took the datagram."""
        data = encode(fields)
        with self._lock:
            try:
                if self._sock is None:
                    self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                    self._sock.setblocking(False)
                # Addressed each time rather than connected: a restarted journald binds anew.
                self._sock.sendto(data, str(self.path))
            except OSError as exc:
                if exc.errno not in _ABSENT:   # no journald here: nothing to say
                    self.dropped += 1
                    if not self._failing:
                        log.warning("telemetry: the systemd journal took no entry (%s); the audit journal has it",
                                    errno.errorcode.get(exc.errno or 0, type(exc).__name__))
                    self._failing = True
                return False
            self.sent += 1
            self._failing = False
            return True

    def close(self) -> None:
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


class JournalCopy:
    """A follower of the audit journal (`Journal.followers`): each entry to journald."""

    def __init__(self, target: SystemdJournal, kiosk_id: str | None = None) -> None:
        self.target = target
        self.kiosk_id = kiosk_id

    def __call__(self, entry: Mapping[str, Any]) -> None:
        self.target.send(fields_of(entry, self.kiosk_id))
