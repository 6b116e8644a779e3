"""The receipt's QR code as a link a phone opens: the office's page, the payload after '#'.

`https://<office verification page>#IDK1%7C<number>%7C...%7C<signature>`

A phone's camera app opens links and shows anything else as bare text, so the code is
the configured verification page with the signed payload as the fragment. Browsers never
send the fragment to the server: the page verifies the payload in the phone with the
kiosks' public keys, and the office needs no look-up (nor learns who checked what).
The '|' separators are percent-encoded because RFC 3986 does not allow '|' in a
fragment; every other character of the payload (ASCII letters, digits, '-', '_') is
allowed as is. The signature still covers the raw payload only, so the same receipt
verifies offline (`kiosk verify-receipt`) whatever page it links to, and receipts printed
before the link (the raw payload) still verify.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from kiosk.receipts.model import QR_PREFIX, QR_SEPARATOR

_MAX_LINK = 2048


def receipt_link(page: str, payload: str) -> str:
    """The link a receipt's QR code carries for `payload` (raw `IDK1|...`)."""
    base = page.split("#", 1)[0]
    return f"{base}#{quote(payload, safe='')}"


def payload_from_code(text: str) -> str | None:
    """The raw payload a receipt's code carries (`IDK1|...`), from the raw text or from a
    link's fragment; None when the text is neither (not a kiosk receipt at all)."""
    text = text.strip()
    if text.startswith(QR_PREFIX + QR_SEPARATOR) or text == QR_PREFIX:
        return text
    if len(text) > _MAX_LINK or "#" not in text or not text.lower().startswith(("https://", "http://")):
        return None
    fragment = text.split("#", 1)[1]
    payload = unquote(fragment)
    if payload.startswith(QR_PREFIX + QR_SEPARATOR):
        return payload
    return None


def page_of(text: str) -> str | None:
    """The page a receipt link points to (None for a raw payload)."""
    text = text.strip()
    if payload_from_code(text) is None or "#" not in text or text.startswith(QR_PREFIX):
        return None
    return text.split("#", 1)[0]
