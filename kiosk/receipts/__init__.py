"""Receipts: one model (`model.Receipt`), signed (`signing`), rendered to PDF (`pdf`) or for
thermal printers (`thermal`), printed through `render_for`/`issue_receipt`, reprinted
(`reprint`) and verified offline (`verify`).

The names below are imported on first use (PEP 562), as in `kiosk.delivery`: the screens
and the start-up's check of the signing key need the model and the signer, not reportlab,
which the kiosk loads after its first screen is shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "FontMissing": "fonts",
    "IssuedReceipt": "issue",
    "issue_receipt": "issue",
    "receipt_for": "issue",
    "Receipt": "model",
    "mask_id_number": "model",
    "mask_name": "model",
    "receipt_page_size_mm": "pdf",
    "render_receipt_pdf": "pdf",
    "render_for": "render",
    "ReceiptSigner": "signing",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.receipts' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kiosk.receipts.{module}"), name)


if TYPE_CHECKING:  # for type checkers and editors
    from kiosk.receipts.fonts import FontMissing
    from kiosk.receipts.issue import IssuedReceipt, issue_receipt, receipt_for
    from kiosk.receipts.model import Receipt, mask_id_number, mask_name
    from kiosk.receipts.pdf import receipt_page_size_mm, render_receipt_pdf
    from kiosk.receipts.render import render_for
    from kiosk.receipts.signing import ReceiptSigner
