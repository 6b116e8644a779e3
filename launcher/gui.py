"""Runs the kiosk's window: Qt application, workflow, main window, signals.

`run_kiosk(cfg)` is what `kiosk run` and `kiosk demo` call. A device or service that
fails while the kiosk is assembled must not leave a citizen in front of a crash dialog
or a desktop: the window then opens on the out-of-service screen with the reason in
small print for the staff, and the process keeps running until it is restarted.

Once assembled, the kiosk watches its own health (`attach_operations`): the monitor's
threads hand their findings to the GUI thread through a queued Qt signal, and the
workflow goes out of service and back with no technician.
"""

from __future__ import annotations

import logging
import os
import signal
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk.operations.service_control import START_FAILED
from kiosk.workflow.session import Session
from kiosk.workflow.states import State
from ui.main_window import MainWindow
from ui.qt_application import prepare_application
from ui.qt_jobs import QtJobRunner

log = logging.getLogger(__name__)

SIGNAL_POLL_MS = 250


class UnavailableWorkflow:
    """Stands in for the workflow when the kiosk could not be assembled.

    It only ever shows OUT_OF_SERVICE: no session can start, taps change nothing.
    """

    def __init__(self, config: Any, reason: str) -> None:
        self.config = config
        self.services = None
        self.state = State.OUT_OF_SERVICE
        self.session = Session()
        self.busy = ""
        self.progress = (0, 0, "")
        self.idle_seconds_left: int | None = None
        self.last_outcome = None
        self.out_of_service_reason = reason
        self.out_of_service_reasons = (START_FAILED,)
        self.out_of_service_detail = reason    # technical: a file, a key id (see the screen)
        self.goodbye_seconds = 10
        self.card_left_on_reader = False
        self.step: int | None = None     # out of service shows no step
        self.holder_sealed = False
        self.face_confirmed = False
        self.may_submit = False
        self.promised_minutes = 5         # the welcome screen is built, though never shown

    def subscribe(self, listener: Any) -> None:
        pass

    def touch(self) -> None:
        pass

    def stay(self) -> None:
        pass

    def tick(self) -> None:
        pass

    def set_language(self, language: str) -> None:
        pass

    def set_display(self, **_look: bool) -> None:
        pass

    def shutdown(self) -> None:
        """Nothing to wipe or stop; quitting an out-of-service kiosk must not raise."""

    def __getattr__(self, name: str) -> Any:
        from kiosk.workflow.machine import InvalidTransition

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise InvalidTransition(f"{name!r}: the kiosk is out of service")

        return refuse


class GuiThreadPost(QObject):
    """`post(fn)` from any thread runs `fn` on the GUI thread, in the order posted (a
    queued signal of an object that lives there). Create it on the GUI thread."""

    posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Any) -> None:
        self.posted.emit(fn)

    @Slot(object)
    def _run(self, fn: Any) -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - a failing call must not kill the event loop
            log.exception("call posted to the GUI thread failed")


def attach_operations(cfg: Any, workflow: Any, parent: QObject | None = None) -> Any:
    """The health monitor and service switch (`kiosk.operations.service_control.ServiceControl`)
    for `workflow`, wired to the GUI thread; None for a kiosk that could not start.
    Call `start()` on it with the services and `stop()` before they close."""
    if getattr(workflow, "services", None) is None:
        return None
    from launcher.services import build_operations

    poster = GuiThreadPost(parent)
    control = build_operations(cfg, workflow, poster.post)
    control.carrier = poster           # lives as long as the control
    return control


def attach_maintenance(cfg: Any, workflow: Any, runner: Any, control: Any, *,
                       restart: Any = None, journal: Any = None) -> Any:
    """Maintenance mode for this kiosk (`launcher.maintenance`); None only when even that
    cannot be built (logged: the kiosk still serves citizens)."""
    from PySide6 import __version__ as qt_version

    from launcher.maintenance import build_maintenance

    try:
        return build_maintenance(cfg, workflow, runner, control=control, journal=journal,
                                 restart=restart, qt_version=qt_version)
    except Exception:  # noqa: BLE001 - no maintenance mode is bad; no kiosk would be worse
        log.exception("maintenance mode could not be assembled")
        return None


def attach_telemetry(cfg: Any, workflow: Any, operations: Any) -> Any:
    """The metrics file's writer (`launcher.services.build_telemetry`), or None when none
    is configured. Telemetry that cannot be set up never keeps the kiosk from serving."""
    from launcher.services import build_telemetry

    try:
        return build_telemetry(cfg, workflow, operations)
    except Exception as exc:  # noqa: BLE001 - logged; the citizen in front is served all the same
        log.error("telemetry could not be set up (%s); the kiosk serves without it", type(exc).__name__)
        return None


def build(cfg: Any, runner: QtJobRunner) -> Any:
    """The workflow, or a stand-in that shows why the kiosk is out of service."""
    from launcher.services import StartRefused, build_workflow

    try:
        # After a restart (a crash, a power cut) a card may lie on the reader: it is
        # nobody's now, so the first citizen must see it taken off before a read.
        return build_workflow(cfg, runner, card_may_be_on_reader=True)
    except StartRefused as exc:  # the message says what to fix; a traceback would bury it
        log.error("the kiosk cannot start: %s", exc)
        return UnavailableWorkflow(cfg, str(exc))
    except Exception as exc:  # noqa: BLE001 - any startup failure: out of service, not a crash
        log.exception("the kiosk could not start its devices and services")
        return UnavailableWorkflow(cfg, f"{type(exc).__name__}: {exc}")


def run_kiosk(cfg: Any) -> int:
    """Run the kiosk until the application quits; returns the exit code."""
    app = prepare_application(cfg)
    runner = QtJobRunner(app)
    workflow = build(cfg, runner)
    services = getattr(workflow, "services", None)
    operations = attach_operations(cfg, workflow, app)
    restart_requested: list[bool] = []
    maintenance = attach_maintenance(cfg, workflow, runner, operations,
                                     restart=lambda: (restart_requested.append(True), window.request_quit()))
    window = MainWindow(workflow, cfg, maintenance=maintenance)
    telemetry = attach_telemetry(cfg, workflow, operations)
    if services is not None:
        services.start()            # queue delivery runs for the kiosk's whole life
    if operations is not None:
        operations.start()          # health, watched for the kiosk's whole life
    if telemetry is not None:
        telemetry.start()           # the metrics file, rewritten every telemetry.interval_seconds

    # systemd stops the kiosk with SIGTERM: quit cleanly so devices and the queue close.
    # Python runs signal handlers only between bytecodes, hence the idle timer.
    def on_signal(signum: int, _frame: Any) -> None:
        log.info("signal %d: quitting", signum)
        window.request_quit()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    keep_python_awake = QTimer()
    keep_python_awake.start(SIGNAL_POLL_MS)
    keep_python_awake.timeout.connect(lambda: None)

    window.show_kiosk()
    if os.environ.get("KIOSK_EXIT_AFTER_SHOWN"):
        # tests/bench/bench_startup.py: report once the welcome screen has been painted, then quit.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: _report_shown_and_quit(window)))
    try:
        return int(app.exec())
    finally:
        keep_python_awake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if operations is not None:
            operations.stop()       # no look at a device that is closing
        if telemetry is not None:
            telemetry.stop()        # a last write while the queue is still open
        runner.shutdown()
        shutdown = getattr(workflow, "shutdown", None)
        if shutdown is not None:
            shutdown()              # wipe the session in memory, stop the face analysis
        close_services(workflow)
        if restart_requested:
            from launcher.maintenance import restart_process

            restart_process()        # does not return


def _report_shown_and_quit(window: Any) -> None:
    print(f"KIOSK_SHOWN since_process_start_s={_seconds_since_process_start():.3f} rss_mb={_rss_mb():.1f}", flush=True)
    window.request_quit()


def _seconds_since_process_start() -> float:
    """Wall time since the kernel started this process (includes the interpreter's own start)."""
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def close_services(workflow: Any) -> None:
    services = getattr(workflow, "services", None)
    if services is None:
        return
    services.close()   # stops delivery, closes devices and the queue
