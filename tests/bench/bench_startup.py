"""Start-up figures: process start → welcome screen shown, and memory in use then.

Runs `kiosk demo --windowed` offscreen in a fresh process five times. The app prints one
line when its welcome screen has been shown and painted (KIOSK_EXIT_AFTER_SHOWN=1 makes it
quit right after). Prints figures; asserts nothing (timings vary by machine).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def one_run() -> tuple[float, float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_SHOWN="1")
    with tempfile.TemporaryDirectory() as data:
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "launcher", "demo", "--windowed", "--data-dir", data],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        wall = time.perf_counter() - t0
    line = next((l for l in out.stdout.splitlines() if l.startswith("KIOSK_SHOWN")), None)
    if line is None:
        raise SystemExit(f"the kiosk did not report its welcome screen:\n{out.stdout}\n{out.stderr}")
    fields = dict(part.split("=") for part in line.split()[1:])
    return float(fields["since_process_start_s"]), float(fields["rss_mb"]), wall


def main() -> None:
    runs = [one_run() for _ in range(RUNS)]
    shown = [r[0] for r in runs]
    rss = [r[1] for r in runs]
    wall = [r[2] for r in runs]
    print(f"startup to welcome screen shown ({RUNS} runs, offscreen, demo devices)")
    print(f"  process start -> welcome shown: median {statistics.median(shown):.2f} s  (min {min(shown):.2f}, max {max(shown):.2f})")
    print(f"  resident memory at that moment: median {statistics.median(rss):.0f} MB  (min {min(rss):.0f}, max {max(rss):.0f})")
    print(f"  whole process incl. shutdown:   median {statistics.median(wall):.2f} s")


if __name__ == "__main__":
    main()
