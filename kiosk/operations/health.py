"""Device health, always on: the kiosk watches what a renewal needs before a citizen needs it.

Without it a printer out of paper is found when a citizen's receipt fails at the very
end, and a camera unplugged overnight when the first citizen reaches the face check. The
monitor reads each device, the office link, the disk and the queue on a schedule of its
own (`Check`s, one module of rules: `health_checks`), keeps per check a state (ok,
degraded, failed, off), a detail code, since when, the last error and its time, and says
so whenever that changes. A check that a renewal needs (`Check.needed`) and that has
failed is a reason for the kiosk to be out of service (`HealthSnapshot.out_of_service_reasons`);
`service_control` carries those reasons to the workflow.

Two rules keep one bad reading from moving the kiosk and a flapping device from moving it
back and forth:

- a device counts as failed after `failed_after` failed readings in a row, and as
  recovered after `recovered_after` good ones in a row; one reading that disagrees with
  the state held brings the next one forward (`recheck_seconds`), so a real change is
  confirmed within seconds. A device that flaps never collects its good readings in a
  row: the kiosk stays out of service until it holds still.
- between ok and degraded (paper low, a backlog) a reading counts at once: nothing
  stops for it.

Watching must never disturb a citizen. Each check runs on a thread of its own (a printer
busy printing for 20 s delays nobody's disk check), the drivers' own locks order a poll
after a job, and the checks that would touch the camera or the card reader
(`Check.while_in_use` False) pause while a session uses the devices (`in_use`) and keep
their last reading meanwhile: the camera is never opened here at all (see
`Camera.probe`). A failure the workflow itself saw mid-session (`report`) is recorded
as the check's last error and brings its next reading forward.

The monitor is plain Python. Its results leave through `on_change`, called from the
check's thread; the launcher carries them to the GUI thread, where the workflow lives.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

log = logging.getLogger("kiosk.operations")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class HealthState(StrEnum):
    UNKNOWN = "unknown"      # not read yet
    OK = "ok"
    DEGRADED = "degraded"    # still does its job; a technician should look (paper low, backlog)
    FAILED = "failed"        # cannot do its job
    OFF = "off"              # not watched: switched off in the configuration, or does not apply


@dataclass(frozen=True)
class Reading:
    """One look at a check. `detail` is a stable code ("paper_out", "unavailable");
    `error` what the device or driver said, for technicians: one line, never personal
    data. `facts` are figures for the status screen (free space, receipts left...)."""

    state: HealthState
    detail: str
    error: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeviceHealth:
    """A check as the maintenance screens show it."""

    name: str                       # "camera", "card_reader", "printer", "network", "disk", "queue"
    needed: bool                    # a renewal needs it: failed means out of service
    state: HealthState
    detail: str
    since: dt.datetime | None       # when this state and detail began (None: not read yet)
    checked_at: dt.datetime | None  # the last reading
    last_error: str | None          # the last thing that went wrong, even if since recovered
    last_error_at: dt.datetime | None
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def out_of_service_reason(self) -> str | None:
        """The code this check puts the kiosk out of service with, if it does."""
        if self.needed and self.state is HealthState.FAILED:
            return reason_code(self.name, self.detail)
        return None

    def as_dict(self) -> dict[str, Any]:
        def iso(t: dt.datetime | None) -> str | None:
            return t.isoformat() if t else None

        return {
            "name": self.name, "needed": self.needed, "state": self.state.value, "detail": self.detail,
            "since": iso(self.since), "checked_at": iso(self.checked_at), "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at), "facts": dict(self.facts),
        }


def reason_code(check: str, detail: str) -> str:
    """The out-of-service reason of a failed needed check, e.g. "printer_paper_out"."""
    return f"{check}_{detail}"


@dataclass(frozen=True)
class HealthSnapshot:
    devices: tuple[DeviceHealth, ...]
    taken_at: dt.datetime
    # Grows with every change: snapshots carried across threads may arrive out of order,
    # and an older one must never undo a newer one (see ServiceControl.health_changed).
    version: int = 0

    def __getitem__(self, name: str) -> DeviceHealth:
        for device in self.devices:
            if device.name == name:
                return device
        raise KeyError(name)

    @property
    def out_of_service_reasons(self) -> frozenset[str]:
        return frozenset(r for d in self.devices if (r := d.out_of_service_reason) is not None)

    def as_dict(self) -> dict[str, Any]:
        return {"taken_at": self.taken_at.isoformat(), "version": self.version,
                "devices": [d.as_dict() for d in self.devices]}


class Check(ABC):
    """One thing to watch. Subclasses say what it is and how often, and read it."""

    name: str
    needed: bool = False
    # The failure details this check can give (the first also stands for an unexpected
    # error in `read`): with `needed`, each is an out-of-service reason the screen words.
    failures: tuple[str, ...] = ("unavailable",)
    # False: the reading touches a device a citizen's session uses; it pauses meanwhile.
    while_in_use: bool = True

    def __init__(self, interval: float) -> None:
        self.interval = float(interval)   # seconds between readings; 0: not watched

    @abstractmethod
    def read(self) -> Reading:
        """Look now. May block for the device's own timeout; should not raise (the
        monitor turns an exception into a failed reading with `failures[0]`)."""


@dataclass
class _Record:
    needed: bool
    state: HealthState = HealthState.UNKNOWN
    detail: str = "not_checked"
    since: dt.datetime | None = None
    checked_at: dt.datetime | None = None
    last_error: str | None = None
    last_error_at: dt.datetime | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    candidate: HealthState | None = None    # a state readings point to, not yet confirmed
    streak: int = 0                          # readings in a row pointing to it


class HealthMonitor:
    """Runs the checks and keeps their confirmed states. Thread-safe.

    `in_use()` says whether a citizen's session (or a technician's device test) is using
    the devices now. `on_change(snapshot)` is called after a state, a detail or a last
    error changed, from the thread that saw it.
    """

    def __init__(
        self,
        checks: Iterable[Check],
        *,
        in_use: Callable[[], bool] = lambda: False,
        on_change: Callable[[HealthSnapshot], None] | None = None,
        failed_after: int = 2,
        recovered_after: int = 3,
        recheck_seconds: float = 1.0,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        if failed_after < 1 or recovered_after < 1:
            raise ValueError("failed_after and recovered_after are at least 1")
        self.checks: dict[str, Check] = {}
        for check in checks:
            if check.name in self.checks:
                raise ValueError(f"two checks named {check.name!r}")
            self.checks[check.name] = check
        self.in_use = in_use
        self.on_change = on_change
        self.failed_after = failed_after
        self.recovered_after = recovered_after
        self.recheck_seconds = float(recheck_seconds)
        self.clock = clock
        self._lock = threading.Lock()
        self._records = {name: _Record(check.needed) for name, check in self.checks.items()}
        for name, check in self.checks.items():
            if check.interval <= 0:
                self._records[name] = _Record(check.needed, HealthState.OFF, "not_watched")
        self._version = 0
        self._wake = {name: threading.Event() for name in self.checks}
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- what others ask ------------------------------------------------------------------

    def snapshot(self) -> HealthSnapshot:
        with self._lock:
            return self._snapshot()

    def check(self, name: str) -> DeviceHealth:
        """Read one check now, on the caller's thread (off the GUI thread: it may block
        for the device's timeout), and return its health after this reading. Honours
        `in_use` like the schedule does."""
        self._read_and_record(self.checks[name])
        return self.snapshot()[name]

    def check_all(self) -> HealthSnapshot:
        for check in self.checks.values():
            if check.interval > 0:
                self._read_and_record(check)
        return self.snapshot()

    def check_soon(self, name: str | None = None) -> None:
        """Bring the next reading of `name` (None: of every check) forward to now."""
        for key in [name] if name else list(self._wake):
            self._wake[key].set()

    def report(self, name: str, error: str) -> None:
        """The workflow saw `name` fail in use (a camera that gave no frame, a reader
        that vanished mid-read): recorded as its last error, and read again soon, by
        the schedule's rules (a session still using it defers the reading)."""
        if name not in self.checks:
            return
        with self._lock:
            record = self._records[name]
            record.last_error, record.last_error_at = error, self.clock()
            self._version += 1
            snapshot = self._snapshot()
        log.info("health: %s failed in use: %s", name, error)
        self._changed(snapshot)
        self.check_soon(name)

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            raise RuntimeError("the health monitor is already running")
        self._stop.clear()
        self._threads = []
        for check in self.checks.values():
            if check.interval <= 0:
                continue
            thread = threading.Thread(target=self._run, args=(check,), name=f"health-{check.name}", daemon=True)
            self._threads.append(thread)
            thread.start()
        log.info("health monitor started: %s", ", ".join(
            f"{c.name} every {c.interval:g} s" for c in self.checks.values() if c.interval > 0) or "nothing watched")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the schedule; a reading under way finishes within its device's timeout
        (the threads are daemons: a stuck driver does not hold the kiosk's exit)."""
        self._stop.set()
        for event in self._wake.values():
            event.set()
        threads = self._threads
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        if threads:
            log.info("health monitor stopped" if not self.running else "health monitor stopping (a reading is under way)")

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _run(self, check: Check) -> None:
        wake = self._wake[check.name]
        while not self._stop.is_set():
            wake.clear()
            read = self._read_and_record(check)
            if self._stop.is_set():
                break
            with self._lock:
                unsettled = self._records[check.name].candidate is not None
            # Confirm a change quickly; while a session holds the device, look again soon
            # after it lets go.
            wait = self.recheck_seconds if (unsettled or not read) else check.interval
            wake.wait(min(wait, check.interval))

    # -- readings -------------------------------------------------------------------------

    def _read_and_record(self, check: Check) -> bool:
        """One reading, unless the check must wait for the session; True if it read."""
        if not check.while_in_use and self._safe_in_use():
            return False
        try:
            reading = check.read()
        except Exception as exc:  # noqa: BLE001 - a check's own bug must not stop watching
            reading = Reading(HealthState.FAILED, check.failures[0], f"{type(exc).__name__}: {exc}")
        self.record(check.name, reading)
        return True

    def _safe_in_use(self) -> bool:
        try:
            return bool(self.in_use())
        except Exception:  # noqa: BLE001 - unsure: do not touch the device
            return True

    def record(self, name: str, reading: Reading) -> DeviceHealth:
        """Apply one reading of `name` by the confirmation rules (the schedule calls this;
        tests drive the rules through it)."""
        now = self.clock()
        with self._lock:
            record = self._records[name]
            # A device that stays failed says so once, not at every reading (its
            # last_error_at still moves, for whoever asks).
            before = (record.state, record.detail, record.last_error)
            self._apply(record, reading, now)
            changed = before != (record.state, record.detail, record.last_error)
            self._version += changed
            snapshot = self._snapshot()
            if changed and before[:2] != (record.state, record.detail):
                self._log_change(name, before[0], record, reading)
        if changed:
            self._changed(snapshot)
        return snapshot[name]

    def _apply(self, record: _Record, reading: Reading, now: dt.datetime) -> None:
        record.checked_at = now
        record.facts = dict(reading.facts)
        if reading.state in (HealthState.FAILED, HealthState.DEGRADED) and reading.error:
            record.last_error, record.last_error_at = reading.error, now
        if reading.state is record.state:
            record.candidate, record.streak = None, 0
            if reading.detail != record.detail:   # e.g. paper out, then the cover opened
                record.detail, record.since = reading.detail, now
            return
        if reading.state is HealthState.FAILED:
            needed = self.failed_after
        elif record.state is HealthState.FAILED:
            needed = self.recovered_after
        else:
            needed = 1      # ok, degraded and off follow the readings at once
        if record.candidate is reading.state:
            record.streak += 1
        else:
            record.candidate, record.streak = reading.state, 1
        if record.streak >= needed:
            record.state, record.detail, record.since = reading.state, reading.detail, now
            record.candidate, record.streak = None, 0

    def _snapshot(self) -> HealthSnapshot:
        devices = tuple(
            DeviceHealth(name, r.needed, r.state, r.detail, r.since, r.checked_at, r.last_error,
                         r.last_error_at, dict(r.facts))
            for name, r in self._records.items()
        )
        return HealthSnapshot(devices, self.clock(), self._version)

    def _changed(self, snapshot: HealthSnapshot) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(snapshot)
        except Exception:  # noqa: BLE001 - a listener's failure must not stop the watching
            log.exception("health listener failed")

    @staticmethod
    def _log_change(name: str, before: HealthState, record: _Record, reading: Reading) -> None:
        level = logging.WARNING if record.state is HealthState.FAILED else logging.INFO
        error = f": {reading.error}" if reading.error and record.state is not HealthState.OK else ""
        log.log(level, "health: %s %s -> %s (%s)%s", name, before.value, record.state.value, record.detail, error)


def with_facts(reading: Reading, **facts: Any) -> Reading:
    """`reading` with more facts (a check adds what it measured to a rule's verdict)."""
    return replace(reading, facts={**reading.facts, **facts})
