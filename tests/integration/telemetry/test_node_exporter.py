"""The kiosk's metrics through the engines a fleet runs: `kiosk simulate` writes the
textfile, a real prometheus-node-exporter started here serves it on a loopback port,
and an HTTP scrape shows the kiosk's figures as the simulated day made them. promtool
(Debian's `prometheus`) checks the file and the alert rules, and runs the rules' own
unit tests (idkiosk-alerts.test.yml)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
RULES = ROOT / "resources" / "monitoring" / "idkiosk-alerts.yml"
RULE_TESTS = Path(__file__).with_name("idkiosk-alerts.test.yml")
MISSING = [b for b in ("prometheus-node-exporter", "promtool") if shutil.which(b) is None]
needs_engines = pytest.mark.skipif(
    bool(MISSING), reason=f"{' and '.join(MISSING)} not installed (Debian: prometheus-node-exporter, prometheus; "
                          "tools/bootstrap.sh test installs them)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """A simulated day through the `kiosk` command, as an operator would run it."""
    data_dir = tmp_path_factory.mktemp("telemetry") / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "launcher", "simulate", "--data-dir", str(data_dir), "--date", "2026-11-20",
         "--sessions", "30", "--seed", "7", "--json"],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    return data_dir, report


@pytest.fixture(scope="module")
def exporter(day):
    data_dir, _ = day
    port = _free_port()
    proc = subprocess.Popen(
        ["prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults",
         "--collector.textfile", f"--collector.textfile.directory={data_dir / 'telemetry'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/metrics"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"node exporter did not answer: {proc.stderr.read().decode(errors='replace')[-500:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


def _scrape(url: str) -> dict[str, dict[tuple, float]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode("utf-8")
    out: dict[str, dict[tuple, float]] = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out.setdefault(s.name, {})[tuple(sorted(s.labels.items()))] = s.value
    return out


@needs_engines
def test_the_node_exporter_serves_the_kiosks_metrics_over_http(day, exporter):
    _, report = day
    got = _scrape(exporter)
    assert got["node_textfile_scrape_error"][()] == 0
    sessions = {dict(k)["outcome"]: v for k, v in got["idkiosk_sessions_total"].items()}
    assert sessions == {o: float(report["outcomes"].get(o, 0)) for o in sessions}
    assert sum(sessions.values()) == report["sessions"]
    info = dict(next(iter(got["idkiosk_build_info"])))
    assert info["kiosk_id"] == "SIM-0001" and info["mode"] == "demo"
    assert got["idkiosk_queue_applications"][(("state", "queued"),)] == report["applications"]
    assert got["idkiosk_step_duration_seconds_count"][(("step", "case"),)] == report["sessions"]
    assert got["idkiosk_out_of_service"][()] == 0
    assert got["idkiosk_queue_oldest_age_seconds"][()] > 0
    assert got["idkiosk_metrics_written_timestamp_seconds"][()] > 0
    assert "idkiosk_paper_remaining_receipts" in got


@needs_engines
def test_the_textfile_has_no_fictitious_identity(day):
    data_dir, report = day
    text = (data_dir / "telemetry" / "idkiosk.prom").read_text(encoding="utf-8")
    for person in report["identities"]:
        for value in person.values():
            assert not value or str(value) not in text


@needs_engines
def test_promtool_passes_the_metrics_file(day):
    data_dir, _ = day
    with open(data_dir / "telemetry" / "idkiosk.prom", "rb") as f:
        done = subprocess.run(["promtool", "check", "metrics"], stdin=f, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "" and done.stderr.strip() == ""   # not even a lint remark


@needs_engines
def test_promtool_passes_the_alert_rules_and_their_tests():
    done = subprocess.run(["promtool", "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout
    done = subprocess.run(["promtool", "test", "rules", RULE_TESTS.name], cwd=RULE_TESTS.parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
