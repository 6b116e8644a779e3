"""`kiosk audit verify`: is the journal as it was written, and if not, where and how not.

Four checks, each finding one kind of change and naming the file and line:

- each line against its own hash: a changed character anywhere in an entry makes it
  **edited** (a line that is no entry at all, or an empty one, too);
- the chain in entry numbers: entry N must hold entry N-1's hash as `prev`. A number
  nobody holds is **missing** (a deleted line, or at the start of a day file a deleted
  day file); a `prev` that is not the hash of entry N-1 means entry N-1 was rewritten
  with a recomputed hash (**edited**); a second entry with a number already taken is
  **inserted**;
- the order of the lines: an entry after one with a larger number was moved
  (**reordered**);
- the end of the journal: a last line that does not end with a newline is what a power
  cut leaves (**torn**); it is a notice, not a problem, and so is a `journal_recovered`
  entry, which is how the writer recorded such a line when it cut it off. A line cut
  short anywhere else is a problem.

Only problems make the journal invalid. One day's file (`--date`) is checked with its
link to the last entry of the day file before it; when that entry is itself damaged the
link cannot be checked, which is a notice (**unchecked**): that day's own check names
the damage. Deleting the newest entries, or rewriting the whole chain, cannot be seen
from inside (see `journal.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.operations import journal_lines as lines


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    kind: str        # edited | missing | reordered | inserted | torn | unchecked
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "kind": self.kind, "detail": self.detail}

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.kind}: {self.detail}"


@dataclass
class Report:
    folder: Path
    days: list[str] = field(default_factory=list)
    entries: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str | None = None
    problems: list[Finding] = field(default_factory=list)
    notices: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "folder": str(self.folder),
            "days": self.days,
            "entries": self.entries,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "last_hash": self.last_hash,
            "break": self.problems[0].as_dict() if self.problems else None,
            "problems": [p.as_dict() for p in self.problems],
            "notices": [n.as_dict() for n in self.notices],
        }


class NoJournal(Exception):
    """Nothing to verify: no journal folder, no day file, or none for the day asked."""


@dataclass(frozen=True)
class _Row:
    file: str
    number: int
    line: lines.Line
    terminated: bool

    @property
    def where(self) -> str:
        return f"{self.file} line {self.number}"


@dataclass(frozen=True)
class _Anchor:
    """What comes before the first row checked: nothing (the chain's start) or the last
    entry of the day file before the day asked."""

    seq: int
    hash: str | None             # None: that line is damaged, the link cannot be checked
    where: str = ""


def verify(folder: Path, day: dt.date | None = None) -> Report:
    """Check the whole journal under `folder`, or only `day`'s file and its link to the
    day file before it."""
    folder = Path(folder)
    files = lines.day_files(folder)
    if not files:
        raise NoJournal(f"no journal in {folder}")
    anchor = _Anchor(0, lines.GENESIS)
    if day is not None:
        chosen = [f for f in files if lines.day_of(f) == day]
        if not chosen:
            raise NoJournal(f"no journal file for {day:%Y-%m-%d} in {folder}")
        earlier = [f for f in files if f.name < chosen[0].name]
        if earlier:
            anchor = _last_entry(earlier[-1]) or anchor
        files_checked, journal_end = chosen, chosen[0] == files[-1]
    else:
        files_checked, journal_end = files, True
    rows = [row for f in files_checked for row in _rows(f)]
    report = Report(folder, days=[f.name[: -len(lines.SUFFIX)] for f in files_checked])
    _check_lines(rows, report, journal_end)
    _check_chain(rows, anchor, report)
    if anchor.hash is None:
        report.notices.append(Finding(files_checked[0].name, 1, "unchecked", (
            f"the link to the day before was not checked: its last line ({anchor.where}) is damaged")))
    good = [r for r in rows if r.line.ok]
    report.entries = len(good)
    if good:
        report.first_seq = min(r.line.entry["seq"] for r in good)
        last = max(good, key=lambda r: r.line.entry["seq"])
        report.last_seq, report.last_hash = last.line.entry["seq"], last.line.entry["hash"]
    order = {(f.name, 0): i for i, f in enumerate(files_checked)}
    report.problems.sort(key=lambda p: (order.get((p.file, 0), -1), p.line))
    report.notices.sort(key=lambda p: (order.get((p.file, 0), -1), p.line))
    return report


def _rows(path: Path) -> list[_Row]:
    data = path.read_bytes()
    parts = data.split(b"\n")
    rows = [_Row(path.name, i + 1, lines.parse(raw), True) for i, raw in enumerate(parts[:-1])]
    if parts[-1]:
        rows.append(_Row(path.name, len(parts), lines.parse(parts[-1]), False))
    return rows


def _last_entry(path: Path) -> _Anchor | None:
    """The last entry of a day file; a damaged last line (its own day's report names it)
    still gives its number when it shows one."""
    for row in reversed(_rows(path)):
        if row.line.ok:
            return _Anchor(row.line.entry["seq"], row.line.entry["hash"], row.where)
        if row.line.seq is not None:
            return _Anchor(row.line.seq, None, row.where)
    return None


def _check_lines(rows: list[_Row], report: Report, journal_end: bool) -> None:
    """Each line on its own: whole and matching its hash, or torn at the journal's end."""
    for i, row in enumerate(rows):
        entry = row.line.entry
        if entry is not None:
            if entry["event"] == "journal_recovered":
                report.notices.append(Finding(
                    f"{entry.get('file')}{lines.SUFFIX}", int(entry.get("line") or 0), "torn",
                    f"cut short by an interrupted write (a power cut?): {entry.get('bytes')} bytes, removed "
                    f"when the journal was next written, as {row.where} records",
                ))
            continue
        if not row.terminated and i == len(rows) - 1 and journal_end:
            report.notices.append(Finding(row.file, row.number, "torn", (
                f"the last line ends without a newline ({len(row.line.raw)} bytes): an interrupted write "
                "(a power cut?); the kiosk removes and records it when it next writes")))
        elif not row.terminated:
            report.problems.append(Finding(row.file, row.number, "torn", (
                "cut short, but not at the end of the journal, where only an interrupted write leaves a line")))
        else:
            report.problems.append(Finding(row.file, row.number, "edited", row.line.damage))


def _check_chain(rows: list[_Row], anchor: _Anchor, report: Report) -> None:
    good = [(i, r) for i, r in enumerate(rows) if r.line.ok]
    damaged_seqs = {r.line.seq for r in rows if not r.line.ok and r.line.seq is not None}
    by_seq: dict[int, list[tuple[int, _Row]]] = {}
    for i, r in good:
        by_seq.setdefault(r.line.entry["seq"], []).append((i, r))

    if anchor.hash is None:
        damaged_seqs.add(anchor.seq)

    def hash_of(seq: int) -> tuple[str, str] | None:
        if seq == anchor.seq and anchor.hash is not None:
            return anchor.hash, anchor.where
        held = by_seq.get(seq)
        return (held[0][1].line.entry["hash"], held[0][1].where) if held else None

    inserted: set[int] = set()
    for seq, held in by_seq.items():
        # Two entries with one number: the one that chains is the journal's own.
        if len(held) > 1:
            before = hash_of(seq - 1)
            genuine = next((h for h in held if before and h[1].line.entry["prev"] == before[0]), held[0])
            held.remove(genuine)
            held.insert(0, genuine)
            for i, r in held[1:]:
                inserted.add(i)
                report.problems.append(Finding(r.file, r.number, "inserted",
                                               f"a second entry numbered {seq}; the journal's own is at {genuine[1].where}"))

    known = sorted(set(by_seq) | damaged_seqs | {anchor.seq})
    for i, r in good:
        if i in inserted:
            continue
        seq, prev = r.line.entry["seq"], r.line.entry["prev"]
        if seq <= anchor.seq:
            report.problems.append(Finding(r.file, r.number, "reordered",
                                           f"entry {seq} belongs before {anchor.where or 'this day'}"))
            continue
        before = hash_of(seq - 1)
        if before is not None:
            if prev != before[0]:
                if seq - 1 == anchor.seq and anchor.where:
                    report.problems.append(Finding(r.file, r.number, "edited", (
                        f"entry {seq} does not hold the hash of entry {seq - 1} ({before[1]}), the day before's "
                        "last: one of the two was rewritten")))
                else:
                    held = by_seq[seq - 1][0][1]
                    report.problems.append(Finding(held.file, held.number, "edited", (
                        f"entry {seq - 1} was rewritten: its hash is not the one entry {seq} ({r.where}) "
                        "holds as the one before it")))
            continue
        if seq - 1 in damaged_seqs or (i > 0 and not rows[i - 1].line.ok):
            continue   # the line before is damaged, and reported so
        below = max(k for k in known if k < seq)
        gap = seq - 1 - below
        what = f"entry {seq - 1}" if gap == 1 else f"entries {below + 1} to {seq - 1} ({gap} entries)"
        where = ""
        if r.number == 1:
            before_file = rows[i - 1].file if i > 0 else anchor.where.split(" line ")[0]
            if below == 0:
                where = " (the journal's beginning: an earlier day file deleted?)"
            elif before_file:
                where = (f" (the first line of its day: cut from the end of {before_file}, from the start "
                         "of this file, or a whole day file between them deleted)")
        report.problems.append(Finding(r.file, r.number, "missing", f"{what} missing before this line{where}"))

    # The order of the lines: numbers only ever grow.
    highest: tuple[int, _Row] | None = None
    for i, r in good:
        if i in inserted:
            continue
        seq = r.line.entry["seq"]
        if highest is not None and seq < highest[0]:
            report.problems.append(Finding(r.file, r.number, "reordered", (
                f"entry {seq} comes after entry {highest[0]} ({highest[1].where}): lines were moved")))
        elif highest is None or seq > highest[0]:
            highest = (seq, r)
