"""`kiosk simulate`: a day of fictitious traffic through the real workflow.

    kiosk simulate --data-dir D --sessions N [--date YYYY-MM-DD] [--seed S] [--country CHN|VNM] [--json]

Drives N headless sessions on the demo kiosk of D (simulated devices, a simulated
citizen's face) over the day's opening hours: applications go into D's queue and receipts
to D/printed as a real day's would, and the audit journal in D/journal is written as
the kiosk writes it. Prints what it did (counts by outcome, case, language, the faults
injected, one line a visit) and every fictitious identity it used, so a test can prove
none of them reached a file it must not: the journal, the log (D/logs/simulate.log,
everything the kiosk logged; the terminal shows only errors). The same seed gives the
same day.

D must be new (or made by an earlier `kiosk simulate`): fictitious applications never
go into a real kiosk's queue. Exit codes: 0 done; 2 bad usage or an unusable D.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from launcher.arguments import day, number

    sim = subparsers.add_parser("simulate", help="a day of fictitious traffic through the real workflow")
    sim.add_argument("--data-dir", required=True, help="a new folder (or one an earlier simulate made)")
    sim.add_argument("--date", type=day, help="the day to simulate, YYYY-MM-DD (default: today)")
    sim.add_argument("--sessions", type=number(low=1, high=5000, whole=True), required=True,
                     help="how many citizens come (1 to 5000)")
    sim.add_argument("--seed", type=int, help="the same seed gives the same day (default: a random one, printed)")
    sim.add_argument("--country", choices=["CHN", "VNM"], default="CHN", help="whose cards the kiosk renews")
    sim.add_argument("--json", action="store_true", help="machine-readable output")
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    import datetime as dt
    import random

    from kiosk.config.errors import shown_path
    from launcher.simulation.run import SimulationRefused, simulate

    day = args.date or dt.date.today()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    try:
        report = simulate(Path(args.data_dir), day, args.sessions, seed, args.country)
    except SimulationRefused as exc:
        sys.stderr.write(f"kiosk simulate: {str(exc).replace(str(Path(args.data_dir).resolve()), shown_path(args.data_dir))}\n")
        return 2
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"simulated {report['sessions']} sessions on {report['date']} (seed {report['seed']}, "
          f"{report['country']}) in {report['elapsed_seconds']:.1f} s; data in {report['data_dir']}")
    print(f"  {report['first_start']} to {report['last_end']}, time scale {report['time_scale']}")
    for key in ("outcomes", "cases", "languages", "handover_reasons", "left_at", "faults"):
        counts = ", ".join(f"{k} {v}" for k, v in report[key].items()) or "none"
        print(f"  {key.replace('_', ' ')}: {counts}")
    print(f"  applications {report['applications']}, receipts printed {report['receipts_printed']}; "
          f"journal: {report['journal']['entries_written']} entries written")
    return 0
