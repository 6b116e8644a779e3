"""Who may enter maintenance mode, and what each may do there.

The seam the maintenance screens are built against (see MAINT_API.md): the screens
forward taps and the PIN typed; the decisions are made here, in the core, where they can
be tested without a screen. The parts live in small modules, re-exported here:
`pin_hash` (salted scrypt), `lockout` (the growing delay that survives a restart) and
`corner_taps` (the hidden gesture).

Two roles: a technician may do everything; an operator (the station's staff) may look at
the status and take the exports, but neither reconfigure, test devices nor restart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.operations.corner_taps import CORNERS, CornerTaps
from kiosk.operations.lockout import Lockout, delay_after
from kiosk.operations.pin_hash import PinHashError, hash_pin, verify_pin

if TYPE_CHECKING:
    from kiosk.config.model import MaintenanceSettings

__all__ = [
    "ACTIONS", "CORNERS", "ROLES", "AccessResult", "CornerTaps", "Lockout", "MaintenanceAccess",
    "PinHashError", "allowed", "delay_after", "hash_pin", "verify_pin",
]

log = logging.getLogger(__name__)

Role = Literal["technician", "operator"]
ROLES: tuple[Role, ...] = ("technician", "operator")
ACTIONS = ("status", "exports", "device_tests", "queue", "config", "logs", "out_of_service",
           "versions", "restart", "exit")
_OPERATOR_ACTIONS = frozenset({"status", "exports", "exit"})   # leaving is never forbidden

Reason = Literal["granted", "wrong_pin", "locked", "no_pin_configured"]
Journal = Callable[[str, dict[str, object]], None]

# Longer than any PIN worth typing on the keypad; scrypt would take a megabyte happily,
# but nothing legitimate is that long.
MAX_PIN_LENGTH = 64


def allowed(role: str | None, action: str) -> bool:
    """May `role` do `action`? An unknown action is a programming error (ValueError), so a
    misspelt action in a screen fails its test instead of being silently refused."""
    if action not in ACTIONS:
        raise ValueError(f"unknown maintenance action {action!r}; one of {', '.join(ACTIONS)}")
    if role == "technician":
        return True
    if role == "operator":
        return action in _OPERATOR_ACTIONS
    return False


@dataclass(frozen=True)
class AccessResult:
    granted: bool
    role: Role | None
    locked_for_s: float
    reason: Reason


class MaintenanceAccess:
    """Checks maintenance PINs, with the lockout kept under `<data_dir>/maintenance/`.

    `journal(kind, fields)`, when given, hears every try worth auditing: kinds
    "maintenance.granted", "maintenance.wrong_pin" and "maintenance.locked", with the
    role (when granted), the count of wrong PINs in a row and the lock in seconds. Never
    the PIN, not even a wrong one (a wrong PIN is often the right one with a typo).
    """

    def __init__(
        self,
        data_dir: Path,
        settings: "MaintenanceSettings",
        clock: Callable[[], float] = time.time,
        journal: Journal | None = None,
    ) -> None:
        self._pins: tuple[tuple[Role, str], ...] = tuple(
            (role, pin) for role, pin in (("technician", settings.technician_pin), ("operator", settings.operator_pin))
            if pin
        )
        self._lockout = Lockout(Path(data_dir) / "maintenance", clock)
        self._journal = journal

    @property
    def configured(self) -> bool:
        """False when no role has a PIN: the screens need not offer the keypad at all."""
        return bool(self._pins)

    def locked_for_s(self) -> float:
        return self._lockout.locked_for_s()

    def try_pin(self, pin: str) -> AccessResult:
        if not self._pins:
            return AccessResult(False, None, 0.0, "no_pin_configured")
        locked = self._lockout.locked_for_s()
        if locked > 0:
            # Not checked and not counted: during a lock, tries cost nothing and tell nothing.
            self._report("maintenance.locked", failures=self._lockout.failures, locked_for_s=round(locked, 1))
            return AccessResult(False, None, locked, "locked")
        role = self._role_of(pin)
        if role is None:
            delay = self._lockout.record_failure()
            self._report("maintenance.wrong_pin", failures=self._lockout.failures, locked_for_s=delay)
            return AccessResult(False, None, delay, "wrong_pin")
        self._lockout.reset()
        self._report("maintenance.granted", role=role)
        return AccessResult(True, role, 0.0, "granted")

    def _role_of(self, pin: str) -> Role | None:
        if not pin or len(pin) > MAX_PIN_LENGTH:
            return None
        for role, stored in self._pins:   # technician first: the same PIN for both means technician
            if verify_pin(stored, pin):
                return role
        return None

    def _report(self, kind: str, **fields: object) -> None:
        if self._journal is None:
            return
        try:
            self._journal(kind, fields)
        except Exception:  # noqa: BLE001 - a broken journal must not lock out the technician who comes to fix it
            log.exception("cannot journal %s", kind)
