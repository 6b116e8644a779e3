"""Everything the workflow talks to, injected so tests and the demo can swap devices."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Callable

from hardware.camera import Camera, Frame
from hardware.card_reader import CardReader
from hardware.fingerprint import FingerprintScanner
from hardware.printer import Printer
from kiosk.biometrics.interfaces import FaceVerifier, PortraitMaker
from kiosk.office import ReferenceRegistry, StudioPhotos


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
    # The fingerprint scanner where the document's country requires prints, else None (no step).
    fingerprint: FingerprintScanner | None = None
    # The fingerprint scanner where the document's country requires prints, else None (no step).
    fingerprint: FingerprintScanner | None = None
    trust: object = None                # kiosk.documents.trust.TrustStore for passive authentication
    read_options: object = None         # kiosk.documents.reader.ReadOptions
    delivery_worker: object = None      # kiosk.delivery.worker.DeliveryWorker (None: delivery off)
    paper: object = None                # kiosk.operations.paper.PaperCounter: the receipts `printer` counts
    # kiosk.operations.journal.Journal: the audit journal the launcher subscribes to the
    # workflow, and the health monitor and maintenance screens write to (None: none).
    journal: object = None
    # The two clocks the workflow reads, injected so tests move time instead of waiting:
    # the wall clock for dates, and seconds that only go forward for the idle countdown
    # and the goodbye (a wall clock set back by NTP must not stretch a citizen's timeout).
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
    monotonic: Callable[[], float] = time.monotonic

    def start(self) -> None:
        """Background services that run for the kiosk's whole life (queue delivery), and
        the face models' loading, so the first citizen does not wait for it."""
        if self.delivery_worker is not None:
            self.delivery_worker.start()
        warm_up = getattr(self.face_verifier, "warm_up", None)
        if warm_up is not None:
            warm_up()

    def close(self) -> None:
        closers = [getattr(self.delivery_worker, "stop", None)]
        closers += [device.close for device in (self.camera, self.card_reader, self.printer)]
        closers.append(getattr(self.fingerprint, "close", None))
        closers.append(getattr(self.store, "close", None))
        closers.append(getattr(self.journal, "close", None))
        for close in closers:
            if close is None:
                continue
            try:
                close()
            except Exception:  # noqa: BLE001 - closing is best effort at shutdown
                pass
