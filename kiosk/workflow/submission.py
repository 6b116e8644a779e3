"""Submitting: the application built from the session, saved, then its receipt printed.

The order is the promise made to the citizen. The application is built once per session,
so a retry after a failed save submits the same one (same id, same number), which the
queue accepts idempotently instead of a second application. It is committed to the
queue before anything says "saved"; the receipt comes after, and a receipt that fails
never turns a saved application into an unsaved one: the citizen is told to show the
screen to the staff instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable

from kiosk.workflow.jobs import JobContext
from kiosk.workflow.problems import Problem
from kiosk.workflow.services import Services
from kiosk.workflow.session import Session

log = logging.getLogger("kiosk.workflow")


def build_application(session: Session, config: Any, now: dt.datetime) -> Any:
    """The application as the office will receive it (kiosk.card_application.Application)."""
    from kiosk.card_application import Application, identity_check_record
    from kiosk.identity import IdentitySource

    s, cfg = session, config
    ident = s.identity
    assert ident is not None and s.case is not None and s.portrait is not None
    chip = ident.source is IdentitySource.CHIP
    return Application.create(
        ident,
        application_number="",   # numbered when it is saved: the number carries the day
        created_at=now,
        kiosk_id=cfg.kiosk.id,
        station=cfg.kiosk.station,
        case=s.case,
        language=s.language,
        phone=s.phone,
        pickup_method=s.pickup_method,
        postal_address=s.postal_address,
        postal_address_parts=s.postal_address_parts,
        portrait_jpeg=s.portrait.jpeg,
        signature_png=s.signature_png,
        face_check=s.face_decision.as_record() if s.face_decision else {},
        identity_check=identity_check_record(ident.source.value, s.chip_check, s.chip_protocol) if chip else None,
        fee_amount=s.fee.amount,
        fee_currency=s.fee.currency,
        fingerprints=_fingerprints(s, cfg),
    )


def _fingerprints(s: Session, cfg: Any) -> dict[str, Any]:
    """The prints as the standard's record, or why there are none (for the counter)."""
    from kiosk.biometrics.finger_record import write_record
    from kiosk.card_application import FingerprintStatus, fingerprints_record

    if not cfg.fingerprints_required:
        return fingerprints_record(FingerprintStatus.NOT_REQUIRED)
    record = write_record(s.fingerprints) if s.fingerprints else b""
    if s.fingerprints_declined or not s.fingerprints:
        return fingerprints_record(FingerprintStatus.DECLINED, s.fingerprints_declined or "no_usable_print", record)
    return fingerprints_record(FingerprintStatus.CAPTURED, "", record)


def save_and_print(application: Any, services: Services) -> Callable[[JobContext], tuple[Any, Any]]:
    """The work of the "submit" job: returns the saved application and the issued
    receipt (None when the receipt could not be made)."""
    from kiosk.receipts.issue import issue_receipt

    store: Any = services.store
    printer, signer = services.printer, services.receipt_signer
    # The receipt names the station in the citizen's language; the office gets its own name.
    station = services.config.kiosk.station_in(application.language)

    def work(ctx: JobContext) -> tuple[Any, Any]:
        ctx.progress(0, 3, "saving")
        if not application.application_number:
            # The number carries the kiosk's local day (the citizen's day), not UTC's.
            application.application_number = store.next_application_number(
                application.kiosk_id, application.created_at.astimezone().date()
            )
        store.enqueue(application)      # committed: only now may we say "saved"
        ctx.progress(1, 3, "saved")
        ctx.progress(2, 3, "printing")
        try:
            issued = issue_receipt(application, printer, signer, station=station)
        except Exception as exc:  # noqa: BLE001 - saved is saved: never report it as unsaved
            log.error("receipt for a saved application failed: %s", type(exc).__name__)
            issued = None
        ctx.progress(3, 3, "done")
        return application, issued

    return work


def record_saved(session: Session, application: Any, issued: Any) -> None:
    """What the receipt screen shows: the application's number and how its receipt went."""
    from hardware.printer import PrinterStatus, PrintResult

    s = session
    s.application_id = application.application_id
    s.application_number = application.application_number
    if issued is None:
        status = PrinterStatus.READY
        result = PrintResult(False, status, status, "the receipt could not be made")
        s.receipt, s.print_result, s.receipt_pdf = None, result, b""
    else:
        result = issued.result
        s.receipt, s.print_result = issued.receipt, result
        s.receipt_pdf = issued.job.pdf if issued.job is not None and issued.job.pdf else b""
    if not result.ok:
        log.warning("receipt not printed: %s", result.detail)
        s.problem = Problem("print_failed", result.detail)
    log.info("application saved: %s", application.application_id)
