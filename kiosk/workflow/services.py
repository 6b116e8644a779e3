"""Everything the workflow talks to, injected so tests and the demo can swap devices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from hardware.camera import Camera
from hardware.card_reader import CardReader
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
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)

    def close(self) -> None:
        for device in (self.camera, self.card_reader, self.printer):
            try:
                device.close()
            except Exception:  # noqa: BLE001 - closing is best effort at shutdown
                pass
