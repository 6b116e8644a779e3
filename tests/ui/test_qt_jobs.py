"""The Qt job runner: work on a worker thread, every callback on the GUI thread, in order."""

from __future__ import annotations

import threading

import pytest

from kiosk.workflow.jobs import Job, JobCancelled, JobContext
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple] = []
        self.threads: set[threading.Thread] = set()

    def __call__(self, name: str):
        def record(*args) -> None:
            self.threads.add(threading.current_thread())
            self.events.append((name, *args))

        return record


def test_result_and_progress_arrive_on_the_gui_thread_in_order(qtbot) -> None:
    runner = QtJobRunner()
    rec = Recorder()
    worker_threads: list[threading.Thread] = []

    def work(ctx: JobContext) -> str:
        worker_threads.append(threading.current_thread())
        for i in range(5):
            ctx.progress(i + 1, 5, "step")
        return "done"

    runner.start(Job("demo", work, rec("done"), rec("failed"), rec("progress")))
    qtbot.waitUntil(lambda: any(e[0] == "done" for e in rec.events), timeout=10_000)
    assert rec.events == [("progress", i, 5, "step") for i in range(1, 6)] + [("done", "done")]
    assert rec.threads == {threading.main_thread()}
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert runner.running() == 0
    runner.shutdown()


def test_failures_are_reported_and_cancellation_is_not(qtbot) -> None:
    runner = QtJobRunner()
    rec = Recorder()

    def boom(ctx: JobContext) -> None:
        raise ValueError("broken")

    started = threading.Event()

    def cancellable(ctx: JobContext) -> None:
        started.set()
        ctx.cancel_event.wait(10)
        ctx.check_cancelled()

    runner.start(Job("boom", boom, rec("done"), rec("failed")))
    job = Job("slow", cancellable, rec("done-slow"), rec("failed-slow"))
    runner.start(job)
    assert started.wait(10)
    job.cancel()
    qtbot.waitUntil(lambda: runner.running() == 0, timeout=10_000)
    failures = [e for e in rec.events if e[0].startswith("failed")]
    assert len(failures) == 1 and isinstance(failures[0][1], ValueError)
    assert not any(e[0].startswith("done") for e in rec.events)  # JobCancelled is never reported
    assert not isinstance(failures[0][1], JobCancelled)
    runner.shutdown()


def test_shutdown_cancels_running_jobs(qtbot) -> None:
    runner = QtJobRunner()
    started = threading.Event()
    stopped = threading.Event()

    def waits(ctx: JobContext) -> None:
        started.set()
        ctx.cancel_event.wait(30)
        stopped.set()

    runner.start(Job("waits", waits, lambda v: None, lambda e: None))
    assert started.wait(10)
    runner.shutdown()
    assert stopped.is_set()
