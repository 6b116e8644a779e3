"""The day as the export tells it, from a journal written entry by entry on a moved
clock: sessions over midnight, the queue set against the journal, damaged lines,
the two table formats; and the daily schedule on an injected clock."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.operations.exports import reconciliation, sessions, table
from kiosk.operations.exports.schedule import CATCH_UP_DAYS, DailyExport
from kiosk.operations.journal import Journal

UTC = dt.timezone.utc
KIOSK = "SIM-0001"


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


def _session(j: Journal, clock: Clock, *, case: str, outcome: str, number: str | None = None,
             fee: str = "20.00", steps: tuple[str, ...] = ("case", "identify", "eligibility", "review"),
             handover: str | None = None, fault: bool = False) -> int:
    s = j.record("session_start", language="vi", large_text=False)
    j.record("step", session=s, state="case", **{"from": "welcome"}, trigger="start", seconds=500.0)
    j.record("case", session=s, case=case)
    for here, there in zip(steps, steps[1:]):
        clock.advance(seconds=30)
        j.record("step", session=s, state=there, **{"from": here}, trigger="proceed", seconds=30.0)
    if fault:
        j.record("device_fault", session=s, state=steps[-1], device="printer", code="print_failed")
    if handover:
        j.record("handover", session=s, reason=handover)
    if number:
        j.record("application_saved", session=s, application_number=number, case=case, fee=Decimal(fee), currency="CNY",
                 pickup="station", printed=not fault)
    clock.advance(seconds=10)
    j.record("session_end", session=s, outcome=outcome, state=steps[-1])
    return s


def _number(day: dt.date, n: int) -> str:
    from kiosk.storage.application_number import format_application_number

    return format_application_number(KIOSK, day, n)


@dataclass
class Row:
    application_number: str
    state: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None = None


@pytest.fixture
def day_journal(tmp_path):
    local = dt.datetime.now().astimezone().tzinfo
    day = dt.date(2026, 11, 20)
    clock = Clock(dt.datetime(2026, 11, 20, 9, 0, tzinfo=local))
    j = Journal(tmp_path / "journal", clock=clock, kiosk_id=KIOSK, currency="CNY", sync=False)
    j.record("kiosk_start", kiosk_id=KIOSK, mode="demo")
    numbers = [_number(day, n) for n in range(1, 6)]
    _session(j, clock, case="expiring", outcome="completed", number=numbers[0])
    clock.advance(minutes=5)
    _session(j, clock, case="lost", outcome="completed", number=numbers[1], fee="40.00", fault=True)
    clock.advance(minutes=5)
    _session(j, clock, case="damaged", outcome="handed_over", handover="card", steps=("case", "identify"))
    clock.advance(minutes=5)
    _session(j, clock, case="expiring", outcome="cancelled", steps=("case", "identify", "eligibility", "contact"))
    clock.advance(minutes=5)
    _session(j, clock, case="lost", outcome="completed", number=numbers[2], fee="40.00")
    # The last citizen of the day starts at 23:59 and finishes after midnight.
    clock.now = dt.datetime(2026, 11, 20, 23, 59, 0, tzinfo=local)
    _session(j, clock, case="expiring", outcome="completed", number=numbers[3],
             steps=("case", "identify", "eligibility", "face_check", "portrait", "review"))
    clock.advance(minutes=30)
    _session(j, clock, case="expiring", outcome="timed_out", steps=("case", "identify"))   # the next day's
    j.close()
    return tmp_path / "journal", day, numbers


def test_the_day_is_told_session_by_session(day_journal):
    folder, day, numbers = day_journal
    d = sessions.read_day(folder, day)
    assert d.kiosk_id == KIOSK and d.damaged_lines == 0
    assert [r.outcome for r in d.sessions] == ["completed", "completed", "handed_over", "cancelled", "completed",
                                               "completed"]
    midnight = d.sessions[-1]
    assert midnight.application_number == numbers[3] and midnight.end.date() == day + dt.timedelta(days=1)
    assert midnight.seconds == {"case": 30.0, "identify": 30.0, "eligibility": 30.0, "face_check": 30.0,
                                "portrait": 30.0}
    assert d.sessions[1].device_faults == ["printer:print_failed"] and d.sessions[1].printed is False
    assert d.sessions[2].failure == "handover:card" and d.sessions[2].step_reached == "identify"
    assert d.sessions[3].step_reached == "contact" and d.sessions[3].failure == ""
    assert d.sessions[0].fee == Decimal("20.00") and d.sessions[0].failure == ""


def test_the_queue_is_set_against_the_journal(day_journal):
    folder, day, numbers = day_journal
    d = sessions.read_day(folder, day)
    at = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
    queue = [Row(numbers[0], "delivered", at, at + dt.timedelta(minutes=3)), Row(numbers[1], "queued", at),
             Row(numbers[2], "parked", at), Row(numbers[4], "queued", at)]   # [3] lost; [4] never journalled
    sessions.apply_queue(d, {r.application_number: (r.state, r.delivered_at) for r in queue})
    rec = reconciliation.reconcile(d, {r.application_number for r in queue})
    assert rec["applications"] == {"made": 4, "delivered": 1, "pending": 1, "parked": 1,
                                   "not_in_queue": [numbers[3]], "in_queue_not_in_journal": [numbers[4]]}
    assert rec["balanced"] is False
    assert rec["fees_due"] == {"expiring": {"applications": 2, "amount": "40.00", "currency": "CNY"},
                               "lost": {"applications": 2, "amount": "80.00", "currency": "CNY"}}
    assert rec["fees_total"] == {"CNY": "120.00"}
    assert rec["receipts"]["printed"] == 3 and rec["receipts"]["not_printed"] == 1
    assert rec["device_faults"] == {"printer:print_failed": 1}


def test_a_damaged_line_is_left_out_and_counted(day_journal):
    folder, day, _ = day_journal
    path = folder / f"{day}.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b'"seconds":30.0', b'"seconds":99.0')
    path.write_bytes(b"\n".join(lines))
    d = sessions.read_day(folder, day)
    assert d.damaged_lines == 1 and len(d.sessions) == 6


def test_csv_and_jsonl_hold_the_same_rows(day_journal):
    folder, day, numbers = day_journal
    d = sessions.read_day(folder, day)
    rows = [json.loads(line) for line in table.jsonl_bytes(d.sessions).decode().splitlines()]
    grid = list(csv.DictReader(io.StringIO(table.csv_bytes(d.sessions).decode())))
    assert len(rows) == len(grid) == 6
    for j, c in zip(rows, grid):
        assert str(j["session"]) == c["session"] and (j["application_number"] or "") == c["application_number"]
        assert {k: float(v) for k, v in j["seconds"].items()} == \
            {k[len("seconds_"):]: float(v) for k, v in c.items() if k.startswith("seconds_") and v}
    assert grid[1]["receipt_printed"] == "no" and grid[1]["device_faults"] == "printer:print_failed"
    assert rows[2]["handover_reason"] == "card" and rows[2]["application_number"] is None


# -- the daily schedule ------------------------------------------------------------------

class Exports:
    def __init__(self, journal_days: set[dt.date], fail: int = 0) -> None:
        self.days = journal_days
        self.written: list[dt.date] = []
        self.fail = fail

    def export(self, day: dt.date) -> None:
        if self.fail:
            self.fail -= 1
            raise OSError(28, "No space left on device")
        self.written.append(day)


def _scheduler(exports: Exports, clock: Clock) -> DailyExport:
    return DailyExport(dt.time(2, 30), export_day=exports.export, exported=lambda d: d in exports.written,
                       has_journal=lambda d: d in exports.days, clock=clock, retry_seconds=600)


def _local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.datetime.now().astimezone().tzinfo)


def test_the_day_before_is_exported_at_the_time_once():
    exports = Exports({dt.date(2026, 11, 19), dt.date(2026, 11, 20)})
    clock = Clock(_local(2026, 11, 21, 2, 29))
    s = _scheduler(exports, clock)
    assert s.run_pending() == [dt.date(2026, 11, 19)]      # the day before yesterday was missed
    clock.advance(seconds=59)
    assert s.run_pending() == []                           # 02:29:59: not yet
    clock.advance(seconds=1)
    assert s.run_pending() == [dt.date(2026, 11, 20)]      # 02:30
    clock.advance(hours=5)
    assert s.run_pending() == [] and exports.written == [dt.date(2026, 11, 19), dt.date(2026, 11, 20)]


def test_days_missed_while_off_are_caught_up_a_week_back_only_with_a_journal():
    days = {dt.date(2026, 11, 1) + dt.timedelta(days=n) for n in range(20) if n != 17}
    exports = Exports(days)
    s = _scheduler(exports, Clock(_local(2026, 11, 21, 9, 0)))
    written = s.run_pending()
    assert len(written) == CATCH_UP_DAYS - 1 and written == sorted(written)
    assert written[-1] == dt.date(2026, 11, 20) and dt.date(2026, 11, 18) not in written


def test_a_failed_export_waits_before_the_next_try(caplog):
    exports = Exports({dt.date(2026, 11, 20)}, fail=1)
    clock = Clock(_local(2026, 11, 21, 3, 0))
    s = _scheduler(exports, clock)
    assert s.run_pending() == []
    assert "No space left on device" in caplog.text and "Traceback" not in caplog.text
    clock.advance(minutes=5)
    assert s.run_pending() == []                           # not in a tight loop
    clock.advance(minutes=6)
    assert s.run_pending() == [dt.date(2026, 11, 20)]


def test_the_thread_runs_and_stops():
    exports = Exports({dt.date(2026, 11, 20)})
    s = _scheduler(exports, Clock(_local(2026, 11, 21, 3, 0)))
    s.poll_seconds = 0.01
    s.start()
    import time

    for _ in range(500):
        if exports.written:
            break
        time.sleep(0.01)
    s.stop()
    assert exports.written == [dt.date(2026, 11, 20)]


def _rehashed(entry: dict) -> bytes:
    from kiosk.operations.journal_lines import encode

    body = {k: v for k, v in entry.items() if k != "hash"}
    return encode(body)[0]


def test_a_hand_written_entry_with_a_name_is_never_exported(day_journal):
    """Whoever rewrites a line and recomputes its hash can put anything in it: the export
    re-checks every entry against the journal's closed lists and leaves such a one out."""
    folder, day, numbers = day_journal
    path = folder / f"{day}.jsonl"
    raw = path.read_bytes().split(b"\n")
    forged = []
    starts = 0
    for line in raw:
        if not line:
            forged.append(line)
            continue
        entry = json.loads(line)
        if entry["event"] == "case" and entry["case"] == "damaged":
            entry["case"] = "NGUYEN VAN AN"
        if entry["event"] == "session_start":
            starts += 1
            if starts == 4:
                entry["language"] = "Lý Thị Hoa 0912345678"
        if entry["event"] == "application_saved" and entry["application_number"] == numbers[1]:
            entry["pickup"] = "079201004321"
        forged.append(_rehashed(entry) if entry != json.loads(line) else line)
    path.write_bytes(b"\n".join(forged))
    d = sessions.read_day(folder, day)
    assert d.refused_entries == 3 and d.damaged_lines == 0 and len(d.sessions) == 5   # its start left out
    out = table.csv_bytes(d.sessions).decode() + table.jsonl_bytes(d.sessions).decode()
    assert "NGUYEN" not in out and "Lý" not in out and "0912345678" not in out and "079201004321" not in out
    rec = reconciliation.reconcile(d, set())
    assert rec["journal_entries_refused"] == 3


def test_a_day_without_a_kiosk_start_takes_the_kiosk_id_from_before(tmp_path):
    clock = Clock(dt.datetime(2026, 11, 19, 9, 0).astimezone())
    j = Journal(tmp_path / "journal", clock=clock, kiosk_id=KIOSK, currency="CNY", sync=False)
    j.record("kiosk_start", kiosk_id=KIOSK, mode="production")
    clock.advance(days=2)       # the kiosk ran on; no start on the 21st
    _session(j, clock, case="expiring", outcome="cancelled")
    j.close()
    d = sessions.read_day(tmp_path / "journal", clock.now.date())
    assert d.kiosk_ids == [] and d.kiosk_id == KIOSK and len(d.sessions) == 1


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_rehashed_value_in_any_field_is_exported_or_refused_never_a_crash(day_journal, data):
    """Whatever a hand-written line holds (valid JSON, its hash recomputed), the day is
    told: the entry counts as refused, or it was a value the journal takes anyway."""
    folder, day, _ = day_journal
    path = folder / f"{day}.jsonl"
    original = path.read_bytes()
    raw = original.split(b"\n")
    index = data.draw(st.integers(0, len(raw) - 2))
    entry = json.loads(raw[index])
    key = data.draw(st.sampled_from(sorted(k for k in entry if k not in ("hash", "prev"))))
    entry[key] = data.draw(_JSON)
    try:
        raw[index] = _rehashed(entry)
    except ValueError:           # NaN or infinity: the writer never makes such a line
        return
    path.write_bytes(b"\n".join(raw))
    try:
        d = sessions.read_day(folder, day)
        rows = table.jsonl_bytes(d.sessions) + table.csv_bytes(d.sessions)
        reconciliation.reconcile(d, set())
        assert d.refused_entries + d.damaged_lines <= 1
        assert rows
    finally:
        path.write_bytes(original)
