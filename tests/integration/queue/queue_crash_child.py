"""The kiosk process the crash test kills: enqueues and delivers until SIGKILL.

    python queue_crash_child.py DATA_DIR ENDPOINT CERT KEY CA SEED [--drain]

It prints `READY` once its queue is open and its delivery worker runs, then, for each
application, `ACK <id>` right after `enqueue` returned (the moment the kiosk would tell
the citizen "saved"), flushed at once. With --drain it enqueues nothing, delivers until
the queue is empty, prints `DRAINED` and exits.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import ClientSettings, IntakeClient
from kiosk.delivery.deliverer import Deliverer
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.delivery.worker import DeliveryWorker
from kiosk.storage import ApplicationStore, Keyring

KIOSK = "IT-KIOSK-1"  # the CN of the test PKI's client certificate (conftest)


def main(argv: list[str]) -> int:
    data_dir, endpoint, cert, key, ca, seed = argv[:6]
    drain = "--drain" in argv[6:]
    rng = random.Random(int(seed))
    store = ApplicationStore(Path(data_dir) / "queue.sqlite3", Keyring.load(Path(data_dir) / "keys" / "data.key"))
    client = IntakeClient(ClientSettings(endpoint, Path(cert), Path(key), Path(ca), 2.0, 2.0))
    deliverer = Deliverer(store, client, Backoff(0.02, 0.2, rng))
    if drain:
        for _ in range(500):
            if not store.counts()["queued"]:
                print("DRAINED", flush=True)
                return 0
            if deliverer.deliver_pending().stopped_because:
                time.sleep(0.05)
        return 1
    worker = DeliveryWorker(deliverer, poll_interval=0.2, retention=dt.timedelta(days=1))
    worker.start()
    print("READY", flush=True)
    day = dt.date(2026, 11, 21)
    while True:
        number = store.next_application_number(KIOSK, day)
        app = synthetic_application(number, KIOSK, rng, portrait_size=(179, 220))
        store.enqueue(app)
        print(f"ACK {app.application_id}", flush=True)
        time.sleep(rng.uniform(0.0, 0.02))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
