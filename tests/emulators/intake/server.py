"""The reference intake, misbehaving on purpose the ways a real network and office do.

`FaultyIntake` is the self-test's loopback intake (`kiosk.delivery.selftest.intake`)
with, per request, a fault from its `FaultPlan` (a script, or a random mix): answer
slowly, hold the request past the client's timeout (before or after storing), answer
500, 503 or 429 with Retry-After, reject for good (422), close the connection without
an answer (before or after storing: the kiosk never sees the acknowledgement). And
`go_down()` / `come_up()`: stop listening (connections are refused), and listen again.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.delivery.selftest.intake import IntakeHandler, IntakeServer, IntakeStats, ServerTls
from kiosk.delivery.selftest.loopback_pki import LoopbackPki

from tests.emulators.intake.faults import Fault, FaultPlan


@dataclass(frozen=True)
class FaultyIntakeStats(IntakeStats):
    faults: dict[str, int]   # requests that met each fault


class FaultyHandler(IntakeHandler):
    server_version = "kiosk-test-intake/1"
    fault = Fault.NONE       # the fault of the request being handled

    def intercept_before_store(self, key: str | None) -> bool:
        intake: FaultyIntake = self.server.intake  # type: ignore[assignment]
        plan = intake.faults
        fault = self.fault = plan.next()
        if fault is Fault.SLOW:
            intake._hang(plan.slow_seconds)
            return False
        if fault in (Fault.NONE, Fault.CLOSE_AFTER_STORE, Fault.TIMEOUT_AFTER_STORE):
            return False
        if fault is Fault.TIMEOUT:
            self._log(key, None, "fault")
            intake._hang(plan.hang_seconds)
            self._drop()
        elif fault is Fault.DROP:
            self._log(key, None, "fault")
            self._drop()
        elif fault is Fault.ERROR_500:
            self._log(key, 500, "fault")
            self._problem(500, "internal_error", "The intake failed; try again later")
        elif fault is Fault.UNAVAILABLE_503:
            self._log(key, 503, "fault")
            self._problem(503, "unavailable", "The intake is unavailable; try again later",
                          headers={"Retry-After": plan.retry_after})
        elif fault is Fault.RATE_LIMITED_429:
            self._log(key, 429, "fault")
            self._problem(429, "rate_limited", "Too many requests; slow down",
                          headers={"Retry-After": plan.retry_after})
        elif fault is Fault.REJECT_422:
            self._log(key, 422, "rejected:rejected_for_test")
            self._problem(422, "rejected_for_test", "Refused by the test intake")
        return True

    def intercept_after_store(self, key: str | None, outcome: str) -> bool:
        intake: FaultyIntake = self.server.intake  # type: ignore[assignment]
        if self.fault is Fault.CLOSE_AFTER_STORE:
            self._log(key, None, outcome)
            self._drop()
            return True
        if self.fault is Fault.TIMEOUT_AFTER_STORE:
            self._log(key, None, outcome)
            intake._hang(intake.faults.hang_seconds)
            self._drop()
            return True
        return False

    def _log(self, key: str | None, status: int | None, outcome: str) -> None:
        super()._log(key, status, outcome)
        if self.fault is not Fault.NONE:
            self.server.intake._count_fault(self.fault)  # type: ignore[attr-defined]

    def _drop(self) -> None:
        """Close the connection without a word (the client sees a reset or an EOF)."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class FaultyIntake(IntakeServer):
    handler_class = FaultyHandler

    def __init__(self, db_path: Path, tls: ServerTls | LoopbackPki, *, faults: FaultPlan | None = None,
                 **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(db_path, tls, **kwargs)
        self.faults = faults or FaultPlan()
        self._stopping = threading.Event()
        self._faults_lock = threading.Lock()
        self._faults_met: dict[str, int] = {}

    def start(self) -> FaultyIntake:
        self._stopping.clear()
        super().start()
        return self

    def stop(self) -> None:
        self._stopping.set()   # requests held by a fault end now
        super().stop()

    def go_down(self) -> None:
        """Stop listening and cut open connections: new connections are refused."""
        self._stop_listening()

    def come_up(self) -> None:
        """Listen again on the same port."""
        self._listen()

    def stats(self) -> FaultyIntakeStats:
        with self._faults_lock:
            faults = dict(self._faults_met)
        return FaultyIntakeStats(**super().stats().as_dict(), faults=faults)

    def _count_fault(self, fault: Fault) -> None:
        with self._faults_lock:
            self._faults_met[fault.value] = self._faults_met.get(fault.value, 0) + 1

    def _hang(self, seconds: float) -> None:
        self._stopping.wait(seconds)


def wait_until_stored(server: IntakeServer, keys: Iterable[str], *, timeout: float) -> bool:
    """True once every key is stored (for callers that deliver in the background)."""
    wanted = set(keys)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if wanted <= set(server.stored()):
            return True
        time.sleep(0.05)
    return wanted <= set(server.stored())
