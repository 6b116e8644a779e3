"""The audit journal's entries reach the systemd journal's native socket as structured
fields: tested against a real unix datagram socket the test binds, with a simulated day
of fictitious citizens, none of whose names or numbers may be in any datagram."""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading

import pytest

from kiosk.operations.journal import Journal
from kiosk.operations.telemetry.systemd_journal import JournalCopy, SystemdJournal, encode

DAY = "2026-11-20"


def parse(datagram: bytes) -> dict[str, str]:
    """The native protocol, read back as journald reads it."""
    fields, rest = {}, datagram
    while rest:
        line_end = rest.index(b"\n")
        head = rest[:line_end]
        if b"=" in head:
            name, value = head.split(b"=", 1)
            rest = rest[line_end + 1:]
        else:
            name = head
            (length,) = struct.unpack("<Q", rest[line_end + 1:line_end + 9])
            value = rest[line_end + 9:line_end + 9 + length]
            assert rest[line_end + 9 + length:line_end + 10 + length] == b"\n"
            rest = rest[line_end + 10 + length:]
        fields[name.decode()] = value.decode("utf-8")
    return fields


class Listener:
    """A bound datagram socket standing in for journald, drained by a thread."""

    def __init__(self, path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.datagrams: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            try:
                self.datagrams.append(self.sock.recv(1 << 20))
            except socket.timeout:
                continue

    def close(self) -> list[dict[str, str]]:
        """Everything sent so far. The thread may not have read the last datagrams yet (a
        loaded machine: seen on two test workers): what the socket still holds is read
        here before it is closed, as journald would read it later."""
        self._stop.set()
        self._thread.join()
        if self.sock.fileno() < 0:       # closed already (the test's close, then the fixture's)
            return [parse(d) for d in self.datagrams]
        self.sock.setblocking(False)
        while True:
            try:
                self.datagrams.append(self.sock.recv(1 << 20))
            except BlockingIOError:
                break
        self.sock.close()
        return [parse(d) for d in self.datagrams]


@pytest.fixture
def listener(tmp_path):
    # A unix socket path must be short (108 bytes): pytest's tmp_path may be longer.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jrn") as folder:
        lst = Listener(f"{folder}/socket")
        yield lst
        lst.close()


def test_each_entry_arrives_with_its_fields_its_number_and_its_hash(listener, tmp_path):
    journal = Journal(tmp_path / "journal", kiosk_id="KIOSK-0001", currency="CNY")
    target = SystemdJournal(listener.path)
    journal.followers.append(JournalCopy(target, "KIOSK-0001"))
    journal.record("session_start", language="vi", large_text=False)
    journal.record("device_fault", session=1, state="face_check", device="camera", code="camera_missing")
    journal.record_device_state("printer", "paper_out", previous="paper_low")
    got = listener.close()
    assert target.sent == 3 and target.dropped == 0
    written = [json.loads(line) for line in next((tmp_path / "journal").glob("*.jsonl")).read_text().splitlines()]
    first, fault, printer = got
    assert first["SYSLOG_IDENTIFIER"] == "idkiosk"
    assert first["IDKIOSK_EVENT"] == "session_start" and first["IDKIOSK_LANGUAGE"] == "vi"
    assert first["IDKIOSK_LARGE_TEXT"] == "false"
    assert first["IDKIOSK_KIOSK_ID"] == "KIOSK-0001"
    assert [g["IDKIOSK_SEQ"] for g in got] == [str(w["seq"]) for w in written]
    assert [g["IDKIOSK_HASH"] for g in got] == [w["hash"] for w in written]   # the head leaves the machine
    assert first["PRIORITY"] == "6"
    assert fault["PRIORITY"] == "4" and fault["IDKIOSK_DEVICE"] == "camera" and fault["IDKIOSK_CODE"] == "camera_missing"
    assert fault["MESSAGE"] == "device_fault session=1 state=face_check device=camera code=camera_missing"
    assert printer["IDKIOSK_STATE"] == "paper_out" and printer["IDKIOSK_PREVIOUS"] == "paper_low"
    assert printer["PRIORITY"] == "4"


def test_a_value_with_a_newline_is_sent_with_its_length():
    data = encode({"MESSAGE": "two\nlines", "A": "b"})
    assert data == b"MESSAGE\n" + struct.pack("<Q", 9) + b"two\nlines\nA=b\n"
    assert parse(data) == {"MESSAGE": "two\nlines", "A": "b"}
    with pytest.raises(ValueError):
        encode({"_PID": "1"})        # journald's own fields cannot be forged


def test_without_a_socket_nothing_is_sent_nothing_is_logged_and_the_journal_writes(tmp_path, caplog):
    journal = Journal(tmp_path / "journal")
    target = SystemdJournal(tmp_path / "no-such-socket")
    journal.followers.append(JournalCopy(target))
    with caplog.at_level(logging.DEBUG):
        assert journal.record("session_start", language="en", large_text=True) == 1
    assert target.sent == 0 and target.dropped == 0
    assert caplog.text == ""


def test_a_journald_that_falls_behind_costs_a_copy_never_a_wait(tmp_path, caplog):
    """Nobody reads the socket: its queue fills and the kiosk goes on, once logged."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jrn") as folder:
        path = f"{folder}/socket"
        deaf = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        deaf.bind(path)
        target = SystemdJournal(path)
        with caplog.at_level(logging.WARNING, logger="kiosk.telemetry"):
            results = [target.send({"MESSAGE": "x" * 1000}) for _ in range(2000)]
        deaf.close()
    assert True in results and False in results
    assert target.dropped > 0
    assert caplog.text.count("took no entry") == 1


def _identity_forms(identities):
    for person in identities:
        for value in person.values():
            if value:
                yield value
                yield json.dumps(value)[1:-1]


@pytest.mark.parametrize("country", ["CHN", "VNM"])
def test_a_simulated_day_sends_every_kind_of_entry_and_no_personal_data(listener, tmp_path, monkeypatch, country):
    """`kiosk simulate` with random fictitious citizens, its journal copied to the test's
    socket (simulate itself never copies: the machine's own journal gets no fictitious
    day): the datagrams hold every event the day had, and none of the names, ID numbers,
    phone numbers or addresses in any of their forms."""
    from kiosk.config import with_overrides
    from launcher.simulation import run

    plain = run.simulation_config
    monkeypatch.setattr(run, "simulation_config", lambda data_dir, c="CHN": with_overrides(
        plain(data_dir, c), {"telemetry.systemd_journal": True, "telemetry.journal_socket": listener.path}))
    import datetime as dt

    report = run.simulate(tmp_path / "sim", dt.date.fromisoformat(DAY), 40, seed=11, country=country)
    got = listener.close()
    assert got, "no datagram arrived"
    raw = "\n".join("\n".join(f"{k}={v}" for k, v in g.items()) for g in got)
    leaked = sorted({v for v in _identity_forms(report["identities"]) if v in raw or v.lower() in raw.lower()})
    assert leaked == []
    events = {g["IDKIOSK_EVENT"] for g in got}
    assert {"kiosk_start", "session_start", "step", "session_end", "application_saved"} <= events
    # Each datagram is an entry of the journal on the disk, in its order (some may be
    # dropped when the test's reader falls behind; none is invented).
    seqs = [int(g["IDKIOSK_SEQ"]) for g in got]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert max(seqs) <= report["journal"]["last_seq"]


def test_a_follower_that_fails_never_costs_the_entry(tmp_path, caplog):
    journal = Journal(tmp_path / "journal")

    def broken(entry):
        raise RuntimeError("Lê Thị Hoa")      # whatever it says is not logged

    seen = []
    journal.followers += [broken, seen.append]
    with caplog.at_level(logging.ERROR, logger="kiosk.journal"):
        assert journal.record("session_start", language="en", large_text=False) == 1
    assert [e["seq"] for e in seen] == [1]       # the next follower still had it
    assert "a follower failed (RuntimeError)" in caplog.text and "Hoa" not in caplog.text
    assert journal.head == (1, seen[0]["hash"])
