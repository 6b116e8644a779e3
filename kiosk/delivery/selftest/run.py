"""The technician's self-test of the queue: `kiosk queue selftest --data-dir DIR --count N`.

In a fresh folder (never the kiosk's own queue) it creates a queue and a key, enqueues
N synthetic applications and times each durable enqueue; unless told not to, it starts
a reference intake on 127.0.0.1 with a throwaway CA and mutual TLS, delivers the
applications through the real client, and counts delivered, duplicated and missing
ones against what the intake stored. It then searches the raw bytes of the queue
database, its WAL and the log written during the test for the synthetic names, ID
numbers, phone numbers and photos, and runs SQLite's integrity check.

The folder then holds a queue laid out like a kiosk's data folder (queue.sqlite3,
keys/data.key), so `KIOSK__KIOSK__DATA_DIR=DIR kiosk queue status` works on it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import random
import statistics
import time
from pathlib import Path
from typing import Any

from kiosk.card_application import Application
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.storage import ApplicationStore, Keyring
from kiosk.storage.application_number import is_valid_kiosk_id
from kiosk.storage.store import document_bytes

DB_NAME = "queue.sqlite3"
KEY_FILE = Path("keys") / "data.key"
LOG_NAME = "selftest.log"
DEFAULT_KIOSK_ID = "SELFTEST-01"
MAX_PASSES = 200  # delivery passes before giving up (each one retries what failed)


class SelftestError(Exception):
    """The self-test cannot run here (e.g. the folder already holds a queue)."""


def run_selftest(
    data_dir: Path,
    count: int,
    *,
    deliver: bool = True,
    kiosk_id: str = DEFAULT_KIOSK_ID,
    seed: int | None = None,
) -> dict[str, Any]:
    if count < 1:
        raise SelftestError("count must be at least 1")
    if not is_valid_kiosk_id(kiosk_id):
        raise SelftestError("the kiosk id must be 1-24 letters, digits and inner hyphens")
    try:
        data_dir = Path(data_dir).resolve()
        if (data_dir / DB_NAME).exists():
            raise SelftestError(f"{data_dir} already holds a queue; the self-test needs a fresh folder")
        if data_dir.exists() and not data_dir.is_dir():
            raise SelftestError(f"{data_dir} is not a folder")
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(data_dir / LOG_NAME, encoding="utf-8")
    except OSError as exc:  # not writable, a name too long for the file system, ...
        shown = str(data_dir) if len(str(data_dir)) <= 160 else str(data_dir)[:100] + "..."
        raise SelftestError(f"cannot use {shown}: {exc.strerror or exc}") from None
    rng = random.Random(seed)

    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    # The log file must see everything the code would ever log (DEBUG), while the
    # handlers already installed (the terminal) keep showing what they showed before.
    old_handler_levels = {h: h.level for h in root.handlers}
    for h in root.handlers:
        h.setLevel(max(h.level, old_level))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    store = ApplicationStore(data_dir / DB_NAME, Keyring.load(data_dir / KEY_FILE))
    try:
        try:
            report, apps = _run(store, data_dir, count, deliver, kiosk_id, rng)
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
            for h, level in old_handler_levels.items():
                h.setLevel(level)
            handler.close()
        # Searched twice: while the queue is open (its WAL holds the newest pages), and
        # after it is closed (SQLite then checkpoints the WAL into the database file).
        open_search = _search_at_rest(data_dir, apps)
    finally:
        store.close()
    closed_search = _search_at_rest(data_dir, apps)
    report["at_rest"] = {
        "files": sorted(set(open_search["files"]) | set(closed_search["files"])),
        "bytes_searched": open_search["bytes_searched"] + closed_search["bytes_searched"],
        "plaintext_found": open_search["plaintext_found"] + closed_search["plaintext_found"],
        "findings": open_search["findings"] + closed_search["findings"],
    }
    report["ok"] = bool(
        report["integrity_check"] == ["ok"]
        and report["at_rest"]["plaintext_found"] == 0
        and (report["delivery"] is None or (
            report["delivery"]["missing"] == 0
            and report["delivery"]["duplicated"] == 0
            and report["delivery"]["corrupted"] == 0
            and report["delivery"]["delivered"] == count
        ))
    )
    return report


def _run(
    store: ApplicationStore, data_dir: Path, count: int, deliver: bool, kiosk_id: str, rng: random.Random
) -> tuple[dict[str, Any], list[Application]]:
    apps: list[Application] = []
    latencies: list[float] = []
    started = time.perf_counter()
    today = dt.date.today()
    for _ in range(count):
        number = store.next_application_number(kiosk_id, today)
        app = synthetic_application(number, kiosk_id, rng)
        t0 = time.perf_counter()
        store.enqueue(app)  # returns once committed and fsynced
        latencies.append(time.perf_counter() - t0)
        apps.append(app)
    enqueue_total = time.perf_counter() - started

    delivery = _deliver(data_dir, store, apps, kiosk_id) if deliver else None
    report: dict[str, Any] = {
        "data_dir": str(data_dir),
        "count": count,
        "kiosk_id": kiosk_id,
        "synthetic_applications": [
            {
                "application_id": a.application_id,
                "application_number": a.application_number,
                "name": f"{a.surname} {a.given_names}",
                "name_local": a.name_local,
                "id_number": a.id_number,
                "phone": a.phone,
            }
            for a in apps
        ],
        "enqueue": {
            "count": count,
            "median_ms": round(statistics.median(latencies) * 1000, 3),
            "p99_ms": round(_percentile(latencies, 0.99) * 1000, 3),
            "max_ms": round(max(latencies) * 1000, 3),
            "total_seconds": round(enqueue_total, 3),
        },
        "delivery": delivery,
        "queue": store.status().as_dict(dt.datetime.now(dt.UTC)),
        "integrity_check": store.integrity_check(),
    }
    return report, apps


def _deliver(data_dir: Path, store: ApplicationStore, apps: list[Application], kiosk_id: str) -> dict[str, Any]:
    from kiosk.delivery.backoff import Backoff
    from kiosk.delivery.client import ClientSettings, IntakeClient
    from kiosk.delivery.deliverer import Deliverer
    from kiosk.delivery.selftest.intake import IntakeServer
    from kiosk.delivery.selftest.loopback_pki import make_loopback_pki

    pki = make_loopback_pki(data_dir / "pki", kiosk_id)
    with IntakeServer(data_dir / "intake.sqlite3", pki) as intake:
        client = IntakeClient(ClientSettings(intake.url, pki.client_cert, pki.client_key, pki.ca_cert, 5.0, 30.0))
        deliverer = Deliverer(store, client, Backoff(0.05, 1.0))
        started = time.perf_counter()
        passes = 0
        try:
            while store.counts()["queued"] and passes < MAX_PASSES:
                report = deliverer.deliver_pending()
                passes += 1
                if report.stopped_because:
                    time.sleep(0.1)
        finally:
            client.close()
        seconds = time.perf_counter() - started
        stored = intake.stored()
        stats = intake.stats()
        url = intake.url

    ours = {a.application_id: a for a in apps}
    delivered = [k for k in ours if k in stored]
    corrupted = [
        k for k in delivered
        if stored[k].body_sha256 != hashlib.sha256(document_bytes(ours[k])).hexdigest()
    ]
    entries = {e.application_id: e for e in store.entries()}
    unacknowledged = [
        k for k in delivered
        if entries[k].state != "delivered" or entries[k].office_reference != stored[k].office_reference
    ]
    return {
        "intake_url": url,
        "delivered": len(delivered),
        "missing": len(ours) - len(delivered),
        "duplicated": stats.duplicated + stats.duplicate_numbers,
        "corrupted": len(corrupted),
        "not_marked_delivered": len(unacknowledged),
        "requests": stats.requests,
        "replays": stats.replays,
        "passes": passes,
        "seconds": round(seconds, 3),
        "per_second": round(len(delivered) / seconds, 1) if seconds > 0 else None,
    }


def _search_at_rest(data_dir: Path, apps: list[Application]) -> dict[str, Any]:
    """Search the raw bytes of the queue's files and the log for anything personal."""
    files = [data_dir / DB_NAME, data_dir / (DB_NAME + "-wal"), data_dir / LOG_NAME]
    present = [f for f in files if f.exists()]
    blobs = {f.name: f.read_bytes() for f in present}
    findings: list[dict[str, str]] = []
    for app in apps:
        for what, needle in secrets_of(app).items():
            for name, blob in blobs.items():
                if needle in blob:
                    findings.append({"file": name, "application_id": app.application_id, "what": what})
    return {
        "files": [f.name for f in present],
        "bytes_searched": sum(len(b) for b in blobs.values()),
        "plaintext_found": len(findings),
        "findings": findings,
    }


# Shorter strings turn up by chance in megabytes of ciphertext (a 2-letter surname is
# expected ~25 times in 1.6 MB), so short values are searched only in the forms they
# take in the payload and in messages: the JSON member and the full name.
MIN_NEEDLE_BYTES = 6


def secrets_of(app: Application) -> dict[str, bytes]:
    """Byte strings that must never appear on disk in clear, named by what they are."""
    photo = app.portrait_jpeg
    out: dict[str, bytes] = {}
    fields = {
        "surname": app.surname,
        "given_names": app.given_names,
        "name_local": app.name_local,
        "id_number": app.id_number,
        "phone": app.phone,
        "document_number": app.document_number,
        "postal_address": app.postal_address,
    }
    for name, value in fields.items():
        if not value:
            continue
        raw = value.encode("utf-8")
        if len(raw) >= MIN_NEEDLE_BYTES:
            out[name] = raw
        out[f"{name} (JSON)"] = f'"{name}":{json.dumps(value, ensure_ascii=False)}'.encode("utf-8")
    out["full name"] = f"{app.surname} {app.given_names}".encode()
    out.update({
        # The JPEG start-of-image marker with its APP0 header, raw and as base64 (the
        # payload carries photos base64-encoded). The bare 3-byte marker FF D8 FF turns
        # up by chance in megabytes of ciphertext, so the 11-byte header is searched.
        "photo_start": photo[:11],
        "photo_start_base64": base64.b64encode(photo[:30])[:36],
        "photo_data": photo[len(photo) // 2: len(photo) // 2 + 32],
    })
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def format_report(report: dict[str, Any]) -> str:
    """The self-test's result for a terminal."""
    lines = [f"queue self-test in {report['data_dir']}: {'PASSED' if report['ok'] else 'FAILED'}"]
    e = report["enqueue"]
    lines.append(
        f"  enqueued {e['count']} synthetic applications: durable enqueue median {e['median_ms']} ms, "
        f"p99 {e['p99_ms']} ms"
    )
    d = report["delivery"]
    if d is None:
        lines.append("  delivery: skipped (--no-deliver)")
    else:
        lines.append(
            f"  delivered {d['delivered']}, duplicated {d['duplicated']}, missing {d['missing']}, "
            f"corrupted {d['corrupted']} in {d['seconds']} s ({d['per_second']}/s, {d['requests']} requests)"
        )
    a = report["at_rest"]
    lines.append(f"  personal data in clear in {', '.join(a['files'])}: {a['plaintext_found']} found")
    lines.append(f"  integrity check: {', '.join(report['integrity_check'])}")
    lines.append("  synthetic applications used (fictitious people):")
    for s in report["synthetic_applications"]:
        lines.append(f"    {s['application_number']}  {s['name']} / {s['name_local']}  {s['id_number']}  {s['phone']}")
    return "\n".join(lines)
