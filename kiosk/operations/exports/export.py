"""Write one day's export into a folder: table, reconciliation, PDF summaries, manifest.

    write_export(journal_folder, day, out, queue=store.entries(), private_key=signer.private_key)

The export is a view of the journal plus the queue's bookkeeping (`QueueEntry`: number,
state, created and delivered times; never the encrypted application), so it can hold
nothing personal that those two do not, and neither does. It is written into a hidden
sibling folder and renamed into place when complete: a folder named like an export is
always a whole one (a pulled USB stick leaves a `.partial` folder, never a half export
that looks finished). `out` must not exist yet, or be an empty folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from kiosk.operations import journal_lines as lines
from kiosk.operations.exports import manifest, reconciliation, sessions, table
from kiosk.operations.exports.texts import LANGUAGES


class ExportRefused(Exception):
    """The export cannot be written where asked, or there is nothing to export; one line."""


class QueueRow(Protocol):
    application_number: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None

    @property
    def state(self) -> Any: ...


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    what: str


def write_export(journal_folder: Path, day: dt.date, out: Path, *, queue: Iterable[QueueRow],
                 private_key: Any, languages: Iterable[str] = LANGUAGES,
                 now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
                 progress: Callable[[Progress], None] | None = None) -> dict[str, Any]:
    """Export `day`; returns what was written (folder, files, figures)."""
    from kiosk.operations.exports import charts, pdf

    languages = list(dict.fromkeys(languages))
    if not set(languages) <= set(LANGUAGES) or not languages:
        raise ExportRefused(f"languages are {', '.join(LANGUAGES)}")
    out = Path(out)
    folder = Path(journal_folder)
    if not (folder / lines.file_name(day)).is_file():
        raise ExportRefused(f"the journal has no entries for {day:%Y-%m-%d}")
    _check_out(out)
    total = 3 + 2 * len(languages)
    step = _counter(progress, total)

    d = sessions.read_day(folder, day)
    rows = list(queue)
    tz = d.sessions[0].start.tzinfo if d.sessions else dt.datetime.now().astimezone().tzinfo
    sessions.apply_queue(d, {r.application_number: (_state(r), r.delivered_at) for r in rows})
    of_day = {r.application_number for r in rows if r.created_at.astimezone(tz).date() == day}
    summary = reconciliation.reconcile(d, of_day)
    summary["journal"] = _journal_facts(folder, d)
    summary["written"] = now().isoformat(timespec="seconds")
    step("read")

    partial = out.with_name(f".{out.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True, mode=0o750)
    files = {table.CSV_NAME: table.csv_bytes(d.sessions), table.JSONL_NAME: table.jsonl_bytes(d.sessions),
             reconciliation.NAME: manifest.canonical(summary)}
    for name, data in files.items():
        (partial / name).write_bytes(data)
    step("table")
    backlog = charts.backlog_over_day(day, [(r.created_at, r.delivered_at) for r in rows], tz)
    for lang in languages:
        drawn = charts.draw_all(d, lang, backlog)
        step(f"charts {lang}")
        name = pdf.name(lang)
        (partial / name).write_bytes(pdf.render(lang, summary, drawn))
        files[name] = b""
        step(f"pdf {lang}")
    about = {"kiosk_id": d.kiosk_id, "date": f"{day:%Y-%m-%d}", "written": summary["written"],
             "journal": summary["journal"]}
    (partial / manifest.NAME).write_bytes(manifest.build(partial, list(files), about, private_key))
    for name in [*files, manifest.NAME]:
        _fsync(partial / name)
    if out.exists():
        out.rmdir()            # empty (checked above); the rename puts the whole export in its place
    os.rename(partial, out)
    step("manifest")
    return {"folder": str(out), "date": about["date"], "kiosk_id": d.kiosk_id,
            "files": sorted([*files, manifest.NAME]), "sessions": len(d.sessions),
            "applications": summary["applications"], "balanced": summary["balanced"],
            "journal": summary["journal"]}


def _state(row: QueueRow) -> str:
    state = row.state
    return str(getattr(state, "value", state))


def _journal_facts(folder: Path, d: sessions.Day) -> dict[str, Any]:
    """The day's entries, and the journal's head (its newest entry anywhere) with whether
    the day's own file checks out (`journal_verify`, that day and its link to the one before)."""
    from kiosk.operations.journal_verify import verify

    report = verify(folder, d.day)
    head_seq, head_hash = report.last_seq or 0, report.last_hash or lines.GENESIS
    newest = lines.day_files(folder)[-1]
    if newest.name != lines.file_name(d.day):
        # Only whole lines: the running kiosk may be halfway through appending one.
        data = newest.read_bytes()
        tail = data[: data.rfind(b"\n")].rsplit(b"\n", 1)[-1]
        parsed = lines.parse(tail)
        if parsed.ok:
            assert parsed.entry is not None
            head_seq, head_hash = parsed.entry["seq"], parsed.entry["hash"]
    return {"day_entries": report.entries, "day_first_seq": report.first_seq, "day_last_seq": report.last_seq,
            "day_last_hash": report.last_hash, "day_valid": report.valid,
            "head_seq": head_seq, "head_hash": head_hash}


def _check_out(out: Path) -> None:
    try:
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise ExportRefused(f"{out} exists and is not an empty folder: give a new one")
        out.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(out.parent, os.W_OK):
            raise ExportRefused(f"cannot write in {out.parent}")
    except OSError as exc:
        raise ExportRefused(f"cannot use {out}: {exc.strerror or exc}") from None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _counter(progress: Callable[[Progress], None] | None, total: int) -> Callable[[str], None]:
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(Progress(done, total, what))
    return step


def export_folder_name(kiosk_id: str, day: dt.date) -> str:
    """The automatic export's folder: the kiosk and the day, so a fleet's exports side by
    side on one share never collide."""
    return f"{kiosk_id}-{day:%Y-%m-%d}"
