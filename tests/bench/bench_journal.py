"""Audit journal figures: what a durable entry costs, how fast a day verifies, and how
long `kiosk simulate` takes for a day.

    python tests/bench/bench_journal.py     (BENCH_N=2000 entries, BENCH_SESSIONS=200,1000)

1. Append, one entry at a time as the kiosk does (a `step` entry, ~330 bytes): the
   journal as shipped (write + fdatasync), the same journal with fsync instead, and
   without any sync; beside it, in the same run, a bare O_APPEND write of the same bytes
   (the floor) and one SQLite row committed in WAL mode with synchronous=FULL (what the
   queue pays for its durability).
2. `kiosk audit verify` of the journal of a 1000-session day.
3. `kiosk simulate` of BENCH_SESSIONS sessions (wall time, and per session).

Prints figures, asserts nothing. Note (REFERENCE.md): fsync on this kind of disk is
unrealistically fast; absolute latencies are not a kiosk's (an SD card or eMMC is often
10 to 100 times slower per sync).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

N = int(os.environ.get("BENCH_N", "2000"))
SESSIONS = [int(s) for s in os.environ.get("BENCH_SESSIONS", "200,1000").split(",") if s]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))


def _sample_line(folder: Path) -> bytes:
    """The bytes of one entry as the journal writes it, for the baselines."""
    from kiosk.operations.journal import Journal

    journal = Journal(folder, clock=lambda: dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone.utc),
                      kiosk_id="BENCH-1", sync=False)
    journal.record("step", **_fields(0))
    journal.close()
    return next(folder.glob("*.jsonl")).read_bytes()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.3f} ms   p99 {percentile(values, 0.99) * 1000:7.3f} ms"


def _fields(i: int) -> dict:
    return {"session": 1000 + i, "state": "portrait", "from": "face_check", "trigger": "face_matched",
            "seconds": 7.25 + i % 10}


class _JournalContender:
    """One journal kept open across rounds, in one of the three sync modes."""

    def __init__(self, folder: Path, mode: str) -> None:
        from kiosk.operations.journal import Journal

        start = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone.utc)
        tick = iter(range(10**9))
        self.mode = mode
        self.journal = Journal(folder, clock=lambda: start + dt.timedelta(seconds=next(tick)),
                               kiosk_id="BENCH-1", sync=mode != "none")
        self.i = 0

    def run(self, count: int) -> list[float]:
        from kiosk.operations import journal as journal_module

        real = journal_module.os.fdatasync
        if self.mode == "fsync":
            journal_module.os.fdatasync = os.fsync       # the same journal, syncing metadata too
        times = []
        try:
            for _ in range(count):
                t = time.perf_counter()
                self.journal.record("step", **_fields(self.i))
                times.append(time.perf_counter() - t)
                self.i += 1
        finally:
            journal_module.os.fdatasync = real
        return times


class _RawAppend:
    def __init__(self, path: Path, line: bytes) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.line = line

    def run(self, count: int) -> list[float]:
        times = []
        for _ in range(count):
            t = time.perf_counter()
            os.write(self.fd, self.line)
            times.append(time.perf_counter() - t)
        return times


class _Sqlite:
    def __init__(self, path: Path, line: bytes) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("pragma journal_mode=wal")
        self.db.execute("pragma synchronous=full")
        self.db.execute("create table t (id integer primary key, body blob)")
        self.line = line

    def run(self, count: int) -> list[float]:
        times = []
        for _ in range(count):
            t = time.perf_counter()
            self.db.execute("begin")
            self.db.execute("insert into t (body) values (?)", (self.line,))
            self.db.execute("commit")
            times.append(time.perf_counter() - t)
        return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        line = _sample_line(base / "sample")
        contenders = {
            "journal, write + fdatasync (as shipped)  ": _JournalContender(base / "fdatasync", "fdatasync"),
            "journal, write + fsync                   ": _JournalContender(base / "fsync", "fsync"),
            "journal, no sync                         ": _JournalContender(base / "none", "none"),
            "baseline: bare O_APPEND write            ": _RawAppend(base / "raw.jsonl", line),
            "baseline: SQLite WAL synchronous=FULL row": _Sqlite(base / "lite.sqlite3", line),
        }
        times: dict[str, list[float]] = {name: [] for name in contenders}
        # Rounds, each contender in turn: a disk shared with other work slows whoever runs
        # then, and alternating spreads that over all of them.
        for _ in range(ROUNDS):
            for name, contender in contenders.items():
                times[name] += contender.run(N // ROUNDS)
        print(f"journal append, {N} entries of {len(line)} bytes, one at a time, {ROUNDS} alternating rounds:")
        for name, values in times.items():
            print(f"  {name} {ms(values)}")
        names = list(times)
        sync_cost = statistics.median(times[names[0]]) - statistics.median(times[names[2]])
        print(f"  => the sync costs {sync_cost * 1000:.3f} ms an entry (median); a session writes about 14")

        for sessions in SESSIONS:
            data = base / f"sim-{sessions}"
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "launcher", "simulate", "--data-dir", str(data), "--date", "2026-11-21",
                 "--sessions", str(sessions), "--seed", "1", "--json"],
                cwd=ROOT, capture_output=True, text=True, check=True,
            ).stdout
            wall = time.perf_counter() - t
            report = json.loads(out)
            print(f"kiosk simulate --sessions {sessions}: {wall:.1f} s wall ({report['elapsed_seconds']:.1f} s "
                  f"inside, {report['elapsed_seconds'] / sessions * 1000:.0f} ms a session), "
                  f"{report['journal']['entries_written']} journal entries, time scale {report['time_scale']}")
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "launcher", "audit", "verify", "--data-dir", str(data)],
                           cwd=ROOT, capture_output=True, check=True)
            print(f"  kiosk audit verify of that day: {time.perf_counter() - t:.2f} s (process included)")


if __name__ == "__main__":
    main()
