"""Starting the kiosk: a device that cannot start means 'out of service', not a crash."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.workflow.states import State
from ui.app import UnavailableWorkflow, build
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


def test_a_device_that_cannot_start_shows_out_of_service(
    qtbot, demo_cfg, kiosk_theme, language, monkeypatch
) -> None:
    import kiosk.app
    from hardware.errors import ReaderUnavailable

    def reader_unplugged(cfg, today=None):
        raise ReaderUnavailable("card reader not found on the USB bus")

    monkeypatch.setattr(kiosk.app, "build_services", reader_unplugged)
    runner = QtJobRunner()
    workflow = build(demo_cfg, runner)
    assert isinstance(workflow, UnavailableWorkflow)
    window = MainWindow(workflow, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.show()
    assert window.current_screen().STATE is State.OUT_OF_SERVICE
    reason = window.findChild(QLabel, "out_of_service_reason")
    assert "ReaderUnavailable" in reason.text() and "USB" in reason.text()
    window._tick()                       # the 1 Hz tick and taps do nothing harmful
    workflow.touch()
    assert workflow.state is State.OUT_OF_SERVICE
    runner.shutdown()
