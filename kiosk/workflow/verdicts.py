"""What a step's result asks for, in the step's words; the workflow alone makes it a move.

The steps (`card_read`, `face_steps`, `submission`) judge what their jobs bring back, but
they never touch the transition table: a verdict names what happened (a problem to show,
a reason to send the citizen to the counter, a device that failed) and
`Workflow._follow` turns it into a trigger. So the table stays the one place that says
where a citizen goes next, and a step can be tested without a workflow.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.workflow.problems import Problem
from kiosk.workflow.states import HandoverReason


@dataclass(frozen=True)
class ShowProblem:
    """Stay on this screen and say what went wrong; the citizen decides what next."""

    problem: Problem


@dataclass(frozen=True)
class TryAgain:
    """Say what went wrong and run the step's job again at once (a card moved mid-read)."""

    problem: Problem


@dataclass(frozen=True)
class Redraw:
    """Nothing went wrong, but the session changed how the screen asks (a locked chip
    asks for its access key): show it again."""


@dataclass(frozen=True)
class HandOver:
    """Enough tries: to the counter, naming why."""

    reason: HandoverReason


@dataclass(frozen=True)
class DeviceFailed:
    """A device the step needs is gone: the device-error screen, with a retry."""

    problem: Problem


Verdict = ShowProblem | TryAgain | Redraw | HandOver | DeviceFailed
