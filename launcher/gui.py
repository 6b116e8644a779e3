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

import faulthandler
import logging
import os
import signal
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.operations.service_control import START_FAILED
from kiosk.operations.session_marker import InterruptedSession, SessionMarker, discard, discard_left_over
from kiosk.workflow.session import Session
from kiosk.workflow.states import State
from launcher.service_unit import EXIT_STAY_STOPPED
from launcher.systemd_notify import Notifier
from launcher.warmup import Warmup
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


def attach_voice(cfg: Any) -> Any:
    """The voice guide (`kiosk.voice`): the configured speaker, the rendered prompts, off
    or on as `ui.voice_guidance` says. None when it cannot be built: the kiosk then serves
    without a voice rather than not at all (logged)."""
    try:
        from kiosk.voice.catalogue import PROJECT_ROOT
        from kiosk.voice.clips import ClipLibrary
        from kiosk.voice.guide import VoiceGuide
        from launcher import drivers

        sp = cfg.devices.speaker
        prompts = cfg.resolve_path(sp.prompts_dir) if sp.prompts_dir is not None else PROJECT_ROOT / "resources" / "voice"
        return VoiceGuide(drivers.speaker(cfg), ClipLibrary(prompts),
                          enabled=bool(cfg.ui.voice_guidance), volume=sp.volume)
    except Exception as exc:  # noqa: BLE001 - a voice is an aid; its absence must not stop the kiosk
        log.error("voice guidance could not be set up (%s); the kiosk serves without it", type(exc).__name__)
        return None


def narrate(voice: Any, workflow: Any, window: Any) -> None:
    """Subscribe the narrator after the window, so each screen is drawn before it is read."""
    if voice is None:
        return
    from kiosk.voice.narrator import Narrator

    narrator = Narrator(voice, window.spoken_words)
    narrator.attach(workflow)
    window.tick_listeners.append(narrator.refresh)


def build(cfg: Any, runner: QtJobRunner, *, late: bool = False, demo_paid_after_s: float = 0.0) -> Any:
    """The workflow, or a stand-in that shows why the kiosk is out of service. With
    `late`, what the welcome screen does not need is built by `Warmup` after it shows."""
    from launcher.services import build_workflow

    try:
        # After a restart (a crash, a power cut) a card may lie on the reader: it is
        # nobody's now, so the first citizen must see it taken off before a read.
        return build_workflow(cfg, runner, card_may_be_on_reader=True, late=late, demo_paid_after_s=demo_paid_after_s)
    except Exception as exc:  # noqa: BLE001 - any startup failure: out of service, not a crash
        return UnavailableWorkflow(cfg, _start_failure(exc))


def _start_failure(exc: BaseException) -> str:
    """The out-of-service reason for a failure to start, logged once."""
    from launcher.services import StartRefused

    if isinstance(exc, StartRefused):   # the message says what to fix; a traceback would bury it
        log.error("the kiosk cannot start: %s", exc)
        return str(exc)
    log.error("the kiosk could not start its devices and services", exc_info=exc)
    return f"{type(exc).__name__}: {exc}"


def hold_up_while_scanning(workflow: Any, picture: Any) -> None:
    """The demo citizen holds `picture` up to the simulated camera whenever the kiosk
    looks for a code, and lowers it when it stops (`kiosk demo --show-code`)."""
    shown = [False]

    def on_event(_event: str, wf: Any) -> None:
        scanning = wf.busy == "scan_code"
        if scanning != shown[0]:
            shown[0] = scanning
            wf.services.camera.show(picture if scanning else None)   # read now: built after the warm-up

    workflow.subscribe(on_event)


def run_kiosk(cfg: Any, show_code: Any = None, *, demo_paid_after_s: float = 0.0) -> int:
    """Run the kiosk until the application quits; returns the exit code. `show_code`
    (demo only): a picture the simulated camera shows while a code is looked for;
    `demo_paid_after_s` (demo only): how long the payment stand-in takes to pay.

    The order is the start-up's: the window first, on a workflow whose heavy services
    are `Late`; systemd hears READY=1 once the welcome screen has been painted; then the
    warm-up builds the rest on a background thread, and the queue's delivery starts
    when it is done. The watchdog is pinged from a timer on this (the GUI) thread, so a
    frozen event loop stops the pings and systemd restarts the kiosk.
    """
    notifier = Notifier.from_environment()
    # A hang killed by the watchdog (SIGABRT) or a crash prints every thread's stack to
    # the journal: the only trace of where it hung. No personal data is in a stack.
    faulthandler.enable()
    app = prepare_application(cfg)
    runner = QtJobRunner(app)
    workflow = build(cfg, runner, late=True, demo_paid_after_s=demo_paid_after_s)
    if show_code is not None and getattr(workflow, "services", None) is not None:
        hold_up_while_scanning(workflow, show_code)
    services = getattr(workflow, "services", None)
    marker = SessionMarker(cfg.kiosk.data_dir)
    if services is not None:
        discard_left_over(marker, lambda session: journal_discarded_session(services, session))
        workflow.subscribe(marker.follow)
    window = MainWindow(workflow, cfg)
    background = _Background(cfg, workflow, runner, app, window)
    kiosk = _Running(app, window, workflow, notifier, on_warm=background.start)
    if services is None:
        background.start()          # no warm-up to wait for: the fleet must see why

    # systemd stops the kiosk with a signal: quit cleanly so devices and the queue close.
    # SIGHUP is the unit's KillSignal (cage 0.1.4 aborts on SIGTERM, see the unit file).
    # Python runs signal handlers only between bytecodes, hence the idle timer.
    def on_signal(signum: int, _frame: Any) -> None:
        log.info("signal %d: quitting", signum)
        window.request_quit()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    keep_python_awake = QTimer()
    keep_python_awake.start(SIGNAL_POLL_MS)
    keep_python_awake.timeout.connect(lambda: None)

    if window.fullscreen:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)   # a touch screen: no pointer to see
    after_first_paint(window, kiosk.shown)
    window.show_kiosk()
    try:
        app.exec()
        return exit_status(window.quit_reason, under_service_manager=notifier.enabled)
    finally:
        notifier.stopping("stopping")
        keep_python_awake.stop()
        kiosk.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        background.stop()           # health and the metrics file, before their devices close
        runner.shutdown()
        if services is not None:
            interrupted = marker.current(workflow)
            if interrupted is not None:   # quit in the middle of a citizen's session
                discard(interrupted, lambda session: journal_discarded_session(services, session))
            marker.clear()
        shutdown = getattr(workflow, "shutdown", None)
        if shutdown is not None:
            shutdown()              # wipe the session in memory, stop the face analysis
        close_services(workflow)
        notifier.close()
        if window.quit_reason == "restart" and not notifier.enabled:
            from launcher.maintenance import restart_process

            restart_process()        # no service manager to start it again: in place; does not return


def exit_status(quit_reason: str, *, under_service_manager: bool) -> int:
    """The exit status for how the window was quit: "exit" (maintenance: stay stopped),
    "restart" (maintenance: start again) or "" (a signal: systemd's stop, Ctrl+C).

    As the unit's main process (resources/systemd/idkiosk.service) the kiosk's status
    decides: 0 is restarted (Restart=always), EXIT_STAY_STOPPED is not
    (RestartPreventExitStatus=); a crash or a watchdog kill is restarted too."""
    if quit_reason == "exit":
        log.info("exit requested: the kiosk stays stopped until it is started again")
        return EXIT_STAY_STOPPED
    if quit_reason == "restart":
        if under_service_manager:
            log.info("restart requested: systemd starts the kiosk again")
        else:
            log.info("restart requested: no service manager runs the kiosk, so it starts itself again")
    return 0


def journal_discarded_session(services: Any, session: InterruptedSession) -> None:
    """A session cut short by a restart or a stop, for the audit journal.

    Nothing personal is in `session`: when it started, the last screen, and why. A
    journal that refuses or fails leaves the discard in the log only (logged)."""
    journal = getattr(services, "journal", None)
    if journal is None:
        return
    fields = {"reason": session.reason, "state": session.state or None, "started_at": session.started_at or None}
    try:
        journal.record("session_discarded", **{k: v for k, v in fields.items() if v is not None})
    except Exception as exc:  # noqa: BLE001 - the log has it; the kiosk starts all the same
        log.error("journal: the discarded session could not be recorded (%s)", type(exc).__name__)


class _Background:
    """What watches and reports around the citizen's screens: the health monitor and the
    service switch, maintenance mode, the metrics file. Assembled once the warm-up has
    built the devices and the queue they read (before, reading them would build them on
    this thread and hold the welcome screen back); at once when the kiosk could not start."""

    def __init__(self, cfg: Any, workflow: Any, runner: QtJobRunner, app: Any, window: MainWindow) -> None:
        self.cfg, self.workflow, self.runner, self.app, self.window = cfg, workflow, runner, app, window
        self.operations: Any = None
        self.telemetry: Any = None
        self.voice: Any = None
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        try:
            self.operations = attach_operations(self.cfg, self.workflow, self.app)
        except Exception as exc:  # noqa: BLE001 - a warm-up that failed leaves devices unbuilt
            log.error("device health could not be set up (%s); the kiosk runs without it", type(exc).__name__)
        maintenance = attach_maintenance(self.cfg, self.workflow, self.runner, self.operations,
                                         restart=self.window.request_restart)
        self.window.attach_maintenance(maintenance)
        self.telemetry = attach_telemetry(self.cfg, self.workflow, self.operations)
        # After the first paint too: the voice's imports (numpy for the samples) would
        # hold the welcome screen back, and nobody hears anything before it shows.
        self.voice = attach_voice(self.cfg)
        if self.voice is not None:
            self.window.attach_voice(self.voice)
            narrate(self.voice, self.workflow, self.window)
        if self.operations is not None:
            self.operations.start()      # health, watched for the kiosk's whole life
        if self.telemetry is not None:
            self.telemetry.start()       # the metrics file, rewritten every telemetry.interval_seconds
        self._preload_street_keyboard()

    def _preload_street_keyboard(self) -> None:
        """The pinyin engine's index takes seconds to load: loaded now, on its own thread,
        not when the first citizen types a street (kiosks whose country writes pinyin)."""
        from kiosk.domain.country_rules import street_script

        if street_script(self.cfg.document.country) != "pinyin":
            return
        try:
            from kiosk.text_input.pinyin import preload_in_background

            preload_in_background()
        except Exception as exc:  # noqa: BLE001 - the keyboard loads it on first use instead
            log.warning("pinyin input could not be preloaded (%s)", type(exc).__name__)

    def stop(self) -> None:
        if self.voice is not None:
            self.voice.close()           # silence, and the speaking thread ends
        if self.operations is not None:
            self.operations.stop()       # no look at a device that is closing
        if self.telemetry is not None:
            self.telemetry.stop()        # a last write while the queue is still open


class _Running:
    """What the running kiosk does around its window: readiness, watchdog, warm-up."""

    def __init__(self, app: Any, window: MainWindow, workflow: Any, notifier: Notifier, *,
                 on_warm: Callable[[], None] | None = None) -> None:
        self.app = app
        self.window = window
        self.workflow = workflow
        self.notifier = notifier
        self.on_warm = on_warm
        self.warmup: Warmup | None = None
        self._relay = _Relay()
        self._relay.warm.connect(self._warm, Qt.ConnectionType.QueuedConnection)
        self.watchdog = QTimer()
        interval = notifier.watchdog_interval_ms
        if interval is not None:
            self.watchdog.setInterval(interval)
            self.watchdog.timeout.connect(notifier.watchdog)

    def shown(self) -> None:
        """The welcome screen has been painted: tell systemd, then finish starting."""
        since = _seconds_since_process_start()
        screen = self.window.screen()
        log.info(
            "welcome screen shown %.2f s after the process started: window %dx%d on a %dx%d screen%s",
            since, self.window.width(), self.window.height(),
            screen.size().width() if screen else 0, screen.size().height() if screen else 0,
            f" (scaled by {os.environ['QT_SCALE_FACTOR']})" if os.environ.get("QT_SCALE_FACTOR") else "",
        )
        # From now on the kiosk, not cage, is the unit's main process: its exit status
        # counts and `systemctl stop` signals it first (resources/systemd/idkiosk.service).
        self.notifier.notify("READY=1", f"MAINPID={os.getpid()}", "STATUS=welcome screen shown; loading the rest")
        if self.watchdog.interval() > 0 and self.notifier.watchdog_usec is not None:
            self.notifier.watchdog()
            self.watchdog.start()
        if os.environ.get("KIOSK_EXIT_AFTER_SHOWN"):
            # tests/bench/bench_startup.py: report once the welcome screen has been painted.
            print(f"KIOSK_SHOWN since_process_start_s={since:.3f} rss_mb={_rss_mb():.1f}", flush=True)
            if os.environ.get("KIOSK_EXIT_AFTER_SHOWN") == "1":
                self.window.request_quit()
                return
        freeze = os.environ.get(TEST_FREEZE_VARIABLE)
        if freeze:
            _freeze_gui_thread_later(float(freeze), self.notifier)
        services = getattr(self.workflow, "services", None)
        if services is not None:
            self.warmup = Warmup(services.late(), self._relay.warm.emit)
            self.warmup.start()
        self.window.build_screens()   # on this thread, a screen per turn of the event loop

    def _warm(self, failed: dict[str, BaseException]) -> None:
        """On the GUI thread: everything is built (or failed)."""
        services = self.workflow.services
        if failed:
            name, exc = next(iter(failed.items()))
            reason = _start_failure(exc)
            self.workflow.set_out_of_service(reason)
            self.notifier.status(f"out of service: {reason}")
        else:
            try:
                services.start()        # queue delivery runs for the kiosk's whole life
            except Exception as exc:  # noqa: BLE001 - out of service, not a crash
                reason = _start_failure(exc)
                self.workflow.set_out_of_service(reason)
                self.notifier.status(f"out of service: {reason}")
            else:
                self.notifier.status("serving")
        if self.on_warm is not None:
            self.on_warm()
        seconds = self.warmup.seconds if self.warmup is not None else None
        if os.environ.get("KIOSK_EXIT_AFTER_SHOWN") == "warm":
            # tests/bench/bench_startup.py: and when everything is loaded.
            print(f"KIOSK_WARM since_process_start_s={_seconds_since_process_start():.3f} "
                  f"warmup_s={seconds or 0:.3f} rss_mb={_rss_mb():.1f}", flush=True)
            self.window.request_quit()

    def stop(self) -> None:
        self.watchdog.stop()
        if self.warmup is not None:
            self.warmup.stop()


class _Relay(QObject):
    """Carries the warm-up's end from its thread to the GUI thread (a queued signal)."""

    warm = Signal(object)


# A test hook, read only when set (tests/integration/boot): some seconds after the
# welcome screen, the GUI thread stops answering, as a kiosk hung in a driver call would;
# the watchdog's pings must stop with it.
TEST_FREEZE_VARIABLE = "KIOSK_TEST_FREEZE_GUI_AFTER_S"


FREEZE_STATUS = "STATUS=test: the GUI thread hangs now"


def _freeze_gui_thread_later(seconds: float, notifier: Notifier) -> None:
    """Hang the GUI thread as a stuck driver call would. The timer fires late when the
    thread is busy building screens, so the hang says when it really begins: the test
    judges the pings by what follows that message, not by a guess at the clock."""
    log.warning("%s is set: the GUI thread will hang in %.1f s (a test)", TEST_FREEZE_VARIABLE, seconds)

    def hang() -> None:
        notifier.notify(FREEZE_STATUS)
        time.sleep(3600)

    QTimer.singleShot(round(seconds * 1000), hang)


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once `widget` has been painted for the first time (on the event
    loop's next turn, so the frame is on its way to the screen)."""

    class _FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    watcher = _FirstPaint(widget)
    widget.installEventFilter(watcher)


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
