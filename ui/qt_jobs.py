"""Runs the workflow's blocking jobs on Qt worker threads and answers on the GUI thread.

The workflow is not thread-safe and every screen reads it, so a job's result, failure
and progress must reach it on the GUI thread, in the order the worker produced them.
Each job's `work` runs on a `QThreadPool` thread; the worker emits signals of a bridge
object that lives on the GUI thread, connected with `Qt.QueuedConnection`: Qt puts the
call into the GUI thread's event queue, so the workflow is only ever touched between
two events there. A result that arrives after the job was cancelled is dropped by the
workflow itself (generation check), and `JobCancelled` is never reported.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from kiosk.workflow.jobs import Job, JobCancelled, JobRunner

log = logging.getLogger(__name__)

# A cancelled job may still be inside a blocking call (a camera read has a 2 s timeout),
# while its successor already runs: leave room for a few stragglers.
MAX_THREADS = 6
SHUTDOWN_WAIT_MS = 3000


def _run(job: Job) -> tuple[bool, Any]:
    try:
        return True, job.work(job.context)
    except BaseException as exc:  # noqa: BLE001 - every failure is reported to the workflow
        return False, exc


class _Bridge(QObject):
    """Lives on the GUI thread; workers only emit its signals, its slots run there."""

    finished = Signal(object, bool, object)    # job, ok, value-or-exception
    progressed = Signal(object, int, int, str)  # job, done, total, note

    def __init__(self, runner: "QtJobRunner", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, bool, object)
    def _on_finished(self, job: Job, ok: bool, value: Any) -> None:  # GUI thread
        self._runner._forget(job)
        try:
            if ok:
                job.done(value)
            elif not isinstance(value, JobCancelled):
                job.failed(value)
        except Exception:  # noqa: BLE001 - a failing handler must not kill the event loop
            log.exception("handler of job %s failed", job.name)

    @Slot(object, int, int, str)
    def _on_progress(self, job: Job, done: int, total: int, note: str) -> None:  # GUI thread
        if job.context.cancelled:
            return
        try:
            job.progress(done, total, note)
        except Exception:  # noqa: BLE001
            log.exception("progress handler of job %s failed", job.name)


class _JobRunnable(QRunnable):
    def __init__(self, job: Job, bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._bridge = bridge

    def run(self) -> None:  # worker thread
        ok, value = _run(self._job)
        self._bridge.finished.emit(self._job, ok, value)


class QtJobRunner(JobRunner):
    """A `JobRunner` for the Qt application: create it on the GUI thread.

    (Not itself a QObject: Qt's metaclass and `JobRunner`'s ABCMeta cannot be combined,
    so the Qt side lives in `_Bridge`.) `running()` says how many jobs have started and
    not yet been delivered (tests and shutdown use it).
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = MAX_THREADS) -> None:
        self._bridge = _Bridge(self, parent)
        self._pool = QThreadPool(self._bridge)
        self._pool.setMaxThreadCount(max_threads)
        self._lock = threading.Lock()
        self._running: set[int] = set()
        self._jobs: dict[int, Job] = {}
        self._accepting = True

    def start(self, job: Job) -> None:
        if not self._accepting:
            log.warning("job %s refused: the runner is shutting down", job.name)
            job.cancel()
            return
        bridge = self._bridge

        def post_progress(done: int, total: int, note: str) -> None:  # worker thread
            bridge.progressed.emit(job, int(done), int(total), str(note))

        job.context._progress = post_progress
        with self._lock:
            self._running.add(id(job))
            self._jobs[id(job)] = job
        self._pool.start(_JobRunnable(job, bridge))

    def running(self) -> int:
        with self._lock:
            return len(self._running)

    def _forget(self, job: Job) -> None:
        with self._lock:
            self._running.discard(id(job))
            self._jobs.pop(id(job), None)

    def shutdown(self) -> None:
        """Cancel every running job and wait a little for the workers to leave."""
        self._accepting = False
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.cancel()
        if not self._pool.waitForDone(SHUTDOWN_WAIT_MS):
            log.warning("some jobs did not stop within %d ms", SHUTDOWN_WAIT_MS)
