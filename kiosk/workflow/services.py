"""Everything the workflow talks to, injected so tests and the demo can swap devices.

A member may arrive `Late`: the kiosk shows its welcome screen before the queue, the
printer, the face stack and the trust anchors are built (loading them takes longer than
everything the first screen needs), and builds them on a background thread right after
(launcher.warmup). Whoever reads such a member first gets it built or waits for it, so
the workflow reads its services the same way either way; a job's thread is what usually
reads them, and the screens never wait.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, fields
from typing import Any, Callable

from hardware.camera import Camera, Frame
from hardware.card_reader import CardReader
from hardware.fingerprint import FingerprintScanner
from hardware.printer import Printer
from kiosk.biometrics.interfaces import FaceVerifier, PortraitMaker
from kiosk.office import EidCodes, ReferenceRegistry, StudioPhotos


class Late:
    """A member built on first read, by the warm-up thread or by whoever reads it earlier.

    The first reader builds it (the factory runs once, under a lock), later readers wait
    for that build: no order of reads can deadlock or build a device twice. A factory's
    failure is kept and raised to every reader, as the built object would have been
    returned to every reader.
    """

    def __init__(self, name: str, factory: Callable[[], Any]) -> None:
        self.name = name
        self._factory: Callable[[], Any] | None = factory
        self._lock = threading.Lock()
        self._done = False
        self._value: Any = None
        self._error: BaseException | None = None

    def get(self) -> Any:
        with self._lock:
            if not self._done:
                try:
                    self._value = self._factory()  # type: ignore[misc]
                except BaseException as exc:  # noqa: BLE001 - kept for every reader
                    self._error = exc
                self._done, self._factory = True, None
        if self._error is not None:
            raise self._error
        return self._value

    @property
    def ready(self) -> bool:
        """Built (or failed): reading it now does not wait."""
        return self._done

    def settle(self) -> Any:
        """At shutdown: the built object (None if none), and never a build from now on.
        Waits for a build under way, so that what it opened is closed."""
        with self._lock:
            if not self._done:
                self._done, self._factory = True, None
                self._error = RuntimeError(f"{self.name}: the kiosk is shutting down")
            return None if self._error is not None else self._value

    def __repr__(self) -> str:
        state = "failed" if self._error is not None else "built" if self._done else "not built yet"
        return f"<Late {self.name}: {state}>"


@dataclass
class Services:
    config: object                      # kiosk.config.KioskConfig
    card_reader: CardReader
    camera: Camera
    printer: Printer
    face_verifier: FaceVerifier
    portrait_maker: PortraitMaker
    registry: ReferenceRegistry
    studio: StudioPhotos
    store: object                       # kiosk.storage.ApplicationStore
    receipt_signer: object = None       # kiosk.receipts.signing.ReceiptSigner (None: unsigned QR)
    # Builds a kiosk.biometrics.live_analyzer.LiveAnalyzer on the camera for a mode
    # ("guide", "liveness", "portrait"); None: the face steps take a plain burst of frames.
    analyzer_factory: Callable[[Camera, str], object] | None = None
    # A rough face box for the camera preview to draw where no live analyzer draws one
    # (the demo stand-ins); None: the preview draws no box of its own.
    preview_face_finder: Callable[[Frame], tuple[int, int, int, int] | None] | None = None
    # e-ID app codes verified by the office; None: this kiosk asks the office nothing
    # (office.enabled false), so no e-ID code is offered.
    eid: EidCodes | None = None
    # kiosk.phone_checks.PhoneChecks: the office texts a code to confirm the mobile number
    # (issue 16); None: no such step, the number is taken as typed.
    phone_check: object = None
    # The fingerprint scanner where the document's country requires prints, else None (no step).
    fingerprint: FingerprintScanner | None = None
    trust: object = None                # kiosk.documents.trust.TrustStore for passive authentication
    read_options: object = None         # kiosk.documents.reader.ReadOptions
    delivery_worker: object = None      # kiosk.delivery.worker.DeliveryWorker (None: delivery off)
    paper: object = None                # kiosk.operations.paper.PaperCounter: the receipts `printer` counts
    # kiosk.operations.journal.Journal: the audit journal the launcher subscribes to the
    # workflow, and the health monitor and maintenance screens write to (None: none).
    journal: object = None
    # kiosk.operations.exports.schedule.DailyExport: writes the operators' export at the
    # configured time (None: export.daily_time left out).
    daily_export: object = None
    # kiosk.payment.Payments: the office's payment orders for fees (issue 16); None: none
    # configured (built as UnconfiguredPayments by the launcher, so a fee due is handed
    # over to the counter).
    payments: object = None
    # The two clocks the workflow reads, injected so tests move time instead of waiting:
    # the wall clock for dates, and seconds that only go forward for the idle countdown
    # and the goodbye (a wall clock set back by NTP must not stretch a citizen's timeout).
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
    monotonic: Callable[[], float] = time.monotonic

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if type(value) is Late:
            return value.get()
        return value

    def late(self) -> list[Late]:
        """The members still to be built or being built, in the order they were declared."""
        members = (object.__getattribute__(self, f.name) for f in fields(self))
        return [m for m in members if type(m) is Late and not m.ready]

    def _settled(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        return value.settle() if type(value) is Late else value

    def start(self) -> None:
        """Background services that run for the kiosk's whole life (queue delivery), and
        the face models' loading, so the first citizen does not wait for it."""
        if self.delivery_worker is not None:
            self.delivery_worker.start()
        if self.daily_export is not None:
            self.daily_export.start()
        warm_up = getattr(self.face_verifier, "warm_up", None)
        if warm_up is not None:
            warm_up()

    def close(self) -> None:
        """Closes what was built; a member never built is not built now to be closed."""
        closers = [getattr(self._settled(name), "stop", None) for name in ("delivery_worker", "daily_export")]
        for name in ("camera", "card_reader", "printer", "fingerprint", "registry", "studio", "eid", "phone_check",
                     "payments", "store", "journal"):
            closers.append(getattr(self._settled(name), "close", None))
        for close in closers:
            if close is None:
                continue
            try:
                close()
            except Exception:  # noqa: BLE001 - closing is best effort at shutdown
                pass
