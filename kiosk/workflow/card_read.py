"""Reading the citizen's card: the chip read as a job, and what its result means.

The read runs off the UI thread (`CardRead`): first, if a card of an earlier session may
still lie there, it waits for the reader to be empty (see `card_watch`); then it waits
for a card and reads it with whatever access key and partial read the session holds, so
a card pulled mid-read resumes where it stopped. Its result is judged here, because
what a chip answer means is the step's knowledge, not the table's: only data signed
under a CSCA this kiosk trusts say who the citizen is; a locked chip asks for its access
key; a pulled card is read again; too many failures go to the counter. The workflow
turns the verdict into a move.
"""

from __future__ import annotations

import logging
from typing import Any

from hardware.errors import CardReaderError, DeviceUnavailable
from kiosk.identity import Identity
from kiosk.workflow.card_watch import CardLeftOnReader
from kiosk.workflow.jobs import JobContext
from kiosk.workflow.problems import Problem
from kiosk.workflow.services import Services
from kiosk.workflow.session import Session
from kiosk.workflow.states import HandoverReason, IdentifyMode
from kiosk.workflow.verdicts import DeviceFailed, HandOver, Redraw, ShowProblem, TryAgain, Verdict

log = logging.getLogger("kiosk.workflow")

# The problems that say this card's chip cannot be read here (no ID chip, or data that
# cannot be used): typing the number is the way on (`Case.may_type_number`).
UNREADABLE_CHIP = frozenset({"card_unsupported", "card_read_failed"})


def chip_unreadable(problem: Problem | None) -> bool:
    return problem is not None and problem.code in UNREADABLE_CHIP


class CardRead:
    """One read of the card on the reader: the work of the "read_card" job.

    `cleared` tells the workflow afterwards that the reader was seen empty before the
    read began (only asked when `must_clear`: a card may have been left there)."""

    def __init__(self, services: Services, session: Session, *, must_clear: bool) -> None:
        from kiosk.documents.access import AccessAttempts

        config: Any = services.config
        if session.access_attempts is None:   # the chip's tries count over the whole session
            session.access_attempts = AccessAttempts(config.devices.card_reader.access_attempts)
        self.reader = services.card_reader
        self.wait_s = float(config.session.card_wait_seconds)
        self.key, self.attempts, self.resume = session.access_key, session.access_attempts, session.card_partial
        self.trust, self.options = services.trust, services.read_options
        self.must_clear = must_clear
        self.cleared = False

    def __call__(self, ctx: JobContext) -> Any:
        from kiosk.documents.reader import read_document

        reader = self.reader
        if self.must_clear:
            if reader.field_empty() is not True:
                ctx.progress(0, 0, "remove_card")
                if not reader.wait_for_removal(self.wait_s, ctx.cancel_event):
                    ctx.check_cancelled()
                    raise CardLeftOnReader("an earlier card is still on the reader")
                ctx.progress(0, 0, "")
            self.cleared = True
        conn = reader.wait_for_card(self.wait_s, ctx.cancel_event)
        if conn is None:
            ctx.check_cancelled()
            return None
        with conn:
            return read_document(
                conn,
                progress=lambda done, total: ctx.progress(done, total, "bytes"),
                cancel=ctx.cancel_event,
                access_key=self.key,
                trust=self.trust,
                attempts=self.attempts,
                resume=self.resume,
                options=self.options,
            )


def judge_document(document: Any, session: Session, country: str) -> Identity | Verdict:
    """Who the card says the citizen is, or why it says nothing we may use."""
    from kiosk.documents.passive_auth import PaStatus
    from kiosk.documents.chip_identity import identity_from_document
    from kiosk.domain.id_numbers import InvalidIdNumber, parse_id_number

    if document is None:
        return ShowProblem(Problem("card_not_presented", "no card was placed on the reader"))
    session.card_partial = None
    pa = getattr(document, "passive_auth", None)
    session.chip_check = pa.status.value if pa is not None else ""
    session.chip_protocol = str(getattr(document, "access_protocol", "") or "")
    log.info("chip read: protocol %s, passive authentication %s, %d APDUs",
             getattr(document, "access_protocol", "?"), session.chip_check or "-", document.apdu_count)
    if session.chip_check != PaStatus.PASSED:
        # Only data signed under a CSCA this kiosk trusts say who the citizen is. Anyone
        # can make a CSCA and a document signer of their own and sign any data with
        # them: such a chip reads as "CSCA unknown", exactly like a genuine chip on a
        # kiosk without trust anchors, so neither is ever renewed on, whatever the
        # trust configuration. A chip whose data do not match their signature is
        # "failed". Either way the counter checks the card by hand.
        unknown = session.chip_check == PaStatus.CSCA_UNKNOWN
        return HandOver(HandoverReason.SIGNER_UNKNOWN if unknown else HandoverReason.NOT_AUTHENTIC)
    try:
        identity = identity_from_document(document, country)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a malformed chip
        log.warning("chip data unusable: %s", type(exc).__name__)
        return ShowProblem(Problem("card_read_failed", "the chip data could not be used"))
    try:  # a chip can carry a number that fails its own check digits: never proceed on it
        parse_id_number(identity.id_number, country)
    except InvalidIdNumber:
        return ShowProblem(Problem("card_read_failed", "the chip's ID number fails its check"))
    return identity


def judge_failure(exc: BaseException, session: Session, card_attempts: int) -> Verdict:
    """What a failed read means for the citizen; counts the tries that count."""
    from kiosk.documents.errors import AccessKeyRequired, CardPulled, UnsupportedCard, WrongAccessKey

    log.warning("card read failed: %s", type(exc).__name__)
    s = session
    if isinstance(exc, CardLeftOnReader):
        return ShowProblem(Problem("card_left_on_reader", "an earlier card was never taken off the reader"))
    if isinstance(exc, AccessKeyRequired):
        s.identify_mode = IdentifyMode.ACCESS_KEY   # a prompt, not a failure
        s.problem = None
        return Redraw()
    if isinstance(exc, WrongAccessKey):
        if getattr(exc, "hand_over", False):
            return HandOver(HandoverReason.ACCESS)
        s.access_key = None
        s.identify_mode = IdentifyMode.ACCESS_KEY
        remaining = getattr(exc, "remaining", None)
        return ShowProblem(Problem("access_key_wrong", "the chip refused the access data",
                                   {"remaining": "" if remaining is None else str(remaining)}))
    if isinstance(exc, CardPulled):
        s.card_attempts += 1
        s.card_partial = getattr(exc, "partial", None)   # put it back: the read resumes
        if s.card_attempts >= card_attempts:
            return HandOver(HandoverReason.CARD)
        return TryAgain(Problem("card_pulled", "the card was moved during the read"))
    if isinstance(exc, (DeviceUnavailable, CardReaderError)):
        return DeviceFailed(Problem("reader_missing", str(type(exc).__name__)))
    if isinstance(exc, UnsupportedCard) and type(s.access_key).__name__ == "CanKey":
        # Some chips (BAC only) cannot be opened with the number on the front: ask for
        # the details on the back instead of repeating a key that can never work.
        s.access_key = None
        s.identify_mode = IdentifyMode.ACCESS_KEY
        return ShowProblem(Problem("access_key_can_unsupported", "this chip only opens with the MRZ fields"))
    if isinstance(exc, UnsupportedCard):
        return ShowProblem(Problem("card_unsupported", "this card has no readable ID chip"))
    s.card_attempts += 1
    if s.card_attempts >= card_attempts:
        return HandOver(HandoverReason.CARD)
    return ShowProblem(Problem("card_read_failed", type(exc).__name__))
