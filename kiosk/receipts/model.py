"""The receipt as data: one model, rendered to PDF here and to ESC/POS or the screen elsewhere.

All language-dependent text is resolved when the receipt is built, so renderers only lay
out strings. Personal data is masked here, once, so no renderer can print it in full.

The QR payload is compact text that anyone can read offline:
`IDK1|<application number>|<yyyymmdd>|<kiosk id>|<case>|<digest>`, where the digest is
the first 16 hex digits of sha256(id_number + application_id): a clerk holding the
citizen's ID number and the office's record can confirm the receipt belongs to that
person, while the QR itself reveals neither. `signing.ReceiptSigner.sign_receipt` fills
`signature` (Ed25519 over the six fields, unpadded base64url), carried as a seventh field;
`qr_content` is what the code must carry (a link to the office's verification page with
the signed payload after '#', see `link`), and `payload.parse_payload` reads it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kiosk.card_application import Application, PickupMethod
from kiosk.domain.cases import Case
from kiosk.receipts import texts

QR_PREFIX = "IDK1"
QR_SEPARATOR = "|"

# Currencies whose amounts have no minor unit (ISO 4217 exponent 0); others use 2.
_ZERO_DECIMAL_CURRENCIES = frozenset({"VND", "JPY", "KRW"})


@dataclass(frozen=True)
class Receipt:
    lang: str
    application_number: str
    case: Case
    case_text: str
    created_at: dt.datetime        # aware, in the kiosk's local time zone
    created_at_text: str
    kiosk_id: str
    station: str
    masked_name: str
    masked_id_number: str
    fee_text: str
    pickup_method: PickupMethod
    pickup_text: str
    pickup_info: str               # e.g. where and from when; given by the caller, localised
    bring_heading: str
    what_to_bring: tuple[str, ...]
    qr_payload: str
    signature: str = ""            # Ed25519 signature over qr_payload (see signing.py)
    verify_page: str = ""          # the office's verification page the QR code links to (link.py)
    delivery_address: str = ""     # post only: the citizen checks where the card will go
    payment_text: str = ""         # paid at the kiosk: the payment provider's reference (issue 16)

    @property
    def signed_payload(self) -> str:
        """The payload, plus the signature once there is one: what `kiosk verify-receipt` checks."""
        if not self.signature:
            return self.qr_payload
        return f"{self.qr_payload}{QR_SEPARATOR}{self.signature}"

    @property
    def qr_content(self) -> str:
        """What the QR code encodes: the signed payload, as a link to the office's
        verification page when one is configured (a phone opens it; see link.py)."""
        if not (self.signature and self.verify_page):
            return self.signed_payload
        from kiosk.receipts.link import receipt_link  # link.py reads this module's constants

        return receipt_link(self.verify_page, self.signed_payload)

    def label(self, key: str) -> str:
        return texts.label(self.lang, key)

    @classmethod
    def from_application(
        cls,
        app: Application,
        pickup_info: str,
        lang: str,
        tz: dt.tzinfo | None = None,
        station: str = "",
    ) -> Receipt:
        """Build the receipt; `tz` is the kiosk's time zone (default: the system's);
        `station` the station's name in `lang` (default: the application's)."""
        texts.check_language(lang)
        local = app.created_at.astimezone(tz)
        return cls(
            lang=lang,
            application_number=app.application_number,
            case=app.case,
            case_text=texts.case_name(app.case, lang),
            created_at=local,
            created_at_text=local.strftime(texts.label(lang, "datetime_format")),
            kiosk_id=app.kiosk_id,
            station=station or app.station,
            masked_name=mask_name(app.display_name),
            masked_id_number=mask_id_number(app.id_number),
            fee_text=format_fee(app.fee_amount, app.fee_currency, lang),
            pickup_method=app.pickup_method,
            pickup_text=texts.pickup_name(app.pickup_method, lang),
            pickup_info=pickup_info,
            bring_heading=texts.bring_heading(app.pickup_method, lang),
            what_to_bring=texts.what_to_bring(app.case, app.pickup_method, lang),
            qr_payload=qr_payload(app, local.date()),
            delivery_address=app.postal_address if app.pickup_method is PickupMethod.POST else "",
            payment_text=payment_text(app, lang),
        )


def payment_text(app: Application, lang: str) -> str:
    """"Paid, reference …" for a fee paid at the kiosk; "" otherwise (waived, older rows)."""
    payment = app.payment
    if payment.get("status") != "paid" or not payment.get("reference"):
        return ""
    return texts.label(lang, "paid_reference").format(reference=payment["reference"])


def qr_payload(app: Application, local_day: dt.date) -> str:
    fields = (
        QR_PREFIX,
        app.application_number,
        f"{local_day:%Y%m%d}",
        app.kiosk_id,
        app.case.value,
        identity_digest(app.id_number, app.application_id),
    )
    if any(QR_SEPARATOR in f for f in fields):
        raise ValueError(f"a QR field contains the separator {QR_SEPARATOR!r}")
    return QR_SEPARATOR.join(fields)


def identity_digest(id_number: str, application_id: str) -> str:
    return hashlib.sha256((id_number + application_id).encode("utf-8")).hexdigest()[:16]


def mask_name(name: str) -> str:
    """Keep the first character of each part: '王芳' -> '王*', 'WANG FANG' -> 'W*** F***'."""
    parts = unicodedata.normalize("NFC", name).split()
    return " ".join(p[0] + "*" * (len(p) - 1) for p in parts)


def mask_id_number(id_number: str) -> str:
    """Keep the first 3 and last 4 characters: '110***********002X'.

    Numbers shorter than 8 characters would be shown almost whole, so they are masked
    entirely.
    """
    value = id_number.strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# How a citizen writes an amount of a currency, per language: (before, after) the number.
# A walk-through found 'CNY 20.00' read as a code, not a price; people read '¥20.00',
# '20.00元' and '50.000 ₫'. Currencies not listed keep their ISO code.
_CURRENCY_SIGNS: dict[str, dict[str, tuple[str, str]]] = {
    "CNY": {"zh_CN": ("", "元"), "en": ("¥", ""), "vi": ("", " ¥")},
    "VND": {"zh_CN": ("", "越南盾"), "en": ("₫", ""), "vi": ("", " ₫")},
}


def format_fee(amount: Decimal, currency: str, lang: str) -> str:
    """'¥20.00' (en), '20.00元' (zh_CN), '50.000 ₫' (vi); zero is 'free' in the language.

    Written by hand because Babel (CLDR number formats) is not a dependency; three
    languages and a few currencies need only grouping, decimal separators and signs.
    """
    if amount == 0:
        return texts.label(lang, "free")
    places = 0 if currency.upper() in _ZERO_DECIMAL_CURRENCIES else 2
    quantum = Decimal(1).scaleb(-places)
    number = f"{amount.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"  # 1,234.50
    if lang == "vi":
        number = number.translate(str.maketrans({",": ".", ".": ","}))  # 1.234,50
    signs = _CURRENCY_SIGNS.get(currency.upper(), {}).get(lang)
    if signs is not None:
        before, after = signs
        return f"{before}{number}{after}"
    return f"{number} {currency}" if lang == "vi" else f"{currency} {number}"
