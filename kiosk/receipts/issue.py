"""Issuing a receipt for a saved application: build it, sign it, print it, never lose it.

The workflow (right after the application is committed to the queue) and the reprint
service (later, from the queue, without the citizen) both go through `issue_receipt`, so
a reprinted receipt is the same receipt: same fields, same pick-up date, and, Ed25519
being deterministic, the same signature.

Printing is best effort: whatever goes wrong while rendering or printing is reported in
the returned `PrintResult` and never raised, because the application is already saved
and the citizen must still get the on-screen receipt with the application number.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from hardware.printer import Printer, PrinterStatus, PrintJob, PrintResult
from kiosk.card_application import Application
from kiosk.receipts import texts
from kiosk.receipts.model import Receipt
from kiosk.receipts.render import render_for
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.thermal import ThermalOptions

log = logging.getLogger("kiosk.receipts")

# The statutory upper bound for local applicants; the receipt promises no earlier day.
PROCESSING_WORKING_DAYS = 15


def add_working_days(day: dt.date, n: int, country: str = "") -> dt.date:
    """`day` plus `n` working days of `country` (ISO 3166 alpha-3, e.g. "CHN").

    With a country, its public holidays are skipped and its adjusted working weekends
    count (China's State Council moves weekend days around Spring Festival and National
    Day), from the `holidays` package's calendars: the office is closed on Spring
    Festival, and a receipt must not promise a card then. Without one (or for a country
    the package does not know): Monday to Friday.
    """
    calendar = _calendar(country, day.year, day.year + 1 + n // 200)
    while n > 0:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day) if calendar is not None else day.weekday() < 5:
            n -= 1
    return day


def _calendar(country: str, first_year: int, last_year: int):
    if not country:
        return None
    import holidays   # lazy: ~70 ms, needed only when a receipt is made

    try:
        return holidays.country_holidays(country, years=range(first_year, last_year + 1))
    except NotImplementedError:
        log.warning("no holiday calendar for %s: pick-up dates count Monday to Friday", country)
        return None


def card_ready_on(app: Application, tz: dt.tzinfo | None = None, working_days: int = PROCESSING_WORKING_DAYS) -> dt.date:
    """The first day the office promises the new card. The calendar is that of the
    card's country (a national ID card is issued where its holder is a national); the
    `holidays` data is versioned with the kiosk, so a reprint after an upgrade that
    corrected a holiday may name a corrected day."""
    return add_working_days(app.created_at.astimezone(tz).date(), working_days, app.nationality)


def receipt_for(
    app: Application,
    signer: ReceiptSigner | None,
    *,
    lang: str | None = None,
    tz: dt.tzinfo | None = None,
    working_days: int = PROCESSING_WORKING_DAYS,
    station: str = "",
) -> Receipt:
    """The receipt of `app` in `lang` (default: the session's language), signed by `signer`.

    `tz` is the kiosk's time zone (default: the system's). `signer` None gives an
    unsigned receipt (tests and previews only: its QR code cannot be verified).
    `station` is the station's name in `lang` (`KioskSettings.station_in`); default: the
    name the application carries to the office. It is not signed: the QR names the kiosk.
    """
    lang = lang or app.language
    station = station or app.station
    info = texts.pickup_info(app.pickup_method, card_ready_on(app, tz, working_days), station, lang)
    receipt = Receipt.from_application(app, info, lang, tz=tz, station=station)
    return signer.sign_receipt(receipt) if signer is not None else receipt


@dataclass
class IssuedReceipt:
    receipt: Receipt          # always there: the on-screen copy is drawn from it
    job: PrintJob | None      # None when rendering failed
    result: PrintResult

    @property
    def printed(self) -> bool:
        return self.result.ok


def issue_receipt(
    app: Application,
    printer: Printer,
    signer: ReceiptSigner | None,
    *,
    lang: str | None = None,
    tz: dt.tzinfo | None = None,
    thermal: ThermalOptions | None = None,
    station: str = "",
) -> IssuedReceipt:
    """Build, sign, render for `printer` and print; report failures in the result."""
    receipt = receipt_for(app, signer, lang=lang, tz=tz, station=station)
    try:
        job = render_for(printer, receipt, thermal=thermal)
    except Exception as exc:  # noqa: BLE001 - the application is saved; the screen still shows the receipt
        log.error("rendering receipt %s failed: %s", app.application_number, type(exc).__name__)
        status = PrinterStatus.READY
        return IssuedReceipt(receipt, None, PrintResult(False, status, status, f"rendering failed: {type(exc).__name__}: {exc}"))
    try:
        result = printer.print_job(job)
    except Exception as exc:  # noqa: BLE001 - drivers should not raise here; if one does, report it
        result = PrintResult(False, PrinterStatus.OFFLINE, PrinterStatus.OFFLINE, f"{type(exc).__name__}: {exc}")
    if not result.ok:
        log.warning("receipt %s not printed: %s", app.application_number, result.detail)
    return IssuedReceipt(receipt, job, result)
