"""`kiosk queue ...`: the technicians' commands for the application queue.

    kiosk queue status [--json]           counts by state, age of the oldest, last error
    kiosk queue list [--state S] [--json] the applications (bookkeeping only, nothing personal)
    kiosk queue deliver --once            try every queued application once, now
    kiosk queue deliver                   deliver in the foreground until interrupted
    kiosk queue retry ID                  queue a parked application again (id or number)
    kiosk queue purge [--older-than-hours H]
    kiosk queue rekey                     re-encrypt rows still under an earlier key
    kiosk queue selftest --data-dir DIR --count N [--no-deliver] [--json]

Every command except `selftest` reads the kiosk's configuration (`--config FILE`, else
the defaults plus KIOSK__... environment overrides). The work is done by
kiosk.delivery.service.QueueService, which the maintenance screens use too; imports are
inside the command functions so `kiosk --help` stays fast.

Exit codes: 0 done; 1 the command ran but found a problem (delivery stopped by a
failure, application not found or not retryable, self-test failed, the queue's key
missing); 2 bad usage or configuration.

A data key file that is missing or holds another key while applications wait for it
(kiosk.storage.queue_keys) stops every command with the message the kiosk's start
gives, and no command creates a key over them; `status` and `list` still show the
queue (they read no personal data), with the rows no key opens counted as such.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from launcher.arguments import number

    queue = subparsers.add_parser("queue", help="the local application queue and its delivery")
    sub = queue.add_subparsers(dest="queue_command", required=True)

    def common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> argparse.ArgumentParser:
        p.add_argument("--config", help="TOML configuration file (default: built-in defaults + environment)")
        if json_flag:
            p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    status = common(sub.add_parser("status", help="counts by state, age of the oldest, last error"))
    status.set_defaults(func=cmd_status)

    lst = common(sub.add_parser("list", help="list applications (no personal data)"))
    lst.add_argument("--state", choices=["queued", "delivered", "parked"])
    lst.add_argument("--limit", type=number(low=1, high=1_000_000, whole=True), default=100)
    lst.set_defaults(func=cmd_list)

    deliver = common(sub.add_parser("deliver", help="deliver queued applications to the office"))
    deliver.add_argument("--once", action="store_true", help="one pass over the queue, then exit")
    deliver.set_defaults(func=cmd_deliver)

    retry = common(sub.add_parser("retry", help="queue a parked application again"))
    retry.add_argument("id", metavar="ID", help="application id or application number")
    retry.set_defaults(func=cmd_retry)

    purge = common(sub.add_parser("purge", help="purge delivered applications past the retention"))
    purge.add_argument("--older-than-hours", type=number(low=0, high=876_000),
                       help="instead of delivery.retention_hours (0 to 876000, a hundred years)")
    purge.set_defaults(func=cmd_purge)

    rekey = common(sub.add_parser("rekey", help="re-encrypt applications still under an earlier key"))
    rekey.set_defaults(func=cmd_rekey)

    selftest = sub.add_parser("selftest", help="enqueue and deliver synthetic applications in a fresh folder")
    selftest.add_argument("--data-dir", required=True, help="a fresh folder (never the kiosk's data folder)")
    selftest.add_argument("--count", type=number(low=1, high=100_000, whole=True), required=True,
                          help="number of synthetic applications (1 to 100000)")
    selftest.add_argument("--no-deliver", action="store_true", help="only enqueue")
    selftest.add_argument("--kiosk-id", default="SELFTEST-01")
    selftest.add_argument("--seed", type=int, help="make the synthetic data reproducible")
    selftest.add_argument("--json", action="store_true")
    selftest.set_defaults(func=cmd_selftest)


# -- commands ---------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    opened = _service(args, inspect=True)
    with opened as service:
        data = service.status()
    problem = opened.key_problem
    if args.json:
        data["key_problem"] = problem
        _print_json(data)
        return _fail(problem, 1) if problem else 0
    counts, bad = data["counts"], data["undecryptable"]

    def unreadable(state: str, prefix: str = " (", suffix: str = ")") -> str:
        return f"{prefix}{bad[state]} undecryptable{suffix}" if bad[state] else ""

    print(
        f"queued {counts['queued']}{unreadable('queued')}, "
        f"delivered {counts['delivered']} ({data['purged']} purged{unreadable('delivered', ', ', '')}), "
        f"parked {counts['parked']}{unreadable('parked')}; "
        f"delivery {'enabled' if data['delivery_enabled'] else 'disabled'}"
    )
    if data["missing_keys"]:
        missing = sorted(data["missing_keys"].items())
        needs = f"key {missing[0][0]}" if len(missing) == 1 else "keys " + ", ".join(f"{k} ({n})" for k, n in missing)
        held = ", ".join(data["key_ids"]) or "none"
        print(f"undecryptable: {sum(data['missing_keys'].values())} applications need {needs}; keys held: {held}")
    if data["oldest_queued_at"]:
        print(f"oldest queued: {data['oldest_queued_at']} ({_age(data['oldest_queued_age_seconds'])} ago)")
    if data["next_attempt_at"]:
        print(f"next attempt not before: {data['next_attempt_at']}")
    if data["last_error"]:
        e = data["last_error"]
        print(f"last error ({e['state']} {e['application_number']}, {e['at']}): {e['error']}")
    return _fail(problem, 1) if problem else 0


def cmd_list(args: argparse.Namespace) -> int:
    opened = _service(args, inspect=True)
    with opened as service:
        entries = service.entries(args.state, args.limit)
    problem = opened.key_problem
    if args.json:
        _print_json([e.as_dict() for e in entries])
    else:
        for e in entries:
            err = f"  {e.last_error}" if e.last_error else ""
            print(f"{e.application_number}  {e.application_id}  {e.state.value:<9}  attempts {e.attempts}{err}")
    return _fail(problem, 1) if problem else 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from kiosk.delivery.service import DeliveryNotConfigured

    with _service(args) as service:
        if not args.once:
            return _deliver_forever(args, service)
        try:
            report = service.deliver_once()
        except DeliveryNotConfigured as exc:
            return _fail(str(exc), 2)
        data = report.as_dict()
    if args.json:
        _print_json(data)
    else:
        print(
            f"attempted {data['attempted']}: delivered {data['delivered']} "
            f"({data['replayed']} already at the office), parked {data['parked']}, "
            f"failed {data['failed']}; {data['remaining']} still queued"
        )
        if data["stopped_because"]:
            print(f"stopped: {data['stopped_because']}")
    return 1 if data["stopped_because"] else 0


def cmd_retry(args: argparse.Namespace) -> int:
    from kiosk.storage import ApplicationNotFound, NotRetryable

    with _service(args) as service:
        try:
            entry = service.retry(args.id)
        except ApplicationNotFound:
            return _fail("no such application", 1)
        except NotRetryable as exc:
            return _fail(str(exc), 1)
    if args.json:
        _print_json(entry.as_dict())
    else:
        print(f"{entry.application_number} queued again; it is tried at the next delivery")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    import datetime as dt

    older = None if args.older_than_hours is None else dt.timedelta(hours=args.older_than_hours)
    if older is not None and older.total_seconds() < 0:
        return _fail("--older-than-hours must not be negative", 2)
    with _service(args) as service:
        purged = service.purge(older)
    if args.json:
        _print_json({"purged": purged})
    else:
        print(f"purged the personal data of {purged} delivered applications")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    with _service(args) as service:
        done = service.rekey()
        current = service.store.keyring.current.key_id
    if args.json:
        _print_json({"reencrypted": done, "key_id": current})
    else:
        print(f"re-encrypted {done} applications with key {current}")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from kiosk.delivery.selftest.run import SelftestError, format_report, run_selftest

    try:
        report = run_selftest(
            Path(args.data_dir), args.count, deliver=not args.no_deliver, kiosk_id=args.kiosk_id, seed=args.seed
        )
    except SelftestError as exc:
        return _fail(str(exc), 2)
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))
    return 0 if report["ok"] else 1


# -- helpers ----------------------------------------------------------------------------


class _service:  # noqa: N801 - used as a context manager, reads like a function
    """Open the queue service of the configuration named on the command line.

    A key file problem ends the command with the start's message (exit 2), unless
    `inspect`: then the queue is opened with whatever keys load, none created, and the
    problem is kept in `key_problem` for the command to report after its output.
    """

    def __init__(self, args: argparse.Namespace, *, inspect: bool = False) -> None:
        from launcher.refusals import load_config_or_exit, open_queue_or_exit
        from kiosk.delivery.service import QueueService
        from kiosk.storage import check_queue_keys

        cfg = load_config_or_exit(args.config)
        if not cfg.database_path.exists():
            sys.stderr.write(f"kiosk: no queue at {cfg.database_path}\n")
            raise SystemExit(2)
        self.key_problem: str | None = None
        if inspect:
            keys = check_queue_keys(cfg)
            self.key_problem = None if keys.ok else keys.reason
        self.service = QueueService.from_config(cfg, open_queue_or_exit(cfg, inspect=inspect))

    def __enter__(self) -> Any:
        return self.service

    def __exit__(self, *exc: object) -> None:
        self.service.close()


def _deliver_forever(args: argparse.Namespace, service: Any) -> int:
    import datetime as dt
    import signal
    import threading

    from kiosk.delivery.service import DeliveryNotConfigured

    try:
        worker = service.make_worker()
    except DeliveryNotConfigured as exc:
        return _fail(str(exc), 2)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    worker.start()
    print(f"delivering until interrupted (started {dt.datetime.now(dt.UTC):%H:%M:%S} UTC)")
    while not done.wait(1.0) and worker.running:
        pass
    worker.stop()
    if worker.stopped_because:  # the worker gave up by itself (a missing key)
        return _fail(worker.stopped_because, 1)
    return 0


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"kiosk: {message}\n")
    return code


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
