"""SIGKILL at random moments while the kiosk enqueues and delivers; then nothing is lost or doubled.

A child process (queue_crash_child.py) enqueues synthetic applications, printing each id
once `enqueue` returned (the moment a citizen is told "saved"), while its delivery worker
sends them to a real HTTPS intake in this process, which sometimes answers slowly, fails,
or closes the connection after storing. The child is killed with SIGKILL at random
moments (during start-up and migration, enqueue, delivery), restarted, killed again.
At the end a last run drains the queue, and:

- every acknowledged application is in the queue and was stored by the intake;
- the intake stored no application twice (copies per idempotency key: zero), and every
  application it stored is one of the kiosk's, byte for byte;
- each kiosk row is delivered with the office's reference of its first storage;
- both databases pass PRAGMA integrity_check (the kiosk's after every kill).

50 kills in CI (about a minute; KIOSK_CRASH_KILLS changes it); KIOSK_SOAK=1 runs a long
soak (KIOSK_SOAK_KILLS, default 1000). KIOSK_CRASH_SEED replays a run's kill schedule.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.storage import ApplicationState, ApplicationStore, Keyring
from tests.emulators.intake import Fault

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("queue_crash_child.py")
SOAK = os.environ.get("KIOSK_SOAK") == "1"
KILLS = int(os.environ.get("KIOSK_SOAK_KILLS", "1000")) if SOAK else int(os.environ.get("KIOSK_CRASH_KILLS", "50"))


class Child:
    def __init__(self, args: list[str]) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), *args], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.strip()
            self.lines.append(line)
            if line == "READY":
                self.ready.set()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(30)  # what was flushed before the kill is still in the pipe

    def acked(self) -> list[str]:
        return [line.split()[1] for line in self.lines if line.startswith("ACK ")]


def integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


@pytest.mark.timeout(3600 if SOAK else 600)
def test_sigkill_never_loses_or_doubles_an_application(tmp_path: Path, intake, pki) -> None:
    data = tmp_path / "kiosk"
    db = data / "queue.sqlite3"
    rng = random.Random(int(os.environ.get("KIOSK_CRASH_SEED", "20261121")))
    intake.faults.set_mix({Fault.SLOW: 0.15, Fault.CLOSE_AFTER_STORE: 0.05, Fault.ERROR_500: 0.05}, seed=rng.random())
    intake.faults.slow_seconds = 0.05
    base = [str(data), intake.url, str(pki.client_cert), str(pki.client_key), str(pki.ca_cert)]

    acked: list[str] = []
    kills = during_startup = 0
    for run in range(KILLS):
        child = Child([*base, str(rng.randrange(2**32))])
        if rng.random() < 0.15:
            # Anywhere from interpreter start to the first enqueues: key creation, migration.
            time.sleep(rng.uniform(0.0, 1.0))
            during_startup += not child.ready.is_set()
        else:
            if not child.ready.wait(60):
                child.kill()
                pytest.fail(f"the child never got ready: {child.proc.stderr.read()}")
            time.sleep(rng.uniform(0.02, 0.6))
        assert child.proc.poll() is None, f"the child died on its own: {child.proc.stderr.read()}"
        child.kill()
        kills += 1
        acked += child.acked()
        if db.exists():
            assert integrity(db) == ["ok"], f"database damaged after kill {kills}"

    intake.faults.clear()
    drain = Child([*base, "1", "--drain"])
    assert drain.proc.wait(300) == 0, drain.proc.stderr.read()
    drain._reader.join(30)
    assert "DRAINED" in drain.lines

    with ApplicationStore(db, Keyring.load(data / "keys" / "data.key")) as store:
        assert store.integrity_check() == ["ok"]
        entries = {e.application_id: e for e in store.entries()}
        missing_locally = set(acked) - set(entries)
        assert not missing_locally, f"{len(missing_locally)} acknowledged applications lost"
        undelivered = [(e.state.value, e.last_error) for e in entries.values() if e.state is not ApplicationState.DELIVERED]
        assert not undelivered, undelivered[:5]

        stats = intake.stats()
        stored = intake.stored()
        assert stats.duplicated == 0, "an application was stored twice"
        assert stats.duplicate_numbers == 0
        assert set(acked) <= set(stored), "an acknowledged application never reached the office"
        assert set(stored) == set(entries)
        for app_id, entry in entries.items():
            assert entry.office_reference == stored[app_id].office_reference
            assert stored[app_id].body_sha256 == hashlib.sha256(store.delivery_document(app_id)).hexdigest()
    assert intake.integrity_check() == ["ok"]
    assert kills == KILLS

    unacked = len(entries) - len(set(acked))
    print(
        f"\n{kills} SIGKILLs ({during_startup} during start-up), {len(acked)} acknowledged, "
        f"{unacked} committed but never acknowledged, {len(entries)} delivered; intake: "
        f"{stats.requests} requests, {stats.replays} replays, faults {stats.faults}"
    )
