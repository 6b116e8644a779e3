"""Assembles a kiosk from its configuration: devices, services, store, workflow.

The one place that maps configuration names to driver classes, so the rest of the core
never imports a concrete driver.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from kiosk.workflow.jobs import JobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.services import Services

log = logging.getLogger("kiosk.app")

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class DriverNotAvailable(RuntimeError):
    """A configured driver is not part of this build."""


def _camera(cfg):
    cam = cfg.devices.camera
    if cam.driver == "simulated":
        from hardware.simulated.camera import SimulatedCamera

        return SimulatedCamera(media=cam.media, fps=min(cam.fps, 15), size=(cam.width, cam.height))
    raise DriverNotAvailable(f"camera driver {cam.driver!r} is not available in this build")


def _card_reader(cfg, today: dt.date):
    rd = cfg.devices.card_reader
    if rd.driver == "simulated":
        from hardware.simulated.card import SimulatedCardReader, SimulatedChip
        from kiosk.documents.specimen import make_specimen_files

        reader = SimulatedCardReader()
        reader.present(SimulatedChip(make_specimen_files(today, cfg.document.country)))
        return reader
    raise DriverNotAvailable(f"card reader driver {rd.driver!r} is not available in this build")


def _printer(cfg):
    pr = cfg.devices.printer
    if pr.driver == "simulated":
        from hardware.simulated.printer import SimulatedPrinter

        return SimulatedPrinter(cfg.printer_output_dir)
    if pr.driver == "folder":
        from hardware.folder_printer import FolderPrinter

        return FolderPrinter(cfg.printer_output_dir)
    raise DriverNotAvailable(f"printer driver {pr.driver!r} is not available in this build")


def specimen_identity(cfg, today: dt.date):
    """The demo citizen as the chip would give it (used by the demo registry and studio)."""
    from hardware.simulated.card import SimulatedChip
    from kiosk.documents.reader import identity_from_document, read_document
    from kiosk.documents.specimen import make_specimen_files

    chip = SimulatedChip(make_specimen_files(today, cfg.document.country))
    return identity_from_document(read_document(chip.connect()), cfg.document.country)


def build_services(cfg, today: dt.date | None = None) -> Services:
    from kiosk.biometrics.standin import DemoStandInFaceVerifier, DemoStandInPortraitMaker
    from kiosk.office import DemoRegistry, DemoStudioPhotos, UnconfiguredRegistry, UnconfiguredStudioPhotos
    from kiosk.storage import ApplicationStore
    from kiosk.storage.crypto import DataKey

    today = today or dt.date.today()
    mode = cfg.kiosk.mode
    cfg.kiosk.data_dir.mkdir(parents=True, exist_ok=True)
    bio = cfg.biometrics
    if bio.face_verifier == "demo-standin":
        verifier = DemoStandInFaceVerifier(mode)
    else:
        raise DriverNotAvailable(f"face verifier {bio.face_verifier!r} is not available in this build")
    if bio.portrait_maker == "demo-standin":
        maker = DemoStandInPortraitMaker(mode)
    else:
        raise DriverNotAvailable(f"portrait maker {bio.portrait_maker!r} is not available in this build")
    if mode == "demo":
        specimen = specimen_identity(cfg, today)
        registry = DemoRegistry(mode, specimen, today)
        studio = DemoStudioPhotos(mode, specimen.reference_photo)
    else:
        registry, studio = UnconfiguredRegistry(), UnconfiguredStudioPhotos()
    store = ApplicationStore(cfg.database_path, DataKey.load_or_create(cfg.key_file_path))
    return Services(
        config=cfg,
        card_reader=_card_reader(cfg, today),
        camera=_camera(cfg),
        printer=_printer(cfg),
        face_verifier=verifier,
        portrait_maker=maker,
        registry=registry,
        studio=studio,
        store=store,
    )


def build_workflow(cfg, runner: JobRunner, today: dt.date | None = None, **kwargs) -> Workflow:
    return Workflow(build_services(cfg, today), runner, **kwargs)
