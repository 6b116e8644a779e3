"""The sessions table as files: CSV for a spreadsheet, JSON Lines for a program.

Both hold the same rows and the same columns (the JSON keeps the seconds per step as
one object, the CSV as one column per step, blank where a session never got there).
Every value is a code, a time, a count or an application number: the row is built
from journal entries only (`sessions`), which cannot hold anything personal.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kiosk.operations.exports.sessions import STEPS, SessionRow

CSV_NAME = "sessions.csv"
JSONL_NAME = "sessions.jsonl"

COLUMNS = ("session", "start", "end", "language", "case", "outcome", "step_reached", "duration_seconds",
           "handover_reason", "failure", "device_faults", "application_number", "queue_state",
           "delivered_at", "fee", "currency", "pickup", "receipt_printed")


def row_dict(row: SessionRow) -> dict[str, Any]:
    return {
        "session": row.session,
        "start": row.start.isoformat(timespec="seconds"),
        "end": row.end.isoformat(timespec="seconds") if row.end else None,
        "language": row.language,
        "case": row.case or None,
        "outcome": row.outcome or "unfinished",
        "step_reached": row.step_reached or None,
        "duration_seconds": row.duration,
        "seconds": {step: row.seconds[step] for step in STEPS if step in row.seconds},
        "handover_reason": row.handover_reason or None,
        "failure": row.failure or None,
        "device_faults": list(row.device_faults),
        "application_number": row.application_number or None,
        "queue_state": row.queue_state or None,
        "delivered_at": row.delivered_at.isoformat(timespec="seconds") if row.delivered_at else None,
        "fee": None if row.fee is None else f"{row.fee:.2f}",
        "currency": row.currency or None,
        "pickup": row.pickup or None,
        "receipt_printed": row.printed,
    }


def jsonl_bytes(rows: list[SessionRow]) -> bytes:
    return b"".join(json.dumps(row_dict(r), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                    for r in rows)


def csv_bytes(rows: list[SessionRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS[:8], *(f"seconds_{s}" for s in STEPS), *COLUMNS[8:]])
    for r in rows:
        d = row_dict(r)
        cells: list[Any] = [d[c] for c in COLUMNS[:8]]
        cells += [d["seconds"].get(s) for s in STEPS]
        for c in COLUMNS[8:]:
            value = d[c]
            cells.append(" ".join(value) if isinstance(value, list) else value)
        writer.writerow(["" if v is None else ("yes" if v is True else "no" if v is False else v) for v in cells])
    return out.getvalue().encode("utf-8")
