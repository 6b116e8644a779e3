"""Restart from the console: the process starts again in its own place with the same
arguments, whichever way it was started (the console script or `python -m launcher`)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from launcher import maintenance


@pytest.mark.parametrize("argv0, expected_head", [
    ("/opt/kiosk/.venv/bin/kiosk", ["/opt/kiosk/.venv/bin/kiosk"]),
    ("/opt/kiosk/launcher/__main__.py", ["-m", "launcher"]),
])
def test_restart_runs_the_kiosk_again_with_the_same_arguments(monkeypatch, argv0, expected_head):
    calls = []
    monkeypatch.setattr(sys, "argv", [argv0, "run", "--config", "/etc/idkiosk/kiosk.toml"])
    monkeypatch.setattr(maintenance.os, "execv", lambda exe, args: calls.append((exe, args)))
    monkeypatch.setattr(maintenance.logging, "shutdown", lambda: None)
    maintenance.restart_process()
    assert calls == [(sys.executable, [sys.executable, *expected_head, "run", "--config", "/etc/idkiosk/kiosk.toml"])]


def test_a_kiosk_that_could_not_start_still_opens_maintenance_with_log_and_versions(qtbot, demo_cfg, kiosk_theme,
                                                                                      language):
    from kiosk.demo.config import DEMO_TECHNICIAN_PIN
    from kiosk.workflow.jobs import SyncJobRunner
    from launcher.gui import UnavailableWorkflow, attach_maintenance
    from ui.main_window import MainWindow

    workflow = UnavailableWorkflow(demo_cfg, "KeyFileError: keys/data.key holds another key")
    mode = attach_maintenance(demo_cfg, workflow, SyncJobRunner(), None)
    window = MainWindow(workflow, demo_cfg, fullscreen=False, maintenance=mode)
    qtbot.addWidget(window)
    window.show()
    mode.service_key()
    assert mode.try_pin(DEMO_TECHNICIAN_PIN).granted
    assert mode.go("logs") and mode.go("versions") and mode.go("config")
    assert mode.go("device_tests")
    assert not mode.test_card() and not mode.test_print() and not mode.start_camera()
    assert not mode.switch_off()                          # no switch without the health part
    mode.go("status")
    window.switch_language("en")
    QApplication.processEvents()                          # the language change arrives as events
    assert window.findChild(QLabel, "maintenance_status_summary").text() == \
        "Device health is not watched on this kiosk."
    mode.leave()
    window.request_quit(quit_app=False)
