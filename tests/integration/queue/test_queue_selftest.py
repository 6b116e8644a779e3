"""`kiosk queue selftest` end to end: its own loopback intake, mutual TLS, real delivery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import launcher.cli

pytestmark = pytest.mark.integration


def test_selftest_delivers_every_synthetic_application_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.delivery",))
    folder = tmp_path / "selftest"
    code = launcher.cli.main(["queue", "selftest", "--data-dir", str(folder), "--count", "12", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] is True
    d = report["delivery"]
    assert (d["delivered"], d["duplicated"], d["missing"], d["corrupted"]) == (12, 0, 0, 0)
    assert d["intake_url"].startswith("https://127.0.0.1:")
    assert d["seconds"] > 0 and d["per_second"] > 0
    assert report["enqueue"]["count"] == 12 and report["enqueue"]["p99_ms"] >= report["enqueue"]["median_ms"] > 0
    assert report["queue"]["counts"] == {"queued": 0, "delivered": 12, "parked": 0}
    assert report["integrity_check"] == ["ok"]
    people = report["synthetic_applications"]
    assert len({p["id_number"] for p in people}) == 12
    # The names and numbers it lists are the ones it searched the disk for, and found nowhere.
    assert report["at_rest"]["plaintext_found"] == 0
    assert {"queue.sqlite3", "queue.sqlite3-wal", "selftest.log"} <= set(report["at_rest"]["files"])
    assert (folder / "pki" / "client.key").stat().st_mode & 0o077 == 0


def test_selftest_text_output_lists_the_synthetic_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.delivery",))
    code = launcher.cli.main(["queue", "selftest", "--data-dir", str(tmp_path / "st"), "--count", "3", "--seed", "4"])
    out = capsys.readouterr().out
    assert code == 0
    assert "PASSED" in out and "delivered 3, duplicated 0, missing 0" in out
    assert "fictitious people" in out
