"""What the citizen is told when the office gives no answer, by what they can do now.

A citizen cannot wait out an outage at the screen, so "try again in a minute" is said
only where a later try may work (the office said it is busy: 429/503). Everything
else (unreachable, too slow, an error, a certificate refused, no office configured)
names the other way that is open: the card's chip where this case has one, a portrait
taken here instead of the studio's, and the counter. Which failure it was goes to the
log (a kind, never a number or code), for the technician.
"""

from __future__ import annotations

import logging

from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.workflow.problems import Problem

log = logging.getLogger("kiosk.workflow")


def failure_of(exc: BaseException) -> OfficeFailure:
    """The kind of an office failure; anything else a look-up raised (a photo that can be
    no portrait, an answer the client could not read) counts as the office's error."""
    return exc.failure if isinstance(exc, OfficeUnavailable) else OfficeFailure.ERROR


def identify_problem(exc: BaseException, *, chip_possible: bool) -> Problem:
    """A typed number's look-up (or its record after the face matched) failed."""
    failure = failure_of(exc)
    log.warning("office look-up failed: %s (%s)", failure.value, type(exc).__name__)
    if failure is OfficeFailure.BUSY:
        return Problem("office_busy", "the office is busy", {"failure": failure.value})
    code = "office_unreachable_card" if chip_possible else "office_unreachable"
    return Problem(code, f"the office gave no answer ({failure.value})", {"failure": failure.value})


def studio_problem(exc: BaseException) -> Problem:
    """A studio photo-receipt code could not be looked up."""
    failure = failure_of(exc)
    log.warning("studio photo look-up failed: %s (%s)", failure.value, type(exc).__name__)
    if failure is OfficeFailure.BUSY:
        return Problem("office_busy", "the office is busy", {"failure": failure.value})
    return Problem("studio_unavailable", f"the office gave no answer ({failure.value})", {"failure": failure.value})


def eid_problem(exc: BaseException, *, chip_possible: bool) -> Problem:
    """An e-ID code could not be verified: the other ways to identify (the card's chip
    where this case has one, else the typed number, which may work when only the e-ID
    issuer is down), and the counter."""
    failure = failure_of(exc)
    log.warning("e-ID verification failed: %s (%s)", failure.value, type(exc).__name__)
    if failure is OfficeFailure.BUSY:
        return Problem("office_busy", "the office is busy", {"failure": failure.value})
    code = "eid_unreachable_card" if chip_possible else "eid_unreachable"
    return Problem(code, f"the office gave no answer ({failure.value})", {"failure": failure.value})


def phone_check_problem(exc: BaseException) -> Problem:
    """A code could not be sent or checked (issue 16): the number is fine, the office is not."""
    failure = failure_of(exc)
    log.warning("phone check failed: %s (%s)", failure.value, type(exc).__name__)
    if failure is OfficeFailure.BUSY:
        return Problem("office_busy", "the office is busy", {"failure": failure.value})
    return Problem("phone_check_unavailable", f"the office gave no answer ({failure.value})",
                   {"failure": failure.value})


def payment_problem(exc: BaseException) -> Problem | None:
    """The fee could not be paid: "busy" may pass (the citizen may try again here);
    None for every other failure, which no try at this screen mends: the counter takes
    the fee (and finds a payment the office confirms later)."""
    failure = failure_of(exc)
    log.warning("payment failed: %s (%s)", failure.value, type(exc).__name__)
    if failure is OfficeFailure.BUSY:
        return Problem("payment_busy", "the payment service is busy", {"failure": failure.value})
    return None
