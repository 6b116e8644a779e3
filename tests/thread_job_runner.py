"""A job runner on plain threads: for tests whose jobs must run while the test itself
acts (a card lifted during a read, a real pcscd reader), with no Qt event loop.

The product never uses it: the kiosk's window runs jobs with `ui.qt_jobs.QtJobRunner`,
and headless tests that need no concurrency use `kiosk.workflow.jobs.SyncJobRunner`.
It shares `_run` and `_deliver` with `SyncJobRunner`, so a job's failure reaches the
workflow, and a cancelled job stays silent, exactly as with the runners that ship.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable

from kiosk.workflow.jobs import Job, JobRunner, _deliver, _run


class ThreadJobRunner(JobRunner):
    """Runs jobs on daemon threads; results and progress wait in a queue for `pump()`."""

    def __init__(self) -> None:
        self._events: "queue.Queue[tuple[Callable[..., None], tuple]]" = queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self, job: Job) -> None:
        def post_progress(done: int, total: int, note: str) -> None:
            self._events.put((job.progress, (done, total, note)))

        job.context._progress = post_progress

        def body() -> None:
            ok, value = _run(job)
            self._events.put((_deliver, (job, ok, value)))

        thread = threading.Thread(target=body, name=f"job-{job.name}", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def pump(self, timeout: float = 0.0) -> int:
        """Deliver queued callbacks on the calling thread; return how many ran."""
        count = 0
        try:
            fn, args = self._events.get(timeout=timeout) if timeout else self._events.get_nowait()
            while True:
                fn(*args)
                count += 1
                fn, args = self._events.get_nowait()
        except queue.Empty:
            return count

    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads) or not self._events.empty()

    def shutdown(self) -> None:
        for thread in self._threads:
            thread.join(timeout=2.0)
