"""The background delivery worker: one thread that empties the queue while the kiosk runs.

Started and stopped by the application (`start()` at start-up, `stop()` at shut-down);
it also registers itself with the store so that each committed enqueue wakes it at
once instead of at the next poll. It waits on events, never in a bare sleep, so
`stop()` returns promptly even in the middle of a long backoff.

Besides delivering, it purges the personal data of applications delivered more than
`retention` ago, at start and then every `purge_interval`.

An application whose key is not in the keyring stops the worker for good (a key file
went missing or was replaced while the kiosk ran; the start refuses that state, see
kiosk.storage.queue_keys): retrying cannot cure it and parking would blame the citizen's
application. `stopped_because` says why, for the log and the maintenance screens.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from kiosk.delivery.deliverer import Deliverer, key_missing_message, utc_now
from kiosk.storage import ApplicationStore, KeyMismatch

log = logging.getLogger(__name__)

PURGE_INTERVAL = dt.timedelta(hours=1)
ERROR_PAUSE_SECONDS = 5.0  # after an unexpected error (e.g. the disk), before trying again


class DeliveryWorker:
    def __init__(
        self,
        deliverer: Deliverer,
        *,
        poll_interval: float,
        retention: dt.timedelta,
        purge_interval: dt.timedelta = PURGE_INTERVAL,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.deliverer = deliverer
        self.store: ApplicationStore = deliverer.store
        self.poll_interval = poll_interval
        self.retention = retention
        self.purge_interval = purge_interval
        self.clock = clock
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_purge: dt.datetime | None = None
        self.stopped_because: str | None = None  # set when the worker stopped by itself

    # -- control, from the application's thread ---------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the delivery worker is already running")
        self._stop.clear()
        self.stopped_because = None
        self.store.add_enqueue_listener(self._on_enqueued)
        self._thread = threading.Thread(target=self._run, name="kiosk-delivery", daemon=True)
        self._thread.start()
        log.info("delivery worker started")

    def stop(self, timeout: float | None = 10.0) -> bool:
        """Ask the worker to finish its current attempt and end; True if it did in time."""
        thread = self._thread
        if thread is None:
            return True
        self._stop.set()
        self._wake.set()
        thread.join(timeout)
        try:
            self.store.remove_enqueue_listener(self._on_enqueued)
        except ValueError:
            pass
        self._thread = None
        stopped = not thread.is_alive()
        log.info("delivery worker %s", "stopped" if stopped else "still finishing an attempt")
        return stopped

    def wake(self) -> None:
        """Look at the queue now (a new application, or a technician's retry)."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread ----------------------------------------------------------------------

    def _on_enqueued(self, application_id: str) -> None:
        self.wake()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._maybe_purge()
                pause = self._step()
            except KeyMismatch as exc:
                self.stopped_because = key_missing_message(exc)
                log.error("delivery stopped: %s", self.stopped_because)
                break
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any one failure
                log.error("delivery worker error: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
                self._stop.wait(ERROR_PAUSE_SECONDS)
                continue
            if pause is not None:
                # A backoff: only stop() may cut it short, not a new application.
                self._stop.wait(pause)

        self.deliverer.client.close()

    def _step(self) -> float | None:
        """Deliver the next due application; return a backoff pause, if one is needed."""
        now = self.clock()
        entry = self.store.next_due(now)
        if entry is None:
            self._idle(now)
            return None
        attempt = self.deliverer.deliver_one(entry)
        return None if attempt is None else attempt.delay

    def _idle(self, now: dt.datetime) -> None:
        timeout = self.poll_interval
        next_at = self.store.next_attempt_at()
        if next_at is not None:
            timeout = min(timeout, max((next_at - now).total_seconds(), 0.0))
        self._wake.wait(timeout)
        self._wake.clear()

    def _maybe_purge(self) -> None:
        now = self.clock()
        if self._last_purge is not None and now - self._last_purge < self.purge_interval:
            return
        self._last_purge = now
        self.store.purge_delivered(delivered_before=now - self.retention, at=now)
