"""The journal writer: one file per local day, a chain across days and writers, nothing
written for a refused field, and a failed write that leaves nothing half-remembered."""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import stat
import threading
from decimal import Decimal

import pytest

from kiosk.operations import journal as journal_module
from kiosk.operations.journal import FieldRefused, Journal
from kiosk.operations.journal_lines import GENESIS, day_files, parse
from kiosk.operations.journal_verify import verify
from tests.unit.operations.journal_support import KIOSK, day_clock, journal, write_steps  # noqa: F401 - fixtures


def _entries(folder):
    return [json.loads(line) for f in day_files(folder) for line in f.read_text().splitlines()]


def test_each_entry_carries_the_hash_of_the_one_before(journal, day_clock):
    write_steps(journal, day_clock, 3)
    entries = _entries(journal.folder)
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert entries[0]["prev"] == GENESIS
    assert [e["prev"] for e in entries[1:]] == [e["hash"] for e in entries[:-1]]
    assert journal.head == (3, entries[-1]["hash"])


def test_an_entry_looks_as_documented(journal, day_clock):
    day_clock.now = dt.datetime(2026, 11, 21, 1, 31, 2, 125000, tzinfo=dt.timezone.utc)
    journal.record("application_saved", session=12, application_number="SIM-0001-261121-00019",
                   case="expiring", fee=Decimal("20.00"), currency="CNY", pickup="station", printed=True)
    line = (journal.folder / f"{day_clock.now.astimezone():%Y-%m-%d}.jsonl").read_bytes()
    entry = json.loads(line)
    assert list(entry) == ["seq", "at", "event", "session", "application_number", "case", "fee", "currency",
                           "pickup", "printed", "prev", "hash"]
    assert entry["at"] == day_clock.now.astimezone().isoformat(timespec="milliseconds")
    assert entry["fee"] == "20.00" and parse(line.rstrip(b"\n")).ok


def test_one_file_per_local_day_and_never_back_into_an_earlier_one(journal, day_clock):
    local = dt.timezone(dt.timedelta(hours=8))
    day_clock.now = dt.datetime(2026, 11, 21, 23, 59, tzinfo=local)
    journal.record("maintenance", action="entered")
    day_clock.advance(minutes=2)
    journal.record("maintenance", action="left")
    names = [f.name for f in day_files(journal.folder)]
    # The file is named for the kiosk's own local day, whatever zone the clock speaks in.
    days = sorted({(dt.datetime(2026, 11, 21, 23, 59, tzinfo=local) + dt.timedelta(minutes=m)).astimezone().date()
                   for m in (0, 2)})
    assert names == [f"{d:%Y-%m-%d}.jsonl" for d in days]
    day_clock.advance(days=-3)            # the clock is set back: the entry goes on in the newest file
    journal.record("maintenance", action="entered")
    assert [f.name for f in day_files(journal.folder)] == names
    assert verify(journal.folder).valid


def test_a_refused_field_writes_nothing_and_names_no_value(journal, day_clock):
    write_steps(journal, day_clock, 2)
    before = _entries(journal.folder)
    for fields in ({"action": "entered", "role": "王芳"}, {"action": "entered", "name": "WANG FANG"},
                   {"action": "entered", "application_number": "11010519840312048X"}):
        with pytest.raises(FieldRefused) as refused:
            journal.record("maintenance", **fields)
        assert not any(str(v) in str(refused.value) for v in fields.values() if v != "entered")
    with pytest.raises(FieldRefused):
        journal.record("no_such_event")
    assert _entries(journal.folder) == before


def test_files_are_the_owners_alone(journal, day_clock):
    write_steps(journal, day_clock, 1)
    assert stat.S_IMODE(os.stat(journal.folder).st_mode) == 0o700
    for f in day_files(journal.folder):
        assert stat.S_IMODE(os.stat(f).st_mode) == 0o600


def test_two_writers_on_one_folder_keep_one_chain(tmp_path, day_clock):
    a = Journal(tmp_path / "journal", clock=day_clock, kiosk_id=KIOSK)
    b = Journal(tmp_path / "journal", clock=day_clock, kiosk_id=KIOSK)
    for i in range(6):
        (a if i % 3 else b).record("maintenance", action="entered")
    day_clock.advance(days=1)             # one of them starts the next day's file
    b.record("maintenance", action="left")
    a.record("maintenance", action="left")
    a.close(), b.close()
    assert [e["seq"] for e in _entries(tmp_path / "journal")] == list(range(1, 9))
    assert verify(tmp_path / "journal").valid


def test_threads_share_one_writer(journal, day_clock):
    def work():
        for _ in range(25):
            journal.record("maintenance", action="device_test", device="camera", result="ok")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert verify(journal.folder).entries == 100 and verify(journal.folder).valid


def test_a_failed_write_leaves_nothing_half_remembered(journal, day_clock, monkeypatch):
    write_steps(journal, day_clock, 2)
    real_write = os.write

    def half_then_full_disk(fd, data):
        real_write(fd, bytes(data[:20]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", half_then_full_disk)
    with pytest.raises(OSError):
        journal.record("maintenance", action="entered")
    assert "No space left" in journal.last_error
    monkeypatch.setattr(journal_module.os, "write", real_write)
    journal.record("maintenance", action="left")     # the disk has room again
    assert journal.last_error == ""
    report = verify(journal.folder)
    assert report.valid and [n.kind for n in report.notices] == ["torn"]
    assert [e["event"] for e in _entries(journal.folder)][-2:] == ["journal_recovered", "maintenance"]


def test_each_entry_is_synced_before_record_returns(journal, day_clock, monkeypatch):
    synced = []
    monkeypatch.setattr(journal_module.os, "fdatasync", lambda fd: synced.append(fd))
    write_steps(journal, day_clock, 3)
    assert len(synced) == 3
    journal.sync = False
    write_steps(journal, day_clock, 3)
    assert len(synced) == 3
    journal.close()                   # what was written unsynced is synced at the close
    assert len(synced) == 4


def test_a_day_file_deleted_under_a_running_writer(journal, day_clock):
    write_steps(journal, day_clock, 3)
    for f in day_files(journal.folder):
        f.unlink()
    journal.record("maintenance", action="entered")
    entries = _entries(journal.folder)
    assert [e["seq"] for e in entries] == [1] and entries[0]["prev"] == GENESIS
    # A fresh chain: nothing in the files says more was ever written (the head must
    # leave the machine for that), and the verifier sees a whole journal.
    assert verify(journal.folder).valid


def test_a_writer_killed_mid_stream_leaves_a_valid_journal_to_go_on_with(tmp_path, day_clock):
    """kill -9 cannot tear a line (the kernel finishes a write it started); what it leaves
    verifies, and the next writer goes on with the chain."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "journal"
    code = (
        "import sys\n"
        "from kiosk.operations.journal import Journal\n"
        f"j = Journal({str(folder)!r}, kiosk_id={KIOSK!r})\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    j.record('maintenance', action='device_test', device='printer', result='ok')\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        while not any(f.stat().st_size > 20_000 for f in day_files(folder)) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    before = verify(folder)
    assert before.valid and before.entries > 20
    j = Journal(folder, clock=day_clock, kiosk_id=KIOSK)
    assert j.record("maintenance", action="restart") == before.last_seq + 1
    j.close()
    assert verify(folder).valid


# -- the calls the maintenance screens and the health monitor make ---------------------------

def test_record_action_writes_a_maintenance_entry(journal, day_clock):
    assert journal.record_action("entered", role="technician") == 1
    assert journal.record_action("device_test", device="printer", result="failed", seconds=4.25) == 2
    assert journal.record_action("receipt_reprint", application_number="SIM-0001-261121-00019", role="operator") == 3
    entries = _entries(journal.folder)
    assert [{k: v for k, v in e.items() if k not in ("seq", "at", "prev", "hash")} for e in entries] == [
        {"event": "maintenance", "action": "entered", "role": "technician"},
        {"event": "maintenance", "action": "device_test", "device": "printer", "result": "failed", "seconds": 4.25},
        {"event": "maintenance", "action": "receipt_reprint", "role": "operator",
         "application_number": "SIM-0001-261121-00019"},
    ]
    assert verify(journal.folder).valid


def test_record_device_state_writes_what_the_health_monitor_saw(journal, day_clock):
    assert journal.record_device_state("printer", "paper_low") == 1
    assert journal.record_device_state("printer", "paper_out", previous="paper_low") == 2
    entries = _entries(journal.folder)
    assert [(e["event"], e["device"], e["state"], e.get("previous")) for e in entries] == [
        ("device_state", "printer", "paper_low", None), ("device_state", "printer", "paper_out", "paper_low")]


@pytest.mark.parametrize("call", [
    lambda j: j.record_action("unlocked_the_door"),                        # not an action the list names
    lambda j: j.record_action("entered", role="WANG FANG"),
    lambda j: j.record_action("entered", note="a free text"),              # no such field
    lambda j: j.record_action("receipt_reprint", application_number="11010519840312048X"),
    lambda j: j.record_device_state("printer", "on fire"),
    lambda j: j.record_device_state("toaster", "ok"),
])
def test_a_word_the_journal_does_not_take_is_the_callers_bug(journal, call):
    with pytest.raises(FieldRefused):
        call(journal)
    assert day_files(journal.folder) == []


def test_a_full_disk_does_not_stop_a_technicians_action(journal, day_clock, monkeypatch, caplog):
    journal.record_action("entered", role="technician")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", full)
    with caplog.at_level(logging.ERROR, logger="kiosk.journal"):
        assert journal.record_action("paper_changed", role="technician") is None
        assert journal.record_device_state("disk", "full") is None
    assert journal.last_error.startswith("OSError")
    assert [r.getMessage() for r in caplog.records] == [   # once a spell, naming no path
        "journal: a maintenance entry could not be written (OSError); the kiosk carries on"]
    with pytest.raises(OSError):
        journal.record("maintenance", action="left")    # the general form says so
    monkeypatch.undo()
    assert journal.record_action("paper_changed", role="technician") == 2
    assert journal.last_error == "" and verify(journal.folder).valid
