"""Open, capture and close a libfprint scanner in a job of the kiosk's Qt job runner, in
a process of its own; prints the outcome as JSON.

    python -m tests.integration.fingerprint.qt_thread_capture kiosk|glib

`kiosk`: the application as the kiosk makes it (`ui.qt_application`); `glib`: a bare
QApplication on Qt's GLib event dispatcher. The GUI thread runs the event loop while
the job works, as in the kiosk. A process of its own: a capture that hangs must not
hang the test run, and Qt chooses its event dispatcher once per process.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(mode: str) -> dict:
    from PySide6.QtCore import QAbstractEventDispatcher, QTimer
    from PySide6.QtWidgets import QApplication

    from hardware.fingerprint.libfprint import LibfprintScanner
    from hardware.fingerprint.synthetic_prints import Press, make_print
    from kiosk.workflow.jobs import Job
    from tests.integration.fingerprint.virtual_image import VirtualImageHand
    from ui.qt_application import prepare_application

    folder = Path(tempfile.mkdtemp())
    os.environ["FP_VIRTUAL_IMAGE"] = str(folder / "virtimg")
    hand = VirtualImageHand(os.environ["FP_VIRTUAL_IMAGE"])
    if mode == "kiosk":
        from kiosk.demo.config import demo_config

        app = prepare_application(demo_config(folder / "data"))
    else:
        os.environ.pop("QT_NO_GLIB", None)
        app = QApplication([])
    from ui.qt_jobs import QtJobRunner

    outcome: dict = {"dispatcher": QAbstractEventDispatcher.instance().metaObject().className()}

    def work(_ctx) -> int:
        scanner = LibfprintScanner("virtual_image", assume_dpi=500, open_timeout=5)
        scanner.open()
        threading.Timer(0.3, hand.press, (make_print(3, Press.GOOD).pixels,)).start()
        try:
            return scanner.capture(timeout=10).width
        finally:
            scanner.close()

    def done(width: int) -> None:
        outcome["captured_width"] = width
        app.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = f"{type(exc).__name__}: {exc}"
        app.quit()

    runner = QtJobRunner()
    runner.start(Job("fingerprint", work, done, failed))
    QTimer.singleShot(30_000, app.quit)     # the test's own deadline is shorter
    app.exec()
    return outcome


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])), flush=True)
    os._exit(0)    # a job still stuck in libfprint must not hold the process open
