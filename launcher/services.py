"""Assembles a kiosk from its configuration: drivers, services, store, workflow.

`launcher.drivers` chooses each device and face component by its configuration name;
this module puts them together with the office clients, the queue, the receipt key, the
trust anchors and the delivery worker into the `Services` the workflow runs on.
"""

from __future__ import annotations

import datetime as dt

from kiosk.workflow.jobs import JobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.services import Late, Services
from launcher import drivers


class StartRefused(RuntimeError):
    """The kiosk must not serve until a technician fixes what the message names.

    For problems a restart cannot cure and a traceback would only hide, such as a data
    key file that is missing, holds another key or is readable by others: the start-up
    shows and logs the message as it is, one line.
    """


def _specimen_as_read(cfg, today: dt.date):
    """The demo citizen as the specimen chip gives it (the demo registry and studio answer
    with it, so a typed number meets the same person and portrait as a read card)."""
    from hardware.card_reader.simulated import SimulatedChip
    from kiosk.documents.chip_identity import identity_from_document
    from kiosk.documents.reader import read_document
    from kiosk.demo.specimen import make_specimen_files

    chip = SimulatedChip(make_specimen_files(today, cfg.document.country))
    return identity_from_document(read_document(chip.connect()), cfg.document.country)


def build_services(cfg, today: dt.date | None = None, *, late: bool = False) -> Services:
    """The kiosk's services. With `late`, only what the first screen needs is built now
    (the configuration, the card reader the welcome screen asks about, the clocks); the
    rest are `Late` members in the order a citizen needs them, for `warm_up` to build on a
    background thread once the window shows (a job that needs one earlier builds it).
    Without, everything is built before this returns (the tools, the screenshots, tests).
    """
    today = today or dt.date.today()
    cfg.kiosk.data_dir.mkdir(parents=True, exist_ok=True)

    def member(name: str, factory):  # type: ignore[no-untyped-def]
        return Late(name, factory) if late else factory()

    def now(value):  # type: ignore[no-untyped-def]
        """A member another one is built from, whether Late or not."""
        return value.get() if isinstance(value, Late) else value

    # In the order a citizen needs them: the chip read (trust anchors, read options), the
    # office look-up of a typed number, the camera and face check, the portrait, then
    # saving (the queue, which delivery also needs at once), signing and printing.
    trust = member("trust", lambda: _trust_store(cfg))
    read_options = member("read_options", lambda: _read_options(cfg))
    offices = member("offices", lambda: _offices(cfg, today))
    camera = member("camera", lambda: drivers.camera(cfg))
    verifier = member("face_verifier", lambda: drivers.face_verifier(cfg))
    maker = member("portrait_maker", lambda: drivers.portrait_maker(cfg))
    store = member("store", lambda: _open_store(cfg))
    delivery_worker = member("delivery_worker", lambda: _delivery_worker(cfg, now(store)))
    signer = member("receipt_signer", lambda: _receipt_signer(cfg))
    printer = member("printer", lambda: drivers.printer(cfg))
    return Services(
        config=cfg,
        card_reader=drivers.card_reader(cfg, today),
        camera=camera,
        printer=printer,
        receipt_signer=signer,
        face_verifier=verifier,
        portrait_maker=maker,
        registry=member("registry", lambda: now(offices)[0]),
        studio=member("studio", lambda: now(offices)[1]),
        store=store,
        analyzer_factory=drivers.live_analyzer_factory(cfg),
        trust=trust,
        read_options=read_options,
        delivery_worker=delivery_worker,
    )


def _offices(cfg, today: dt.date):
    """The office's look-ups (reference record and photo, studio photos); the demo's answer
    with its specimen citizen."""
    from kiosk.demo.office import DemoRegistry, DemoStudioPhotos
    from kiosk.office import PhotoCheckingRegistry, PhotoCheckingStudio, UnconfiguredRegistry, UnconfiguredStudioPhotos

    if cfg.kiosk.mode == "demo":
        specimen = _specimen_as_read(cfg, today)
        registry = DemoRegistry(cfg.kiosk.mode, specimen, today)
        studio = DemoStudioPhotos(cfg.kiosk.mode, specimen.reference_photo)
    else:
        registry, studio = UnconfiguredRegistry(), UnconfiguredStudioPhotos()
    # Photos from outside are checked where they enter, before a screen or the matcher
    # decodes them.
    return PhotoCheckingRegistry(registry), PhotoCheckingStudio(studio)


def _read_options(cfg):
    from kiosk.documents.reader import ReadOptions

    return ReadOptions.from_config(cfg)


def _open_store(cfg):
    from kiosk.storage import ApplicationStore, KeyFileError

    try:
        # Migrates a field-upgraded queue on open; refuses a key that cannot read its rows.
        return ApplicationStore.from_config(cfg)
    except KeyFileError as exc:
        raise StartRefused(str(exc)) from exc


def _delivery_worker(cfg, store):
    from kiosk.delivery.service import build_worker

    return build_worker(cfg, store)


def _receipt_signer(cfg):
    from kiosk.receipts.signing import signer_from_config

    return signer_from_config(cfg)


def _trust_store(cfg):
    """The CSCAs passive authentication trusts: the configured ones, and where the demo's
    specimen card lies (demo mode's simulated reader) the specimen's own. Its key is
    public, so a reader that reads real cards never trusts it, not even in demo mode."""
    from kiosk.demo.trust import specimen_anchors
    from kiosk.documents.trust import TrustStore

    store = TrustStore.from_config(cfg)
    for csca in specimen_anchors(cfg):
        store.add(csca)
    return store


def build_workflow(cfg, runner: JobRunner, today: dt.date | None = None, *, late: bool = False, **kwargs) -> Workflow:
    services = build_services(cfg, today, late=True) if late else build_services(cfg, today)
    return Workflow(services, runner, **kwargs)
