"""What the audit journal may hold: each event it knows, the fields each takes, and the
values each field may have.

The journal must never hold personal data: no names, ID numbers, phone numbers,
addresses, images or access keys. Masking them would be a hope, since any new field or
new caller could bring a name along; so the journal has no free-text field at all. Every
value is one of a closed set (a state, an outcome, a problem code, a device), a number, a
flag, or fits a shape no name fits (an application number of this kiosk, with its check
character; an amount of money). Numbers are bounded (counts below 10^9, durations up to
ten days), so an ID or phone number does not fit one either. A field the list does not name, a missing required
field, or a value of another type or shape is refused before anything is written, and
the refusal never repeats the value (it may be the very thing that must not be written).

Others add their events here, next to these: the device-health monitor writes
`device_state` (`Journal.record_device_state`), the maintenance screens `maintenance`
(`Journal.record_action`); extend `MAINTENANCE_ACTIONS` and `DEVICE_STATES` rather than
loosening a field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from kiosk.domain.cases import Case
from kiosk.workflow.machine import GLOBAL, TRANSITIONS
from kiosk.workflow.problems import PROBLEM_CODES
from kiosk.workflow.states import HandoverReason, Outcome, State


class FieldRefused(ValueError):
    """A field or value the journal must not hold. The message names the event and the
    field, never the value."""


class Field:
    """One field's allowed values; `check` returns the value as written (JSON-ready)."""

    required = True

    def check(self, value: Any, journal: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class OneOf(Field):
    """One of a closed set of words (an enum member counts as its value)."""

    values: frozenset[str]

    def check(self, value: Any, journal: Any) -> str:
        if isinstance(value, Enum):
            value = value.value
        if not isinstance(value, str) or value not in self.values:
            raise FieldRefused("not one of the allowed values")
        return value


@dataclass(frozen=True)
class Count(Field):
    """A whole number: an entry's number, a line, a length. Below 10^9, so no ID number
    or mobile number fits as a number either."""

    low: int = 0
    high: int = 10**9 - 1

    def check(self, value: Any, journal: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise FieldRefused(f"not a whole number from {self.low} to {self.high}")
        return value


@dataclass(frozen=True)
class Seconds(Field):
    """A duration, written to the millisecond."""

    high: float = 10 * 24 * 3600.0

    def check(self, value: Any, journal: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FieldRefused("not a number of seconds")
        value = float(value)
        if not math.isfinite(value) or not 0 <= value <= self.high:
            raise FieldRefused("not a duration from 0 to ten days")
        return round(value, 3)


@dataclass(frozen=True)
class Flag(Field):
    def check(self, value: Any, journal: Any) -> bool:
        if not isinstance(value, bool):
            raise FieldRefused("not true or false")
        return value


@dataclass(frozen=True)
class Shape(Field):
    """A short string of a fixed shape, for values that are not a closed set (a version,
    a file's date, a digest). Each pattern is narrow enough that no name fits it."""

    pattern: str

    def check(self, value: Any, journal: Any) -> str:
        if not isinstance(value, str) or not value.isascii() or re.fullmatch(self.pattern, value) is None:
            raise FieldRefused("not of the expected shape")
        return value


class Money(Field):
    """An amount due, as a decimal string ("20.00", "50000"): a Decimal or an int."""

    def check(self, value: Any, journal: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise FieldRefused("not an amount (Decimal or int)")
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise FieldRefused("not an amount") from None
        if not amount.is_finite() or not 0 <= amount < 10**9:
            raise FieldRefused("not an amount from 0 to 10^9")
        return str(amount)


class ApplicationNumber(Field):
    """An application number of this kiosk, well formed and with a matching check
    character: the only way an application is named in the journal."""

    def check(self, value: Any, journal: Any) -> str:
        from kiosk.storage.application_number import normalise_kiosk_id, parse_application_number

        if not isinstance(value, str):
            raise FieldRefused("not an application number")
        try:
            parsed = parse_application_number(value)
        except ValueError:
            raise FieldRefused("not an application number with a matching check character") from None
        if str(parsed) != value:
            raise FieldRefused("not an application number as the kiosk writes it")
        kiosk_id = getattr(journal, "kiosk_id", None)
        if kiosk_id and parsed.kiosk_id != normalise_kiosk_id(kiosk_id):
            raise FieldRefused("an application number of another kiosk")
        return value


@dataclass(frozen=True)
class Configured(Field):
    """This kiosk's own setting (its id, its currency), as the journal was opened with it,
    and nothing else: a free pattern such as three capitals would let "LIN" through."""

    setting: str

    def check(self, value: Any, journal: Any) -> str:
        expected = getattr(journal, self.setting, None)
        if not isinstance(value, str) or not expected or value != expected:
            raise FieldRefused(f"not this kiosk's {self.setting.replace('_', ' ')}")
        return value


@dataclass(frozen=True)
class Maybe(Field):
    field: Field
    required = False

    def check(self, value: Any, journal: Any) -> Any:
        return self.field.check(value, journal)


def _words(*groups: Any) -> OneOf:
    values: set[str] = set()
    for group in groups:
        values.update(str(v.value) if isinstance(v, Enum) else str(v) for v in group)
    return OneOf(frozenset(values))


# -- the vocabulary -----------------------------------------------------------------------

LANGUAGES = ("zh_CN", "en", "vi")
ELIGIBILITY_CODES = ("ok", "too_early", "too_young", "expiry_unknown")
PICKUP_METHODS = ("station", "post")
ROLES = ("technician", "operator")
# What the kiosk watches (the health monitor) and what a device fault names.
DEVICES = ("camera", "card_reader", "printer", "fingerprint", "network", "disk", "queue", "office")
# Problem codes that say a device failed; every other problem is the citizen's to solve.
DEVICE_OF_PROBLEM = {
    "camera_missing": "camera",
    "reader_missing": "card_reader",
    "print_failed": "printer",
    "fingerprint_missing": "fingerprint",
    "save_failed": "queue",
}
DEVICE_STATES = (
    "ok", "missing", "offline", "error", "paper_low", "paper_out", "cover_open",
    "low_space", "full", "backlog", "parked", "switched_off",
)
MAINTENANCE_ACTIONS = (
    "entered", "left", "idle_exit", "pin_refused", "locked_out",
    "device_test", "device_off", "device_on", "out_of_service_on", "out_of_service_off",
    "queue_retry", "receipt_reprint", "paper_changed", "export", "config_viewed",
    "log_viewed", "restart",
)
MAINTENANCE_RESULTS = ("ok", "failed", "refused")
FINGERPRINTS_DECLINED = ("cannot_give", "no_usable_print")   # kiosk.workflow.fingerprint_steps.DECLINED_*
TRIGGERS = frozenset(t for row in TRANSITIONS.values() for t in row) | frozenset(GLOBAL)

PAYMENT_RESULTS = ("paid", "expired", "cancelled", "unavailable")
# A payment provider's reference (issue 16): capitals, digits and hyphens with at least
# two capitals, so neither an ID number (one X at most), a phone number nor a name (no
# digits would be odd, but a name has no hyphen-digit shape either) is one.
PAYMENT_REFERENCE = Shape(r"(?=(?:[^A-Z]*[A-Z]){2})(?=.*[0-9])[A-Z0-9][A-Z0-9-]{5,63}")

SESSION = Count(1)          # names a session: the `seq` of its `session_start` entry
STATE = _words(State)
DEVICE = _words(DEVICES)
PROBLEM = _words(PROBLEM_CODES)
DATE = Shape(r"\d{4}-\d{2}-\d{2}")
TIMESTAMP = Shape(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
SHA256 = Shape(r"[0-9a-f]{64}")
VERSION = Shape(r"\d{1,4}(\.\d{1,4}){0,3}((a|b|rc)\d{1,4})?(\.post\d{1,4})?(\.dev\d{1,6})?")   # PEP 440, no local part

EVENTS: dict[str, dict[str, Field]] = {
    # The kiosk (re)started: a session open before it was cut off by the restart.
    "kiosk_start": {"kiosk_id": Configured("kiosk_id"), "mode": _words(("demo", "production")),
                    "version": Maybe(VERSION), "simulated": Maybe(Flag())},
    "session_start": {"language": _words(LANGUAGES), "large_text": Flag()},
    "language": {"session": SESSION, "language": _words(LANGUAGES)},
    # Every move through the table: `seconds` were spent in `from`.
    "step": {"session": Maybe(SESSION), "state": STATE, "from": STATE,
             "trigger": OneOf(TRIGGERS), "seconds": Seconds()},
    "case": {"session": SESSION, "case": _words(Case)},
    "eligibility": {"session": SESSION, "eligible": Flag(), "code": _words(ELIGIBILITY_CODES)},
    "problem": {"session": Maybe(SESSION), "state": STATE, "code": PROBLEM},
    "device_fault": {"session": Maybe(SESSION), "state": STATE, "device": DEVICE, "code": PROBLEM},
    "handover": {"session": SESSION, "reason": _words(HandoverReason)},
    "application_saved": {"session": SESSION, "application_number": ApplicationNumber(),
                          "case": _words(Case), "fee": Money(), "currency": Configured("currency"),
                          "pickup": _words(PICKUP_METHODS), "printed": Flag()},
    "session_end": {"session": SESSION, "outcome": _words(Outcome), "state": STATE},
    # The payment step ended one order (issue 16): paid (with the provider's reference when
    # it fits PAYMENT_REFERENCE), expired, cancelled, or unavailable (the office could not
    # take or confirm it: handed over). The amount is the fee asked for.
    "payment": {"session": SESSION, "result": _words(PAYMENT_RESULTS), "amount": Money(),
                "currency": Configured("currency"), "application_number": Maybe(ApplicationNumber()),
                "reference": Maybe(PAYMENT_REFERENCE)},
    # The fingerprint step ended: prints captured, or why not (never an image, a finger or a score).
    "fingerprints": {"session": SESSION, "result": _words(("captured", "declined")),
                     "reason": Maybe(_words(FINGERPRINTS_DECLINED))},
    # The health monitor: a watched device changed state.
    "device_state": {"device": DEVICE, "state": _words(DEVICE_STATES),
                     "previous": Maybe(_words(DEVICE_STATES))},
    # The maintenance screens: what a technician or an operator did.
    "maintenance": {"action": _words(MAINTENANCE_ACTIONS), "role": Maybe(_words(ROLES)),
                    "device": Maybe(DEVICE), "application_number": Maybe(ApplicationNumber()),
                    "result": Maybe(_words(MAINTENANCE_RESULTS)), "seconds": Maybe(Seconds())},
    # A session the kiosk stopped or restarted in the middle of (kiosk.operations.session_marker):
    # its data was wiped; when it started, the last screen, and whether found at a start.
    "session_discarded": {"reason": _words(("restart", "stopped")), "state": Maybe(STATE),
                          "started_at": Maybe(TIMESTAMP)},
    # The writer found the last line cut short by a power cut (see journal.py).
    "journal_recovered": {"file": DATE, "line": Count(1), "bytes": Count(1), "sha256": SHA256},
}

# What the writer adds around an event's fields; no event may use these names.
ENVELOPE = ("seq", "at", "event", "prev", "hash")
assert not any(set(fields) & set(ENVELOPE) for fields in EVENTS.values())


def checked(event: str, fields: dict[str, Any], journal: Any = None) -> dict[str, Any]:
    """`fields` as the journal writes them, in the list's order; raises FieldRefused."""
    allowed = EVENTS.get(event)
    if allowed is None:
        raise FieldRefused(f"no journal event {event[:40]!r}" if event.isidentifier() else "no such journal event")
    unknown = [name for name in fields if name not in allowed]
    if unknown:
        name = unknown[0]
        shown = repr(name[:40]) if name.isidentifier() else "a field"
        raise FieldRefused(f"{event}: {shown} is not a field of this event")
    out: dict[str, Any] = {}
    for name, field in allowed.items():
        if name not in fields or fields[name] is None:
            if field.required:
                raise FieldRefused(f"{event}: {name!r} is required")
            continue
        try:
            out[name] = field.check(fields[name], journal)
        except FieldRefused as exc:
            raise FieldRefused(f"{event}: {name!r}: {exc}") from None
    return out
