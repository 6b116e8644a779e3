"""The day's sessions, retold from the audit journal: one row per session.

The export is a *view* of the journal, not a record of its own: every figure in it is
read back from entries the kiosk already wrote (`journal_fields` lists what they may
hold: codes, states, numbers, never a name, an ID number or a phone number), so an
export can say nothing the journal could not. Lines that fail their own hash are left
out of the view and counted (`Day.damaged_lines`); `kiosk audit verify` says where.

Each entry is checked again against the journal's closed list of fields and words
(`journal_fields.checked`) before anything of it is used: a line that was written by
hand, with a recomputed hash, holding a name where a case should be, is left out and
counted with the damaged ones (`Day.refused_entries`), never copied into an export.

A session is named by the `seq` of its `session_start` entry. It belongs to the day its
start is in; a session still open at midnight is followed into the next day's file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from kiosk.operations import journal_lines as lines
from kiosk.operations.journal_fields import ENVELOPE, FieldRefused, checked
from kiosk.storage.application_number import is_valid_kiosk_id

# The citizen's steps in the order a session walks them (the columns of the table).
STEPS = ("case", "identify", "eligibility", "face_check", "portrait", "contact", "review",
         "submit", "receipt", "handover", "device_error")
GIVE_UP = ("cancelled", "timed_out")


@dataclass
class SessionRow:
    session: int
    start: dt.datetime
    language: str
    large_text: bool = False
    end: dt.datetime | None = None
    case: str = ""
    outcome: str = ""                  # "" while the journal holds no end (the kiosk stopped)
    step_reached: str = ""             # the screen the session ended on
    seconds: dict[str, float] = field(default_factory=dict)
    handover_reason: str = ""
    problems: list[str] = field(default_factory=list)        # problem codes, in order
    device_faults: list[str] = field(default_factory=list)   # "device:code"
    application_number: str = ""
    fee: Decimal | None = None
    currency: str = ""
    pickup: str = ""
    printed: bool | None = None
    queue_state: str = ""              # delivered | queued | parked | missing (filled in later)
    # Payment orders that ended in this session (issue 16): (result, amount, reference), in order.
    payments: list[tuple[str, Decimal, str]] = field(default_factory=list)
    delivered_at: dt.datetime | None = None

    @property
    def duration(self) -> float | None:
        return None if self.end is None else round((self.end - self.start).total_seconds(), 3)

    @property
    def failure(self) -> str:
        """Why the session did not complete, as a code: hand-over reason, last problem."""
        if self.outcome == "completed":
            return ""
        if self.handover_reason:
            return f"handover:{self.handover_reason}"
        return self.problems[-1] if self.problems else ""


@dataclass
class Day:
    day: dt.date
    sessions: list[SessionRow] = field(default_factory=list)
    kiosk_ids: list[str] = field(default_factory=list)
    starts: list[dt.datetime] = field(default_factory=list)            # kiosk (re)starts
    device_states: list[tuple[dt.datetime, str, str]] = field(default_factory=list)  # at, device, state
    device_faults: list[tuple[dt.datetime, str, str]] = field(default_factory=list)  # at, device, code
    maintenance: list[tuple[dt.datetime, str, str]] = field(default_factory=list)    # at, action, device
    out_of_service: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)
    entries: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str | None = None
    damaged_lines: int = 0
    refused_entries: int = 0
    earlier_kiosk_id: str = ""   # from the last start before this day (a kiosk runs for days)

    @property
    def kiosk_id(self) -> str:
        return self.kiosk_ids[-1] if self.kiosk_ids else self.earlier_kiosk_id


class _Settings:
    """What `checked` compares a Configured field with: this kiosk's id and currency, as
    the journal shows them (the first well-formed ones), so a reader needs no configuration."""

    def __init__(self, kiosk_id: str | None) -> None:
        self.kiosk_id = kiosk_id
        self.currency: str | None = None


def _allowed(entry: dict[str, Any], settings: _Settings) -> bool:
    event = entry.get("event")
    fields = {k: v for k, v in entry.items() if k not in ENVELOPE}
    for money in ("fee", "amount"):
        if isinstance(fields.get(money), str):    # money is written as a string, checked as a Decimal
            try:
                fields[money] = Decimal(fields[money])
            except ArithmeticError:
                return False
    if event == "kiosk_start" and settings.kiosk_id is None and isinstance(fields.get("kiosk_id"), str) \
            and is_valid_kiosk_id(fields["kiosk_id"]):
        settings.kiosk_id = fields["kiosk_id"]
    if event in ("application_saved", "payment") and settings.currency is None and isinstance(fields.get("currency"), str) \
            and len(fields["currency"]) == 3 and fields["currency"].isascii() and fields["currency"].isupper():
        settings.currency = fields["currency"]
    try:
        checked(str(event), fields, settings)
    except (FieldRefused, TypeError, ValueError):
        return False
    return isinstance(entry.get("at"), str)


def _entries(path: Path, day: Day | None, settings: _Settings) -> Iterator[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    for raw in data.split(b"\n"):
        if not raw:
            continue
        line = lines.parse(raw)
        if not line.ok:
            if day is not None:
                day.damaged_lines += 1
            continue
        assert line.entry is not None
        try:
            dt.datetime.fromisoformat(line.entry.get("at", ""))
            ok = _allowed(line.entry, settings)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            if day is not None:
                day.refused_entries += 1
            continue
        yield line.entry


def _last_kiosk_id(folder: Path, day: dt.date) -> str:
    """The kiosk id of the newest start before `day` (newest day file first)."""
    for path in reversed([p for p in lines.day_files(folder) if (lines.day_of(p) or day) < day]):
        for raw in reversed(path.read_bytes().split(b"\n")):
            if b'"event":"kiosk_start"' in raw:
                line = lines.parse(raw)
                if line.ok and isinstance(line.entry.get("kiosk_id"), str) and is_valid_kiosk_id(line.entry["kiosk_id"]):  # type: ignore[union-attr]
                    return line.entry["kiosk_id"]  # type: ignore[index]
    return ""


def read_day(folder: Path, day: dt.date) -> Day:
    """The sessions and device events of `day` in the journal `folder`."""
    result = Day(day)
    result.earlier_kiosk_id = _last_kiosk_id(Path(folder), day)
    settings = _Settings(result.earlier_kiosk_id or None)
    open_: dict[int, SessionRow] = {}
    oos_since: dt.datetime | None = None
    for entry in _entries(Path(folder) / lines.file_name(day), result, settings):
        result.entries += 1
        if result.first_seq is None:
            result.first_seq = entry["seq"]
        result.last_seq, result.last_hash = entry["seq"], entry["hash"]
        at = dt.datetime.fromisoformat(entry["at"])
        event = entry["event"]
        if event == "session_start":
            row = SessionRow(entry["seq"], at, entry["language"], bool(entry.get("large_text")))
            open_[row.session] = row
            result.sessions.append(row)
            continue
        if event == "step":
            if entry["state"] == "out_of_service" and oos_since is None:
                oos_since = at
            elif entry["from"] == "out_of_service" and oos_since is not None:
                result.out_of_service.append((oos_since, at))
                oos_since = None
        elif event == "kiosk_start":
            result.starts.append(at)
            result.kiosk_ids.append(entry["kiosk_id"])
        elif event == "device_state":
            result.device_states.append((at, entry["device"], entry["state"]))
        elif event == "device_fault":
            result.device_faults.append((at, entry["device"], entry["code"]))
        elif event == "maintenance":
            result.maintenance.append((at, entry["action"], entry.get("device") or ""))
        _apply(open_, entry, at)
    if oos_since is not None:
        result.out_of_service.append((oos_since, None))
    # Sessions open at midnight end in the next day's file.
    if open_:
        for entry in _entries(Path(folder) / lines.file_name(day + dt.timedelta(days=1)), None, settings):
            if entry["event"] == "session_start" and not open_:
                break
            _apply(open_, entry, dt.datetime.fromisoformat(entry["at"]))
    return result


def _apply(open_: dict[int, SessionRow], entry: dict[str, Any], at: dt.datetime) -> None:
    row = open_.get(entry.get("session"))  # type: ignore[arg-type]
    if row is None:
        return
    event = entry["event"]
    if event == "step":
        spent = entry["from"]
        if entry["trigger"] != "start" and spent in STEPS:
            row.seconds[spent] = round(row.seconds.get(spent, 0.0) + float(entry["seconds"]), 3)
    elif event == "case":
        row.case = entry["case"]
    elif event == "handover":
        row.handover_reason = entry["reason"]
    elif event == "problem":
        row.problems.append(entry["code"])
    elif event == "device_fault":
        row.device_faults.append(f"{entry['device']}:{entry['code']}")
        row.problems.append(entry["code"])
    elif event == "application_saved":
        row.application_number = entry["application_number"]
        row.case = row.case or entry["case"]
        row.fee = Decimal(str(entry["fee"]))
        row.currency = entry["currency"]
        row.pickup = entry["pickup"]
        row.printed = bool(entry["printed"])
    elif event == "payment":
        row.payments.append((entry["result"], Decimal(str(entry["amount"])), entry.get("reference") or ""))
    elif event == "session_end":
        row.outcome = entry["outcome"]
        row.step_reached = entry["state"]
        row.end = at
        del open_[row.session]


def apply_queue(day: Day, queue: dict[str, tuple[str, dt.datetime | None]]) -> None:
    """Mark each application with its state in the queue (`queue`: number -> (state,
    delivered_at)); one the queue no longer holds (purged, or lost) is "missing"."""
    for row in day.sessions:
        if row.application_number:
            state, delivered = queue.get(row.application_number, ("missing", None))
            row.queue_state, row.delivered_at = state, delivered
