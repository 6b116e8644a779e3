"""Queue figures: durable enqueue latency, delivery throughput, and a 10 000-application backlog,
side by side with persist-queue (PyPI, SQLiteAckQueue) doing the same work.

    python tests/bench/bench_queue.py          (BENCH_N=500 BENCH_BACKLOG=10000 by default)

1. Durable enqueue: one ~57 KB-portrait application per call, each call returning only
   once the data is committed (SQLite WAL, synchronous=FULL on both sides; persist-queue's
   connections are checked and printed). Ours encrypts with AES-GCM; persist-queue is
   shown plain and with the same AES-GCM step added before put().
2. Delivery throughput to the reference intake on 127.0.0.1 over HTTPS with mutual TLS
   (the same client, intake and documents for both): ours is one deliver_pending() pass;
   persist-queue is get() -> POST -> ack() in a loop.
3. Backlog: a queue holding BENCH_BACKLOG queued applications is opened by a fresh
   process, which reports when it is ready to deliver (imports done, queue open and its
   schema checked, status computed, the first due application read and decrypted), and
   its resident memory then. persist-queue: imported, opened, counted, first item got.

Prints figures, asserts nothing. Note (REFERENCE.md): fsync on this kind of disk is
unrealistically fast (~0.08 ms); absolute latencies are not a kiosk's.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

N = int(os.environ.get("BENCH_N", "500"))
BACKLOG = int(os.environ.get("BENCH_BACKLOG", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))      # start-up runs with the backlog
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # alternating rounds of each contender
KIOSK = "BENCH-KIOSK-1"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:6.2f} ms   p99 {percentile(values, 0.99) * 1000:6.2f} ms"


def make_apps(n: int, seed: int = 1, start_day: dt.date = dt.date(2026, 11, 21)):
    """n synthetic applications; portraits drawn from a pool (generating 10 000 takes long)."""
    from kiosk.delivery.selftest.synthetic import synthetic_application, synthetic_person, synthetic_portrait
    from kiosk.storage.application_number import format_application_number

    rng = random.Random(seed)
    pool = [synthetic_portrait(rng) for _ in range(40)]
    apps = []
    for i in range(n):
        day = start_day + dt.timedelta(days=i // 9000)
        number = format_application_number(KIOSK, day, i % 9000 + 1)
        app = synthetic_application(number, KIOSK, rng, person=synthetic_person(rng), portrait_size=(8, 8))
        app.portrait_jpeg = pool[i % len(pool)]
        apps.append(app)
    return apps


def open_store(folder: Path):
    from kiosk.storage import ApplicationStore, Keyring

    return ApplicationStore(folder / "queue.sqlite3", Keyring.load(folder / "keys" / "data.key"))


def open_pq(folder: Path):
    import persistqueue

    return persistqueue.SQLiteAckQueue(str(folder), multithreading=True, auto_commit=True)


# -- 1. durable enqueue -----------------------------------------------------------------------


def bench_enqueue(work: Path, apps) -> dict[str, list[float]]:
    """Rounds of each contender in turn (the machine's load then weighs on all alike)."""
    from kiosk.storage import DataKey
    from kiosk.storage.store import document_bytes

    key = DataKey.generate()
    results: dict[str, list[float]] = {}

    def ours(folder: Path, chunk) -> list[float]:
        store = open_store(folder)
        lat = []
        for app in chunk:
            t0 = time.perf_counter()
            store.enqueue(app)  # JSON document, AES-GCM, commit
            lat.append(time.perf_counter() - t0)
        store.close()
        return lat

    def pq(folder: Path, chunk, encrypt: bool) -> list[float]:
        q = open_pq(folder)
        lat = []
        for app in chunk:
            t0 = time.perf_counter()
            doc = document_bytes(app)  # the same JSON document
            q.put((app.application_id, *key.encrypt(doc, app.application_id.encode())) if encrypt else doc)
            lat.append(time.perf_counter() - t0)
        q.close()
        return lat

    q = open_pq(work / "pq-check")
    sync = q._putter.execute("PRAGMA synchronous").fetchone()[0]
    journal = q._putter.execute("PRAGMA journal_mode").fetchone()[0]
    q.close()
    size = max(len(apps) // ROUNDS, 1)
    for r in range(ROUNDS):
        chunk = apps[r * size:(r + 1) * size]
        results.setdefault("kiosk ApplicationStore (JSON + AES-GCM)", []).extend(ours(work / "ours", chunk))
        results.setdefault("persist-queue SQLiteAckQueue (JSON)", []).extend(pq(work / "pq-plain", chunk, False))
        results.setdefault("persist-queue (JSON + the same AES-GCM)", []).extend(pq(work / "pq-aes", chunk, True))
    print(f"  (persist-queue connections: journal_mode={journal}, synchronous={sync} (2 = FULL))")
    return results


# -- 2. delivery throughput --------------------------------------------------------------------


def bench_delivery(work: Path, apps) -> dict[str, float]:
    from kiosk.delivery.backoff import Backoff
    from kiosk.delivery.client import ClientSettings, IntakeClient
    from kiosk.delivery.deliverer import Deliverer
    from kiosk.delivery.selftest.intake import IntakeServer
    from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
    from kiosk.storage.store import document_bytes

    pki = make_loopback_pki(work / "pki", KIOSK)
    rates: dict[str, list[float]] = {}

    def ours(r: int, chunk) -> float:
        with IntakeServer(work / f"intake-ours-{r}.sqlite3", pki) as intake:
            store = open_store(work / f"deliver-ours-{r}")
            for app in chunk:
                store.enqueue(app)
            client = IntakeClient(ClientSettings(intake.url, pki.client_cert, pki.client_key, pki.ca_cert, 5, 30))
            t0 = time.perf_counter()
            report = Deliverer(store, client, Backoff(0.05, 1.0)).deliver_pending()
            seconds = time.perf_counter() - t0
            client.close()
            store.close()
            assert report.delivered == len(chunk) == intake.stats().stored, report
        return len(chunk) / seconds

    def pq(r: int, chunk) -> float:
        with IntakeServer(work / f"intake-pq-{r}.sqlite3", pki) as intake:
            q = open_pq(work / f"deliver-pq-{r}")
            for app in chunk:
                q.put((app.application_id, document_bytes(app)))
            client = IntakeClient(ClientSettings(intake.url, pki.client_cert, pki.client_key, pki.ca_cert, 5, 30))
            t0 = time.perf_counter()
            delivered = 0
            while q.qsize():
                item = q.get(block=False)
                app_id, doc = item
                client.submit(app_id, doc)
                q.ack(item)
                delivered += 1
            seconds = time.perf_counter() - t0
            client.close()
            q.close()
            assert delivered == len(chunk) == intake.stats().stored
        return len(chunk) / seconds

    size = max(len(apps) // ROUNDS, 1)
    for r in range(ROUNDS):
        chunk = apps[r * size:(r + 1) * size]
        rates.setdefault("kiosk Deliverer (decrypt, POST, commit outcome)", []).append(ours(r, chunk))
        rates.setdefault("persist-queue (get, POST, ack)", []).append(pq(r, chunk))
    return rates


# -- 3. backlog start-up ----------------------------------------------------------------------

OURS_STARTUP = """
import time, sys, datetime as dt
t0 = time.perf_counter()
from pathlib import Path
from kiosk.storage import ApplicationStore, Keyring
t1 = time.perf_counter()
folder = Path(sys.argv[1])
store = ApplicationStore(folder / "queue.sqlite3", Keyring.load(folder / "keys" / "data.key"))
status = store.status()
entry = store.next_due(dt.datetime.now(dt.UTC))
store.delivery_document(entry.application_id)
t2 = time.perf_counter()
import psutil
print("READY", status.counts["queued"], t1 - t0, t2 - t1, psutil.Process().memory_info().rss, flush=True)
"""

PQ_STARTUP = """
import time, sys
t0 = time.perf_counter()
import persistqueue
t1 = time.perf_counter()
q = persistqueue.SQLiteAckQueue(sys.argv[1], multithreading=True, auto_commit=True)
n = q.qsize()
item = q.get(block=False)
t2 = time.perf_counter()
import psutil
print("READY", n, t1 - t0, t2 - t1, psutil.Process().memory_info().rss, flush=True)
"""


def startup(code: str, folder: Path) -> tuple[float, float, float, float, int]:
    """(wall time to ready, import time, open-to-ready time, RSS MB, queued count)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    line = next(line for line in out.stdout.splitlines() if line.startswith("READY"))
    _, count, imports, ready, rss = line.split()
    return wall, float(imports), float(ready), int(rss) / 2**20, int(count)


def bench_backlog(work: Path) -> None:
    from kiosk.storage.store import document_bytes

    print(f"  building two queues of {BACKLOG} applications ...", flush=True)
    t0 = time.perf_counter()
    apps = make_apps(BACKLOG, seed=3)
    ours = work / "backlog-ours"
    store = open_store(ours)
    for app in apps:
        store.enqueue(app)
    store.close()
    q = open_pq(work / "backlog-pq")
    for app in apps:
        q.put((app.application_id, document_bytes(app)))
    q.close()
    del apps
    size_ours = sum(f.stat().st_size for f in ours.glob("queue.sqlite3*"))
    size_pq = sum(f.stat().st_size for f in (work / "backlog-pq").glob("*"))
    print(f"  (built in {time.perf_counter() - t0:.0f} s; files: ours {size_ours / 2**20:.0f} MB, "
          f"persist-queue {size_pq / 2**20:.0f} MB)")
    for label, code, folder in (
        ("kiosk ApplicationStore", OURS_STARTUP, ours),
        ("persist-queue SQLiteAckQueue", PQ_STARTUP, work / "backlog-pq"),
    ):
        runs = [startup(code, folder) for _ in range(RUNS)]
        assert all(r[4] == BACKLOG for r in runs), runs
        print(
            f"  {label:<30} process start -> ready {statistics.median(r[0] for r in runs):.2f} s "
            f"(imports {statistics.median(r[1] for r in runs) * 1000:.0f} ms, "
            f"open + status + first item {statistics.median(r[2] for r in runs) * 1000:.0f} ms)   "
            f"RSS {statistics.median(r[3] for r in runs):.0f} MB"
        )


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    try:
        import logging

        logging.disable(logging.INFO)  # the store logs each enqueue at INFO
        print(f"queue benchmark (N={N}, portraits ~57 KB, documents ~{len(make_apps(1)[0].portrait_jpeg) * 4 // 3 // 1024 + 2} KB)")
        apps = make_apps(N)
        print(f"durable enqueue latency (returns once committed; {ROUNDS} alternating rounds):")
        for label, lat in bench_enqueue(work, apps).items():
            print(f"  {label:<40} {ms(lat)}")
        print(f"delivery throughput to the loopback intake (HTTPS, mutual TLS, one process; {ROUNDS} rounds):")
        for label, rates in bench_delivery(work, make_apps(N, seed=2)).items():
            print(f"  {label:<50} median {statistics.median(rates):6.1f} applications/s  "
                  f"(rounds: {', '.join(f'{r:.0f}' for r in rates)})")
        print(f"start-up with a backlog of {BACKLOG} queued applications ({RUNS} runs):")
        bench_backlog(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
