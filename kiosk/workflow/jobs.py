"""Blocking work (reading a chip, capturing faces, saving, printing) runs as jobs.

The workflow never blocks: it hands a `Job` to a `JobRunner` and is called back on its
own thread with the result. `SyncJobRunner` runs jobs inline (headless tests drive the
whole renewal with it); the UI has a Qt runner that delivers through signals; the
tests' `ThreadJobRunner` (tests/thread_job_runner.py) runs them on worker threads and
delivers results when the owner calls `pump()`. A job captures the session generation
it belongs to, so a result that arrives after the session was cancelled or wiped is
dropped instead of leaking into the next citizen's session.
"""

from __future__ import annotations

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
