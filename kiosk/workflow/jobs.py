"""Blocking work (reading a chip, capturing faces, saving, printing) runs as jobs.

The workflow never blocks: it hands a `Job` to a `JobRunner` and is called back on its
own thread with the result. `SyncJobRunner` runs jobs inline (headless tests drive the
whole renewal with it); `ThreadJobRunner` runs them on worker threads and delivers
results when the owner calls `pump()`; the UI has a Qt runner that delivers through
signals. A job captures the session generation it belongs to, so a result that arrives
after the session was cancelled or wiped is dropped instead of leaking into the next
citizen's session.
"""

from __future__ import annotations

import queue
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable


class JobCancelled(Exception):
    """Raised inside a job when its cancel event is set."""


@dataclass
class JobContext:
    """What a running job may touch: progress reporting and its cancel flag."""

    cancel_event: threading.Event = field(default_factory=threading.Event)
    _progress: Callable[[int, int, str], None] = lambda done, total, note: None

    def progress(self, done: int, total: int, note: str = "") -> None:
        self._progress(done, total, note)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancel_event.is_set():
            raise JobCancelled()


@dataclass
class Job:
    name: str
    work: Callable[[JobContext], Any]           # runs off the UI thread
    done: Callable[[Any], None]                 # called on the owner's thread
    failed: Callable[[BaseException], None]     # likewise; JobCancelled is never reported
    progress: Callable[[int, int, str], None] = lambda done, total, note: None
    context: JobContext = field(default_factory=JobContext)

    def cancel(self) -> None:
        self.context.cancel_event.set()


class JobRunner(ABC):
    @abstractmethod
    def start(self, job: Job) -> None:
        """Run `job.work` and later call `job.done` or `job.failed` on the owner's thread."""

    def shutdown(self) -> None:
        """Stop accepting jobs; wait briefly for running ones."""


def _run(job: Job) -> tuple[bool, Any]:
    try:
        return True, job.work(job.context)
    except BaseException as exc:  # noqa: BLE001 - every failure is reported to the workflow
        return False, exc


def _deliver(job: Job, ok: bool, value: Any) -> None:
    if ok:
        job.done(value)
    elif not isinstance(value, JobCancelled):
        job.failed(value)


class SyncJobRunner(JobRunner):
    """Runs each job to completion inside `start` (progress is delivered inline)."""

    def start(self, job: Job) -> None:
        job.context._progress = job.progress
        ok, value = _run(job)
        _deliver(job, ok, value)


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
