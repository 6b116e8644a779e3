"""The kiosk's metrics, in a Prometheus registry of their own.

Names start with `idkiosk_`. A label value is always a word of a closed list (the
workflow's states and outcomes, the watched devices, the health states, the queue's
states, the out-of-service reason codes): a value from anywhere else is dropped, never
written, so no caller can put a name or a number into a label by mistake. Every series
of a closed list is written from the start (zeros included), so a rate or an alert
works from the first scrape and a missing series means a missing kiosk.

What feeds it, through plain values rather than the objects that hold them (so this
module needs neither the workflow nor the monitor to be tested):

- `session_ended(outcome)`, `step_took(state, seconds)`, `serving(state, reasons)`: the
  workflow's moves (`workflow_metrics`);
- `set_health(snapshot)`: a dict shaped like `HealthSnapshot.as_dict()` (a list of
  devices, each with name and state);
- `set_queue(counts, oldest_queued_at, last_delivered_at, now)`: the delivery queue;
- `set_paper(paper)`: a `PaperCount` or anything with its attributes;
- `set_journal(last_seq, failing)`: the audit journal's head and whether it fails.

Counters start from zero when the kiosk starts; Prometheus's rate() and increase() take
such resets in their stride.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, disable_created_metrics

from kiosk.operations.journal_fields import DEVICES, VERSION
from kiosk.workflow.states import ACTIVE_STATES, Outcome, State

log = logging.getLogger("kiosk.telemetry")

OUTCOMES = tuple(o.value for o in Outcome)
STEPS = tuple(s.value for s in State if s in ACTIVE_STATES)
HEALTH_STATES = ("unknown", "ok", "degraded", "failed", "off")   # kiosk.operations.health.HealthState
QUEUE_STATES = ("queued", "delivered", "parked")                 # kiosk.storage.schema.ApplicationState
# A citizen spends seconds on a choice and minutes on the face check or a form.
STEP_BUCKETS = (1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600)


def _reason_codes() -> tuple[str, ...]:
    from kiosk.operations.service_control import REASON_CODES

    return tuple(REASON_CODES)


def _epoch(value: Any) -> float | None:
    """Seconds since 1970 of a datetime or an ISO 8601 string (aware; naive means UTC)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.timestamp()


class KioskMetrics:
    """The registry and its metrics. Thread-safe (prometheus_client's metrics are): the
    workflow updates it on the GUI thread while the writer reads it on its own."""

    def __init__(self, *, kiosk_id: str, mode: str, version: str | None) -> None:
        # The `_created` series prometheus_client adds to every counter and histogram
        # double the file and tell a textfile's reader nothing (the kiosk's start is in
        # node_boot_time and the journal); nothing else in the process uses the library.
        disable_created_metrics()
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.reason_codes = _reason_codes()
        self.info = Info("idkiosk_build", "The kiosk's software version and identity.", registry=r)
        # kiosk_id is this kiosk's configured id (letters, digits, dashes) and the version a
        # PEP 440 number without its local part: no free text.
        self.info.info({"version": version if version and _fits_version(version) else "unknown",
                        "kiosk_id": kiosk_id, "mode": mode if mode in ("demo", "production") else "unknown"})
        self.sessions = Counter("idkiosk_sessions", "Sessions ended, by outcome.", ["outcome"], registry=r)
        self.steps = Histogram("idkiosk_step_duration_seconds", "Seconds a citizen spent in a step, each time "
                               "they left it.", ["step"], buckets=STEP_BUCKETS, registry=r)
        self.out_of_service = Gauge("idkiosk_out_of_service", "1 while the kiosk shows the out-of-service "
                                    "screen, else 0.", registry=r)
        self.in_session = Gauge("idkiosk_in_session", "1 while a citizen is in a session, else 0.", registry=r)
        self.reasons = Gauge("idkiosk_out_of_service_reason", "1 for each reason that holds the kiosk out of "
                             "service (or will, when the session in progress ends).", ["reason"], registry=r)
        self.devices = Gauge("idkiosk_device_state", "1 for the state each watched device is in, 0 for the "
                             "others.", ["device", "state"], registry=r)
        self.device_needed = Gauge("idkiosk_device_needed", "1 when a renewal needs the device (failed means "
                                   "out of service).", ["device"], registry=r)
        self.queue = Gauge("idkiosk_queue_applications", "Applications in the local queue, by state.", ["state"],
                           registry=r)
        self.oldest = Gauge("idkiosk_queue_oldest_age_seconds", "Age of the oldest application waiting for "
                            "delivery (0: none waits).", registry=r)
        self.last_delivery = Gauge("idkiosk_last_delivery_timestamp_seconds", "When the office last "
                                   "acknowledged an application (0: never).", registry=r)
        self.paper_receipts = Gauge("idkiosk_paper_receipts_since_change", "Receipts printed since the roll "
                                    "was last changed.", registry=r)
        self.paper_left = Gauge("idkiosk_paper_remaining_receipts", "Receipts the roll still holds, as counted "
                                "(NaN: the roll length is not configured).", registry=r)
        self.paper_low = Gauge("idkiosk_paper_low", "1 when the counted roll is below its warning level.",
                               registry=r)
        self.paper_changed = Gauge("idkiosk_paper_changed_timestamp_seconds", "When the roll was last changed "
                                   "(0: never recorded).", registry=r)
        self.journal_seq = Gauge("idkiosk_journal_last_seq", "The number of the audit journal's newest entry "
                                 "(its hash goes to the systemd journal with it).", registry=r)
        self.journal_failing = Gauge("idkiosk_journal_failing", "1 while the audit journal cannot append (a full "
                                     "or failing disk), else 0.", registry=r)
        self.written = Gauge("idkiosk_metrics_written_timestamp_seconds", "When this file was written (a stale "
                             "file means a stopped kiosk).", registry=r)
        for outcome in OUTCOMES:
            self.sessions.labels(outcome)
        for step in STEPS:
            self.steps.labels(step)
        for reason in self.reason_codes:
            self.reasons.labels(reason).set(0)
        for state in QUEUE_STATES:
            self.queue.labels(state).set(0)
        self.paper_left.set(math.nan)
        self._dropped: set[tuple[str, str]] = set()

    # -- the workflow ----------------------------------------------------------------------
    def session_ended(self, outcome: Any) -> None:
        value = self._word("outcome", outcome, OUTCOMES)
        if value is not None:
            self.sessions.labels(value).inc()

    def step_took(self, state: Any, seconds: float) -> None:
        value = self._word("step", state, STEPS)
        if value is not None and math.isfinite(seconds) and seconds >= 0:
            self.steps.labels(value).observe(seconds)

    def serving(self, state: Any, reasons: Iterable[str] = ()) -> None:
        """Where the workflow is now and what holds (or will hold) it out of service."""
        state = getattr(state, "value", state)
        self.out_of_service.set(1 if state == State.OUT_OF_SERVICE.value else 0)
        self.in_session.set(1 if state in STEPS else 0)
        holding = set(reasons)
        for reason in self.reason_codes:
            self.reasons.labels(reason).set(1 if reason in holding else 0)

    # -- the seams: plain values from the monitor, the queue and the paper counter ----------
    def set_health(self, snapshot: Mapping[str, Any]) -> None:
        """`snapshot` as `HealthSnapshot.as_dict()` gives it."""
        for device in snapshot.get("devices", ()):
            name = self._word("device", device.get("name"), DEVICES)
            state = self._word("health state", device.get("state"), HEALTH_STATES)
            if name is None or state is None:
                continue
            for each in HEALTH_STATES:
                self.devices.labels(name, each).set(1 if each == state else 0)
            self.device_needed.labels(name).set(1 if device.get("needed") else 0)

    def set_queue(self, counts: Mapping[str, int], oldest_queued_at: Any, last_delivered_at: Any,
                  now: dt.datetime) -> None:
        for state in QUEUE_STATES:
            self.queue.labels(state).set(int(counts.get(state, 0)))
        oldest = _epoch(oldest_queued_at)
        self.oldest.set(0 if oldest is None else max(now.timestamp() - oldest, 0.0))
        self.last_delivery.set(_epoch(last_delivered_at) or 0)

    def set_paper(self, paper: Any) -> None:
        if paper is None:
            return
        self.paper_receipts.set(paper.receipts)
        left = paper.remaining_receipts
        self.paper_left.set(math.nan if left is None else left)
        self.paper_low.set(1 if paper.low else 0)
        self.paper_changed.set(_epoch(paper.changed_at) or 0)

    def set_journal(self, last_seq: int, failing: bool) -> None:
        self.journal_seq.set(last_seq)
        self.journal_failing.set(1 if failing else 0)

    def _word(self, what: str, value: Any, allowed: tuple[str, ...]) -> str | None:
        value = getattr(value, "value", value)
        if isinstance(value, str) and value in allowed:
            return value
        key = (what, type(value).__name__)
        if key not in self._dropped:   # once, and never the value: it is not of a known list
            self._dropped.add(key)
            log.warning("telemetry: a %s not in its list was left out", what)
        return None


def _fits_version(version: str) -> bool:
    import re

    return re.fullmatch(VERSION.pattern, version) is not None
