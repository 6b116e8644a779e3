"""Reprinting a receipt later, from the queue, without the citizen (maintenance screens).

A technician types (or scans) the application number; the application is read back from
the encrypted queue and its receipt issued again exactly as the first time (same fields,
same pick-up date, same signature). Only applications still in the local queue can be
reprinted: after delivery and purge the office holds them.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Callable

from hardware.printer import Printer
from kiosk.card_application import Application
from kiosk.receipts.issue import IssuedReceipt, issue_receipt, receipt_for
from kiosk.receipts.model import Receipt
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.thermal import ThermalOptions
from kiosk.storage.application_number import parse_application_number
from kiosk.storage.store import ApplicationNotFound, ApplicationStore

log = logging.getLogger("kiosk.receipts")


def find_application(store: ApplicationStore, application_number: str) -> Application:
    """The queued application with this number (typed: spaces and a lower-case x forgiven).

    Raises ValueError for a mistyped number (bad check character) and
    ApplicationNotFound when the queue does not hold it (any more).
    """
    number = str(parse_application_number(application_number))
    entry = store.entry(number)
    if entry.purged_at is not None:
        raise ApplicationNotFound(f"{number} was delivered and purged from the queue")
    return store.get(entry.application_id)


class ReprintService:
    def __init__(
        self,
        store: ApplicationStore,
        printer: Printer,
        signer: ReceiptSigner,
        *,
        tz: dt.tzinfo | None = None,
        thermal: ThermalOptions | None = None,
        station_in: Callable[[str], str] | None = None,
    ) -> None:
        self.store = store
        # The station's name in a language (`KioskSettings.station_in`): a reprint names
        # it as the first print did.
        self.station_in = station_in
        self.printer = printer
        self.signer = signer
        self.tz = tz
        self.thermal = thermal

    def _station(self, app: Application, lang: str | None) -> str:
        return self.station_in(lang or app.language) if self.station_in is not None else ""

    def receipt(self, application_number: str, lang: str | None = None) -> Receipt:
        """The receipt as it was issued (for a preview on the maintenance screen)."""
        app = find_application(self.store, application_number)
        return receipt_for(app, self.signer, lang=lang, tz=self.tz, station=self._station(app, lang))

    def reprint(self, application_number: str, lang: str | None = None) -> IssuedReceipt:
        """Print the receipt again; `lang` defaults to the citizen's session language.

        Lookup errors (mistyped or unknown number) raise; printing problems are in the
        returned result, as for the first print.
        """
        app = find_application(self.store, application_number)
        issued = issue_receipt(app, self.printer, self.signer, lang=lang, tz=self.tz, thermal=self.thermal,
                               station=self._station(app, lang))
        log.info(
            "receipt %s reprinted: %s", app.application_number, "ok" if issued.printed else issued.result.detail
        )
        return issued
