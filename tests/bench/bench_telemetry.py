"""Fleet telemetry figures: what writing the metrics file costs, and what a journald
copy adds to a journal entry.

    python tests/bench/bench_telemetry.py     (BENCH_N=2000 writes)

1. The kiosk's metrics file written as the kiosk writes it (`TextfileWriter.write`: the
   sources read, the registry rendered, written aside and renamed over), with a full
   day's figures in it (every outcome, every step's histogram, six devices, queue and
   paper); beside it, in the same run, `prometheus_client.generate_latest` of an empty
   registry (the library's floor), `generate_latest` of the kiosk's registry alone (the
   rendering without the file), and a bare write + rename of the same bytes (the file
   system's share).
2. One journal entry without followers and with the journald copy, sent to a datagram
   socket this bench binds and drains (no sync: the copy's cost, not the disk's).

Prints figures, asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

N = int(os.environ.get("BENCH_N", "2000"))
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def us(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1e6:8.1f} us   p99 {percentile(values, 0.99) * 1e6:8.1f} us"


def timed(fn, n: int = N) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def busy_metrics():
    from kiosk.operations.telemetry.metrics import OUTCOMES, STEPS, KioskMetrics

    m = KioskMetrics(kiosk_id="BENCH-1", mode="production", version="1.0.0")
    for i in range(300):
        m.session_ended(OUTCOMES[i % len(OUTCOMES)])
        for j, step in enumerate(STEPS):
            m.step_took(step, (i * 7 + j * 13) % 240 + 0.5)
    m.set_health({"devices": [{"name": d, "state": "ok", "needed": True}
                              for d in ("camera", "card_reader", "printer", "network", "disk", "queue")]})
    return m


def main() -> None:
    from prometheus_client import CollectorRegistry, generate_latest

    from kiosk.operations.paper import PaperCount
    from kiosk.operations.telemetry.textfile import TextfileWriter
    from types import SimpleNamespace

    status = SimpleNamespace(counts={"queued": 12, "delivered": 280, "parked": 1},
                             oldest_queued_at=NOW - dt.timedelta(minutes=40))
    paper = PaperCount(receipts=120, printed_mm=120 * 110.0, changed_at=NOW, roll_mm=80_000.0,
                       receipt_mm=110.0, low_receipts=30)
    with tempfile.TemporaryDirectory() as folder:
        m = busy_metrics()
        writer = TextfileWriter(m, Path(folder), queue=lambda: status, last_delivered=lambda: NOW,
                                health=lambda: None, paper=lambda: paper, clock=lambda: NOW)
        writer.write()
        data = writer.path.read_bytes()
        empty = CollectorRegistry()
        bare = Path(folder) / "bare.prom"

        def write_rename() -> None:
            tmp = Path(folder) / "bare.prom.tmp"
            tmp.write_bytes(data)
            os.rename(tmp, bare)

        print(f"metrics file: {len(data)} bytes, {sum(1 for line in data.splitlines() if not line.startswith(b'#'))} "
              f"samples; {N} writes each")
        print(f"  generate_latest(empty registry)    {us(timed(lambda: generate_latest(empty)))}   (baseline)")
        print(f"  write + rename of the same bytes   {us(timed(write_rename))}   (baseline)")
        print(f"  generate_latest(kiosk registry)    {us(timed(lambda: generate_latest(m.registry)))}")
        print(f"  TextfileWriter.write()             {us(timed(writer.write))}")

    from kiosk.operations.journal import Journal
    from kiosk.operations.telemetry.systemd_journal import JournalCopy, SystemdJournal

    with tempfile.TemporaryDirectory(prefix="jb") as folder:
        path = f"{folder}/s"
        sink = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sink.bind(path)
        sink.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        sink.settimeout(0.2)
        stop = threading.Event()

        def drain() -> None:
            while not stop.is_set():
                try:
                    sink.recv(65536)
                except socket.timeout:
                    pass

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        fields = {"state": "face_check", "from": "eligibility", "trigger": "proceed", "seconds": 8.25}
        plain = Journal(Path(folder) / "a", clock=lambda: NOW, kiosk_id="BENCH-1", sync=False)
        copied = Journal(Path(folder) / "b", clock=lambda: NOW, kiosk_id="BENCH-1", sync=False)
        target = SystemdJournal(path)
        copied.followers.append(JournalCopy(target, "BENCH-1"))
        print(f"journal entry ('step'), no sync, {N} each")
        print(f"  without followers                  {us(timed(lambda: plain.record('step', **fields)))}   (baseline)")
        print(f"  with the journald copy             {us(timed(lambda: copied.record('step', **fields)))}"
              f"   (sent {target.sent}, dropped {target.dropped})")
        stop.set()
        reader.join()
        plain.close()
        copied.close()
        sink.close()


if __name__ == "__main__":
    main()
