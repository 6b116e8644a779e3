"""Daily export figures: time and peak memory of exporting a day of 1,000 sessions,
beside baselines measured in the same run.

    python tests/bench/bench_export.py     (BENCH_SESSIONS=1000, BENCH_ROUNDS=3)

A day is simulated once (`kiosk simulate`, its queue and journal as a real day's), then
each measurement runs in a fresh Python process, so its peak resident memory
(`ru_maxrss`) is its own and every run pays its imports as `kiosk export` does:

- baseline `json.loads`: read the day's journal file and parse every line (the least
  any export must do);
- baseline `imports`: import matplotlib (Agg) and reportlab and do nothing (what the
  libraries cost before the first chart);
- `table`: the sessions table, the queue read and the reconciliation (CSV, JSONL, JSON),
  no charts, no PDF;
- `export en`: a whole signed export with one PDF (7 charts);
- `export all`: the whole export as shipped, three PDFs (21 charts).

Prints figures (median of BENCH_ROUNDS), asserts nothing. The machine is shared: read
the rows against each other, not as absolute numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
DAY = "2026-11-21"


def child(mode: str, data_dir: Path, out: Path) -> None:
    """One measurement, in this (fresh) process; prints seconds and peak RSS as JSON."""
    started = time.perf_counter()
    day = dt.date.fromisoformat(DAY)
    journal = data_dir / "journal"
    if mode == "json.loads":
        rows = [json.loads(line) for line in (journal / f"{DAY}.jsonl").read_bytes().splitlines()]
        assert rows
    elif mode == "imports":
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.figure  # noqa: F401
        import reportlab.platypus  # noqa: F401
    else:
        from kiosk.config import load_config, with_overrides
        from kiosk.receipts.signing import ReceiptSigner
        from kiosk.storage import ApplicationStore

        cfg = with_overrides(load_config(None), {"kiosk.data_dir": str(data_dir)})
        store = ApplicationStore.from_config(cfg, inspect=True)
        queue = store.entries()
        store.close()
        if mode == "table":
            from kiosk.operations.exports import reconciliation, sessions, table

            d = sessions.read_day(journal, day)
            sessions.apply_queue(d, {r.application_number: (r.state.value, r.delivered_at) for r in queue})
            out.mkdir(parents=True)
            (out / "sessions.csv").write_bytes(table.csv_bytes(d.sessions))
            (out / "sessions.jsonl").write_bytes(table.jsonl_bytes(d.sessions))
            (out / "reconciliation.json").write_text(json.dumps(reconciliation.reconcile(d, set())))
        else:
            from kiosk.operations.exports.export import write_export

            key = ReceiptSigner.load(cfg.resolve_path(cfg.receipt.signing_key)).private_key
            langs = ["en"] if mode == "export en" else ["zh_CN", "en", "vi"]
            write_export(journal, day, out, queue=queue, private_key=key, languages=langs)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(mode: str, data_dir: Path, tmp: Path) -> tuple[list[float], list[float]]:
    seconds, peaks = [], []
    for i in range(ROUNDS):
        out = tmp / f"out-{mode.replace(' ', '-')}-{i}"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, __file__, "--child", mode, str(data_dir), str(out)],
                              capture_output=True, text=True, env=env, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        seconds.append(figures["seconds"])
        peaks.append(figures["peak_mb"])
        shutil.rmtree(out, ignore_errors=True)
    return seconds, peaks


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "launcher", "simulate", "--data-dir", str(data_dir), "--date", DAY,
                        "--sessions", str(SESSIONS), "--seed", "1", "--json"], check=True,
                       capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        size = (data_dir / "journal" / f"{DAY}.jsonl").stat().st_size
        lines = (data_dir / "journal" / f"{DAY}.jsonl").read_bytes().count(b"\n")
        print(f"a day of {SESSIONS} sessions: {lines} journal entries, {size / 1e6:.1f} MB "
              f"(simulated in {time.perf_counter() - started:.0f} s); median of {ROUNDS} fresh processes")
        print(f"{'':>14} {'seconds':>9} {'peak RSS MB':>12}")
        for mode in ("json.loads", "imports", "table", "export en", "export all"):
            seconds, peaks = measure(mode, data_dir, tmp)
            label = f"baseline {mode}" if mode in ("json.loads", "imports") else mode
            print(f"{label:>20} {statistics.median(seconds):9.2f} {statistics.median(peaks):12.0f}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
