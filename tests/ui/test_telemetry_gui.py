"""The running kiosk writes its metrics file from start to quit (launcher.gui wires the
writer beside the health monitor), with the monitor's device states in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]

# `kiosk demo` with a textfile folder: demo mode takes no environment overrides, so the
# configuration is made here and handed to the same run_kiosk `kiosk demo` calls.
SCRIPT = """
import sys
from pathlib import Path
from kiosk.config import with_overrides
from kiosk.demo.config import demo_config
from launcher.gui import run_kiosk
cfg = with_overrides(demo_config(Path(sys.argv[1])), {"ui.fullscreen": False, "telemetry.textfile_dir": sys.argv[2]})
sys.exit(run_kiosk(cfg))
"""


def test_the_running_kiosk_writes_its_metrics_file_until_it_quits(tmp_path):
    folder = tmp_path / "textfile"
    folder.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_SHOWN="warm", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data"), str(folder)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "KIOSK_WARM" in out.stdout, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["idkiosk.prom"]
    samples = {}
    for family in text_string_to_metric_families((folder / "idkiosk.prom").read_text()):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    assert samples[("idkiosk_out_of_service", ())] == 0
    assert samples[("idkiosk_build_info", (("kiosk_id", "KIOSK-0001"), ("mode", "demo"),
                                           ("version", _version())))] == 1
    # The health monitor's snapshot reached the file: one state per watched device.
    devices = {dict(k)["device"] for (name, k), v in samples.items() if name == "idkiosk_device_state"}
    assert {"camera", "card_reader", "printer", "disk", "queue"} <= devices
    for device in devices:
        assert sum(v for (name, k), v in samples.items()
                   if name == "idkiosk_device_state" and dict(k)["device"] == device) == 1


def _version() -> str:
    from launcher.services import software_version

    return software_version() or "unknown"
