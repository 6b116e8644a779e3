"""Assembles a kiosk from its configuration: drivers, services, store, workflow.

`launcher.drivers` chooses each device and face component by its configuration name;
this module puts them together with the office clients, the queue, the receipt key, the
trust anchors and the delivery worker into the `Services` the workflow runs on, and
(`build_operations`) the health monitor and the service switch around a workflow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from kiosk.operations.journal import Journal
from kiosk.operations.journal_lines import journal_folder
from kiosk.operations.workflow_journal import WorkflowJournal
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


def build_services(cfg, today: dt.date | None = None, *, late: bool = False,
                   demo_paid_after_s: float = 0.0) -> Services:
    """The kiosk's services. With `late`, only what the first screen needs is built now
    (the configuration, the card reader the welcome screen asks about, the clocks); the
    rest are `Late` members in the order a citizen needs them, for `warm_up` to build on a
    background thread once the window shows (a job that needs one earlier builds it).
    Without, everything is built before this returns (the tools, the screenshots, tests).
    """
    from kiosk.operations.paper import PaperCounter, PaperCountingPrinter

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
    offices = member("offices", lambda: _offices(cfg, today, demo_paid_after_s))
    camera = member("camera", lambda: drivers.camera(cfg))
    verifier = member("face_verifier", lambda: drivers.face_verifier(cfg))
    maker = member("portrait_maker", lambda: drivers.portrait_maker(cfg))
    store = member("store", lambda: _open_store(cfg))
    delivery_worker = member("delivery_worker", lambda: _delivery_worker(cfg, now(store)))
    signer = member("receipt_signer", lambda: _receipt_signer(cfg))
    paper = PaperCounter.from_config(cfg)
    # Every receipt counted on the roll.
    printer = member("printer", lambda: PaperCountingPrinter(drivers.printer(cfg), paper))
    services = Services(
        config=cfg,
        card_reader=drivers.card_reader(cfg, today),
        camera=camera,
        fingerprint=drivers.fingerprint_scanner(cfg),   # cheap: libfprint loads at the first open
        printer=printer,
        paper=paper,
        receipt_signer=signer,
        face_verifier=verifier,
        portrait_maker=maker,
        registry=member("registry", lambda: now(offices)[0]),
        studio=member("studio", lambda: now(offices)[1]),
        eid=member("eid", lambda: now(offices)[2]) if cfg.office.enabled else None,
        phone_check=member("phone_check", lambda: _phone_check(cfg)),   # issue 16
        payments=member("payments", lambda: now(offices)[3]),
        store=store,
        analyzer_factory=drivers.live_analyzer_factory(cfg),
        preview_face_finder=drivers.preview_face_finder(cfg),
        trust=trust,
        read_options=read_options,
        delivery_worker=delivery_worker,
    )
    # The journal is there from the first move (the workflow's events and the start are
    # journalled before the warm-up); it reads the services' clock at each entry: tests
    # and `kiosk simulate` put their own clock there after building.
    services.journal = Journal(journal_folder(cfg.kiosk.data_dir), clock=lambda: services.clock(),
                               kiosk_id=cfg.kiosk.id, currency=cfg.fees.currency)
    if cfg.telemetry.systemd_journal:
        from kiosk.operations.telemetry.systemd_journal import JournalCopy, SystemdJournal

        services.journal.followers.append(JournalCopy(SystemdJournal(cfg.telemetry.journal_socket), cfg.kiosk.id))
    services.daily_export = member("daily_export", lambda: daily_export(cfg, services))
    return services


# How long the demo's payment stand-in takes to pay an order (kiosk.demo.payment) when
# `kiosk demo` shows it to a person: the code and the countdown are seen. Everything else
# that walks the demo (tests, tours, `kiosk simulate`) has it paid when issued. A keyword,
# not a module setting: a setting changed by one caller once outlived it and made every
# later simulated payment wait.
DEMO_SHOWN_PAID_AFTER_S = 6.0


def _offices(cfg, today: dt.date, demo_paid_after_s: float = 0.0):
    """The office's look-ups (reference record and photo, studio photos, e-ID codes) and
    payment orders: the HTTPS client
    when an endpoint is configured, else in demo mode the demo's, which answer with its
    specimen citizen."""
    from kiosk.demo.office import DemoEid, DemoRegistry, DemoStudioPhotos
    from kiosk.office import (
        PhotoCheckingEid, PhotoCheckingRegistry, PhotoCheckingStudio, UnconfiguredEid, UnconfiguredRegistry,
        UnconfiguredStudioPhotos,
    )
    from kiosk.demo.payment import DemoPayments
    from kiosk.payment import UnconfiguredPayments

    office = cfg.office
    if office.enabled and office.endpoint:
        # The office's look-ups over the delivery's mutual TLS (also in demo mode, when an
        # endpoint is given: the tests' reference office).
        from kiosk.office_client import OfficeClient, OfficeEid, OfficeRegistry, OfficeSettings, OfficeStudioPhotos

        from kiosk.office_client import OfficePayments

        client = OfficeClient(OfficeSettings.from_config(cfg))
        registry, studio, eid = OfficeRegistry(client), OfficeStudioPhotos(client), OfficeEid(client)
        payments = OfficePayments(client)
    elif cfg.kiosk.mode == "demo" and office.enabled:
        specimen = _specimen_as_read(cfg, today)
        registry = DemoRegistry(cfg.kiosk.mode, specimen, today)
        studio = DemoStudioPhotos(cfg.kiosk.mode, specimen.reference_photo)
        eid = DemoEid(cfg.kiosk.mode, specimen, today)
        payments = DemoPayments(cfg.kiosk.mode, demo_paid_after_s)
    else:
        # `kiosk config check` refuses this outside demo mode unless office.enabled is
        # false; the citizens who need a look-up are sent to the counter.
        registry, studio, eid = UnconfiguredRegistry(), UnconfiguredStudioPhotos(), UnconfiguredEid()
        payments = UnconfiguredPayments()
    # Photos from outside are checked where they enter, before a screen or the matcher
    # decodes them.
    return PhotoCheckingRegistry(registry), PhotoCheckingStudio(studio), PhotoCheckingEid(eid), payments


def _phone_check(cfg):
    """The office's check of the mobile number (None: the number is taken as typed): the
    HTTPS client when an endpoint is configured, else in demo mode the demo's stand-in."""
    from kiosk.phone_checks import UnconfiguredPhoneChecks

    office = cfg.office
    if not (office.enabled and office.phone_check):
        return None
    if office.endpoint:
        from kiosk.office_client import OfficeClient, OfficePhoneChecks, OfficeSettings

        return OfficePhoneChecks(OfficeClient(OfficeSettings.from_config(cfg)))
    if cfg.kiosk.mode == "demo":
        from kiosk.demo.phone import DemoPhoneChecks

        return DemoPhoneChecks(cfg.kiosk.mode)
    return UnconfiguredPhoneChecks()   # `kiosk config check` reports the missing endpoint


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


def daily_export(cfg, services: Services):  # type: ignore[no-untyped-def]
    """The scheduler that writes the operators' export at `export.daily_time` (None when
    left out), reading the services' queue and journal and signing with the receipt key."""
    if cfg.export.daily_time is None:
        return None
    from kiosk.operations.exports.export import export_folder_name, write_export
    from kiosk.operations.exports.schedule import DailyExport, parse_time

    folder = cfg.resolve_path(cfg.export.folder)
    journal = journal_folder(cfg.kiosk.data_dir)

    def out(day: dt.date) -> Path:
        return folder / export_folder_name(cfg.kiosk.id, day)

    def export_day(day: dt.date) -> None:
        import time

        started = time.monotonic()
        try:
            write_export(journal, day, out(day), queue=services.store.entries(),
                         private_key=services.receipt_signer.private_key, languages=cfg.export.languages,
                         now=lambda: services.clock().astimezone())
        except Exception:
            if services.journal is not None:
                services.journal.record_action("export", result="failed", seconds=time.monotonic() - started)
            raise
        if services.journal is not None:
            services.journal.record_action("export", result="ok", seconds=time.monotonic() - started)

    return DailyExport(parse_time(cfg.export.daily_time), export_day=export_day,
                       exported=lambda day: out(day).exists(),
                       has_journal=lambda day: (journal / f"{day:%Y-%m-%d}.jsonl").is_file(),
                       clock=lambda: services.clock())


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


def build_workflow(cfg, runner: JobRunner, today: dt.date | None = None, *, late: bool = False,
                   demo_paid_after_s: float = 0.0, **kwargs) -> Workflow:
    """The running kiosk's workflow, its events journalled from the first move on (with
    `late`, see `build_services`)."""
    services = build_services(cfg, today, late=late, demo_paid_after_s=demo_paid_after_s)
    workflow = Workflow(services, runner, **kwargs)
    attach_journal(workflow)
    return workflow


def attach_journal(workflow: Workflow, *, simulated: bool = False) -> None:
    """Subscribe the services' journal to `workflow` and record that the kiosk started:
    a session begun before this entry and never ended was cut off by the restart."""
    import logging

    from kiosk.operations.journal import FieldRefused

    journal = workflow.services.journal
    if journal is None:
        return
    workflow.subscribe(WorkflowJournal(journal))
    cfg = workflow.config
    version = software_version()
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


def software_version() -> str | None:
    """The installed kiosk's version without its local label (free text), or None."""
    from importlib import metadata

    try:
        return metadata.version("idkiosk").split("+")[0]
    except metadata.PackageNotFoundError:
        return None


def build_telemetry(cfg, workflow: Any, operations: Any = None, folder=None) -> Any:
    """The metrics file's writer for `workflow` (not started), or None when no textfile
    folder is configured (`telemetry.textfile_dir`) nor given.

    Fed by the workflow's moves (a subscriber beside the journal's), the queue, and the
    health monitor's snapshot and paper count through `operations` (a ServiceControl,
    or None). A kiosk that could not start (no services) still writes its file: out of
    service, with the reason "start_failed", is what the fleet most needs to see.
    """
    from kiosk.operations.telemetry.metrics import KioskMetrics
    from kiosk.operations.telemetry.textfile import TextfileWriter
    from kiosk.operations.telemetry.workflow_metrics import WorkflowMetrics

    folder = folder or cfg.telemetry_textfile_dir
    if folder is None:
        return None
    metrics = KioskMetrics(kiosk_id=cfg.kiosk.id, mode=cfg.kiosk.mode, version=software_version())
    workflow.subscribe(WorkflowMetrics(metrics))
    services = getattr(workflow, "services", None)
    reasons = getattr(workflow, "out_of_service_reasons", None)
    if reasons is None:   # the stand-in of a kiosk that could not be assembled
        from kiosk.operations.service_control import START_FAILED

        reasons = (START_FAILED,) if workflow.state.value == "out_of_service" else ()
    metrics.serving(workflow.state, reasons)
    store = getattr(services, "store", None)

    def health():
        snapshot = operations.snapshot() if operations is not None else None
        return None if snapshot is None else snapshot.as_dict()

    return TextfileWriter(
        metrics, folder, interval=cfg.telemetry.interval_seconds,
        queue=store.status if store is not None else None,
        last_delivered=store.last_delivered_at if store is not None else None,
        health=health if operations is not None else None,
        paper=operations.paper_count if operations is not None else getattr(getattr(services, "paper", None), "reading", None),
        journal=getattr(services, "journal", None),
        clock=(lambda: services.clock()) if services is not None else _utc_now,
    )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
