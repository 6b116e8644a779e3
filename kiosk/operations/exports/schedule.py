"""The daily export the running kiosk writes by itself (`export.daily_time`).

At the configured local time the kiosk exports the day *before*: a closed day, whose
sessions have all ended and whose applications the evening's deliveries have had time
to reach the office, so its reconciliation is the one worth filing. A day whose time
passed while the kiosk was off (a power cut at night) is written when it next runs, up
to `CATCH_UP_DAYS` back and only for days the journal has; a day already exported (its
folder exists) is never written twice, so a restart does not repeat one.

Plain Python with an injected clock: `run_pending()` does what is due now and is what
the tests drive; `start()` runs it in a daemon thread every `poll_seconds` for the
kiosk's whole life (`Services.start`/`close`). A failed export (a full disk) is logged
and tried again at the next poll after `retry_seconds`, never in a tight loop; the
kiosk serving citizens never waits for it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Callable

log = logging.getLogger("kiosk.export")

CATCH_UP_DAYS = 7


def parse_time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


class DailyExport:
    """`export_day(day)` writes one day's export; `exported(day)` says it exists;
    `has_journal(day)` that there is anything to export."""

    def __init__(self, at: dt.time, *, export_day: Callable[[dt.date], object],
                 exported: Callable[[dt.date], bool], has_journal: Callable[[dt.date], bool],
                 clock: Callable[[], dt.datetime], poll_seconds: float = 60.0,
                 retry_seconds: float = 600.0) -> None:
        self.at = at
        self._export_day, self._exported, self._has_journal = export_day, exported, has_journal
        self._clock = clock
        self.poll_seconds, self.retry_seconds = poll_seconds, retry_seconds
        self._failed: dict[dt.date, dt.datetime] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.written: list[dt.date] = []

    def due(self) -> list[dt.date]:
        """The days to export now, oldest first."""
        now = self._clock().astimezone()
        latest = now.date() - dt.timedelta(days=1 if now.time() >= self.at else 2)
        days = [latest - dt.timedelta(days=n) for n in range(CATCH_UP_DAYS - 1, -1, -1)]
        return [d for d in days if self._has_journal(d) and not self._exported(d)
                and not self._waiting_after_failure(d, now)]

    def _waiting_after_failure(self, day: dt.date, now: dt.datetime) -> bool:
        failed = self._failed.get(day)
        return failed is not None and (now - failed).total_seconds() < self.retry_seconds

    def run_pending(self) -> list[dt.date]:
        """Export every day that is due; returns the days written."""
        written = []
        for day in self.due():
            try:
                self._export_day(day)
            except Exception as exc:  # noqa: BLE001 - the kiosk carries on; tried again later
                self._failed[day] = self._clock()
                # The type and the one-line reason (ExportRefused, OSError's strerror): never a
                # traceback, and nothing in an export's messages is personal.
                log.error("daily export of %s failed (%s: %s); trying again in %d minutes", day,
                          type(exc).__name__, getattr(exc, "strerror", None) or exc, self.retry_seconds // 60)
                continue
            self._failed.pop(day, None)
            self.written.append(day)
            written.append(day)
            log.info("daily export of %s written", day)
        return written

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="daily-export", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_pending()
            except Exception as exc:  # noqa: BLE001 - a bug here must not end the thread silently
                log.error("daily export: %s", type(exc).__name__)
            self._stop.wait(self.poll_seconds)
