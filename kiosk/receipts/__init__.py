"""Receipts: one model (`model.Receipt`), rendered to PDF (`pdf`) and, later, ESC/POS."""

from kiosk.receipts.fonts import FontMissing
from kiosk.receipts.model import Receipt, mask_id_number, mask_name
from kiosk.receipts.pdf import receipt_page_size_mm, render_receipt_pdf

__all__ = [
    "FontMissing",
    "Receipt",
    "mask_id_number",
    "mask_name",
    "receipt_page_size_mm",
    "render_receipt_pdf",
]
