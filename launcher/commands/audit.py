"""`kiosk audit verify`: is the audit journal as the kiosk wrote it?

    kiosk audit verify [--data-dir D | --config FILE] [--date YYYY-MM-DD] [--json]

Checks every day file under `<data_dir>/journal/` (or only one day's, and its link to
the day before) with kiosk.operations.journal_verify, and says "valid", or the file and
line where the chain breaks and how: edited, missing, reordered, inserted, torn. A
line cut short by a power cut is reported as torn and does not make the journal
invalid (the kiosk records and removes it when it next writes).

Exit codes: 0 valid; 1 the journal was changed; 2 bad usage, configuration, or no
journal to verify.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from launcher.arguments import day

    audit = subparsers.add_parser("audit", help="the tamper-evident audit journal")
    sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = sub.add_parser("verify", help="check the journal's hash chain; name the line where it breaks")
    where = verify.add_mutually_exclusive_group()
    where.add_argument("--data-dir", help="the kiosk's data folder (the journal is its journal/ folder)")
    where.add_argument("--config", help="TOML configuration file naming the data folder "
                                        "(default: built-in defaults + environment)")
    verify.add_argument("--date", type=day, help="only this day's file (and its link to the day before)")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from kiosk.config.errors import shown_path
    from kiosk.operations.journal_lines import journal_folder
    from kiosk.operations.journal_verify import NoJournal, verify

    if args.data_dir:
        data_dir = Path(args.data_dir)
    else:
        from launcher.refusals import load_config_or_exit

        data_dir = load_config_or_exit(args.config).kiosk.data_dir
    folder = journal_folder(data_dir)
    try:
        report = verify(folder, args.date)
    except NoJournal as exc:
        sys.stderr.write(f"kiosk audit verify: {str(exc).replace(str(folder), shown_path(folder))}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"kiosk audit verify: cannot read {shown_path(folder)}: {exc.strerror or exc}\n")
        return 2
    if args.json:
        json.dump(report.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        days = report.days[0] if len(report.days) == 1 else f"{report.days[0]} to {report.days[-1]}"
        if report.valid:
            print(f"journal valid: {days}, {report.entries} entries "
                  f"(last {report.last_seq}, hash {(report.last_hash or '')[:16]}...)")
        else:
            print(f"journal BROKEN: {report.problems[0]}")
            _more("also", report.problems[1:])
        _more("notice:", report.notices)
    return 0 if report.valid else 1


def _more(lead: str, findings: list[Any], shown: int = 3) -> None:
    """A few findings a line each; many as one line of counts (--json lists them all)."""
    if len(findings) <= shown:
        for finding in findings:
            print(f"  {lead} {finding}")
        return
    kinds: dict[str, int] = {}
    for finding in findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    counted = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    print(f"  {lead} {len(findings)} more ({counted}); --json lists them all")
