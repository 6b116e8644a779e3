"""Item 1 of issue 9, the start-up side: no usable CSCA certificate, no production start.

Before, `kiosk run` with a chip reader and an empty or missing trust folder started, and
every chip (an attacker's own CSCA included) read as "CSCA unknown". The start is now
refused before Qt loads, with the file, line and key to fix; demo mode starts as before.
Only `launcher.cli.main` is driven here, with `launcher.gui` replaced by a recorder.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from launcher.cli import main

from .production import csca, production_file, trust


@pytest.fixture
def fake_ui(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """`launcher.gui` without Qt: records whether the kiosk would have been started."""
    started: list[object] = []
    module = types.ModuleType("launcher.gui")
    module.run_kiosk = lambda cfg, **_: started.append(cfg) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "launcher.gui", module)
    return started


@pytest.mark.parametrize("state", ["missing", "empty", "only-unparseable"])
def test_a_production_start_without_a_usable_csca_is_refused_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_ui: list[object], state: str
) -> None:
    path = production_file(tmp_path)
    if state != "missing":
        folder = trust(tmp_path)
        if state == "only-unparseable":
            (folder / "csca.pem").write_text("not a certificate")
            (folder / "csca.der").write_bytes(os.urandom(300))
    with pytest.raises(SystemExit) as exited:
        main(["run", "--config", str(path)])
    assert exited.value.code != 0
    assert fake_ui == []                      # the kiosk was never started
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"kiosk run: not starting: {path}:6: devices.card_reader.trust_dir: ")
    assert "CSCA" in err[0]


def test_a_production_start_with_a_csca_goes_ahead(tmp_path: Path, fake_ui: list[object]) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    assert main(["run", "--config", str(production_file(tmp_path)), "--windowed"]) == 0
    assert len(fake_ui) == 1


def test_demo_mode_keeps_its_specimen_chip_and_starts(tmp_path: Path, fake_ui: list[object]) -> None:
    assert main(["demo", "--windowed", "--data-dir", str(tmp_path / "demo")]) == 0
    assert len(fake_ui) == 1


def test_a_demo_whose_data_folder_is_a_file_is_refused_before_qt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_ui: list[object]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--windowed", "--data-dir", str(blocker)])
    assert exited.value.code != 0 and fake_ui == []
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == f"kiosk demo: not starting: kiosk.data_dir: {blocker} is not a folder"
