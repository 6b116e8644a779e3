"""Assembles a kiosk from its configuration: drivers, services, store, workflow.

`launcher.drivers` chooses each device and face component by its configuration name;
this module puts them together with the office clients, the queue, the receipt key, the
trust anchors and the delivery worker into the `Services` the workflow runs on, and
(`build_operations`) the health monitor and the service switch around a workflow.
"""

from __future__ import annotations

import datetime as dt

from typing import Any, Callable

from kiosk.operations.journal import Journal
from kiosk.operations.journal_lines import journal_folder
from kiosk.operations.workflow_journal import WorkflowJournal
from kiosk.workflow.jobs import JobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.services import Services
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


def build_services(cfg, today: dt.date | None = None) -> Services:
    from kiosk.demo.office import DemoRegistry, DemoStudioPhotos
    from kiosk.office import PhotoCheckingRegistry, PhotoCheckingStudio, UnconfiguredRegistry, UnconfiguredStudioPhotos
    from kiosk.receipts.signing import signer_from_config
    from kiosk.storage import ApplicationStore

    today = today or dt.date.today()
    mode = cfg.kiosk.mode
    cfg.kiosk.data_dir.mkdir(parents=True, exist_ok=True)
    verifier = drivers.face_verifier(cfg)
    maker = drivers.portrait_maker(cfg)
    if mode == "demo":
        specimen = _specimen_as_read(cfg, today)
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
    from kiosk.operations.paper import PaperCounter, PaperCountingPrinter

    analyzer_factory = drivers.live_analyzer_factory(cfg)
    paper = PaperCounter.from_config(cfg)
    services = Services(
        config=cfg,
        card_reader=drivers.card_reader(cfg, today),
        camera=drivers.camera(cfg),
        fingerprint=drivers.fingerprint_scanner(cfg),
        printer=PaperCountingPrinter(drivers.printer(cfg), paper),   # every receipt counted on the roll
        paper=paper,
        receipt_signer=signer_from_config(cfg),
        face_verifier=verifier,
        portrait_maker=maker,
        registry=registry,
        studio=studio,
        store=store,
        analyzer_factory=analyzer_factory,
        preview_face_finder=drivers.preview_face_finder(cfg),
        trust=_trust_store(cfg),
        read_options=ReadOptions.from_config(cfg),
        delivery_worker=build_worker(cfg, store),
    )
    # The journal reads the services' clock at each entry: tests and `kiosk simulate`
    # put their own clock there after building, and the entries must follow it.
    services.journal = Journal(journal_folder(cfg.kiosk.data_dir), clock=lambda: services.clock(),
                               kiosk_id=cfg.kiosk.id, currency=cfg.fees.currency)
    return services


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


def build_workflow(cfg, runner: JobRunner, today: dt.date | None = None, **kwargs) -> Workflow:
    """The running kiosk's workflow, its events journalled from the first move on."""
    services = build_services(cfg, today)
    workflow = Workflow(services, runner, **kwargs)
    attach_journal(workflow)
    return workflow


def attach_journal(workflow: Workflow, *, simulated: bool = False) -> None:
    """Subscribe the services' journal to `workflow` and record that the kiosk started:
    a session begun before this entry and never ended was cut off by the restart."""
    import logging
    from importlib import metadata

    from kiosk.operations.journal import FieldRefused

    journal = workflow.services.journal
    if journal is None:
        return
    workflow.subscribe(WorkflowJournal(journal))
    cfg = workflow.config
    try:
        version = metadata.version("idkiosk").split("+")[0]   # a local label is free text
    except metadata.PackageNotFoundError:
        version = None
    start = {"kiosk_id": cfg.kiosk.id, "mode": cfg.kiosk.mode, "simulated": simulated or None}
    try:
        try:
            journal.record("kiosk_start", **start, version=version)
        except FieldRefused:   # a version of a shape the journal does not take: the start still counts
            journal.record("kiosk_start", **start)
    except Exception as exc:  # noqa: BLE001 - a kiosk that cannot journal still serves (logged)
        logging.getLogger("kiosk.journal").error("journal: the start could not be recorded (%s)",
                                                 type(exc).__name__)


# A device failure the workflow met in a session, and the check that watches that device.
_FAILED_IN_USE = {"camera_missing": "camera", "reader_missing": "card_reader", "print_failed": "printer"}


def build_operations(cfg, workflow: Workflow, post: Callable[[Callable[[], None]], None]) -> Any:
    """The health monitor and the service switch of a running kiosk (not started).

    `post(fn)` must run `fn` on the workflow's thread (the GUI thread: `launcher.gui`
    passes a queued Qt signal); the monitor's threads hand their snapshots over through
    it, so the workflow is only ever touched on its own thread. The camera and reader
    checks wait while a citizen's session or a technician's test uses them
    (`ServiceControl.in_use`).
    """
    from kiosk.operations.health import HealthMonitor
    from kiosk.operations.health_checks import build_checks
    from kiosk.operations.service_control import ServiceControl
    from kiosk.workflow.states import State

    services = workflow.services
    h = cfg.health
    monitor = HealthMonitor(
        build_checks(cfg, services, services.paper),
        in_use=lambda: control.in_use(),
        # The snapshot is taken afresh on the GUI thread: always the newest.
        on_change=lambda _snapshot: post(lambda: control.health_changed(monitor.snapshot())),
        failed_after=h.failed_after,
        recovered_after=h.recovered_after,
        recheck_seconds=h.recheck_seconds,
        clock=services.clock,
    )
    control = ServiceControl(workflow, monitor, services.paper, cfg.kiosk.data_dir, clock=services.clock)

    def failed_in_use(event: str, wf: Workflow) -> None:
        problem = wf.session.problem
        if event == "state" and wf.state in (State.DEVICE_ERROR, State.RECEIPT) and problem is not None:
            name = _FAILED_IN_USE.get(problem.code)
            if name is not None:
                monitor.report(name, problem.hint or problem.code)

    workflow.subscribe(failed_in_use)
    return control
