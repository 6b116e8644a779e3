"""The out-of-service screen words every reason in the language on screen and follows the
reasons as they come and go; the running kiosk watches its health from start to quit, and
what the monitor's threads find reaches the workflow on the GUI thread only."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.workflow.states import State
from launcher.gui import GuiThreadPost, build, close_services
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, demo_cfg, kiosk_theme, language):
    runner = QtJobRunner()
    workflow = build(demo_cfg, runner)
    win = MainWindow(workflow, demo_cfg, fullscreen=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    runner.shutdown()
    workflow.shutdown()
    close_services(workflow)


def staff_line(window: MainWindow) -> str:
    QApplication.processEvents()          # a language change retranslates through events
    return window.findChild(QLabel, "out_of_service_reason").text()


def test_reasons_are_worded_in_the_language_on_screen_and_follow_the_workflow(window, language):
    wf = window.workflow
    wf.set_out_of_service("printer_paper_out")
    wf.set_out_of_service("switched_off")
    assert window.current_screen().STATE is State.OUT_OF_SERVICE
    # the kiosk's first language (zh_CN), sentences joined the Chinese way
    assert staff_line(window) == "工作人员参考：回执打印机缺纸。维护中，暂停服务。"
    window.switch_language("vi")
    assert staff_line(window) == "Dành cho cán bộ: Máy in biên nhận đã hết giấy. Tạm ngừng để bảo trì."
    wf.back_in_service("printer_paper_out")            # the paper is back; the switch holds
    assert window.current_screen().STATE is State.OUT_OF_SERVICE
    assert staff_line(window) == "Dành cho cán bộ: Tạm ngừng để bảo trì."
    window.switch_language("en")
    assert staff_line(window) == "For staff: Switched off for maintenance."
    wf.back_in_service("switched_off")
    assert window.current_screen().STATE is State.WELCOME


def test_calls_posted_from_other_threads_run_on_the_gui_thread_in_order(qtbot, qapp):
    poster = GuiThreadPost()
    ran: list[tuple[int, bool]] = []

    def worker() -> None:
        for i in range(50):
            poster.post(lambda i=i: ran.append((i, threading.current_thread() is threading.main_thread())))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(ran) == 50)
    assert ran == [(i, True) for i in range(50)]


def test_the_running_kiosk_watches_its_health_from_start_to_quit(tmp_path):
    # In a process of its own: the kiosk quits its QApplication, which must not leak into
    # the tests' application.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_SHOWN="warm")
    out = subprocess.run(
        [sys.executable, "-m", "launcher", "demo", "--windowed", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0 and "KIOSK_WARM" in out.stdout, out.stderr[-2000:]
    log = out.stderr
    assert "health monitor started: camera every 10 s, card_reader every 10 s, printer every 5 s" in log
    assert log.index("health monitor started") < log.index("health monitor stopped")
    assert "Traceback" not in log
