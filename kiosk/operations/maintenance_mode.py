"""Maintenance mode as the screens see it: closed, asking for the PIN, or open on a page.

The screens decide nothing, so everything a technician's tap could be refused for is
decided here: whether the corner gesture or the service key may open the PIN pad (never
during a citizen's session), what a PIN grants (`MaintenanceAccess`: the scrypt check and
the lockout that survives a restart), which pages and actions a role may use
(`allowed(role, action)`: an operator sees status and exports only), and when an idle
console closes by itself. Every action is journalled here too, in the journal's
vocabulary (`journal_fields.MAINTENANCE_ACTIONS`), never with a PIN or a citizen's data.

Blocking work (a card read, a test print, opening the camera) runs as a job on the
workflow's runner, so a reader stuck in a driver never freezes the screen and the tests
drive it with a synchronous runner. Time comes from `monotonic` so tests move a
ManualClock instead of sleeping.

Listeners (`subscribe`) are called with no argument after every change; the window
redraws from the mode's attributes.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Callable

from kiosk.workflow.jobs import Job, JobContext

log = logging.getLogger("kiosk.operations")

# The pages, named by the action of `maintenance_access.allowed` that opens them, in the
# order of the console's menu.
PAGES: tuple[str, ...] = (
    "status", "device_tests", "queue", "config", "logs", "out_of_service", "versions", "exports",
)
DEVICE_TESTS: tuple[str, ...] = ("camera", "card_reader", "printer")


class Phase(StrEnum):
    CLOSED = "closed"
    PIN = "pin"
    OPEN = "open"


@dataclass
class TestRun:
    """The last run of one device test: running, done (with `result`) or failed."""

    device: str
    state: str = "idle"            # idle | running | done | failed
    result: Any = None
    error: str = ""


@dataclass
class MaintenanceTools:
    """What the console operates, built by the launcher from the running kiosk's services.
    Any of them may be None (the page then says it is not available)."""

    card_test: Callable[[str | None, JobContext], Any] | None = None   # (CAN or None, ctx) -> CardTest
    print_test: Callable[[JobContext], Any] | None = None              # ctx -> PrintTest
    camera: Any = None                                                 # hardware.camera.Camera
    face_finder: Callable[[Any], Any] | None = None                    # frame -> (x, y, w, h) | None
    analyzer_factory: Callable[[Any, str], Any] | None = None          # (camera, mode) -> live analyzer
    queue: Any = None                                                  # kiosk.delivery.service.QueueService
    reprint: Any = None                                                # kiosk.receipts.reprint.ReprintService
    config_lines: Callable[[], list[tuple[str, str]]] | None = None    # secrets already hidden
    versions: Callable[[], list[tuple[str, str]]] | None = None
    log_lines: Callable[[], list[str]] | None = None
    restart: Callable[[], None] | None = None
    export_days: Callable[[], list[dt.date]] | None = None             # days the journal has, newest first
    find_sticks: Callable[[], list[Any]] | None = None                 # -> [removable_media.Stick]
    export_to_stick: Callable[..., Any] | None = None                  # (day, stick path, progress=cb) -> StickResult
    today: Callable[[], dt.date] = field(default=dt.date.today)


@dataclass
class ExportRun:
    """The export to a stick: what is chosen, the sticks last found, and the last write
    (idle, running with `done` of `total` steps, done with its `result`, or failed)."""

    day: dt.date | None = None
    stick: Any = None                  # the chosen path
    sticks: list[Any] | None = None    # None: not looked for yet
    scanning: bool = False
    state: str = "idle"                # idle | running | done | failed
    done: int = 0
    total: int = 0
    result: Any = None                 # StickResult (done: ok or not)


class MaintenanceMode:
    """`access`: `try_pin(pin) -> AccessResult`, `locked_for_s()`; `taps`: a CornerTaps;
    `allowed(role, action)`; `session_active()`: a citizen is being served now;
    `control`: the service switch and health (`ServiceControl`) or None; `journal`: an
    object with `record(event, **fields)` or None."""

    def __init__(
        self,
        *,
        access: Any,
        taps: Any,
        allowed: Callable[[str, str], bool],
        session_active: Callable[[], bool],
        runner: Any,
        tools: MaintenanceTools | None = None,
        control: Any = None,
        journal: Any = None,
        idle_timeout_s: float = 120.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.access = access
        self.taps = taps
        self._allowed = allowed
        self._session_active = session_active
        self.runner = runner
        self.tools = tools or MaintenanceTools()
        self.control = control
        self.journal = journal
        self.idle_timeout_s = float(idle_timeout_s)
        self.monotonic = monotonic
        self.phase = Phase.CLOSED
        self.role: str | None = None
        self.page = "status"
        self.pin_message = ""          # "wrong_pin" | "locked" | "no_pin_configured" | ""
        self.notice = ""               # the last action's outcome, a code for the screen
        self.tests: dict[str, TestRun] = {name: TestRun(name) for name in DEVICE_TESTS}
        self.camera_on = False
        self.analyzer: Any = None      # the live face analysis over the camera test, if any
        self.export = ExportRun()
        self._jobs: dict[str, Job] = {}
        self._entered_at = 0.0
        self._last_activity = monotonic()
        self._listeners: list[Callable[[], None]] = []
        if control is not None and hasattr(control, "subscribe"):
            # New health readings redraw the status page at once (on the GUI thread: the
            # control hears the monitor there).
            control.subscribe(lambda _snapshot: self._changed() if self.showing else None)

    # -- observers ---------------------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- entry ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.phase is Phase.OPEN

    @property
    def showing(self) -> bool:
        """The maintenance screens cover the citizen's screen (PIN pad or console)."""
        return self.phase is not Phase.CLOSED

    def tap(self, x: float, y: float, width: float, height: float) -> bool:
        """A tap on the welcome (or out-of-service) screen; True when it opened the PIN pad.
        Taps during a session are not even counted: a citizen's five quick taps in a
        corner must neither open the pad nor arm it for the next person."""
        if self.phase is not Phase.CLOSED or self._session_active():
            return False
        if not self.taps.tap(x, y, width, height, self.monotonic()):
            return False
        return self._ask_pin()

    def service_key(self) -> bool:
        """The service keypad's key; True when it opened the PIN pad."""
        if self.phase is not Phase.CLOSED or self._session_active():
            return False
        return self._ask_pin()

    def _ask_pin(self) -> bool:
        self.phase = Phase.PIN
        self.pin_message = "locked" if self.locked_for_s() > 0 else ""
        self._last_activity = self.monotonic()
        self._changed()
        return True

    def locked_for_s(self) -> float:
        try:
            return max(0.0, float(self.access.locked_for_s()))
        except Exception:  # noqa: BLE001 - an unreadable lockout is the access module's to judge
            log.exception("maintenance lockout could not be read")
            return 0.0

    def try_pin(self, pin: str) -> Any:
        """Check `pin`; opens the console on the status page when it is granted."""
        if self.phase is not Phase.PIN:
            return None
        self._last_activity = self.monotonic()
        if self._session_active():         # a session started behind the pad (cannot, but)
            self.close()
            return None
        result = self.access.try_pin(pin)
        if result.granted:
            self.phase = Phase.OPEN
            self.role = result.role
            self.page = "status"
            self.pin_message = ""
            self.notice = ""
            self._entered_at = self.monotonic()
            self._record("entered", result="ok")
            if self.control is not None:
                self._check_health()
        else:
            self.pin_message = result.reason
            self._record("locked_out" if result.reason == "locked" else "pin_refused", result="refused")
        self._changed()
        return result

    # -- pages and actions -------------------------------------------------------------------
    def allowed(self, action: str) -> bool:
        return self.phase is Phase.OPEN and self.role is not None and self._allowed(self.role, action)

    def pages(self) -> tuple[str, ...]:
        return tuple(p for p in PAGES if self.allowed(p))

    def go(self, page: str) -> bool:
        self.touch()
        if page not in PAGES or not self.allowed(page):
            return False
        if page != "device_tests":
            self.stop_camera()
        if page == "exports" and self.export.sticks is None:
            self.scan_sticks()
        self.page = page
        self.notice = ""
        if page in ("config", "logs"):
            self._record("config_viewed" if page == "config" else "log_viewed", result="ok")
        self._changed()
        return True

    def touch(self) -> None:
        """Someone is at the screen (every press while the maintenance screens show)."""
        self._last_activity = self.monotonic()

    def idle_left_s(self) -> float:
        return max(0.0, self.idle_timeout_s - (self.monotonic() - self._last_activity))

    def tick(self) -> bool:
        """The window's 1 Hz tick: True when idleness closed the mode just now."""
        if self.phase is Phase.CLOSED:
            return False
        if self.export.state == "running":
            self.touch()                      # the operator watches the bar; the stick must not be left mid-write
        if self.idle_left_s() <= 0:
            self.close(idle=True)
            return True
        if self.phase is Phase.PIN and self.pin_message == "locked":
            self._changed()                   # the remaining time counts down on the pad
        return False

    def leave(self) -> None:
        self.close()

    def close(self, *, idle: bool = False) -> None:
        if self.phase is Phase.CLOSED:
            return
        was_open = self.phase is Phase.OPEN
        self.stop_camera()
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        if was_open:
            self._record("idle_exit" if idle else "left", result="ok",
                         seconds=round(max(0.0, self.monotonic() - self._entered_at), 3))
        self.phase = Phase.CLOSED
        self.role = None
        self.page = "status"
        self.pin_message = ""
        self.notice = ""
        self.tests = {name: TestRun(name) for name in DEVICE_TESTS}
        if self.export.state != "running":    # a write still going reports into the journal itself
            self.export = ExportRun()
        self._changed()

    # -- out of service --------------------------------------------------------------------
    def switch_off(self) -> bool:
        if not self.allowed("out_of_service") or self.control is None:
            return False
        self.touch()
        self.control.switch_off()
        self._record("out_of_service_on", result="ok")
        self._changed()
        return True

    def switch_on(self) -> bool:
        if not self.allowed("out_of_service") or self.control is None:
            return False
        self.touch()
        self.control.switch_on()
        self._record("out_of_service_off", result="ok")
        self._changed()
        return True

    def paper_changed(self) -> bool:
        if not self.allowed("device_tests") or self.control is None:
            return False
        self.touch()
        self.control.paper_changed()
        self._record("paper_changed", device="printer", result="ok")
        self._changed()
        return True

    def _check_health(self) -> None:
        try:
            self.control.check_now()
        except Exception:  # noqa: BLE001 - a status page must open even if a check cannot start
            log.exception("health check on entering maintenance failed")

    def check_health(self) -> None:
        if self.allowed("status") and self.control is not None:
            self.touch()
            self._check_health()

    # -- device tests --------------------------------------------------------------------
    def start_camera(self) -> bool:
        """The camera preview: the camera is opened in a job, the screen reads its frames."""
        if not self.allowed("device_tests") or self.tools.camera is None or self.camera_on:
            return False
        self.touch()
        camera, factory = self.tools.camera, self.tools.analyzer_factory
        if self.tools.face_finder is not None:
            factory = None                      # the preview draws the finder's box itself

        def open_camera(ctx: JobContext) -> Any:
            camera.open()
            if factory is None:
                return None
            analyzer = factory(camera, "guide")  # the face box the citizen's screens draw
            analyzer.start()
            return analyzer

        self._devices_in_test(True)
        self._run("camera", open_camera, on_done=self._camera_opened)
        return True

    def _camera_opened(self, analyzer: Any) -> None:
        self.camera_on = True
        self.analyzer = analyzer

    def stop_camera(self) -> None:
        run = self.tests["camera"]
        if not self.camera_on and run.state != "running":
            return
        job = self._jobs.pop("camera", None)
        if job is not None:
            job.cancel()
        camera, self.camera_on = self.tools.camera, False
        analyzer, self.analyzer = self.analyzer, None
        if analyzer is not None:
            try:
                analyzer.stop()
            except Exception:  # noqa: BLE001 - it dies with the camera anyway
                log.warning("face analysis did not stop after the camera test")
        if run.state == "running":
            run.state = "idle"
        self._devices_in_test(False)
        if camera is not None:
            try:
                camera.close()
            except Exception:  # noqa: BLE001 - a camera that fails to close is the next check's finding
                log.warning("camera did not close after its test")

    def test_card(self, can: str | None = None) -> bool:
        """Read whatever card lies on the reader through the kiosk's own reader stack.
        `can`: the card access number of a PACE test card (digits), or None."""
        if not self.allowed("device_tests") or self.tools.card_test is None:
            return False
        if can is not None and not (can.isascii() and can.isdigit() and 1 <= len(can) <= 10):
            self.notice = "bad_can"
            self._changed()
            return False
        self.touch()
        card_test = self.tools.card_test
        self._devices_in_test(True)
        return self._run("card_reader", lambda ctx: card_test(can, ctx), on_end=lambda: self._devices_in_test(False))

    def test_print(self) -> bool:
        if not self.allowed("device_tests") or self.tools.print_test is None:
            return False
        self.touch()
        return self._run("printer", self.tools.print_test)

    def _devices_in_test(self, on: bool) -> None:
        if self.control is not None and hasattr(self.control, "devices_in_test"):
            self.control.devices_in_test = on

    def _run(self, device: str, work: Callable[[JobContext], Any], *,
             on_done: Callable[[Any], None] | None = None, on_end: Callable[[], None] | None = None) -> bool:
        run = self.tests[device]
        if run.state == "running":
            return False
        run.state, run.result, run.error = "running", None, ""
        self._changed()

        def done(value: Any) -> None:
            if self._jobs.get(device) is not job:
                return                          # left or restarted meanwhile
            self._jobs.pop(device, None)
            if on_end is not None:
                on_end()
            if on_done is not None:
                on_done(value)
            run.state, run.result = "done", value
            ok = getattr(value, "ok", True)
            self._record("device_test", device=device, result="ok" if ok else "failed")
            self._changed()

        def failed(exc: BaseException) -> None:
            if self._jobs.get(device) is not job:
                return
            self._jobs.pop(device, None)
            if on_end is not None:
                on_end()
            run.state, run.error = "failed", type(exc).__name__
            log.warning("%s test failed: %s", device, type(exc).__name__)
            self._record("device_test", device=device, result="failed")
            self._changed()

        job = Job(f"maintenance-{device}", work, done, failed)
        self._jobs[device] = job
        self.runner.start(job)
        return True

    # -- queue ---------------------------------------------------------------------------
    def queue_status(self) -> dict[str, Any] | None:
        queue = self.tools.queue
        return None if queue is None else queue.status()

    def queue_entries(self, limit: int = 8) -> list[Any]:
        """Parked first (they need a technician), then the oldest still queued."""
        queue = self.tools.queue
        if queue is None:
            return []
        parked = queue.entries("parked", limit)
        return parked + queue.entries("queued", max(0, limit - len(parked)))

    def retry(self, application_number: str) -> bool:
        if not self.allowed("queue") or self.tools.queue is None:
            return False
        self.touch()
        try:
            self.tools.queue.retry(application_number)
        except Exception as exc:  # noqa: BLE001 - not found / not parked: said on screen, nothing lost
            log.info("retry of %s refused: %s", application_number, type(exc).__name__)
            self.notice = "retry_failed"
            self._record("queue_retry", application_number=application_number, result="failed")
        else:
            self.notice = "retry_done"
            self._record("queue_retry", application_number=application_number, result="ok")
        self._changed()
        return self.notice == "retry_done"

    def reprint(self, application_number: str) -> bool:
        if not self.allowed("queue") or self.tools.reprint is None:
            return False
        self.touch()
        try:
            issued = self.tools.reprint.reprint(application_number)
            ok = bool(issued.printed)
        except Exception as exc:  # noqa: BLE001 - a mistyped or purged number: said on screen
            log.info("reprint of %s refused: %s", application_number, type(exc).__name__)
            ok = False
        self.notice = "reprint_done" if ok else "reprint_failed"
        self._record("receipt_reprint", application_number=application_number, result="ok" if ok else "failed")
        self._changed()
        return ok

    # -- export to a USB stick -----------------------------------------------------------
    def export_days(self, limit: int = 7) -> list[dt.date]:
        """The days there is something to export, newest first (today's too: a copy of
        the day so far)."""
        if not self.allowed("exports") or self.tools.export_days is None:
            return []
        return self.tools.export_days()[:limit]

    def day_kind(self, day: dt.date) -> str:
        """"today", "yesterday" or "" (the screen then shows the date)."""
        today = self.tools.today()
        return {today: "today", today - dt.timedelta(days=1): "yesterday"}.get(day, "")

    def chosen_day(self) -> dt.date | None:
        days = self.export_days()
        if self.export.day in days:
            return self.export.day
        return days[0] if days else None

    def choose_day(self, day: dt.date) -> bool:
        if day not in self.export_days() or self.export.state == "running":
            return False
        self.touch()
        self.export.day = day
        self._changed()
        return True

    def chosen_stick(self) -> Any:
        """The chosen stick when it is still there, else the only one there is."""
        sticks = self.export.sticks or []
        for stick in sticks:
            if stick.path == self.export.stick:
                return stick
        return sticks[0] if len(sticks) == 1 else None

    def choose_stick(self, path: Any) -> bool:
        if self.export.state == "running" or not any(s.path == path for s in self.export.sticks or []):
            return False
        self.touch()
        self.export.stick = path
        self._changed()
        return True

    def scan_sticks(self) -> bool:
        """Look for sticks, in a job: a dying stick can hang the statfs that asks its space."""
        if not self.allowed("exports") or self.tools.find_sticks is None or self.export.scanning:
            return False
        self.touch()
        find, run = self.tools.find_sticks, self.export
        run.scanning = True

        def found(sticks: Any) -> None:
            run.scanning, run.sticks = False, list(sticks)
            self._changed()

        def failed(exc: BaseException) -> None:
            log.warning("looking for USB sticks failed: %s", type(exc).__name__)
            run.scanning, run.sticks = False, []
            self._changed()

        self.runner.start(Job("maintenance-sticks", lambda ctx: find(), found, failed))
        self._changed()
        return True

    def write_export(self) -> bool:
        """Write the chosen day onto the chosen stick on the runner; journalled when it
        ends, even if the console closed meanwhile (the stick was written all the same)."""
        day, stick = self.chosen_day(), self.chosen_stick()
        if (not self.allowed("exports") or self.tools.export_to_stick is None or day is None or stick is None
                or self.export.state == "running"):
            return False
        self.touch()
        write, run, role = self.tools.export_to_stick, self.export, self.role
        run.state, run.done, run.total, run.result = "running", 0, 0, None
        started = self.monotonic()

        def work(ctx: JobContext) -> Any:
            return write(day, stick.path, progress=lambda p: ctx.progress(p.done, p.total, p.what))

        def progress(done: int, total: int, _what: str) -> None:
            run.done, run.total = done, total
            self._changed()

        def ended(result: Any) -> None:
            run.state, run.result = "done", result
            ok = bool(getattr(result, "ok", False)) and bool(getattr(result, "verified", False))
            self._record("export", result="ok" if ok else "failed", role=role,
                         seconds=round(max(0.0, self.monotonic() - started), 3))
            self._changed()

        def failed(exc: BaseException) -> None:
            log.warning("export to a USB stick failed: %s", type(exc).__name__)
            run.state, run.result = "failed", None
            self._record("export", result="failed", role=role,
                         seconds=round(max(0.0, self.monotonic() - started), 3))
            self._changed()

        self.runner.start(Job("maintenance-export", work, ended, failed, progress))
        self._changed()
        return True

    # -- the rest ------------------------------------------------------------------------
    def config_lines(self) -> list[tuple[str, str]]:
        if not self.allowed("config") or self.tools.config_lines is None:
            return []
        return self.tools.config_lines()

    def log_lines(self) -> list[str]:
        if not self.allowed("logs") or self.tools.log_lines is None:
            return []
        return self.tools.log_lines()

    def versions(self) -> list[tuple[str, str]]:
        if not self.allowed("versions") or self.tools.versions is None:
            return []
        return self.tools.versions()

    def restart(self) -> bool:
        if not self.allowed("restart") or self.tools.restart is None:
            return False
        self._record("restart", result="ok")
        restart = self.tools.restart
        self.close()
        restart()
        return True

    def _record(self, action: str, **fields: Any) -> None:
        if self.journal is None:
            return
        fields = {"role": self.role, **fields}
        fields = {k: v for k, v in fields.items() if v is not None}
        try:
            self.journal.record("maintenance", action=action, **fields)
        except Exception:  # noqa: BLE001 - logged loudly; the technician's action itself went through
            log.exception("maintenance action %s could not be journalled", action)
