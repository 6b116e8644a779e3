"""In service or not: the health monitor's reasons and the technician's switch, applied to
the workflow. What the maintenance screens call.

The workflow holds the set of reasons that keep the kiosk out of service and serves
again when none is left (`Workflow.set_out_of_service` / `back_in_service`; a citizen in
a session finishes first). Two kinds of reason feed it, and neither may clear the
other's:

- the health monitor's: a needed device failed ("printer_paper_out", ...). They come
  and go with the device, with no technician: `health_changed` adds the new ones and
  removes the ones that no longer hold.
- the technician's: `switch_off()` holds "switched_off" until `switch_on()`, whatever
  the devices do, and across a restart (the switch is kept in the data folder).

Every reason is a code, never a sentence: the out-of-service screen words it in the
citizen's language (`REASON_CODES` lists them all; a UI test checks each has words).

Call it on the GUI thread, like the workflow: the launcher carries the monitor's
snapshots there (`launcher.gui.attach_operations` builds it; `run_kiosk` starts it with
the services and stops it before they close).

What the maintenance screens use:

- `snapshot()`: a `HealthSnapshot` whose `devices` are `DeviceHealth` records (name,
  needed, state ok/degraded/failed/off/unknown, detail code, since, checked_at,
  last_error, last_error_at, facts such as free_mb, queued, remaining_receipts);
  `as_dict()` for a table or the journal. `subscribe(listener)` calls
  `listener(snapshot)` on every change and returns the unsubscribe; `check_now(name)`
  reads a device at once (the answer arrives as a snapshot).
- `switch_off(reason)` / `switch_on()`, `switched_off`, `switched_off_at`,
  `switched_off_reason`; `reasons` is every reason that holds now (the screen shows them
  worded by `ui.messages.out_of_service_text`, as citizens see them).
- `paper_changed()` after a new roll (returns the fresh `PaperCount`); `paper_count()`.
- `devices_in_test = True` while a live test (camera preview, card read) uses the camera
  or the reader, `False` after: the monitor keeps its hands off them meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any, Callable

from kiosk.operations.health import HealthMonitor, HealthSnapshot
from kiosk.operations.health_checks import device_reason_codes
from kiosk.operations.paper import PaperCount, PaperCounter
from kiosk.workflow.states import ACTIVE_STATES

log = logging.getLogger("kiosk.operations")

SWITCHED_OFF = "switched_off"   # a technician switched the kiosk out of service
START_FAILED = "start_failed"   # the kiosk could not be assembled (launcher.gui)
REASON_CODES: tuple[str, ...] = (SWITCHED_OFF, START_FAILED, *device_reason_codes())
SWITCH_FILE = "switched-off.json"
REASON_MAX_CHARS = 200          # a technician's reason for switching off: one line for a screen

HealthListener = Callable[[HealthSnapshot], None]


class ServiceControl:
    """The kiosk's service switch and health, for the workflow and the maintenance screens.

    `monitor` and `paper` may be None (health watching switched off): the technician's
    switch still works.
    """

    def __init__(
        self,
        workflow: Any,
        monitor: HealthMonitor | None,
        paper: PaperCounter | None,
        data_dir: Path,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
    ) -> None:
        self.workflow = workflow
        self.monitor = monitor
        self.paper = paper
        self.switch_file = Path(data_dir) / SWITCH_FILE
        self.clock = clock
        self._health_reasons: frozenset[str] = frozenset()
        self._health_version = -1
        self._listeners: list[HealthListener] = []
        self.carrier: Any = None    # what brings the monitor's news to this thread (kept alive here)
        self.devices_in_test = False  # a maintenance test uses camera or reader (see `in_use`)
        self._switched_off_at: dt.datetime | None
        self._switched_off_at, self._switched_off_reason = self._load_switch()
        if self._switched_off_at is not None:
            log.info("the kiosk stays switched off, as a technician left it")
            self.workflow.set_out_of_service(SWITCHED_OFF)

    # -- health ---------------------------------------------------------------------------

    def in_use(self) -> bool:
        """Whether a citizen's session or a technician's device test uses the camera and
        the reader now (asked from the monitor's threads: reads two attributes only)."""
        return self.devices_in_test or self.workflow.state in ACTIVE_STATES

    def snapshot(self) -> HealthSnapshot | None:
        """Every check with its state, detail, since when, last error and its time."""
        return self.monitor.snapshot() if self.monitor is not None else None

    def subscribe(self, listener: HealthListener) -> Callable[[], None]:
        """`listener(snapshot)` on every change, on the GUI thread; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def health_changed(self, snapshot: HealthSnapshot) -> None:
        """A new snapshot from the monitor (the launcher calls this on the GUI thread).
        One older than the last applied is dropped: it would undo a newer change."""
        if snapshot.version < self._health_version:
            return
        self._health_version = snapshot.version
        reasons = snapshot.out_of_service_reasons
        # New reasons first: a printer whose paper ran out while its cover was open never
        # lets the kiosk serve in between.
        for reason in sorted(reasons - self._health_reasons):
            log.warning("out of service: %s", reason)
            self.workflow.set_out_of_service(reason)
        for reason in sorted(self._health_reasons - reasons):
            log.info("no longer out of service for: %s", reason)
            self.workflow.back_in_service(reason)
        self._health_reasons = reasons
        for listener in list(self._listeners):
            try:
                listener(snapshot)
            except Exception:  # noqa: BLE001 - a screen's failure must not stop the next one
                log.exception("health listener failed")

    def check_now(self, name: str | None = None) -> None:
        """Read `name` (None: every check) at once, off the GUI thread (a screen's
        "check again"); the result arrives as a new snapshot."""
        if self.monitor is not None:
            self.monitor.check_soon(name)

    # -- out of service -------------------------------------------------------------------

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every reason that holds now (shown, or waiting for a citizen to finish)."""
        return self.workflow.out_of_service_reasons

    @property
    def switched_off(self) -> bool:
        return self._switched_off_at is not None

    @property
    def switched_off_at(self) -> dt.datetime | None:
        return self._switched_off_at

    @property
    def switched_off_reason(self) -> str:
        """The technician's words when switching off ("" when none, or switched on)."""
        return self._switched_off_reason

    def switch_off(self, reason: str = "") -> None:
        """A technician takes the kiosk out of service; it stays so until `switch_on()`,
        whatever the devices do, and across a restart.

        `reason` is the technician's words for the staff (the status screen, the
        journal), kept with the switch as one line of at most `REASON_MAX_CHARS`. Citizens
        never see it: their screen words `SWITCHED_OFF` in their own language. It is not
        logged either (free text may name someone). Switching off again while off keeps
        the first time and takes the new words, if any."""
        printable = "".join(ch for ch in str(reason or "") if ch.isprintable() or ch.isspace())
        words = " ".join(printable.split())[:REASON_MAX_CHARS]
        if self._switched_off_at is None or (words and words != self._switched_off_reason):
            first = self._switched_off_at is None
            self._switched_off_at = self._switched_off_at or self.clock()
            self._switched_off_reason = words or self._switched_off_reason
            self._save_switch()
            if first:
                log.info("switched out of service by a technician")
        self.workflow.set_out_of_service(SWITCHED_OFF)

    def switch_on(self) -> None:
        """The technician's switch is off again; the kiosk serves once no device reason
        holds either."""
        if self._switched_off_at is not None:
            self._switched_off_at, self._switched_off_reason = None, ""
            self._save_switch()
            log.info("switched back on by a technician")
        self.workflow.back_in_service(SWITCHED_OFF)

    # -- paper ----------------------------------------------------------------------------

    def paper_changed(self) -> PaperCount | None:
        """A technician put in a new roll: the count starts again, the printer is read now."""
        if self.paper is None:
            return None
        count = self.paper.paper_changed()
        self.check_now("printer")
        return count

    def paper_count(self) -> PaperCount | None:
        """Receipts since the last paper change and what the roll has left by the count."""
        return self.paper.reading() if self.paper is not None else None

    # -- lifetime -------------------------------------------------------------------------

    def start(self) -> None:
        if self.monitor is not None:
            self.monitor.start()

    def stop(self) -> None:
        if self.monitor is not None:
            self.monitor.stop()

    # -- the switch, kept -----------------------------------------------------------------

    def _load_switch(self) -> tuple[dt.datetime | None, str]:
        try:
            data = json.loads(self.switch_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, ""
        except (OSError, ValueError) as exc:
            # Unsure whether a technician switched it off: stay off, say why.
            log.warning("%s unreadable (%s): the kiosk stays switched off", self.switch_file.name, type(exc).__name__)
            return self.clock(), ""
        if not isinstance(data, dict):
            return self.clock(), ""
        at, reason = data.get("switched_off_at"), data.get("reason")
        reason = reason[:REASON_MAX_CHARS] if isinstance(reason, str) else ""
        try:
            return (dt.datetime.fromisoformat(at), reason) if at else (None, "")
        except (TypeError, ValueError):
            return self.clock(), reason

    def _save_switch(self) -> None:
        at = self._switched_off_at
        try:
            if at is None:
                self.switch_file.unlink(missing_ok=True)
                return
            self.switch_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.switch_file.with_name(f".{self.switch_file.name}.tmp")
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump({"switched_off_at": at.isoformat(), "reason": self._switched_off_reason}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.switch_file)
        except OSError as exc:
            log.warning("the technician's switch was not kept (%s): a restart forgets it", exc.strerror)
