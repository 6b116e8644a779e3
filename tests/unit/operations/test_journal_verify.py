"""`verify` names the file and line of every kind of change, and tells a power cut's torn
line from an edit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from kiosk.operations import journal_lines
from kiosk.operations.journal import Journal
from kiosk.operations.journal_verify import NoJournal, verify
from tests.unit.operations.journal_support import KIOSK, day_clock, journal, write_steps  # noqa: F401 - fixtures

DAY = "2026-11-20.jsonl"


def _lines(path):
    return path.read_bytes().split(b"\n")[:-1]


def _write(path, lines):
    path.write_bytes(b"".join(line + b"\n" for line in lines))


@pytest.fixture
def day_file(journal, day_clock):
    write_steps(journal, day_clock, 10)
    journal.close()
    return journal.folder / DAY


def test_an_untouched_journal_is_valid(journal, day_clock):
    write_steps(journal, day_clock, 10)
    report = verify(journal.folder)
    assert report.valid and report.entries == 10 and (report.first_seq, report.last_seq) == (1, 10)
    assert report.last_hash == journal.head[1] and report.problems == report.notices == []


@pytest.mark.parametrize("line", [1, 4, 10])
@pytest.mark.parametrize("where", ["value", "hash", "prev", "seq"])
def test_one_character_edited_anywhere_names_that_line(day_file, line, where):
    lines = _lines(day_file)
    raw = lines[line - 1]
    at = {"value": raw.index(b'"state":"') + 10, "hash": len(raw) - 5, "prev": raw.index(b'"prev":"') + 12,
          "seq": raw.index(b'"seq":') + 6}[where]
    lines[line - 1] = raw[:at] + (b"1" if raw[at:at + 1] != b"1" else b"2") + raw[at + 1:]
    _write(day_file, lines)
    report = verify(day_file.parent)
    assert not report.valid
    assert [(p.file, p.line, p.kind) for p in report.problems] == [(DAY, line, "edited")]


def test_a_deleted_line_is_missing_before_the_next(day_file):
    lines = _lines(day_file)
    del lines[4]                       # entry 5
    _write(day_file, lines)
    report = verify(day_file.parent)
    assert [(p.line, p.kind) for p in report.problems] == [(5, "missing")]
    assert "entry 5 missing" in report.problems[0].detail


def test_two_swapped_lines_are_reordered(day_file):
    lines = _lines(day_file)
    lines[3], lines[4] = lines[4], lines[3]
    _write(day_file, lines)
    report = verify(day_file.parent)
    assert [(p.line, p.kind) for p in report.problems] == [(5, "reordered")]
    assert "entry 4 comes after entry 5 (2026-11-20.jsonl line 4)" in report.problems[0].detail


def test_a_line_moved_far_and_a_line_copied(day_file):
    lines = _lines(day_file)
    moved = lines.pop(1)
    lines.append(moved)
    lines.append(lines[2])
    _write(day_file, lines)
    kinds = [(p.line, p.kind) for p in verify(day_file.parent).problems]
    assert kinds == [(10, "reordered"), (11, "inserted")]


def test_a_rewritten_line_with_a_recomputed_hash_is_found_by_the_next(day_file):
    lines = _lines(day_file)
    entry = json.loads(lines[5])
    entry["state"] = "review" if entry["state"] != "review" else "case"
    del entry["hash"]
    lines[5], _ = journal_lines.encode(entry)
    _write(day_file, lines)
    report = verify(day_file.parent)
    assert [(p.line, p.kind) for p in report.problems] == [(6, "edited")]
    assert "entry 6 was rewritten" in report.problems[0].detail


def test_an_empty_line_and_garbage_are_edits(day_file):
    lines = _lines(day_file)
    lines.insert(3, b"")
    lines[7] = b"not json at all"
    _write(day_file, lines)
    report = verify(day_file.parent)
    assert [(p.line, p.kind) for p in report.problems] == [(4, "edited"), (8, "edited")]


def test_a_torn_last_line_is_a_notice_not_a_problem(day_file):
    data = day_file.read_bytes()
    day_file.write_bytes(data[:-40])   # the power went mid-write: no newline at the end
    report = verify(day_file.parent)
    assert report.valid, report.problems
    assert [(n.line, n.kind) for n in report.notices] == [(10, "torn")]
    assert report.last_seq == 9


def test_a_line_cut_short_before_the_end_is_not_a_power_cut(journal, day_clock):
    write_steps(journal, day_clock, 3)
    day_clock.advance(days=1)
    write_steps(journal, day_clock, 3)
    first = journal.folder / DAY
    first.write_bytes(first.read_bytes()[:-30])
    report = verify(journal.folder)
    assert [(p.file, p.line, p.kind) for p in report.problems][:1] == [(DAY, 3, "torn")]


def test_after_a_torn_line_the_writer_records_it_and_the_chain_stays_valid(day_file, day_clock):
    data = day_file.read_bytes()
    fragment = data[data.rfind(b"\n", 0, len(data) - 1) + 1: -25]
    day_file.write_bytes(data[:-25])
    writer = Journal(day_file.parent, clock=day_clock, kiosk_id=KIOSK)
    day_clock.advance(minutes=1)
    seq = writer.record("maintenance", action="entered", role="technician")
    writer.close()
    lines = _lines(day_file)
    recovered = json.loads(lines[9])
    assert recovered["event"] == "journal_recovered"
    assert recovered["file"] == "2026-11-20" and recovered["line"] == 10
    assert recovered["bytes"] == len(fragment) and recovered["sha256"] == hashlib.sha256(fragment).hexdigest()
    assert recovered["seq"] == 10 and seq == 11
    report = verify(day_file.parent)
    assert report.valid, report.problems
    assert [(n.file, n.line, n.kind) for n in report.notices] == [(DAY, 10, "torn")]


def test_a_whole_entry_that_only_lost_its_newline_is_kept(day_file, day_clock):
    day_file.write_bytes(day_file.read_bytes()[:-1])
    writer = Journal(day_file.parent, clock=day_clock, kiosk_id=KIOSK)
    assert writer.record("maintenance", action="left") == 11
    writer.close()
    report = verify(day_file.parent)
    assert report.valid and report.notices == [] and report.entries == 11


def test_garbage_a_file_system_left_at_the_end_is_torn_too(day_file, day_clock):
    with open(day_file, "ab") as f:
        f.write(b"\0" * 300)
    assert [n.kind for n in verify(day_file.parent).notices] == ["torn"]
    writer = Journal(day_file.parent, clock=day_clock, kiosk_id=KIOSK)
    writer.record("maintenance", action="left")
    writer.close()
    report = verify(day_file.parent)
    assert report.valid and [(n.line, n.kind) for n in report.notices] == [(11, "torn")]


def _three_days(journal, day_clock):
    for _ in range(3):
        write_steps(journal, day_clock, 4)
        day_clock.advance(days=1)
    journal.close()
    return journal_lines.day_files(journal.folder)


def test_the_chain_runs_across_days_and_a_deleted_day_file_is_found(journal, day_clock):
    files = _three_days(journal, day_clock)
    assert [f.name for f in files] == ["2026-11-20.jsonl", "2026-11-21.jsonl", "2026-11-22.jsonl"]
    assert verify(journal.folder).valid
    files[1].unlink()
    report = verify(journal.folder)
    assert [(p.file, p.line, p.kind) for p in report.problems] == [("2026-11-22.jsonl", 1, "missing")]
    assert "entries 5 to 8 (4 entries)" in report.problems[0].detail


def test_the_first_day_file_deleted_is_found(journal, day_clock):
    files = _three_days(journal, day_clock)
    files[0].unlink()
    report = verify(journal.folder)
    assert [(p.file, p.line, p.kind) for p in report.problems] == [("2026-11-21.jsonl", 1, "missing")]
    assert "beginning" in report.problems[0].detail


def test_one_day_is_checked_with_its_link_to_the_day_before(journal, day_clock):
    files = _three_days(journal, day_clock)
    assert verify(journal.folder, dt.date(2026, 11, 22)).valid
    lines = _lines(files[1])
    lines[-1] = lines[-1].replace(b'"seconds":3.0', b'"seconds":3.5')
    _write(files[1], lines)
    assert verify(journal.folder, dt.date(2026, 11, 20)).valid       # the day before is untouched
    report = verify(journal.folder, dt.date(2026, 11, 21))
    assert [(p.file, p.line, p.kind) for p in report.problems] == [("2026-11-21.jsonl", 4, "edited")]
    # The 22nd is whole; its link to the 21st's damaged last line cannot be checked, and says so.
    report = verify(journal.folder, dt.date(2026, 11, 22))
    assert report.valid and [(n.kind, n.line) for n in report.notices] == [("unchecked", 1)]
    # A 21st whose last entry was rewritten whole (hash recomputed) breaks the 22nd's link.
    entry = json.loads(_lines(files[2])[0])
    lines = _lines(files[1])
    forged = json.loads(lines[-2])
    forged.update(seq=8, prev=json.loads(lines[-2])["hash"], seconds=9.0)
    del forged["hash"]
    lines[-1], _ = journal_lines.encode(forged)
    _write(files[1], lines)
    assert entry["seq"] == 9
    report = verify(journal.folder, dt.date(2026, 11, 22))
    assert [(p.file, p.line, p.kind) for p in report.problems] == [("2026-11-22.jsonl", 1, "edited")]
    assert "the day before's last" in report.problems[0].detail
    with pytest.raises(NoJournal):
        verify(journal.folder, dt.date(2026, 11, 23))


def test_no_journal_at_all(tmp_path):
    with pytest.raises(NoJournal):
        verify(tmp_path / "journal")
