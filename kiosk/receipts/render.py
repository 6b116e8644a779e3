"""One receipt, rendered in the form the printer takes: the single entry point for printing.

`render_for(printer, receipt)` asks the driver what it accepts (`Printer.accepts`) and
builds the job: ESC/POS bytes for thermal printers (with the raster preview alongside),
a raster PNG for raster-only devices, or the PDF for CUPS queues and folders. The core
never needs to know which driver it talks to.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from hardware.printer import FORMAT_ESCPOS, FORMAT_PDF, FORMAT_RASTER, Printer, PrintJob
from kiosk.receipts.model import Receipt
from kiosk.receipts.thermal import DEFAULT_PROFILE, DEFAULT_WIDTH_DOTS, ThermalOptions, render_thermal

log = logging.getLogger("kiosk.receipts")


class NoCommonFormat(ValueError):
    """The printer accepts none of the forms a receipt can be rendered in."""


def thermal_options_for(printer: object) -> ThermalOptions:
    """The thermal layout a driver asks for (`width_dots`, `escpos_profile`, `qr_native`)."""
    return ThermalOptions(
        width_dots=int(getattr(printer, "width_dots", DEFAULT_WIDTH_DOTS)),
        qr_native=bool(getattr(printer, "qr_native", False)),
        escpos_profile=str(getattr(printer, "escpos_profile", DEFAULT_PROFILE)),
    )


def render_for(
    printer: Printer | Iterable[str],
    receipt: Receipt,
    *,
    thermal: ThermalOptions | None = None,
) -> PrintJob:
    """The print job for `receipt` in a form `printer` takes (a Printer, or its `accepts`).

    The receipt should be signed (`ReceiptSigner.sign_receipt`); an unsigned one prints,
    but its QR code cannot be verified.
    """
    if isinstance(printer, Printer):
        accepts = frozenset(printer.accepts)
        thermal = thermal or thermal_options_for(printer)
    else:
        accepts = frozenset(printer)
    thermal = thermal or ThermalOptions()
    if not receipt.signature:
        log.warning("receipt %s is printed without a signature", receipt.application_number)
    meta = {"application_number": receipt.application_number, "lang": receipt.lang}
    title = receipt.application_number
    if FORMAT_ESCPOS in accepts or FORMAT_RASTER in accepts:
        drawn = render_thermal(receipt, thermal)
        return PrintJob(
            title=title,
            escpos=drawn.escpos_bytes() if FORMAT_ESCPOS in accepts else None,
            raster_png=drawn.preview_png(),
            page_size_mm=drawn.size_mm,
            meta=meta,
        )
    if FORMAT_PDF in accepts:
        from kiosk.receipts.pdf import render_receipt_pdf_sized

        pdf, size = render_receipt_pdf_sized(receipt)
        return PrintJob(title=title, pdf=pdf, page_size_mm=size, meta=meta)
    raise NoCommonFormat(f"the printer accepts {sorted(accepts)}; receipts render as escpos, raster or pdf")
