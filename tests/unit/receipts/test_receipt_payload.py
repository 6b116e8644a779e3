"""The QR payload is read back field by field, and every malformation names its field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.cases import Case
from kiosk.receipts.model import Receipt
from kiosk.receipts.payload import (
    SIGNATURE_CHARS,
    BadCheckCharacter,
    MalformedPayload,
    decode_signature,
    encode_signature,
    parse_payload,
)
from kiosk.storage.application_number import format_application_number

from .conftest import SHANGHAI
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
SIG = encode_signature(bytes(range(64)))
GOOD = f"IDK1|{NUMBER}|20261121|SH-XH-001|expiring|0123456789abcdef|{SIG}"

kiosk_ids = st.from_regex(r"\A[A-Z0-9]{1,6}(-[A-Z0-9]{1,5}){0,2}\Z")
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


def test_a_receipt_payload_round_trips(make_app: AppFactory) -> None:
    receipt = Receipt.from_application(make_app(NUMBER), "", "en", tz=SHANGHAI)
    parsed = parse_payload(receipt.qr_payload)
    assert parsed.application_number == NUMBER
    assert parsed.day == dt.date(2026, 11, 21)
    assert parsed.kiosk_id == "SH-XH-001"
    assert parsed.case is Case.EXPIRING
    assert parsed.signature is None
    assert parsed.signed_text == receipt.qr_payload


@given(kiosk_ids, days, st.integers(1, 9999), st.sampled_from(list(Case)), st.binary(min_size=64, max_size=64))
def test_every_well_formed_payload_parses_back(kiosk: str, day: dt.date, seq: int, case: Case, sig: bytes) -> None:
    number = format_application_number(kiosk, day, seq)
    signed = f"IDK1|{number}|{day:%Y%m%d}|{kiosk}|{case.value}|00ff00ff00ff00ff"
    parsed = parse_payload(f"{signed}|{encode_signature(sig)}")
    assert (parsed.application_number, parsed.day, parsed.kiosk_id, parsed.case) == (number, day, kiosk, case)
    assert parsed.signature == sig
    assert parsed.signed_text == signed
    assert parsed.inconsistencies() == []


@given(st.binary(min_size=64, max_size=64))
def test_signature_encoding_is_86_url_safe_characters(sig: bytes) -> None:
    text = encode_signature(sig)
    assert len(text) == SIGNATURE_CHARS
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_signature(text) == sig


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("", None),
        ("https://example.org/receipt", "prefix"),
        (GOOD.replace("IDK1", "IDK2"), "prefix"),
        (GOOD + "|extra", None),
        ("IDK1|" + NUMBER, None),
        (GOOD.replace(NUMBER, "SH-XH-001-2611-00019"), "application_number"),
        (GOOD.replace("20261121|", "2026112|"), "date"),
        (GOOD.replace("20261121|", "20261131|"), "date"),
        (GOOD.replace("|SH-XH-001|", "|SH_XH|"), "kiosk_id"),
        (GOOD.replace("expiring", "stolen"), "case"),
        (GOOD.replace("0123456789abcdef", "0123456789ABCDEF"), "identity_digest"),
        (GOOD.replace("0123456789abcdef", "0123"), "identity_digest"),
        (GOOD[:-1], "signature"),
        (GOOD[:-2] + "!!", "signature"),
    ],
)
def test_malformed_payloads_name_their_field(text: str, field: str | None) -> None:
    with pytest.raises(MalformedPayload) as info:
        parse_payload(text)
    assert info.value.field == field
    assert not isinstance(info.value, BadCheckCharacter)


def test_only_the_canonical_signature_text_is_accepted() -> None:
    # 86 characters hold 516 bits for 512: the last character's low bits must be zero.
    last = SIG[-1]
    twin = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    sibling = twin[twin.index(last) + 1]
    with pytest.raises(MalformedPayload) as info:
        parse_payload(GOOD[:-1] + sibling)
    assert info.value.field == "signature"


def test_a_changed_digit_of_the_number_is_caught_by_its_check_character() -> None:
    with pytest.raises(BadCheckCharacter) as info:
        parse_payload(GOOD.replace("00019", "00029"))
    assert info.value.field == "application_number"


def test_fields_that_contradict_the_number_are_reported() -> None:
    other_day = parse_payload(GOOD.replace("|20261121|", "|20261122|"))
    assert other_day.inconsistencies() == ["date"]
    other_kiosk = parse_payload(GOOD.replace("|SH-XH-001|", "|SH-XH-002|"))
    assert other_kiosk.inconsistencies() == ["kiosk_id"]


# Digits other than ASCII: Python's \d and str.isdigit() take Arabic-Indic (٠-٩) and
# full-width (０-９) digits, and the check-character code raised ValueError on them, a
# traceback out of `kiosk verify-receipt --text`. The kiosk writes ASCII only: refused.
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH], ids=["arabic-indic", "full-width"])
@pytest.mark.parametrize(
    ("part", "field"),
    [("261121-0001", "application_number"), ("|20261121|", "date"), ("|SH-XH-001|", "kiosk_id"),
     ("0123456789abcdef", "identity_digest")],
)
def test_digits_that_are_not_ascii_are_refused_with_their_field(digits: dict, part: str, field: str) -> None:
    with pytest.raises(MalformedPayload) as info:
        parse_payload(GOOD.replace(part, part.translate(digits)))
    assert info.value.field == field
    assert "not ASCII" in str(info.value)


def test_a_long_field_is_not_echoed_whole() -> None:
    with pytest.raises(MalformedPayload) as info:
        parse_payload(GOOD.replace("expiring", "x" * 100_000))
    assert len(str(info.value)) < 200
