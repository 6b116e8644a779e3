"""The citizen's words for what the core reports as codes.

The core names a problem, an eligibility verdict or an outcome with a stable code and
leaves the wording to the UI (see `kiosk.workflow.problems`). Here every code becomes a
plain sentence saying what happened and one saying what to do next, in the language
currently installed.

Sources are marked with ``QT_TRANSLATE_NOOP`` so `lupdate` collects them, and translated
only when asked for (``QCoreApplication.translate``): a language switch then needs no
rebuilt tables. Placeholders are named (``{date}``) and filled after translation, so a
translator may move them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.domain.cases import Case
from kiosk.domain.country_rules import DEFAULT_COUNTRY, id_number_format, mobile_format
from kiosk.workflow.problems import PROBLEM_CODES, Problem
from kiosk.workflow.states import Outcome

PROBLEMS = "Problems"
MESSAGES = "Messages"


@dataclass(frozen=True)
class ProblemText:
    """What happened, and what the citizen should do now."""

    message: str
    next_step: str


def _t(context: str, source: str, **values: Any) -> str:
    text = QCoreApplication.translate(context, source)
    return text.format(**values) if values else text


# Every code of kiosk.workflow.problems.PROBLEM_CODES (a test checks completeness).
_PROBLEMS: dict[str, tuple[str, str]] = {
    "card_not_presented": (
        QT_TRANSLATE_NOOP("Problems", "We did not find a card on the reader."),
        QT_TRANSLATE_NOOP("Problems", "Put your card flat on the reader and leave it there, then tap 'Try again'."),
    ),
    "card_pulled": (
        QT_TRANSLATE_NOOP("Problems", "Your card was moved while we were reading it."),
        QT_TRANSLATE_NOOP("Problems", "Put your card back on the reader and do not move it until we say so."),
    ),
    "card_left_on_reader": (
        QT_TRANSLATE_NOOP("Problems", "Another card is still lying on the reader."),
        QT_TRANSLATE_NOOP(
            "Problems",
            "Take it off the reader and give it to our staff if it is not yours. Then tap 'Try again'.",
        ),
    ),
    "card_unsupported": (
        QT_TRANSLATE_NOOP("Problems", "This card cannot be read here."),
        QT_TRANSLATE_NOOP("Problems", "Type your ID number instead."),
    ),
    "card_read_failed": (
        QT_TRANSLATE_NOOP("Problems", "We could not read the chip of your card."),
        QT_TRANSLATE_NOOP("Problems", "Try again, or type your ID number instead."),
    ),
    "reader_missing": (
        QT_TRANSLATE_NOOP("Problems", "The card reader is not working."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Try again'. If it still does not work, please go to the counter."),
    ),
    "access_key_invalid": (
        QT_TRANSLATE_NOOP("Problems", "Some of the details are not complete."),
        QT_TRANSLATE_NOOP("Problems", "Fill in every box exactly as it is printed on your card, then tap 'Continue'."),
    ),
    "access_key_wrong": (
        QT_TRANSLATE_NOOP("Problems", "These details do not open the chip of your card."),
        QT_TRANSLATE_NOOP("Problems", "Compare what you typed with your card and correct it."),
    ),
    "access_key_can_unsupported": (
        QT_TRANSLATE_NOOP("Problems", "The chip of this card cannot be opened with the number on the front."),
        QT_TRANSLATE_NOOP("Problems", "Choose 'Details on the back' and type the three details printed there."),
    ),
    "card_not_authentic": (
        QT_TRANSLATE_NOOP("Problems", "We could not confirm that the card's chip is genuine."),
        QT_TRANSLATE_NOOP("Problems", "Please go to the counter: our staff will check your card with you."),
    ),
    "id_invalid": (
        QT_TRANSLATE_NOOP("Problems", "This ID number is not correct."),
        QT_TRANSLATE_NOOP("Problems", "Check the number on your documents and correct it."),
    ),
    "office_unreachable": (
        QT_TRANSLATE_NOOP("Problems", "We cannot check ID numbers with the ID office right now."),
        QT_TRANSLATE_NOOP("Problems", "Please go to the counter: our staff will help you there."),
    ),
    "office_unreachable_card": (
        QT_TRANSLATE_NOOP("Problems", "We cannot check ID numbers with the ID office right now."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Use the card reader instead' to read your card's chip, or go to the counter."
        ),
    ),
    "office_busy": (
        QT_TRANSLATE_NOOP("Problems", "The ID office is very busy right now."),
        QT_TRANSLATE_NOOP("Problems", "Wait a moment and try once more, or go to the counter."),
    ),
    "studio_unavailable": (
        QT_TRANSLATE_NOOP("Problems", "We cannot fetch your studio photo from the ID office right now."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Take the photo here instead' and the camera will take it, or go to the counter."
        ),
    ),
    "eid_code_invalid": (
        QT_TRANSLATE_NOOP("Problems", "This e-ID code is not valid any more."),
        QT_TRANSLATE_NOOP(
            "Problems", "Open your e-ID app for a fresh code and show it again, or type your ID number instead."
        ),
    ),
    "eid_unreachable": (
        QT_TRANSLATE_NOOP("Problems", "We cannot check e-ID codes with the ID office right now."),
        QT_TRANSLATE_NOOP("Problems", "Type your ID number instead, or go to the counter."),
    ),
    "eid_unreachable_card": (
        QT_TRANSLATE_NOOP("Problems", "We cannot check e-ID codes with the ID office right now."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Use the card reader instead' to read your card's chip, or go to the counter."
        ),
    ),
    "face_no_match_eid": (
        QT_TRANSLATE_NOOP("Problems", "We could not confirm that this e-ID code is yours."),
        QT_TRANSLATE_NOOP(
            "Problems", "Look straight at the camera and tap 'Try again', or tap 'Use another way'."
        ),
    ),
    "face_no_match": (
        QT_TRANSLATE_NOOP("Problems", "We could not confirm that you are the person on the card."),
        QT_TRANSLATE_NOOP("Problems", "Take off glasses or a hat, look straight at the camera and tap 'Try again'."),
    ),
    "face_no_match_typed": (
        QT_TRANSLATE_NOOP("Problems", "We could not confirm that this ID number is yours."),
        QT_TRANSLATE_NOOP(
            "Problems",
            "If you mistyped it, tap 'Change the ID number'. Otherwise look straight at the camera and tap 'Try again'.",
        ),
    ),
    "face_not_found": (
        QT_TRANSLATE_NOOP("Problems", "We cannot see your face."),
        QT_TRANSLATE_NOOP("Problems", "Stand in front of the screen, look at the camera and tap 'Try again'."),
    ),
    "liveness_failed": (
        QT_TRANSLATE_NOOP("Problems", "We could not confirm that a live person is in front of the camera."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Try again', then follow the instructions on the picture: blink, and turn your head slowly when asked."
        ),
    ),
    "camera_missing": (
        QT_TRANSLATE_NOOP("Problems", "The camera is not working."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Try again'. If it still does not work, please go to the counter."),
    ),
    "portrait_not_found": (
        QT_TRANSLATE_NOOP("Problems", "We could not take a good photo."),
        QT_TRANSLATE_NOOP("Problems", "Look straight at the camera, keep still and tap 'Retake'."),
    ),
    "studio_code_invalid": (
        QT_TRANSLATE_NOOP("Problems", "We found no photo for this code."),
        QT_TRANSLATE_NOOP("Problems", "Check the code on your photo receipt and type it again."),
    ),
    "code_not_found": (
        QT_TRANSLATE_NOOP("Problems", "The camera did not see the code."),
        QT_TRANSLATE_NOOP("Problems", "Try again and hold the code inside the frame, or type it instead."),
    ),
    "fingerprint_no_finger": (
        QT_TRANSLATE_NOOP("Problems", "We did not feel a finger on the scanner."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Scan again', then press your finger on the glass."),
    ),
    "fingerprint_place_flat": (
        QT_TRANSLATE_NOOP("Problems", "Only part of your finger was on the scanner."),
        QT_TRANSLATE_NOOP("Problems", "Place your finger flat, in the middle of the glass."),
    ),
    "fingerprint_press_harder": (
        QT_TRANSLATE_NOOP("Problems", "The fingerprint is too faint."),
        QT_TRANSLATE_NOOP("Problems", "Press a little harder and keep still."),
    ),
    "fingerprint_clean_finger": (
        QT_TRANSLATE_NOOP("Problems", "The fingerprint is smudged."),
        QT_TRANSLATE_NOOP("Problems", "Wipe your finger clean and dry, then press again."),
    ),
    "fingerprint_other_finger": (
        QT_TRANSLATE_NOOP("Problems", "We could not read this finger."),
        QT_TRANSLATE_NOOP("Problems", "Please use the finger shown now instead."),
    ),
    "fingerprint_missing": (
        QT_TRANSLATE_NOOP("Problems", "The fingerprint scanner is not working."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Try again'. If it still does not work, please go to the counter."),
    ),
    "phone_invalid": (
        QT_TRANSLATE_NOOP("Problems", "This is not a mobile phone number."),
        QT_TRANSLATE_NOOP("Problems", "Type your mobile number again: it has {digits} digits."),
    ),
    "studio_photo_rejected": (   # issue 16
        QT_TRANSLATE_NOOP("Problems", "Your studio photo does not meet the rules for ID card photos."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Take the photo here instead' and the camera will take it, or go to the counter."
        ),
    ),
    # The phone check (issue 16).
    "phone_code_wrong": (
        QT_TRANSLATE_NOOP("Problems", "This is not the code we sent."),
        QT_TRANSLATE_NOOP("Problems", "Look at the text message on your phone and type its code again."),
    ),
    "phone_code_locked": (
        QT_TRANSLATE_NOOP("Problems", "The code was wrong too many times."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Change the number' to use another mobile number, or go to the counter."
        ),
    ),
    "phone_code_expired": (
        QT_TRANSLATE_NOOP("Problems", "This code is no longer valid."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Send a new code' and type the code of the new text message."),
    ),
    "phone_code_no_more": (
        QT_TRANSLATE_NOOP("Problems", "We cannot send more codes to your phone."),
        QT_TRANSLATE_NOOP(
            "Problems", "Tap 'Change the number' to use another mobile number, or go to the counter."
        ),
    ),
    "phone_check_unavailable": (
        QT_TRANSLATE_NOOP("Problems", "We cannot send a code to your phone right now."),
        QT_TRANSLATE_NOOP("Problems", "Please go to the counter: our staff will finish your application."),
    ),
    "address_missing": (
        QT_TRANSLATE_NOOP("Problems", "We need the address to send your card to."),
        QT_TRANSLATE_NOOP("Problems", "Type the full address: street, number and city."),
    ),
    "consent_missing": (
        QT_TRANSLATE_NOOP("Problems", "Please agree to the privacy terms first."),
        QT_TRANSLATE_NOOP("Problems", "Tick the box 'I agree' on this screen."),
    ),
    "signature_missing": (
        QT_TRANSLATE_NOOP("Problems", "Please sign first."),
        QT_TRANSLATE_NOOP("Problems", "Sign with your finger in the white box."),
    ),
    "save_failed": (
        QT_TRANSLATE_NOOP("Problems", "Your application could not be saved. Nothing was sent."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Try again'. If it still does not work, please go to the counter."),
    ),
    "print_failed": (
        QT_TRANSLATE_NOOP("Problems", "The printer could not print your receipt."),
        QT_TRANSLATE_NOOP("Problems", "Your application is saved. Please write down the number, or keep it on "
                                      "your phone as a QR code."),
    ),
    # Payment (issue 16)
    "payment_expired": (
        QT_TRANSLATE_NOOP("Problems", "The time to pay with this code has run out. Nothing was charged."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Show a new code' to pay now, or go back to the review."),
    ),
    "payment_cancelled": (
        QT_TRANSLATE_NOOP("Problems", "The payment was cancelled. Nothing was charged."),
        QT_TRANSLATE_NOOP("Problems", "Tap 'Show a new code' to pay now, or go back to the review."),
    ),
    "payment_busy": (
        QT_TRANSLATE_NOOP("Problems", "The payment service is very busy right now."),
        QT_TRANSLATE_NOOP("Problems", "Wait a moment and tap 'Show a new code', or go to the counter."),
    ),
}

# Why a typed ID number is wrong (codes of kiosk.domain.errors.InvalidIdNumber).
_ID_REASONS: dict[str, str] = {
    "length": QT_TRANSLATE_NOOP("Problems", "The number must have {length} characters; you typed {typed}."),
    "characters": QT_TRANSLATE_NOOP("Problems", "Only digits are allowed (and X only as the last character)."),
    "region": QT_TRANSLATE_NOOP("Problems", "The first digits are not the code of a known region."),
    "birth_date": QT_TRANSLATE_NOOP("Problems", "The date of birth inside the number is not possible."),
    "check_character": QT_TRANSLATE_NOOP(
        "Problems", "The last character does not match the others: a digit may be mistyped."
    ),
}
# ... for a number whose last character cannot be X.
_ID_REASONS_DIGITS_ONLY: dict[str, str] = {
    "characters": QT_TRANSLATE_NOOP("Problems", "Only digits are allowed."),
}
# Not "the last character should be 7": that invites changing the last digit when another
# one was mistyped (the core no longer says which would fit).
_CHECK_EVERY_DIGIT = QT_TRANSLATE_NOOP(
    "Problems", "Compare every digit with your card, from the first: the mistyped one can be anywhere."
)


# How many more access keys the chip will try (params['remaining'] of access_key_wrong).
_TRIES_LEFT_ONE = QT_TRANSLATE_NOOP("Problems", "You can try one more time.")
_TRIES_LEFT = QT_TRANSLATE_NOOP("Problems", "You can try {count} more times.")


def problem_codes_covered() -> set[str]:
    return set(_PROBLEMS)


def problem_text(problem: Problem, country: str = DEFAULT_COUNTRY, typed: str = "") -> ProblemText:
    """The citizen's words for `problem`; `typed` is the number typed (for id_invalid)."""
    message, next_step = _PROBLEMS.get(problem.code, _UNKNOWN)
    text = _t(PROBLEMS, message)
    if problem.code == "id_invalid":
        # The specific reason says more than "not correct", in fewer words to read.
        text = id_invalid_reason(problem, country, typed) or text
    values = {"digits": mobile_format(country).length}
    step = _t(PROBLEMS, next_step, **values)
    if problem.code in ("access_key_wrong", "phone_code_wrong"):
        step = join_sentences(step, tries_left_text(problem.params.get("remaining", "")))
    return ProblemText(text, step.strip())


def tries_left_text(remaining: str | int | None) -> str:
    """'You can try 2 more times.'; empty when the count is unknown (a reader that keeps
    no count) or nothing is left (then the workflow has already handed over)."""
    try:
        count = int(remaining)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if count <= 0:
        return ""
    if count == 1:
        return _t(PROBLEMS, _TRIES_LEFT_ONE)
    return _t(PROBLEMS, _TRIES_LEFT, count=count)


def id_invalid_reason(problem: Problem, country: str = DEFAULT_COUNTRY, typed: str = "") -> str:
    """Which check failed; for a wrong check character, to compare every digit."""
    reason = problem.params.get("reason", "")
    id_format = id_number_format(country)
    source = (_ID_REASONS if id_format.check_letter else _ID_REASONS | _ID_REASONS_DIGITS_ONLY).get(reason)
    if source is None:
        return ""
    text = _t(PROBLEMS, source, length=id_format.length, typed=len(typed.strip()))
    if reason == "check_character":
        text = join_sentences(text, _t(PROBLEMS, _CHECK_EVERY_DIGIT))
    return text


def join_sentences(first: str, second: str) -> str:
    """Two sentences in a row: Chinese ends a sentence with a full-width stop and puts no
    space after it; the other languages do. An empty one is left out."""
    if not first or not second:
        return first or second
    if first.endswith(("。", "！", "？", "；", "：")):
        return first + second
    return f"{first} {second}"


_UNKNOWN = (
    QT_TRANSLATE_NOOP("Problems", "Something went wrong."),
    QT_TRANSLATE_NOOP("Problems", "Please try again, or go to the counter."),
)

# --- eligibility -------------------------------------------------------------------------

_ELIGIBILITY: dict[str, tuple[str, str]] = {
    "too_early": (
        QT_TRANSLATE_NOOP("Messages", "Your card can be renewed from {date}."),
        QT_TRANSLATE_NOOP("Messages", "Your card is still valid for a while. Please come back on or after that day."),
    ),
    "too_young": (
        QT_TRANSLATE_NOOP("Messages", "Applicants under {age} must come to the counter with a guardian."),
        QT_TRANSLATE_NOOP("Messages", "Please go to the counter with a parent or guardian."),
    ),
    "expiry_unknown": (
        QT_TRANSLATE_NOOP("Messages", "We could not find the expiry date of your card."),
        QT_TRANSLATE_NOOP("Messages", "Please go to the counter."),
    ),
}


OUT_OF_SERVICE = "OutOfService"

# Why the kiosk is out of service: every code of kiosk.operations.service_control.REASON_CODES
# (a test checks completeness). Read by staff on the citizen's screen, so plain words in
# the citizen's language, and short: several can hold at once.
_OUT_OF_SERVICE: dict[str, str] = {
    "switched_off": QT_TRANSLATE_NOOP("OutOfService", "Switched off for maintenance."),
    "start_failed": QT_TRANSLATE_NOOP("OutOfService", "The kiosk could not start."),
    "camera_unavailable": QT_TRANSLATE_NOOP("OutOfService", "The camera is not working."),
    "card_reader_unavailable": QT_TRANSLATE_NOOP("OutOfService", "The card reader is not working."),
    "printer_offline": QT_TRANSLATE_NOOP("OutOfService", "The receipt printer is not answering."),
    "printer_paper_out": QT_TRANSLATE_NOOP("OutOfService", "The receipt printer is out of paper."),
    "printer_cover_open": QT_TRANSLATE_NOOP("OutOfService", "The cover of the receipt printer is open."),
    "disk_unavailable": QT_TRANSLATE_NOOP("OutOfService", "The kiosk cannot write to its storage."),
    "disk_full": QT_TRANSLATE_NOOP("OutOfService", "The kiosk's storage is full."),
    "queue_unreadable": QT_TRANSLATE_NOOP("OutOfService", "The kiosk cannot save applications."),
}
_OUT_OF_SERVICE_OTHER = QT_TRANSLATE_NOOP("OutOfService", "A device needs attention ({code}).")


def out_of_service_codes_covered() -> set[str]:
    return set(_OUT_OF_SERVICE)


def out_of_service_text(code: str) -> str:
    """One reason the kiosk is out of service, in the language installed now."""
    source = _OUT_OF_SERVICE.get(code)
    return _t(OUT_OF_SERVICE, source) if source else _t(OUT_OF_SERVICE, _OUT_OF_SERVICE_OTHER, code=code)


def format_date(day: dt.date | None) -> str:
    """Dates as 2027-01-05: unambiguous in every language of the kiosk."""
    return day.isoformat() if day else ""


def eligibility_text(eligibility: Any, min_age: int = 16) -> ProblemText:
    """Why a citizen may not renew here today, and what to do instead."""
    message, next_step = _ELIGIBILITY.get(eligibility.code, _UNKNOWN)
    context = MESSAGES if eligibility.code in _ELIGIBILITY else PROBLEMS
    return ProblemText(
        _t(context, message, date=format_date(getattr(eligibility, "earliest_date", None)), age=min_age),
        _t(context, next_step),
    )


# --- cases ---------------------------------------------------------------------------------

_CASES: dict[Case, tuple[str, str, str]] = {
    Case.EXPIRING: (
        QT_TRANSLATE_NOOP("Messages", "My card is expiring or has expired"),
        QT_TRANSLATE_NOOP("Messages", "Have your card with you. Fee: {fee}"),
        QT_TRANSLATE_NOOP("Messages", "Renewal: card expiring or expired"),
    ),
    Case.DAMAGED: (
        QT_TRANSLATE_NOOP("Messages", "My card is damaged"),
        QT_TRANSLATE_NOOP("Messages", "Have your card with you, even if it is broken. Fee: {fee}"),
        QT_TRANSLATE_NOOP("Messages", "Replacement: damaged card"),
    ),
    Case.LOST: (
        QT_TRANSLATE_NOOP("Messages", "I lost my card"),
        QT_TRANSLATE_NOOP("Messages", "You will type your ID number. Fee: {fee}"),
        QT_TRANSLATE_NOOP("Messages", "Replacement: lost card"),
    ),
}


def fee_text(amount: Decimal, currency: str, lang: str) -> str:
    from kiosk.receipts.model import format_fee

    return format_fee(Decimal(amount), currency, lang or "en")


def case_title(case: Case) -> str:
    return _t(MESSAGES, _CASES[Case(case)][0])


def case_subtitle(case: Case, fee: str) -> str:
    return _t(MESSAGES, _CASES[Case(case)][1], fee=fee)


def case_name(case: Case) -> str:
    """Short name for the review screen."""
    return _t(MESSAGES, _CASES[Case(case)][2])


# --- pick-up -------------------------------------------------------------------------------

_PICKUP = {
    "station": QT_TRANSLATE_NOOP("Messages", "Collect at this police station"),
    "post": QT_TRANSLATE_NOOP("Messages", "Deliver by post"),
}


def pickup_name(method: str) -> str:
    source = _PICKUP.get(method)
    return _t(MESSAGES, source) if source else ""


# --- fingers ---------------------------------------------------------------------------------

_FINGERS = {
    "right_thumb": QT_TRANSLATE_NOOP("Messages", "right thumb"),
    "right_index": QT_TRANSLATE_NOOP("Messages", "right index finger"),
    "right_middle": QT_TRANSLATE_NOOP("Messages", "right middle finger"),
    "right_ring": QT_TRANSLATE_NOOP("Messages", "right ring finger"),
    "right_little": QT_TRANSLATE_NOOP("Messages", "right little finger"),
    "left_thumb": QT_TRANSLATE_NOOP("Messages", "left thumb"),
    "left_index": QT_TRANSLATE_NOOP("Messages", "left index finger"),
    "left_middle": QT_TRANSLATE_NOOP("Messages", "left middle finger"),
    "left_ring": QT_TRANSLATE_NOOP("Messages", "left ring finger"),
    "left_little": QT_TRANSLATE_NOOP("Messages", "left little finger"),
}


def finger_name(finger: str) -> str:
    source = _FINGERS.get(finger)
    return _t(MESSAGES, source) if source else ""


# --- how a session ended -------------------------------------------------------------------

_OUTCOMES: dict[Outcome, str] = {
    Outcome.COMPLETED: QT_TRANSLATE_NOOP(
        "Messages", "Your application is complete. We will send you a text message when your new card is ready."
    ),
    Outcome.CANCELLED: QT_TRANSLATE_NOOP("Messages", "Your application was cancelled. Nothing was sent."),
    Outcome.TIMED_OUT: QT_TRANSLATE_NOOP(
        "Messages", "Your session ended because nobody touched the screen for a while."
    ),
    Outcome.NOT_ELIGIBLE: QT_TRANSLATE_NOOP("Messages", "You cannot apply at this machine today."),
    Outcome.HANDED_OVER: QT_TRANSLATE_NOOP("Messages", "Please go to the counter. The staff will help you."),
    Outcome.DEVICE_ERROR: QT_TRANSLATE_NOOP(
        "Messages", "We are sorry for the trouble. Please go to the counter."
    ),
}


def outcome_text(outcome: Outcome | None) -> str:
    source = _OUTCOMES.get(outcome) if outcome is not None else None
    return _t(MESSAGES, source) if source else ""


# --- hand-over -----------------------------------------------------------------------------

_HANDOVER = {
    "face": QT_TRANSLATE_NOOP("Messages", "We could not confirm your face after {tries} tries."),
    "card": QT_TRANSLATE_NOOP("Messages", "We could not read your card after {tries} tries."),
    "access": QT_TRANSLATE_NOOP("Messages", "The details typed did not open the chip of your card after {tries} tries."),
    "not_authentic": QT_TRANSLATE_NOOP("Messages", "We could not confirm that the card's chip is genuine."),
    "signer_unknown": QT_TRANSLATE_NOOP("Messages", "We could not confirm that the card's chip is genuine."),
    "phone": QT_TRANSLATE_NOOP("Messages", "We could not confirm your mobile phone number."),   # issue 16
    "payment": QT_TRANSLATE_NOOP("Messages", "We cannot take or confirm the fee here right now."),
    "other": QT_TRANSLATE_NOOP("Messages", "This application needs the help of our staff."),
}
_BRING = {
    "face": QT_TRANSLATE_NOOP("Messages", "Bring your ID card and another identity document if you have one."),
    "card": QT_TRANSLATE_NOOP("Messages", "Bring the card that could not be read."),
    "access": QT_TRANSLATE_NOOP("Messages", "Bring your card: our staff can open its chip for you."),
    "not_authentic": QT_TRANSLATE_NOOP(
        "Messages",
        "This can happen when a chip is damaged. Bring your card and another identity document if you have one.",
    ),
    "signer_unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "Our staff can check your card by hand. Bring it, and another identity document if you have one.",
    ),
    "phone": QT_TRANSLATE_NOOP("Messages", "Bring your ID card and your mobile phone."),   # issue 16
    "payment": QT_TRANSLATE_NOOP(
        "Messages",
        "If you have already paid, nothing is lost: our staff can see your payment. "
        "They will help you finish your application and take the fee.",
    ),
    "other": QT_TRANSLATE_NOOP("Messages", "Bring any identity document you have with you."),
}


def handover_reason(session: Any, config: Any) -> str:
    """Why the workflow sent the citizen to the counter, as it named it
    (kiosk.workflow.states.HandoverReason), or 'other'."""
    reason = getattr(session, "handover_reason", None)
    return reason.value if reason is not None and reason.value in _HANDOVER else "other"


def handover_tries(reason: str, config: Any) -> int:
    """The number of tries the hand-over sentence names (0 where it names none)."""
    return {
        "face": config.session.face_attempts,
        "card": config.session.card_attempts,
        "access": config.devices.card_reader.access_attempts,
    }.get(reason, 0)


def handover_text(reason: str, tries: int) -> ProblemText:
    return ProblemText(_t(MESSAGES, _HANDOVER[reason], tries=tries), _t(MESSAGES, _BRING[reason]))


# --- camera guidance ------------------------------------------------------------------------

GUIDANCE = "Guidance"

# Every code of kiosk.biometrics.guidance.MESSAGES (a test checks completeness and that the
# English is the core's reference wording): what the live analysis tells the citizen.
# Directions are as the citizen sees them in the mirrored picture.
_GUIDANCE: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("Guidance", "Perfect. Hold still."),
    "no_face": QT_TRANSLATE_NOOP("Guidance", "Look at the camera."),
    "one_person_only": QT_TRANSLATE_NOOP("Guidance", "Only one person in front of the camera, please."),
    "come_closer": QT_TRANSLATE_NOOP("Guidance", "Come a little closer."),
    "move_back": QT_TRANSLATE_NOOP("Guidance", "Move back a little."),
    "move_left": QT_TRANSLATE_NOOP("Guidance", "Move a little to your left."),
    "move_right": QT_TRANSLATE_NOOP("Guidance", "Move a little to your right."),
    "move_up": QT_TRANSLATE_NOOP("Guidance", "Raise your head a little, or stand up straight."),
    "move_down": QT_TRANSLATE_NOOP("Guidance", "Lower your head a little."),
    "look_straight": QT_TRANSLATE_NOOP("Guidance", "Look straight at the camera."),
    "chin_up": QT_TRANSLATE_NOOP("Guidance", "Lift your chin a little."),
    "chin_down": QT_TRANSLATE_NOOP("Guidance", "Lower your chin a little."),
    "straighten_head": QT_TRANSLATE_NOOP("Guidance", "Keep your head upright."),
    "remove_glasses": QT_TRANSLATE_NOOP("Guidance", "Please take off your glasses."),
    "remove_head_covering": QT_TRANSLATE_NOOP("Guidance", "Please take off your hat or head covering."),
    "open_eyes": QT_TRANSLATE_NOOP("Guidance", "Keep your eyes open."),
    "close_mouth": QT_TRANSLATE_NOOP("Guidance", "Close your mouth and keep a neutral face."),
    "more_light": QT_TRANSLATE_NOOP("Guidance", "It is too dark here. Step into the light."),
    "less_light": QT_TRANSLATE_NOOP("Guidance", "Too much light on your face."),
    "light_uneven": QT_TRANSLATE_NOOP("Guidance", "Your face is lit unevenly. Face the screen squarely."),
    "plain_background": QT_TRANSLATE_NOOP("Guidance", "Stand in front of the plain background."),
    "hold_still": QT_TRANSLATE_NOOP("Guidance", "Hold still."),
    "blink": QT_TRANSLATE_NOOP("Guidance", "Blink slowly once."),
    "turn_left": QT_TRANSLATE_NOOP("Guidance", "Slowly turn your head to your left."),
    "turn_right": QT_TRANSLATE_NOOP("Guidance", "Slowly turn your head to your right."),
    "turn_head": QT_TRANSLATE_NOOP("Guidance", "Slowly turn your head to one side."),
    "turn_back": QT_TRANSLATE_NOOP("Guidance", "Now look at the camera again."),
}


SCAN_GUIDANCE = "ScanGuidance"
# What the code scanner's instruction codes say (kiosk.codes.scanner.ScanState).
_SCAN_GUIDANCE: dict[str, str] = {
    "searching": QT_TRANSLATE_NOOP("ScanGuidance", "Hold the code inside the frame."),
    "wrong_code": QT_TRANSLATE_NOOP("ScanGuidance", "This is not the code we need here."),
    "unusable": QT_TRANSLATE_NOOP("ScanGuidance", "We cannot use this code. Show another one."),
    "found": QT_TRANSLATE_NOOP("ScanGuidance", "Code read."),
}


def scan_guidance_text(code: str) -> str:
    """The citizen's words for a code scanner's instruction (unknown: "hold the code")."""
    return _t(SCAN_GUIDANCE, _SCAN_GUIDANCE.get(code) or _SCAN_GUIDANCE["searching"])


def guidance_codes_covered() -> set[str]:
    return set(_GUIDANCE)


def guidance_source(code: str) -> str:
    """The English source of a guidance code ('' for an unknown code)."""
    return _GUIDANCE.get(code, "")


def guidance_text(code: str) -> str:
    """The citizen's words for a camera guidance code, in the current language; an
    unknown code (a newer core) falls back to the plainest instruction."""
    return _t(GUIDANCE, _GUIDANCE.get(code) or _GUIDANCE["no_face"])


def validity_text(validity: Any) -> str:
    """How long the new card will be valid."""
    if validity is None:
        return ""
    if validity.long_term:
        return _t(MESSAGES, QT_TRANSLATE_NOOP("Messages", "Long-term (no end date)"))
    return _t(
        MESSAGES,
        QT_TRANSLATE_NOOP("Messages", "{years} years, until {date}"),
        years=validity.years,
        date=format_date(validity.valid_until),
    )


def mask_id_number(number: str) -> str:
    """110***********002X: enough for the citizen to recognise, not enough to copy."""
    from kiosk.receipts.model import mask_id_number as mask

    return mask(number)


__all__ = [
    "PROBLEM_CODES",
    "ProblemText",
    "case_name",
    "case_subtitle",
    "case_title",
    "eligibility_text",
    "fee_text",
    "format_date",
    "guidance_codes_covered",
    "guidance_source",
    "guidance_text",
    "handover_reason",
    "handover_text",
    "handover_tries",
    "id_invalid_reason",
    "mask_id_number",
    "outcome_text",
    "pickup_name",
    "problem_codes_covered",
    "problem_text",
    "tries_left_text",
    "validity_text",
]
