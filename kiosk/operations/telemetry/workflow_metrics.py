"""The workflow's moves as metrics: one subscriber, like the audit journal's.

It reads the same record of each move the journal reads (`Workflow.last_move`: the
state left, the seconds spent there, the outcome of a session it ended), so the figures
and the journal never tell two stories. Only states and outcomes are read: never the
session's fields.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.operations.telemetry.metrics import KioskMetrics
from kiosk.workflow.states import ACTIVE_STATES

log = logging.getLogger("kiosk.telemetry")


class WorkflowMetrics:
    """`workflow.subscribe(WorkflowMetrics(metrics))`."""

    def __init__(self, metrics: KioskMetrics) -> None:
        self.metrics = metrics
        self._failed = False

    def __call__(self, event: str, workflow: Any) -> None:
        if event not in ("state", "out_of_service"):
            return
        try:
            move = workflow.last_move if event == "state" else None
            if move is not None:
                if move.source in ACTIVE_STATES:
                    self.metrics.step_took(move.source, move.seconds)
                if move.outcome is not None:
                    self.metrics.session_ended(move.outcome)
            self.metrics.serving(workflow.state, getattr(workflow, "out_of_service_reasons", ()))
            self._failed = False
        except Exception as exc:  # noqa: BLE001 - a citizen's session never stops for a figure
            if not self._failed:
                log.error("telemetry: a move could not be counted (%s)", type(exc).__name__)
            self._failed = True
