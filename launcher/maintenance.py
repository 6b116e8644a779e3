"""Assembles maintenance mode for a running kiosk: who may enter (`MaintenanceAccess`,
`CornerTaps` from `[maintenance]`), what the console operates (the kiosk's own reader,
camera, printer, queue and receipt signer, not second copies), and how a restart happens.

A kiosk that could not start still gets maintenance mode, with nothing to test: the
technician who comes to fix it must at least read the log and the versions.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, Callable

from kiosk.operations.maintenance_info import RecentLog, config_lines, versions
from kiosk.operations.maintenance_mode import MaintenanceMode, MaintenanceTools
from kiosk.workflow.states import State

log = logging.getLogger(__name__)

_recent_log: RecentLog | None = None


def recent_log() -> RecentLog:
    """The process's in-memory log tail, attached to the root logger once."""
    global _recent_log
    if _recent_log is None:
        _recent_log = RecentLog()
        logging.getLogger().addHandler(_recent_log)
    return _recent_log


def build_tools(cfg: Any, workflow: Any, control: Any = None, *, restart: Callable[[], None] | None = None,
                qt_version: str = "") -> MaintenanceTools:
    services = getattr(workflow, "services", None)
    lines = recent_log()
    tools = MaintenanceTools(
        config_lines=lambda: config_lines(cfg),
        versions=lambda: versions(cfg, getattr(services, "trust", None), qt_version),
        log_lines=lines.lines,
        restart=restart,
    )
    if services is None:
        return tools
    _export_tools(tools, cfg, services)
    from kiosk.delivery.service import QueueService
    from kiosk.operations.device_tests import card_test, print_test
    from kiosk.receipts.reprint import ReprintService

    tools.card_test = card_test(services.card_reader, trust=services.trust, options=services.read_options)
    paper = getattr(control, "paper_count", None)
    tools.print_test = print_test(services.printer, cfg.kiosk.id, paper_count=paper)
    tools.camera = services.camera
    tools.face_finder = services.preview_face_finder
    tools.analyzer_factory = services.analyzer_factory
    tools.queue = QueueService.from_config(cfg, store=services.store)
    if services.receipt_signer is not None:
        tools.reprint = ReprintService(services.store, services.printer, services.receipt_signer,
                                       station_in=services.config.kiosk.station_in)
    return tools


def _export_tools(tools: MaintenanceTools, cfg: Any, services: Any) -> None:
    """The exports page: the journal's days, the sticks plugged in, and the writing,
    signed with the receipt key like the daily export (none without a signer)."""
    import datetime as dt

    from kiosk.operations import journal_lines
    from kiosk.operations.removable_media import find_sticks

    folder = journal_lines.journal_folder(cfg.kiosk.data_dir)
    e = cfg.export
    tools.today = lambda: services.clock().astimezone().date()
    tools.export_days = lambda: [d for d in (journal_lines.day_of(p) for p in reversed(journal_lines.day_files(folder)))
                                 if d is not None]
    tools.find_sticks = lambda: find_sticks(e.usb_mount_roots, [cfg.resolve_path(f) for f in e.usb_folders])
    if services.receipt_signer is None or services.store is None:
        return
    from kiosk.operations.exports.to_stick import export_to_stick

    def write(day: dt.date, stick: Any, progress: Any = None) -> Any:
        return export_to_stick(folder, day, stick, cfg.kiosk.id, queue=services.store.entries(),
                               signer=services.receipt_signer, languages=e.languages,
                               now=lambda: services.clock().astimezone(), progress=progress)

    tools.export_to_stick = write


def build_maintenance(cfg: Any, workflow: Any, runner: Any, *, control: Any = None, journal: Any = None,
                      restart: Callable[[], None] | None = None, qt_version: str = "",
                      monotonic: Callable[[], float] | None = None, wall_clock: Callable[[], float] | None = None,
                      ) -> MaintenanceMode:
    from kiosk.operations.maintenance_access import CornerTaps, MaintenanceAccess, allowed

    m = cfg.maintenance
    if journal is None:    # the kiosk's own audit journal, where the workflow's events go too
        journal = getattr(getattr(workflow, "services", None), "journal", None)
    access_kwargs = {} if wall_clock is None else {"clock": wall_clock}
    access = MaintenanceAccess(cfg.kiosk.data_dir, m, **access_kwargs)
    taps = CornerTaps(m.entry_taps, m.entry_window_s, m.entry_corner)
    kwargs = {} if monotonic is None else {"monotonic": monotonic}
    return MaintenanceMode(
        access=access,
        taps=taps,
        allowed=allowed,
        session_active=lambda: workflow.state not in (State.WELCOME, State.OUT_OF_SERVICE),
        runner=runner,
        tools=build_tools(cfg, workflow, control, restart=restart, qt_version=qt_version),
        control=control,
        journal=journal,
        idle_timeout_s=m.idle_timeout_s,
        **kwargs,
    )


def restart_process() -> None:
    """Start the kiosk again in this process's place, with the same arguments (called
    after the window closed and the devices and queue were closed)."""
    argv = sys.argv[1:]
    if sys.argv and sys.argv[0].endswith("__main__.py"):
        args = [sys.executable, "-m", "launcher", *argv]
    else:
        args = [sys.executable, *sys.argv]
    log.warning("restarting the kiosk on a technician's request")
    logging.shutdown()
    os.execv(sys.executable, args)
