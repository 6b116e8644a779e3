"""States of the renewal, their order for the step indicator, how sessions end, and the
record of one move through the table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    WELCOME = "welcome"
    CASE = "case"
    IDENTIFY = "identify"
    ELIGIBILITY = "eligibility"
    FACE_CHECK = "face_check"
    PORTRAIT = "portrait"
    FINGERPRINTS = "fingerprints"    # only where the document's country requires prints
    CONTACT = "contact"
    REVIEW = "review"
    SUBMIT = "submit"
    RECEIPT = "receipt"
    GOODBYE = "goodbye"
    HANDOVER = "handover"            # polite hand-over to the counter (too many failures)
    DEVICE_ERROR = "device_error"
    OUT_OF_SERVICE = "out_of_service"
    # issue 15, consent before the camera: agreed to after the case is chosen, before the
    # identify step reads the chip's photo or the camera looks at anyone.
    CONSENT = "consent"
    PHONE_CHECK = "phone_check"      # issue 16: the code the office texted to the mobile number
    # Payment (issue 16): the fee, paid after the review and before anything is saved.
    PAYMENT = "payment"


class IdentifyMode(StrEnum):
    CHIP = "chip"              # place the card on the reader
    KEYPAD = "keypad"          # type the ID number (lost card, unreadable chip)
    ACCESS_KEY = "access_key"  # the chip is locked: type the CAN or the MRZ fields
    # issue 16, e-ID journey: the identity an e-ID app's code vouched for, sealed until the
    # face matched (set once the office verified the code; the citizen then is at the face check)
    EID = "eid"


class HandoverReason(StrEnum):
    """Why a citizen was sent to the counter (the hand-over screen and the daily log)."""

    NOT_AUTHENTIC = "not_authentic"  # the chip's data does not match its signature
    SIGNER_UNKNOWN = "signer_unknown"  # the chip's signer chains to no CSCA this kiosk trusts
    ACCESS = "access"                # every access key (CAN / MRZ fields) was refused
    FACE = "face"                    # the face did not match (or prove liveness) in time
    CARD = "card"                    # the chip could not be read in time
    PHONE = "phone"                  # the mobile number could not be confirmed (issue 16)
    PAYMENT = "payment"              # the fee could not be paid or confirmed here (the office)


class Outcome(StrEnum):
    """Why a session ended; goes to the operators' daily log (no personal data)."""

    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NOT_ELIGIBLE = "not_eligible"
    HANDED_OVER = "handed_over"
    TIMED_OUT = "timed_out"
    DEVICE_ERROR = "device_error"


# Citizen-facing step numbers ("Step 3 of 6"); states without a number show none. A step
# is something the citizen does: saving and the receipt are not steps of theirs (a
# walk-through read "Step 7 of 7" on two screens as a step that never ended).
STEPS: dict[State, int] = {
    State.CASE: 1,
    State.CONSENT: 1,                # choosing the case and agreeing: one step
    State.IDENTIFY: 2,
    State.ELIGIBILITY: 2,
    State.FACE_CHECK: 3,
    State.PORTRAIT: 4,
    State.FINGERPRINTS: 4,           # the photo and the prints are one step: biometrics
    State.CONTACT: 5,
    State.PHONE_CHECK: 5,            # the code confirms the number typed: the same step
    State.REVIEW: 6,
}
STEP_COUNT = max(STEPS.values())


def step_of(state: State, *, face_first: bool = False) -> int | None:
    """The step number of `state`. With `face_first` (a typed number: "Is this you?" is
    shown only after the face matched) the confirmation belongs to the face step, so the
    numbers never run backwards: 2, 3, 3, 4 instead of 2, 3, 2, 4."""
    if face_first and state is State.ELIGIBILITY:
        return STEPS[State.FACE_CHECK]
    return STEPS.get(state)


# States where a citizen is in the middle of something: idle timeout and cancel apply
# (never while a job runs: a save in progress is not interrupted).
ACTIVE_STATES = frozenset(
    {
        State.CASE, State.CONSENT, State.IDENTIFY, State.ELIGIBILITY, State.FACE_CHECK, State.PORTRAIT, State.FINGERPRINTS,
        State.CONTACT, State.REVIEW, State.SUBMIT, State.RECEIPT, State.HANDOVER, State.DEVICE_ERROR,
        State.PHONE_CHECK,
        State.PAYMENT,
    }
)


# Where the citizen is offered 'Cancel' (end the session) beside the step: every active
# state but the save (never interrupted), the payment (its own cancel withdraws the
# order and returns to the review), the receipt (the application is already in), and
# hand-over and device errors (they have their own 'Finish').
CITIZEN_CANCEL_STATES = ACTIVE_STATES - {
    State.SUBMIT, State.PAYMENT, State.RECEIPT, State.HANDOVER, State.DEVICE_ERROR,
}


@dataclass(frozen=True)
class Move:
    """One move through the table, for observers that keep a record (the audit journal).

    The "state" event says where the workflow is now; this says how it got there: the
    trigger, the state left and how long the citizen spent in it (on the monotonic
    clock, so a wall clock set by NTP never makes a step last minus a minute), and the
    outcome when the move ended a session, whose fields are already wiped by then."""

    trigger: str
    source: State
    target: State
    seconds: float
    outcome: Outcome | None = None
