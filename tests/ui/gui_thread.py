"""Makes a camera read on the GUI thread fail a test at once, for the "never blocks" tests.

Counting GUI ticks while a fake driver hangs cannot catch such a read by itself: a read
with a timeout only slows the ticks, and a read that hangs for good hangs the test too,
so no assertion runs and only pytest-timeout ends it, minutes later. Every fake read
therefore reports its thread to a `GuiThreadWatch`. A read on the GUI thread is recorded
with the code that called it and ends at once with `ReadOnGuiThread`, a BaseException
so that the product's `except Exception` around camera reads cannot swallow it. The
watch's waits stop as soon as such a read is recorded, and the test fails naming the caller.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread

WAIT_MS = 30_000   # a ceiling for slow CI machines, not a timing expectation


class ReadOnGuiThread(BaseException):
    """Raised by a fake camera read that runs on the GUI thread."""


class GuiThreadWatch:
    """Create it on the GUI thread; fakes call `check()` at the start of every read."""

    def __init__(self) -> None:
        app = QCoreApplication.instance()
        assert app is not None and app.thread() is QThread.currentThread(), "not on the GUI thread"
        self.gui = threading.current_thread()
        self.reads = 0
        self.reads_on_gui_thread: list[str] = []

    def check(self, what: str) -> None:
        self.reads += 1
        if threading.current_thread() is self.gui:
            caller = "".join(traceback.format_stack(limit=6)[:-1])
            self.reads_on_gui_thread.append(f"{what} ran on the GUI thread, called from:\n{caller}")
            raise ReadOnGuiThread(what)

    def assert_no_gui_reads(self) -> None:
        assert not self.reads_on_gui_thread, self.reads_on_gui_thread[0]

    def wait_until(self, qtbot, condition: Callable[[], bool], expected: str | Callable[[], str]) -> None:
        """Wait (at most WAIT_MS) for `condition`, or until a read runs on the GUI thread."""

        def met() -> None:
            if self.reads_on_gui_thread:
                return   # stop waiting: assert_no_gui_reads() reports it
            assert condition(), f"still waiting for {expected() if callable(expected) else expected}"

        qtbot.waitUntil(met, timeout=WAIT_MS)
        self.assert_no_gui_reads()
