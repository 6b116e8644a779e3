"""The metrics file for prometheus-node-exporter's textfile collector, written on a schedule.

The collector reads every `*.prom` file of its folder at each scrape; a file it finds
half-written is an error for the whole scrape, so the file is written whole under
another name in the same folder and renamed over the old one (`write_to_textfile`:
rename(2) within a folder is atomic; its temporary name does not end in `.prom`).

Before each write the figures that are not events are read afresh: the queue (counts,
the oldest waiting, the last delivery), the health monitor's snapshot, the paper count.
Each source is a plain callable, so the writer knows neither the store nor the monitor;
a source that fails keeps its last figures, and the failure is logged once until it
works again. A folder that cannot be written never stops the kiosk either: the file's
own timestamp (`idkiosk_metrics_written_timestamp_seconds`, and the collector's
`node_textfile_mtime_seconds`) going stale is what tells the fleet.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from prometheus_client import write_to_textfile

from kiosk.operations.telemetry.metrics import KioskMetrics

log = logging.getLogger("kiosk.telemetry")

FILE_NAME = "idkiosk.prom"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class TextfileWriter:
    """Writes `metrics` to `folder/idkiosk.prom` every `interval` seconds once started,
    and at once on `write()`.

    `queue()` returns the store's `QueueStatus`-like object (counts, oldest_queued_at) or
    None; `last_delivered()` a datetime or None; `health()` a dict shaped like
    `HealthSnapshot.as_dict()` or None; `paper()` a `PaperCount` or None; `journal` the
    audit journal (`kiosk.operations.journal.Journal`) or None.
    """

    def __init__(
        self,
        metrics: KioskMetrics,
        folder: Path,
        *,
        interval: float = 15.0,
        queue: Callable[[], Any] | None = None,
        last_delivered: Callable[[], Any] | None = None,
        health: Callable[[], Mapping[str, Any] | None] | None = None,
        paper: Callable[[], Any] | None = None,
        journal: Any = None,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.metrics = metrics
        self.path = Path(folder) / FILE_NAME
        self.interval = float(interval)
        self.queue, self.last_delivered, self.health, self.paper = queue, last_delivered, health, paper
        self.journal = journal
        self.clock = clock
        self.writes = 0
        self._failing: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def write(self) -> bool:
        """Read the sources and write the file now; False when it could not be written."""
        with self._lock:   # the timer and a caller (the last write at stop) never interleave
            self._refresh()
            now = self.clock()
            self.metrics.written.set(now.timestamp())
            try:
                write_to_textfile(str(self.path), self.metrics.registry)
            except OSError as exc:
                self._failed("file", exc)
                return False
            self._worked("file")
            self.writes += 1
            return True

    def _refresh(self) -> None:
        now = self.clock()
        if self.queue is not None:
            try:
                status = self.queue()
                delivered = self.last_delivered() if self.last_delivered is not None else None
                if status is not None:
                    self.metrics.set_queue(status.counts, status.oldest_queued_at, delivered, now)
                self._worked("queue")
            except Exception as exc:  # noqa: BLE001 - SQLite, the disk: the last figures stay
                self._failed("queue", exc)
        if self.journal is not None:   # a Journal: its head and last_error are plain attributes
            self.metrics.set_journal(self.journal.head[0], bool(self.journal.last_error))
        for name, source, apply in (("health", self.health, self.metrics.set_health),
                                    ("paper", self.paper, self.metrics.set_paper)):
            if source is None:
                continue
            try:
                value = source()
                if value is not None:
                    apply(value)
                self._worked(name)
            except Exception as exc:  # noqa: BLE001 - as above
                self._failed(name, exc)

    def _failed(self, what: str, exc: BaseException) -> None:
        if what not in self._failing:
            # By kind only: an OSError's text names a path, and that is all it would add.
            log.error("telemetry: the %s could not be %s (%s); the kiosk carries on", what,
                      "written" if what == "file" else "read", type(exc).__name__)
        self._failing.add(what)

    def _worked(self, what: str) -> None:
        if what in self._failing:
            self._failing.discard(what)
            log.info("telemetry: the %s works again", what)

    # -- the schedule -----------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._remove_leftovers()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="telemetry-textfile", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the schedule and write once more, so the file holds the last figures."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        thread.join(timeout)
        self.write()

    def _run(self) -> None:
        while True:
            self.write()
            if self._stop.wait(self.interval):
                return

    def _remove_leftovers(self) -> None:
        """A process killed mid-write leaves its temporary file (`idkiosk.prom.PID.TID`);
        the collector ignores it, but it would stay for ever."""
        try:
            for stale in self.path.parent.glob(f"{FILE_NAME}.*"):
                stale.unlink(missing_ok=True)
        except OSError:
            pass
