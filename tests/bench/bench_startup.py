"""Start-up figures: process start -> welcome screen painted, beside a bare PySide6 window.

A production-like restart: `kiosk run --config` on a data folder that already holds a
queue with applications waiting, a data key, a receipt key, a CSCA certificate and the
delivery credentials (delivery on, to an address that refuses: it retries in the
background), a PC/SC reader, an OpenCV camera and an ESC/POS printer that are never
opened before a citizen needs them. The kiosk reports the moment its welcome screen has
been painted (`KIOSK_EXIT_AFTER_SHOWN=1`), measured from the kernel's start time of the
process, so the interpreter's own start counts too.

The baseline, measured in the same run and interleaved with the kiosk's runs so that a
busy neighbour slows both alike: the smallest PySide6 program that shows a window and
reports its first paint the same way. Also measured:
  - the kiosk with its own modules not compiled to bytecode and PYTHONDONTWRITEBYTECODE=1
    (a read-only install nobody compiled: every start compiles the project again);
  - when the warm-up has built everything else (the queue open, delivery running, the
    face stack loaded): the moment the kiosk is fully ready, in the background.
Offscreen platform. Prints figures; asserts nothing (timings vary by machine).
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
WARM_RUNS = int(os.environ.get("BENCH_WARM_RUNS", "5"))
QUEUED = 50
PACKAGES = ("launcher", "kiosk", "hardware", "ui")

BARE_WINDOW = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

def since_start():
    with open("/proc/self/stat") as f:
        ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        return float(f.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print(f"KIOSK_SHOWN since_process_start_s={since_start():.3f} rss_mb=0", flush=True), app.quit()))
        return False

app = QApplication(sys.argv[:1])
window = QLabel("Hello")
watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.resize(1920, 1080)
window.show()
app.exec()
"""


def production_folder(root: Path) -> Path:
    """A production configuration whose data folder looks like a kiosk's after some use."""
    sys.path.insert(0, str(ROOT))
    from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
    from tests.unit.config.production import csca

    data = root / "data"
    kiosk_id = "KIOSK-0001"
    subprocess.run(
        [sys.executable, "-m", "launcher", "queue", "selftest", "--data-dir", str(data), "--count", str(QUEUED),
         "--no-deliver", "--kiosk-id", kiosk_id],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    (data / "trust").mkdir(exist_ok=True)
    (data / "trust" / "csca.pem").write_bytes(csca("CN"))
    pki = make_loopback_pki(data / "tls", kiosk_id)
    config = root / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "{kiosk_id}"\ndata_dir = "{data}"\n'
        '[devices.card_reader]\ndriver = "pcsc"\n'
        '[devices.camera]\ndriver = "opencv"\nsource = "0"\n'
        '[devices.printer]\ndriver = "escpos-network"\nhost = "127.0.0.1"\nport = 9\n'
        f'[delivery]\nenabled = true\nendpoint = "https://127.0.0.1:9/"\n'
        f'client_cert = "{pki.client_cert}"\nclient_key = "{pki.client_key}"\nca_bundle = "{pki.ca_cert}"\n',
        encoding="utf-8",
    )
    return config


def one_run(argv: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    figures: dict[str, float] = {}
    for line in out.stdout.splitlines():
        if line.startswith(("KIOSK_SHOWN", "KIOSK_WARM")):
            kind = line.split()[0]
            for part in line.split()[1:]:
                key, value = part.split("=")
                figures[f"{kind}.{key}"] = float(value)
    if "KIOSK_SHOWN.since_process_start_s" not in figures:
        raise SystemExit(f"no start-up figure from {argv}:\n{out.stdout}\n{out.stderr}")
    return figures


def describe(name: str, values: list[float], unit: str = "s") -> str:
    return (f"  {name:44s} median {statistics.median(values):6.3f} {unit}  "
            f"(min {min(values):.3f}, max {max(values):.3f}, n={len(values)})")


def main() -> None:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "NOTIFY_SOCKET", "WATCHDOG_"))}
    base_env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        tmp_path = Path(tmp)
        config = production_folder(tmp_path)
        # The install compiles the project's bytecode (tools/bootstrap.sh, kiosk install-service).
        for package in PACKAGES:
            compileall.compile_dir(str(ROOT / package), quiet=1)
        kiosk = [sys.executable, "-m", "launcher", "run", "--config", str(config)]
        shown_env = dict(base_env, KIOSK_EXIT_AFTER_SHOWN="1")
        one_run(kiosk, ROOT, shown_env)   # the first start creates the receipt key: not a restart

        # The same tree without bytecode, for a read-only install that was never compiled.
        source_only = tmp_path / "source-only"
        for package in PACKAGES + ("resources",):
            shutil.copytree(ROOT / package, source_only / package, ignore=shutil.ignore_patterns("__pycache__"))
        uncompiled_env = dict(shown_env, PYTHONPATH=str(source_only), PYTHONDONTWRITEBYTECODE="1")
        bare = [sys.executable, "-c", BARE_WINDOW]

        bare_s, kiosk_s, kiosk_rss, uncompiled_s = [], [], [], []
        for _ in range(RUNS):
            bare_s.append(one_run(bare, ROOT, base_env)["KIOSK_SHOWN.since_process_start_s"])
            figures = one_run(kiosk, ROOT, shown_env)
            kiosk_s.append(figures["KIOSK_SHOWN.since_process_start_s"])
            kiosk_rss.append(figures["KIOSK_SHOWN.rss_mb"])
        for _ in range(max(3, RUNS // 3)):
            uncompiled_s.append(one_run(kiosk, source_only, uncompiled_env)["KIOSK_SHOWN.since_process_start_s"])
        warm = [one_run(kiosk, ROOT, dict(base_env, KIOSK_EXIT_AFTER_SHOWN="warm")) for _ in range(WARM_RUNS)]

    print(f"start-up: process start -> welcome screen painted (offscreen; production-like restart, "
          f"{QUEUED} applications queued)")
    print(describe("bare PySide6 window (baseline)", bare_s))
    print(describe("kiosk run", kiosk_s))
    print(f"  {'ratio kiosk / bare window (medians)':44s} {statistics.median(kiosk_s) / statistics.median(bare_s):6.2f}")
    print(describe("kiosk run, project not compiled (.pyc)", uncompiled_s))
    print(describe("resident memory at the welcome screen", kiosk_rss, "MB"))
    print(describe("kiosk fully loaded (warm-up done)", [w["KIOSK_WARM.since_process_start_s"] for w in warm]))
    print(describe("  of which the warm-up thread", [w["KIOSK_WARM.warmup_s"] for w in warm]))
    print(describe("resident memory fully loaded", [w["KIOSK_WARM.rss_mb"] for w in warm], "MB"))


if __name__ == "__main__":
    main()
