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


class StartRefused(RuntimeError):
    """The kiosk must not serve until a technician fixes what the message names.

    For problems a restart cannot cure and a traceback would only hide, such as a data
    key file that is missing, holds another key or is readable by others: the start-up
    shows and logs the message as it is, one line.
    """


def _camera(cfg):
    cam = cfg.devices.camera
    if cam.driver == "simulated":
        from hardware.camera.simulated import SimulatedCamera

        return SimulatedCamera(media=cam.media, fps=min(cam.fps, 15), size=(cam.width, cam.height))
    if cam.driver == "opencv":
        from hardware.camera.opencv import OpenCVCamera

        return OpenCVCamera(cam.source, width=cam.width, height=cam.height, fps=cam.fps,
                            exposure=cam.exposure, reconnect_seconds=cam.reconnect_seconds)
    raise DriverNotAvailable(f"camera driver {cam.driver!r} is not available in this build")


DEMO_CARD_HAND_BACK_S = 2.0


def _card_reader(cfg, today: dt.date):
    rd = cfg.devices.card_reader
    if rd.driver == "simulated":
        from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
        from kiosk.documents.specimen import make_specimen_files

        # The demo's pretend citizen places the card when asked and takes it back
        # shortly after the read, as the kiosk's "take your card" rule expects.
        reader = SimulatedCardReader(hand_back_after_s=DEMO_CARD_HAND_BACK_S)
        reader.hand(SimulatedChip(make_specimen_files(today, cfg.document.country)))
        return reader
    if rd.driver == "pcsc":
        from hardware.card_reader.pcsc import PcscCardReader

        return PcscCardReader(rd.reader_pattern)
    if rd.driver == "nfc":
        from hardware.card_reader.nfc import NfcCardReader

        return NfcCardReader(rd.nfc_path)
    raise DriverNotAvailable(f"card reader driver {rd.driver!r} is not available in this build")


def specimen_identity(cfg, today: dt.date):
    """The demo citizen as the chip would give it (used by the demo registry and studio)."""
    from hardware.card_reader.simulated import SimulatedChip
    from kiosk.documents.chip_identity import identity_from_document
    from kiosk.documents.reader import read_document
    from kiosk.documents.specimen import make_specimen_files

    chip = SimulatedChip(make_specimen_files(today, cfg.document.country))
    return identity_from_document(read_document(chip.connect()), cfg.document.country)


def build_services(cfg, today: dt.date | None = None) -> Services:
    from kiosk.biometrics.standin import DemoStandInFaceVerifier, DemoStandInPortraitMaker
    from kiosk.receipts.printers import printer_from_config, signer_from_config
    from kiosk.office import (
        DemoRegistry,
        DemoStudioPhotos,
        PhotoCheckingRegistry,
        PhotoCheckingStudio,
        UnconfiguredRegistry,
        UnconfiguredStudioPhotos,
    )
    from kiosk.storage import ApplicationStore

    today = today or dt.date.today()
    mode = cfg.kiosk.mode
    cfg.kiosk.data_dir.mkdir(parents=True, exist_ok=True)
    bio = cfg.biometrics
    if bio.face_verifier == "demo-standin":
        verifier = DemoStandInFaceVerifier(mode)
    elif bio.face_verifier == "dlib":
        from kiosk.biometrics.factory import build_face_verifier

        verifier = build_face_verifier(cfg)
    else:
        raise DriverNotAvailable(f"face verifier {bio.face_verifier!r} is not available in this build")
    if bio.portrait_maker == "demo-standin":
        maker = DemoStandInPortraitMaker(mode)
    elif bio.portrait_maker == "rules":
        from kiosk.biometrics.factory import build_portrait_maker

        maker = build_portrait_maker(cfg)
    else:
        raise DriverNotAvailable(f"portrait maker {bio.portrait_maker!r} is not available in this build")
    if mode == "demo":
        specimen = specimen_identity(cfg, today)
        registry = DemoRegistry(mode, specimen, today)
        studio = DemoStudioPhotos(mode, specimen.reference_photo)
    else:
        registry, studio = UnconfiguredRegistry(), UnconfiguredStudioPhotos()
    # Photos from outside are checked where they enter, before a screen or the matcher
    # decodes them.
    registry, studio = PhotoCheckingRegistry(registry), PhotoCheckingStudio(studio)
    from kiosk.delivery.service import build_worker
    from kiosk.documents.reader import ReadOptions
    from kiosk.storage import KeyFileError

    try:
        # Migrates a field-upgraded queue on open; refuses a key that cannot read its rows.
        store = ApplicationStore.from_config(cfg)
    except KeyFileError as exc:
        raise StartRefused(str(exc)) from exc
    analyzer_factory = None
    if bio.face_verifier != "demo-standin" or bio.portrait_maker != "demo-standin":
        from kiosk.biometrics.factory import build_live_analyzer

        def analyzer_factory(camera, mode):  # type: ignore[no-redef]
            return build_live_analyzer(cfg, camera, mode)

    return Services(
        config=cfg,
        card_reader=_card_reader(cfg, today),
        camera=_camera(cfg),
        printer=printer_from_config(cfg),
        receipt_signer=signer_from_config(cfg),
        face_verifier=verifier,
        portrait_maker=maker,
        registry=registry,
        studio=studio,
        store=store,
        analyzer_factory=analyzer_factory,
        trust=_trust_store(cfg),
        read_options=ReadOptions.from_config(cfg),
        delivery_worker=build_worker(cfg, store),
    )


def _trust_store(cfg):
    """The CSCAs passive authentication trusts: the configured ones, and where the demo's
    specimen card lies (demo mode's simulated reader) the specimen's own. Its key is
    public, so a reader that reads real cards never trusts it, not even in demo mode."""
    from kiosk.documents.trust import TrustStore

    store = TrustStore.from_config(cfg)
    if cfg.kiosk.mode == "demo" and cfg.devices.card_reader.driver == "simulated":
        from kiosk.documents.specimen import specimen_csca

        store.add(specimen_csca(cfg.kiosk.mode, cfg.document.country))
    return store


def build_workflow(cfg, runner: JobRunner, today: dt.date | None = None, **kwargs) -> Workflow:
    return Workflow(build_services(cfg, today), runner, **kwargs)
