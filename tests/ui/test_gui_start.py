"""Starting the kiosk: a device that cannot start means 'out of service', not a crash."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.workflow.states import State
from launcher.gui import UnavailableWorkflow, build, close_services
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


def test_a_device_that_cannot_start_shows_out_of_service(
    qtbot, demo_cfg, kiosk_theme, language, monkeypatch
) -> None:
    import launcher.services
    from hardware.errors import ReaderUnavailable

    def reader_unplugged(cfg, today=None, **_):
        raise ReaderUnavailable("card reader not found on the USB bus")

    monkeypatch.setattr(launcher.services, "build_services", reader_unplugged)
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


def test_a_lost_data_key_shows_one_line_for_the_staff_and_no_traceback(
    qtbot, demo_cfg, kiosk_theme, language, caplog
) -> None:
    # Issue 9, item 5: applications wait under a key whose file is gone; the kiosk must
    # neither create a key over them nor bury the reason in a traceback.
    import datetime as dt
    import logging
    import random

    from kiosk.delivery.selftest.synthetic import synthetic_application
    from kiosk.storage import ApplicationStore

    demo_cfg.kiosk.data_dir.mkdir(parents=True)
    with ApplicationStore.from_config(demo_cfg) as store:
        number = store.next_application_number(demo_cfg.kiosk.id, dt.date(2026, 11, 21))
        store.enqueue(synthetic_application(number, demo_cfg.kiosk.id, random.Random(1), portrait_size=(40, 50)))
        key_id = store.keyring.current.key_id
    demo_cfg.key_file_path.unlink()

    runner = QtJobRunner()
    with caplog.at_level(logging.INFO):
        workflow = build(demo_cfg, runner)
    assert isinstance(workflow, UnavailableWorkflow)
    reason = workflow.out_of_service_reason
    assert "\n" not in reason and key_id in reason and str(demo_cfg.key_file_path) in reason
    assert "1 application (1 queued)" in reason
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.getMessage() == f"the kiosk cannot start: {reason}" and record.exc_info is None
    assert not demo_cfg.key_file_path.exists()
    window = MainWindow(workflow, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.show()
    assert window.current_screen().STATE is State.OUT_OF_SERVICE
    assert key_id in window.findChild(QLabel, "out_of_service_reason").text()
    runner.shutdown()
    # Quitting (systemd's SIGTERM) goes through run_kiosk's clean-up: no traceback there either.
    workflow.shutdown()
    close_services(workflow)
