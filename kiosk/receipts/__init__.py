"""Receipts: one model (`model.Receipt`), signed (`signing`), rendered to PDF (`pdf`) or for
thermal printers (`thermal`), printed through `render_for`/`issue_receipt`, reprinted
(`reprint`) and verified offline (`verify`)."""

from kiosk.receipts.fonts import FontMissing
from kiosk.receipts.issue import IssuedReceipt, issue_receipt, receipt_for
from kiosk.receipts.model import Receipt, mask_id_number, mask_name
from kiosk.receipts.pdf import receipt_page_size_mm, render_receipt_pdf
from kiosk.receipts.render import render_for
from kiosk.receipts.signing import ReceiptSigner

__all__ = [
    "FontMissing",
    "IssuedReceipt",
    "Receipt",
    "ReceiptSigner",
    "issue_receipt",
    "mask_id_number",
    "mask_name",
    "receipt_for",
    "receipt_page_size_mm",
    "render_for",
    "render_receipt_pdf",
]
