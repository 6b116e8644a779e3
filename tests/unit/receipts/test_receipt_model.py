from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.cases import Case
from kiosk.receipts import Receipt, mask_id_number, mask_name
from kiosk.receipts.model import format_fee

from tests.factories import AppFactory
from .conftest import SHANGHAI

NUMBER = "SH-XH-001-261121-00019"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王芳", "王*"),
        ("欧阳娜娜", "欧***"),
        ("WANG FANG", "W*** F***"),
        ("Nguyễn Thị Minh Khai", "N***** T** M*** K***"),
        ("  ANNA   MARIA ", "A*** M****"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_name_counts_decomposed_vietnamese_as_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert len(decomposed) > 6
    assert mask_name(decomposed) == "N*****"


def test_mask_id_number_example() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_id_number("001099012345") == "001*****2345"


@given(st.text(alphabet="0123456789X", min_size=8, max_size=24))
def test_mask_id_number_keeps_only_the_ends(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert set(masked[3:-4]) <= {"*"}


@given(st.text(alphabet="0123456789", max_size=7))
def test_short_numbers_are_masked_entirely(number: str) -> None:
    assert mask_id_number(number) == "*" * len(number)


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        (Decimal("20"), "CNY", "en", "¥20.00"),
        (Decimal("20.00"), "CNY", "zh_CN", "20.00元"),
        (Decimal("1234.5"), "CNY", "en", "¥1,234.50"),
        (Decimal("1234.5"), "CNY", "vi", "1.234,50 ¥"),
        (Decimal("50000"), "VND", "vi", "50.000 ₫"),
        (Decimal("50000"), "VND", "en", "₫50,000"),
        (Decimal("50000"), "VND", "zh_CN", "50,000越南盾"),
        (Decimal("20"), "EUR", "en", "EUR 20.00"),            # no sign known: the ISO code
        (Decimal("20"), "EUR", "vi", "20,00 EUR"),
        (Decimal("0"), "CNY", "zh_CN", "免费"),
        (Decimal("0.00"), "VND", "vi", "Miễn phí"),
        (Decimal("0"), "CNY", "en", "Free"),
    ],
)
def test_format_fee(amount: Decimal, currency: str, lang: str, text: str) -> None:
    assert format_fee(amount, currency, lang) == text


def test_receipt_from_application(make_app: AppFactory) -> None:
    app = make_app(NUMBER)  # created 2026-11-21 06:30 UTC
    r = Receipt.from_application(app, "Counter 3", "zh_CN", tz=SHANGHAI)
    assert r.application_number == NUMBER
    assert r.case is Case.EXPIRING and r.case_text == "有效期满换领"
    assert r.created_at.utcoffset() == dt.timedelta(hours=8)
    assert r.created_at_text == "2026年11月21日 14:30"
    assert r.masked_name == "王*"
    assert r.masked_id_number == "110***********002X"
    assert r.fee_text == "20.00元"
    assert r.pickup_text == "到受理单位领取" and r.pickup_info == "Counter 3"
    assert r.what_to_bring[0] == "本回执"
    assert (r.kiosk_id, r.station) == ("SH-XH-001", "Xuhui PSB Hall")


def test_local_date_decides_the_qr_date(make_app: AppFactory) -> None:
    # 20:00 UTC on the 21st is already the 22nd in Shanghai.
    app = make_app(NUMBER, created_at=dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC))
    assert "|20261122|" in Receipt.from_application(app, "", "en", tz=SHANGHAI).qr_payload
    assert "|20261121|" in Receipt.from_application(app, "", "en", tz=dt.UTC).qr_payload


def test_qr_payload_is_exact(make_app: AppFactory) -> None:
    app = make_app(NUMBER, case=Case.LOST)
    digest = hashlib.sha256(f"11010519491231002X{app.application_id}".encode()).hexdigest()[:16]
    r = Receipt.from_application(app, "", "en", tz=SHANGHAI)
    assert r.qr_payload == f"IDK1|{NUMBER}|20261121|SH-XH-001|lost|{digest}"
    assert r.qr_content == r.qr_payload  # unsigned until the signing issue
    # Nothing personal in the QR code.
    for secret in (app.id_number, app.surname, app.name_local, app.phone):
        assert secret not in r.qr_payload


def test_signature_seam_appends_a_field(make_app: AppFactory) -> None:
    r = Receipt.from_application(make_app(NUMBER), "", "en", tz=SHANGHAI)
    signed = replace(r, signature="c2lnbmF0dXJl")
    assert signed.qr_content == r.qr_payload + "|c2lnbmF0dXJl"


def test_unknown_language_is_refused(make_app: AppFactory) -> None:
    with pytest.raises(ValueError, match="fr"):
        Receipt.from_application(make_app(NUMBER), "", "fr")


@pytest.mark.parametrize(
    ("case", "method", "second_item"),
    [
        (Case.EXPIRING, "station", "Your current ID card (handed in when you collect the new one)"),
        (Case.DAMAGED, "station", "The damaged card (handed in when you collect the new one)"),
        (Case.LOST, "station", "Another photo ID (passport, driving licence), if you have one"),
        (Case.LOST, "post", "Sign for the delivery in person"),
    ],
)
def test_what_to_bring_depends_on_case_and_pickup(
    make_app: AppFactory, case: Case, method: str, second_item: str
) -> None:
    address = "1 Caoxi North Road" if method == "post" else ""
    app = make_app(NUMBER, case=case, pickup_method=method, postal_address=address)
    r = Receipt.from_application(app, "", "en", tz=SHANGHAI)
    assert r.what_to_bring == ("This receipt", second_item)
