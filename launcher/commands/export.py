"""`kiosk export`: one day's export for operators, and checking one.

    kiosk export (--data-dir D | --config FILE) --date YYYY-MM-DD --out DIR [--lang L]... [--json]
    kiosk export verify DIR [--public-key FILE] [--json]

The export (kiosk.operations.exports) is read from the kiosk's journal and the queue's
bookkeeping and signed with the kiosk's receipt key; it writes nothing into the data
folder (not even a journal entry: the running kiosk journals its own scheduled exports),
and never creates a queue or a key that is not there. `verify` says "valid", or names
every file changed, added or missing, or the manifest when it or its signature was
altered; with `--public-key` (the key the office holds, `kiosk receipt public-key`) it
also proves the export is this kiosk's.

Exit codes: 0 written / valid; 1 not valid; 2 bad usage, or nothing to export.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from launcher.arguments import day

    export = subparsers.add_parser("export", help="the day's export for operators (CSV, JSON Lines, PDF, signed)")
    where = export.add_mutually_exclusive_group()
    where.add_argument("--data-dir", help="the kiosk's data folder (journal/, queue, keys/)")
    where.add_argument("--config", help="TOML configuration file naming the data folder and the key")
    export.add_argument("--date", type=day, help="the day to export, YYYY-MM-DD")
    export.add_argument("--out", help="a new (or empty) folder to write the export into")
    export.add_argument("--lang", action="append", choices=["zh_CN", "en", "vi"],
                        help="a PDF summary in this language (repeat for more; default: all three)")
    export.add_argument("--json", action="store_true", help="machine-readable output")
    export.set_defaults(func=cmd_export)
    sub = export.add_subparsers(dest="export_command")
    verify = sub.add_parser("verify", help="is an export as the kiosk signed it? names any file changed")
    verify.add_argument("folder", help="the export's folder")
    verify.add_argument("--public-key", help="the kiosk's public key (PEM) to check the signer against")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(func=cmd_verify)


def _fail(message: str) -> int:
    sys.stderr.write(f"kiosk export: {message}\n")
    return 2


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.config.errors import shown_path
    from kiosk.operations.exports.export import ExportRefused, write_export
    from kiosk.operations.journal_lines import journal_folder
    from kiosk.receipts.signing import ReceiptSigner, SigningKeyError

    if args.date is None or not args.out:
        return _fail("--date and --out are needed (or: kiosk export verify DIR)")
    cfg = _config(args)
    key_path = cfg.resolve_path(cfg.receipt.signing_key)
    try:
        signer = ReceiptSigner.load(key_path, cfg.kiosk.id)
    except FileNotFoundError:
        return _fail(f"no signing key at {shown_path(key_path)} (the kiosk creates it on its first start)")
    except (SigningKeyError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or _shown(str(exc), key_path, cfg.kiosk.data_dir)
        return _fail(f"the signing key {shown_path(key_path)} is unusable: {reason}")
    queue = _queue_entries(cfg)
    languages = args.lang or list(cfg.export.languages)

    def progress(p: Any) -> None:
        if not args.json:
            sys.stderr.write(f"  {p.done}/{p.total} {p.what}\n")

    try:
        report = write_export(journal_folder(cfg.kiosk.data_dir), args.date, Path(args.out), queue=queue,
                              private_key=signer.private_key, languages=languages, progress=progress)
    except ExportRefused as exc:
        out = Path(args.out)
        return _fail(_shown(str(exc), out, out.parent, cfg.kiosk.data_dir))
    except OSError as exc:
        return _fail(f"cannot write the export: {exc.strerror or type(exc).__name__}")
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    apps = report["applications"]
    print(f"export of {report['date']} ({report['kiosk_id']}) written to {report['folder']}: "
          f"{report['sessions']} sessions, {apps['made']} applications "
          f"({apps['delivered']} delivered, {apps['pending']} pending, {apps['parked']} parked)"
          f"{'' if report['balanced'] else '; NOT balanced, see reconciliation.json'}")
    print(f"  files: {', '.join(report['files'])}; journal head #{report['journal']['head_seq']} "
          f"{report['journal']['head_hash'][:16]}...")
    return 0


def _shown(text: str, *paths: Path) -> str:
    """`text` with each of `paths` written as the kiosk writes paths in a message (a
    100 000-character name is cut, not echoed), longest first so a folder inside
    another is not half-replaced."""
    from kiosk.config.errors import shown_path

    for path in sorted({str(p) for p in paths}, key=len, reverse=True):
        if path not in (".", ""):
            text = text.replace(path, shown_path(path))
    return text


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from launcher.refusals import load_config_or_exit

    cfg = load_config_or_exit(args.config, "kiosk export: ")
    if args.data_dir:
        from kiosk.config import ConfigError, with_overrides
        from launcher.refusals import EXIT_CONFIG, print_problems

        try:
            cfg = with_overrides(cfg, {"kiosk.data_dir": str(Path(args.data_dir).absolute())})
        except ConfigError as exc:
            print_problems(exc.problems, "kiosk export: ")
            raise SystemExit(EXIT_CONFIG) from None
    return cfg


def _queue_entries(cfg: Any) -> list[Any]:
    """The queue's bookkeeping, or none when the data folder has no queue (never made one)."""
    if not cfg.database_path.exists():
        return []
    from launcher.refusals import open_queue_or_exit

    store = open_queue_or_exit(cfg, "kiosk export: ", inspect=True)
    try:
        return store.entries()
    finally:
        store.close()


def _printable(name: str) -> str:
    """A file name someone else chose, on one line: control characters and bytes that
    are not UTF-8 (kept by Python as lone surrogates) written as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)[:300]


def cmd_verify(args: argparse.Namespace) -> int:
    from kiosk.config.errors import shown_path
    from kiosk.operations.exports.manifest import verify
    from kiosk.receipts.signing import SigningKeyError, load_public_key

    folder = Path(args.folder)
    try:
        is_folder = folder.is_dir()
    except OSError as exc:   # a name too long for the file system
        sys.stderr.write(f"kiosk export verify: {shown_path(folder)}: {exc.strerror or exc}\n")
        return 2
    if not is_folder:
        sys.stderr.write(f"kiosk export verify: {shown_path(folder)} is not a folder\n")
        return 2
    key = None
    if args.public_key:
        try:
            key = load_public_key(Path(args.public_key)).key
        except SigningKeyError as exc:
            sys.stderr.write(f"kiosk export verify: {exc}\n")
            return 2
    try:
        verdict = verify(folder, key)
    except OSError as exc:
        sys.stderr.write(f"kiosk export verify: cannot read {shown_path(folder)}: {exc.strerror or exc}\n")
        return 2
    if args.json:
        json.dump(verdict.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif verdict.valid:
        d = verdict.as_dict()
        print(f"export valid: {d['kiosk_id']} {d['date']}, {d['files']} files and the manifest, "
              f"signed by key {d['key_fingerprint']}"
              f"{'' if verdict.key_checked else ' (not checked against a known key: give --public-key)'}")
    else:
        print(f"export NOT valid: {len(verdict.problems)} problem(s)")
        shown = 3
        for p in verdict.problems[:shown]:
            print(f"  {_printable(p['file'])}: {p['kind']}: {p['detail']}")
        if len(verdict.problems) > shown:
            print(f"  and {len(verdict.problems) - shown} more; --json lists them all")
    return 0 if verdict.valid else 1
