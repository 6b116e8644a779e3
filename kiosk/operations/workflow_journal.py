"""The workflow's events as journal entries: one subscriber, no call inside any step.

The workflow tells its observers that something changed (`state`, `problem`,
`language`...) and, for a state change, how it happened (`Workflow.last_move`: the
trigger, the state left and the seconds spent there, the outcome of a session it
ended). This subscriber turns that into entries:

    session_start  language                         (the move "start")
    step           state, from, trigger, seconds    (every move; in a session or not)
    case           case                             (the move "choose_case")
    eligibility    eligible, code                   (arriving at ELIGIBILITY)
    handover       reason                           (arriving at HANDOVER)
    problem        code, state                      (a problem shown, by its code only)
    device_fault   device, code, state              (a problem that names a device)
    fingerprints   result, reason                   (leaving the fingerprint step: captured / declined)
    application_saved  application_number, case, fee, currency, pickup, printed
    payment        result, amount, currency, application_number, reference  (an order ended)
    session_end    outcome, state                   (the move that ended the session)

Entries of a session name it by the number of its `session_start` entry (the workflow's
session id never leaves memory). Only codes, states and numbers are read off the
session: never a name, a number or a picture, which the journal's fields would refuse
anyway. A journal that fails (disk full, a refused field: a bug) is logged, and the
citizen in front of the kiosk carries on: the session must not die for its record.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.operations.journal_fields import DEVICE_OF_PROBLEM, EVENTS
from kiosk.workflow.states import State

log = logging.getLogger("kiosk.journal")


class WorkflowJournal:
    """Subscribe an instance to a workflow: `workflow.subscribe(WorkflowJournal(journal))`."""

    def __init__(self, journal: Any) -> None:
        self.journal = journal
        self.session: int | None = None   # the seq of the open session's session_start
        self._problem: object = None      # the problem last recorded (the object, not its code)
        self._failed: str = ""            # the last failure logged, so a full disk logs once

    def __call__(self, event: str, workflow: Any) -> None:
        try:
            if event == "state":
                self._moved(workflow)
            elif event == "language" and self.session is not None:
                self._record("language", language=workflow.session.language)
            self._problem_shown(workflow, workflow.state)
        except Exception as exc:  # noqa: BLE001 - the citizen's session never stops for its record
            if not self._failed:
                # Once until an entry is written again (a full disk fails every entry).
                # The exception's text is not logged: a refused field's never holds the
                # value, but an OSError's names a path; the type says enough.
                log.error("journal: an entry could not be written (%s); the kiosk carries on",
                          type(exc).__name__)
            self._failed = type(exc).__name__

    def _record(self, event: str, **fields: Any) -> int | None:
        if event != "session_start" and "session" in EVENTS[event]:
            if self.session is None and EVENTS[event]["session"].required:
                return None   # the session's start could not be written: nothing to tie this to
            if self.session is not None:
                fields["session"] = self.session
        seq = self.journal.record(event, **fields)
        self._failed = ""
        return seq

    def _moved(self, wf: Any) -> None:
        move = wf.last_move
        if move is None:
            return
        s = wf.session
        if move.trigger == "start":
            self.session = None
            self._problem = None
            self.session = self._record("session_start", language=s.language, large_text=bool(s.large_text))
        self._record("step", state=move.target, **{"from": move.source}, trigger=move.trigger, seconds=move.seconds)
        self._problem_shown(wf, move.source)
        if move.trigger == "choose_case" and s.case is not None:
            self._record("case", case=s.case)
        elif move.target is State.ELIGIBILITY and s.eligibility is not None:
            self._record("eligibility", eligible=bool(s.eligibility.eligible), code=s.eligibility.code)
        elif move.target is State.HANDOVER and s.handover_reason is not None:
            self._record("handover", reason=s.handover_reason)
        elif move.trigger == "fingerprints_done":
            declined = s.fingerprints_declined
            self._record("fingerprints", result="declined" if declined else "captured", reason=declined or None)
        elif move.trigger == "paid":
            self._payment(wf, "paid")
        elif move.trigger == "saved" and s.application_number:
            printed = s.print_result is not None and s.print_result.ok
            self._record("application_saved", application_number=s.application_number, case=s.case,
                         fee=s.fee.amount, currency=s.fee.currency, pickup=s.pickup_method or "station",
                         printed=printed)
        if move.target is State.HANDOVER and move.source is State.PAYMENT:
            self._payment(wf, "unavailable")
        if move.outcome is not None and self.session is not None:
            self._record("session_end", outcome=move.outcome, state=move.source)
            self.session = None
            self._problem = None

    def _payment(self, wf: Any, result: str) -> None:
        """One payment order ended (issue 16): what the export reconciles."""
        from kiosk.operations.journal_fields import PAYMENT_REFERENCE, FieldRefused

        s = wf.session
        if s.fee is None:
            return
        app = s.application
        order = s.payment_order
        reference = order.reference if result == "paid" and order is not None else ""
        try:
            reference = PAYMENT_REFERENCE.check(reference, None) if reference else ""
        except FieldRefused:
            reference = ""   # a reference of another shape stays on the application and receipt only
        self._record("payment", result=result, amount=s.fee.amount, currency=s.fee.currency,
                     application_number=(app.application_number if app is not None and app.application_number
                                         else None),
                     reference=reference or None)

    def _problem_shown(self, wf: Any, where: State) -> None:
        """A problem is recorded once, when it appears: the same object stays on the session
        while the screen shows it (and a new one is made each time it is shown again)."""
        problem = wf.session.problem
        if problem is None or problem is self._problem:
            return
        self._problem = problem
        if problem.code in ("payment_expired", "payment_cancelled"):
            self._payment(wf, problem.code.removeprefix("payment_"))
        device = DEVICE_OF_PROBLEM.get(problem.code)
        if device is not None:
            self._record("device_fault", state=where, device=device, code=problem.code)
        else:
            self._record("problem", state=where, code=problem.code)
