"""`kiosk simulate` then `kiosk audit verify`: a day of 200 sessions is valid, and every
kind of change to it is found and named; no fictitious identity reaches the journal."""

from __future__ import annotations

import contextlib
import io
import json
import shutil

import pytest

from kiosk.operations.journal_lines import day_files
from launcher.cli import main

DAY = "2026-11-21"
SEED = 11


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _simulate(capsys, data_dir, sessions: int, seed: int = SEED, *extra: str) -> dict:
    code, out, err = _run(capsys, "simulate", "--data-dir", str(data_dir), "--date", DAY,
                          "--sessions", str(sessions), "--seed", str(seed), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def _verify(capsys, data_dir, *extra: str) -> tuple[int, dict]:
    code, out, _ = _run(capsys, "audit", "verify", "--data-dir", str(data_dir), "--json", *extra)
    return code, json.loads(out)


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """200 simulated sessions through the command, made once for the module (seconds)."""
    data_dir = tmp_path_factory.mktemp("sim") / "data"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["simulate", "--data-dir", str(data_dir), "--date", DAY, "--sessions", "200",
                     "--seed", str(SEED), "--json"])
    assert code == 0
    return data_dir, json.loads(out.getvalue())


@pytest.fixture
def copy(day, tmp_path):
    """The simulated day's journal in a folder of this test's own, to change."""
    data_dir, _ = day
    target = tmp_path / "data"
    shutil.copytree(data_dir / "journal", target / "journal")
    return target, day_files(target / "journal")[0]


def test_a_simulated_day_of_200_sessions_verifies(day, capsys):
    data_dir, report = day
    assert report["sessions"] == 200
    # Every outcome, case and language occurs, and the faults were injected.
    assert set(report["outcomes"]) == {"completed", "cancelled", "not_eligible", "handed_over", "timed_out",
                                       "device_error"}
    assert set(report["cases"]) == {"expiring", "damaged", "lost"} and set(report["languages"]) == {"zh_CN", "en", "vi"}
    assert {"camera_gone", "card_pulled", "paper_out"} <= set(report["faults"])
    assert report["first_start"] >= f"{DAY}T08:30" and report["last_end"] <= f"{DAY}T17:45"
    code, verdict = _verify(capsys, data_dir)
    assert code == 0 and verdict["valid"] and verdict["problems"] == []
    assert verdict["entries"] == report["journal"]["entries_written"] and verdict["last_hash"] == report["journal"]["last_hash"]
    code, verdict = _verify(capsys, data_dir, "--date", DAY)
    assert code == 0 and verdict["valid"]


def test_the_journal_tells_the_same_day_as_the_report(day):
    data_dir, report = day
    entries = [json.loads(line) for f in day_files(data_dir / "journal") for line in f.read_text().splitlines()]
    starts = [e for e in entries if e["event"] == "session_start"]
    ends = [e for e in entries if e["event"] == "session_end"]
    assert len(starts) == len(ends) == 200
    outcomes: dict[str, int] = {}
    for e in ends:
        outcomes[e["outcome"]] = outcomes.get(e["outcome"], 0) + 1
    assert outcomes == report["outcomes"]
    saved = [e["application_number"] for e in entries if e["event"] == "application_saved"]
    assert saved == [v["application_number"] for v in report["visits"] if v["application_number"]]
    assert [e["at"][:19] for e in starts] == [v["start"][:19] for v in report["visits"]]
    # The applications are in the queue as a real day's would be, under the citizens' names.
    from kiosk.storage import ApplicationStore
    from launcher.simulation.run import simulation_config

    store = ApplicationStore.from_config(simulation_config(data_dir))
    try:
        assert store.counts()["queued"] == len(saved)
        first = store.get(store.entry(saved[0]).application_id)
        names = {i["name"] for i in report["identities"]}
        assert f"{first.surname} {first.given_names}" in names
    finally:
        store.close()


def _identity_forms(identities):
    for person in identities:
        for value in person.values():
            if value:
                yield value
                yield json.dumps(value)[1:-1]       # as JSON writes it (\\u escapes)


def test_no_fictitious_identity_reaches_the_journal(day):
    data_dir, report = day
    raw = b"".join(f.read_bytes() for f in day_files(data_dir / "journal")).decode("utf-8")
    lowered = raw.lower()
    assert len(report["identities"]) == 200
    leaked = sorted({v for v in _identity_forms(report["identities"]) if v in raw or v.lower() in lowered})
    assert leaked == []


def _readable(path):
    """A file's bytes, and for a PDF also its streams inflated (a receipt's text is there)."""
    data = path.read_bytes()
    yield data
    if path.suffix == ".pdf":
        import re
        import zlib

        for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
            with contextlib.suppress(zlib.error):
                yield zlib.decompress(stream)


def test_no_fictitious_identity_is_anywhere_in_the_data_folder_in_plaintext(day):
    """Every file the day left (journal, log, queue, receipts, keys) is read as bytes: a
    name, ID number, document number, phone number or address is in none of them, in
    any case or as JSON escapes it. The queue holds the applications encrypted; a receipt
    shows the name and ID number masked."""
    data_dir, report = day
    files = sorted(f for f in data_dir.rglob("*") if f.is_file())
    names = {f.relative_to(data_dir).as_posix() for f in files}
    assert {f"journal/{DAY}.jsonl", "logs/simulate.log", "queue.sqlite3"} <= names
    assert any(n.startswith("printed/") for n in names)
    log = (data_dir / "logs" / "simulate.log").read_text()
    # The log is the kiosk's own, not an empty file: the day's sessions and faults are in it.
    assert log.count("session ended:") == 200 and "card read failed" in log
    forms = {v.encode().lower() for v in _identity_forms(report["identities"])}
    finder = _one_pattern(forms)
    planted = b"\0".join(b"x" + v.upper() + b"y" for v in forms).lower()
    assert set(finder.findall(planted)) == forms      # the finder finds every form
    leaked = {(f.relative_to(data_dir).as_posix(), found.decode()) for f in files for data in _readable(f)
              for found in finder.findall(data.lower())}
    assert sorted(leaked) == []


def _fingerprint_forms():
    """What of the simulated scanner's prints could leak: a run of raw pixels from the
    middle of each synthetic finger, the start of its PNG (as kept in the session), both
    also as base64 at the three alignments, and the ISO/IEC 19794-4 record's header."""
    import base64

    import cv2

    from hardware.fingerprint.simulated import DEMO_FINGERS
    from hardware.fingerprint.synthetic_prints import make_print

    forms = {b"FIR\x00010\x00", base64.b64encode(b"FIR\x00010\x00")[:8]}
    for seed in range(1, 1 + DEMO_FINGERS):
        pixels = make_print(seed).pixels
        raw = pixels[200, 100:164].tobytes()
        png = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, 6])[1].tobytes()[41:105]
        for data in (raw, png):
            forms.add(data)
            for shift in range(3):
                forms.add(base64.b64encode(data[shift:])[4:40])
    return forms


def test_no_fingerprint_image_is_anywhere_in_the_data_folder_in_plaintext(day):
    """The day's Chinese applicants gave their prints (the journal says so, without any
    data), and no print is anywhere in the data folder outside the encrypted queue."""
    data_dir, _report = day
    entries = [json.loads(line) for f in day_files(data_dir / "journal") for line in f.read_text().splitlines()]
    given = [e for e in entries if e["event"] == "fingerprints"]
    assert given and all(e["result"] == "captured" for e in given)
    assert all(set(e) - {"seq", "at", "event", "prev", "hash"} == {"session", "result"} for e in given)
    files = sorted(f for f in data_dir.rglob("*") if f.is_file())
    forms = _fingerprint_forms()
    leaked = {(f.relative_to(data_dir).as_posix(), form[:12]) for f in files for data in _readable(f)
              for form in forms if form in data}
    assert sorted(leaked) == []


def _one_pattern(words):
    """One regular expression for many byte strings, as a trie (each byte tried once per
    position, not once per word): thousands of words through megabytes in a second."""
    import re

    trie: dict = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})
        node[None] = {}

    def pattern(node):
        branches = [re.escape(bytes([b])) + pattern(child) for b, child in node.items() if b is not None]
        if not branches:
            return b""
        body = branches[0] if len(branches) == 1 and None not in node else b"(?:" + b"|".join(branches) + b")"
        return body + b"?" if None in node else body

    return re.compile(pattern(trie))


def _lines(path):
    return path.read_bytes().split(b"\n")[:-1]


def _write(path, lines):
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def _break(capsys, data_dir):
    code, verdict = _verify(capsys, data_dir)
    assert code == 1 and not verdict["valid"]
    return verdict["break"]


def test_one_character_edited_names_the_line(copy, capsys):
    data_dir, path = copy
    lines = _lines(path)
    line = 1234
    lines[line - 1] = lines[line - 1].replace(b'"at":"2026-11-21T', b'"at":"2026-11-22T', 1)
    _write(path, lines)
    assert _break(capsys, data_dir) == {"file": f"{DAY}.jsonl", "line": line, "kind": "edited",
                                       "detail": "its content does not match its hash"}


def test_a_deleted_line_names_the_line_after_it(copy, capsys):
    data_dir, path = copy
    lines = _lines(path)
    del lines[999]
    _write(path, lines)
    broken = _break(capsys, data_dir)
    assert (broken["line"], broken["kind"]) == (1000, "missing") and "entry 1000 missing" in broken["detail"]


def test_two_swapped_lines_name_the_line(copy, capsys):
    data_dir, path = copy
    lines = _lines(path)
    lines[499], lines[500] = lines[500], lines[499]
    _write(path, lines)
    broken = _break(capsys, data_dir)
    assert (broken["line"], broken["kind"]) == (501, "reordered")
    assert "entry 500 comes after entry 501" in broken["detail"]


def test_a_torn_last_line_is_no_tampering_and_the_kiosk_writes_on(copy, capsys):
    data_dir, path = copy
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size - 60)
    code, verdict = _verify(capsys, data_dir)
    assert code == 0 and verdict["valid"]
    last = len(_lines(path)) + 1
    assert [(n["line"], n["kind"]) for n in verdict["notices"]] == [(last, "torn")]
    # The kiosk starts again and writes: the torn line is cut off and recorded.
    import datetime as dt

    from kiosk.operations.journal import Journal

    writer = Journal(data_dir / "journal", clock=lambda: dt.datetime(2026, 11, 21, 18, 0).astimezone(),
                     kiosk_id="SIM-0001")
    writer.record("maintenance", action="entered", role="technician")
    writer.close()
    code, verdict = _verify(capsys, data_dir)
    assert code == 0 and verdict["valid"] and [n["kind"] for n in verdict["notices"]] == ["torn"]
    code, out, _ = _run(capsys, "audit", "verify", "--data-dir", str(data_dir))
    assert code == 0 and out.startswith("journal valid:") and "notice:" in out and "torn" in out


def test_the_text_report_names_file_line_and_kind(copy, capsys):
    data_dir, path = copy
    lines = _lines(path)
    lines[9] = lines[9][:-3] + b"0" + lines[9][-2:] if lines[9][-3:-2] != b"0" else lines[9][:-3] + b"1" + lines[9][-2:]
    _write(path, lines)
    code, out, _ = _run(capsys, "audit", "verify", "--data-dir", str(data_dir))
    assert code == 1 and out.splitlines()[0] == f"journal BROKEN: {DAY}.jsonl line 10: edited: its content does not match its hash"


def test_the_same_seed_gives_the_same_day(tmp_path, capsys):
    first = _simulate(capsys, tmp_path / "a", 8, 5)
    second = _simulate(capsys, tmp_path / "b", 8, 5)
    other = _simulate(capsys, tmp_path / "c", 8, 6)
    for report in (first, second, other):
        for key in ("data_dir", "log", "metrics", "elapsed_seconds", "journal"):
            report.pop(key)
    assert first == second and first != other
    a, b = (day_files(tmp_path / d / "journal") for d in "ab")
    assert [f.read_bytes() for f in a] == [f.read_bytes() for f in b]


def test_a_vietnamese_kiosk_day_leaks_no_name_either(tmp_path, capsys):
    report = _simulate(capsys, tmp_path / "vn", 15, 3, "--country", "VNM")
    assert any(any(c in i["name_local"] for c in "ễịạơưđ") for i in report["identities"])
    raw = b"".join(f.read_bytes() for f in day_files(tmp_path / "vn" / "journal")).decode()
    assert [v for v in _identity_forms(report["identities"]) if v in raw] == []
    assert _verify(capsys, tmp_path / "vn")[0] == 0


def test_simulate_refuses_a_folder_it_did_not_make_and_a_day_in_its_past(tmp_path, capsys):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "queue.sqlite3").write_bytes(b"")
    code, _, err = _run(capsys, "simulate", "--data-dir", str(tmp_path / "real"), "--sessions", "3", "--seed", "1")
    assert code == 2 and "not made by kiosk simulate" in err and err.count("\n") == 1
    _simulate(capsys, tmp_path / "sim", 3, 1)
    code, _, err = _run(capsys, "simulate", "--data-dir", str(tmp_path / "sim"), "--date", "2026-11-20",
                        "--sessions", "3", "--seed", "1")
    assert code == 2 and "already has 2026-11-21" in err
    # A later day in the same folder goes on with the same chain.
    code, _, err = _run(capsys, "simulate", "--data-dir", str(tmp_path / "sim"), "--date", "2026-11-22",
                        "--sessions", "3", "--seed", "1", "--json")
    assert code == 0, err
    code, verdict = _verify(capsys, tmp_path / "sim")
    assert code == 0 and verdict["days"] == ["2026-11-21", "2026-11-22"]


def test_verify_without_a_journal_and_with_a_bad_date(tmp_path, capsys):
    code, _, err = _run(capsys, "audit", "verify", "--data-dir", str(tmp_path))
    assert code == 2 and err.startswith("kiosk audit verify: no journal in")
    with pytest.raises(SystemExit) as exited:
        main(["audit", "verify", "--data-dir", str(tmp_path), "--date", "21/11/2026"])
    assert exited.value.code == 2


def test_each_session_can_be_told_again_from_the_journal_alone(day):
    """What the exports build on: start, language, case, outcome, where it stopped, the
    seconds of each step, the hand-over reason, the faults, the application and its fee,
    all from the journal's entries, matching what the simulation says it did."""
    data_dir, report = day
    sessions: dict[int, dict] = {}
    for f in day_files(data_dir / "journal"):
        for line in f.read_text().splitlines():
            e = json.loads(line)
            if e["event"] == "session_start":
                sessions[e["seq"]] = {"start": e["at"], "language": e["language"], "faults": [], "seconds": {},
                                      "application_number": "", "printed": False, "handover_reason": None}
                continue
            s = sessions.get(e.get("session"))
            if s is None:
                continue
            if e["event"] == "case":
                s["case"] = e["case"]
            elif e["event"] == "step":
                s["seconds"][e["from"]] = s["seconds"].get(e["from"], 0.0) + e["seconds"]
            elif e["event"] == "handover":
                s["handover_reason"] = e["reason"]
            elif e["event"] in ("device_fault", "problem"):
                s["faults"].append(e["code"])
            elif e["event"] == "application_saved":
                s["application_number"], s["printed"] = e["application_number"], e["printed"]
                s["fee"] = e["fee"]
            elif e["event"] == "session_end":
                s["outcome"], s["ended_in"] = e["outcome"], e["state"]
    told = list(sessions.values())
    assert len(told) == len(report["visits"])
    fault_codes = {"camera_gone": "camera_missing", "camera_blip": "camera_missing",
                   "reader_unplugged": "reader_missing", "card_pulled": "card_pulled"}
    for visit, s in zip(report["visits"], told):
        assert s["start"][:19] == visit["start"][:19]
        assert (s["language"], s["case"], s["outcome"]) == (visit["language"], visit["case"], visit["outcome"])
        assert (s["application_number"], s["printed"]) == (visit["application_number"], visit["printed"])
        assert s["handover_reason"] == visit["handover_reason"]
        if visit["left_at"]:
            assert s["ended_in"] == visit["left_at"]
        for fault in visit["faults"]:
            if fault in fault_codes:
                assert fault_codes[fault] in s["faults"], (visit, s)
        if "paper_out" in visit["faults"]:
            assert "print_failed" in s["faults"]
        if visit["application_number"]:
            assert s["fee"] in ("20.00", "40.00", "30.00") or float(s["fee"]) > 0
        total = sum(s["seconds"].values())
        assert 0 < total < 3600


def test_the_log_goes_to_the_data_folder_and_logging_is_left_as_it_was(tmp_path, capsys):
    """A simulated day in a process that goes on (a test run) must not leave the kiosk's
    loggers silenced or a file handler behind."""
    import logging

    root, kiosk = logging.getLogger(), logging.getLogger("kiosk")
    before = (root.level, list(root.handlers), [h.level for h in root.handlers], kiosk.level)
    report = _simulate(capsys, tmp_path / "d", 3, 2)
    assert (root.level, list(root.handlers), [h.level for h in root.handlers], kiosk.level) == before
    log = (tmp_path / "d" / "logs" / "simulate.log").read_text()
    assert report["log"] == str(tmp_path / "d" / "logs" / "simulate.log") and log.count("session ended:") == 3
