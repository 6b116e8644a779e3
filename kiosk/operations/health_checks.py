"""What the health monitor reads, and the rules that turn each reading into a state.

The rules, device by device (a *needed* check that fails takes the kiosk out of service;
everything else only tells a technician):

| check       | needed | failed                                  | degraded                            |
|-------------|--------|-----------------------------------------|-------------------------------------|
| camera      | yes    | the camera is gone (`Camera.probe`)     |                                     |
| card_reader | yes    | the reader is gone (`CardReader.probe`) |                                     |
| printer     | yes    | paper out, cover open, offline          | paper low (sensor, or counted)      |
| disk        | yes    | less free than `disk_failed_mb`         | less free than `disk_warning_mb`    |
| queue       | yes    | the queue cannot be read                | backlog, oldest waiting, parked,    |
|             |        |                                         | applications under a missing key    |
| network     | no     | the office unreachable, delivery        | deliveries failing and retried      |
|             |        | stopped                                 |                                     |
| office      | no     | the office's look-up endpoint           |                                     |
|             |        | unreachable                             |                                     |

The office's look-ups (a lost card's record, studio photos, the phone check) are not
needed either: a citizen they fail is told the way on (the chip, a photo taken here,
the counter), and the check tells the technician why before the citizens do.
The network is not needed: the queue holds applications until the office is back, so a
citizen can still renew. The disk and the queue are: an application that cannot be
saved is a renewal that cannot end. The camera and the card reader are read only while
no session uses them (`while_in_use` False) and without touching a card or starting a
capture; the printer's status is asked at any time, since `Printer.status()` is what
the drivers themselves poll around every job, under the same lock as the job.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from hardware.errors import HardwareError
from hardware.printer import Printer, PrinterStatus
from kiosk.operations.health import Check, HealthState, Reading, reason_code, with_facts
from kiosk.operations.paper import PaperCounter

OK, DEGRADED, FAILED, OFF = HealthState.OK, HealthState.DEGRADED, HealthState.FAILED, HealthState.OFF

# What each printer status means for a renewal, whose last step is the receipt.
PRINTER_RULES: dict[PrinterStatus, Reading] = {
    PrinterStatus.READY: Reading(OK, "ready"),
    PrinterStatus.PAPER_LOW: Reading(DEGRADED, "paper_low"),     # still prints: change the roll soon
    PrinterStatus.PAPER_OUT: Reading(FAILED, "paper_out"),
    PrinterStatus.COVER_OPEN: Reading(FAILED, "cover_open"),
    PrinterStatus.OFFLINE: Reading(FAILED, "offline"),
}


class _DeviceProbe(Check):
    """A device asked whether it is there (`probe()`), between sessions only."""

    needed = True
    failures = ("unavailable",)
    while_in_use = False

    def __init__(self, device: Any, interval: float) -> None:
        super().__init__(interval)
        self.device = device

    def read(self) -> Reading:
        try:
            present = self.device.probe()
        except HardwareError as exc:
            return Reading(FAILED, "unavailable", str(exc) or type(exc).__name__)
        name = getattr(self.device, "name", "")
        if present is None:   # the driver cannot tell without opening it: the sessions will
            return Reading(OK, "unverified", facts={"device": name})
        return Reading(OK, "present", facts={"device": name})


class CameraCheck(_DeviceProbe):
    name = "camera"


class CardReaderCheck(_DeviceProbe):
    name = "card_reader"


class PrinterCheck(Check):
    """The printer's own status by `PRINTER_RULES`, and the counted paper: a printer that
    reports ready while the count says the roll is nearly used up is degraded."""

    name = "printer"
    needed = True
    failures = ("offline", "paper_out", "cover_open")

    def __init__(self, printer: Printer, interval: float, paper: PaperCounter | None = None) -> None:
        super().__init__(interval)
        self.printer = printer
        self.paper = paper

    def read(self) -> Reading:
        status = self.printer.status()
        reading = PRINTER_RULES[status]
        if reading.state is not OK:
            reading = Reading(reading.state, reading.detail, str(getattr(self.printer, "last_detail", "") or status))
        facts: dict[str, Any] = {"status": status.value}
        if self.paper is not None:
            count = self.paper.reading()
            facts.update(count.as_dict())
            if reading.state is OK and count.low:
                reading = Reading(DEGRADED, "paper_low_counted",
                                  f"{count.remaining_receipts} receipts left on the roll by the count")
        return with_facts(reading, **facts)


class DiskCheck(Check):
    """Free space where the queue and the receipts are written."""

    name = "disk"
    needed = True
    failures = ("unavailable", "full")

    def __init__(self, folder: Path, interval: float, *, warning_mb: int, failed_mb: int) -> None:
        super().__init__(interval)
        self.folder = Path(folder)
        self.warning_mb = warning_mb
        self.failed_mb = failed_mb

    def read(self) -> Reading:
        try:
            usage = shutil.disk_usage(self.folder)
        except OSError as exc:
            return Reading(FAILED, "unavailable", f"{self.folder}: {exc.strerror or type(exc).__name__}")
        free_mb = usage.free // (1024 * 1024)
        facts = {"free_mb": free_mb, "total_mb": usage.total // (1024 * 1024)}
        if free_mb < self.failed_mb:
            return Reading(FAILED, "full", f"{free_mb} MB free (below {self.failed_mb} MB)", facts)
        if free_mb < self.warning_mb:
            return Reading(DEGRADED, "low", f"{free_mb} MB free (below {self.warning_mb} MB)", facts)
        return Reading(OK, "ok", facts=facts)


class QueueCheck(Check):
    """The local queue (`ApplicationStore.status()`): only a queue that cannot be read
    stops renewals; what waits in it is for a technician."""

    name = "queue"
    needed = True
    failures = ("unreadable",)

    def __init__(self, store: Any, interval: float, *, backlog_warning: int, age_warning_hours: float,
                 clock: Callable[[], dt.datetime]) -> None:
        super().__init__(interval)
        self.store = store
        self.backlog_warning = backlog_warning
        self.age_warning = dt.timedelta(hours=age_warning_hours)
        self.clock = clock

    def read(self) -> Reading:
        try:
            status = self.store.status()
        except Exception as exc:  # noqa: BLE001 - SQLAlchemy, sqlite3, the disk: all mean "unreadable"
            return Reading(FAILED, "unreadable", f"{type(exc).__name__}: {exc}")
        queued, parked = status.counts.get("queued", 0), status.counts.get("parked", 0)
        undecryptable = sum(status.undecryptable.values())
        age = None if status.oldest_queued_at is None else self.clock() - status.oldest_queued_at
        facts = {
            "queued": queued, "parked": parked, "undecryptable": undecryptable,
            "oldest_queued_at": status.oldest_queued_at.isoformat() if status.oldest_queued_at else None,
            "oldest_age_hours": None if age is None else round(max(age.total_seconds(), 0) / 3600, 2),
        }
        last = status.last_error.error if status.last_error is not None else ""
        if undecryptable:
            missing = ", ".join(sorted(status.missing_keys))
            return Reading(DEGRADED, "undecryptable", f"{undecryptable} under missing keys {missing}", facts)
        if parked:
            return Reading(DEGRADED, "parked", last or f"{parked} parked", facts)
        if queued > self.backlog_warning:
            return Reading(DEGRADED, "backlog", f"{queued} waiting (warning above {self.backlog_warning})", facts)
        if age is not None and age > self.age_warning:
            return Reading(DEGRADED, "oldest_waiting", last or f"oldest waiting {facts['oldest_age_hours']} h", facts)
        return Reading(OK, "ok", facts=facts)


class NetworkCheck(Check):
    """The office: a TCP connection to the delivery endpoint (no TLS, no request: the
    office sees a connection opened and closed), and what the delivery worker says."""

    name = "network"
    needed = False
    failures = ("unreachable",)

    def __init__(self, endpoint: str, worker: Any, interval: float, *, timeout: float) -> None:
        super().__init__(interval)
        self.endpoint = endpoint
        self.worker = worker
        self.timeout = timeout
        parts = urlsplit(endpoint) if endpoint else None
        self.address = (parts.hostname or "", parts.port or 443) if parts else None

    def read(self) -> Reading:
        if self.worker is None or self.address is None:
            return Reading(OFF, "delivery_off")
        stopped = getattr(self.worker, "stopped_because", None)
        if stopped:
            return Reading(FAILED, "delivery_stopped", stopped)
        host, port = self.address
        try:
            socket.create_connection((host, port), timeout=self.timeout).close()
        except OSError as exc:
            return Reading(FAILED, "unreachable", f"{host}:{port}: {exc.strerror or type(exc).__name__}")
        deliverer = getattr(self.worker, "deliverer", None)
        failures = int(getattr(deliverer, "consecutive_failures", 0) or 0)
        if failures:
            return Reading(DEGRADED, "delivery_retrying", f"{failures} delivery attempts failed in a row",
                           {"failed_attempts": failures})
        return Reading(OK, "reachable")


class OfficeCheck(Check):
    """The office's look-up endpoint (office.endpoint): a TCP connection, as for delivery
    (no TLS, no request: a look-up would be logged and rate-limited as a citizen's)."""

    name = "office"
    needed = False
    failures = ("unreachable",)

    def __init__(self, endpoint: str, interval: float, *, timeout: float) -> None:
        super().__init__(interval)
        self.timeout = timeout
        parts = urlsplit(endpoint) if endpoint else None
        self.address = (parts.hostname or "", parts.port or 443) if parts else None

    def read(self) -> Reading:
        if self.address is None:
            return Reading(OFF, "office_off")    # no endpoint: the demo office, or look-ups off
        host, port = self.address
        try:
            socket.create_connection((host, port), timeout=self.timeout).close()
        except OSError as exc:
            return Reading(FAILED, "unreachable", f"{host}:{port}: {exc.strerror or type(exc).__name__}")
        return Reading(OK, "reachable")


CHECK_KINDS: tuple[type[Check], ...] = (CameraCheck, CardReaderCheck, PrinterCheck, DiskCheck, QueueCheck, NetworkCheck,
                                        OfficeCheck)


def device_reason_codes() -> tuple[str, ...]:
    """Every out-of-service reason a check can give (the screens word each one)."""
    return tuple(reason_code(kind.name, detail) for kind in CHECK_KINDS if kind.needed for detail in kind.failures)


def build_checks(cfg: Any, services: Any, paper: PaperCounter | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> list[Check]:
    """The kiosk's checks from its configuration (`[health]`) and its services."""
    h = cfg.health
    clock = clock or getattr(services, "clock", None) or (lambda: dt.datetime.now(dt.timezone.utc))
    worker = services.delivery_worker if cfg.delivery.enabled else None
    return [
        CameraCheck(services.camera, h.camera_seconds),
        CardReaderCheck(services.card_reader, h.card_reader_seconds),
        PrinterCheck(services.printer, h.printer_seconds, paper),
        DiskCheck(cfg.kiosk.data_dir, h.disk_seconds, warning_mb=h.disk_warning_mb, failed_mb=h.disk_failed_mb),
        QueueCheck(services.store, h.queue_seconds, backlog_warning=h.queue_backlog_warning,
                   age_warning_hours=h.queue_age_warning_hours, clock=clock),
        NetworkCheck(cfg.delivery.endpoint, worker, h.network_seconds, timeout=h.network_timeout_seconds),
        OfficeCheck(cfg.office.endpoint if cfg.office.enabled else "", h.office_seconds,
                    timeout=h.network_timeout_seconds),
    ]
