"""No personal data by construction: every field of every event refuses a name, an ID
number, a phone number, an address, a picture or an access key, whatever its type."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings, strategies as st

from kiosk.demo.citizens import fictitious_citizen
from kiosk.operations.journal_fields import EVENTS, FieldRefused, checked


class _Journal:
    kiosk_id = "SIM-0001"
    currency = "CNY"


J = _Journal()


def _personal_values() -> list[object]:
    """Every identity string of fictitious citizens of both countries, and the same as
    other types: numbers, bytes (a picture), containers (an access key)."""
    rng = random.Random(5)
    values: list[object] = []
    for country in ("CHN", "VNM"):
        c = fictitious_citizen(rng, country, dt.date(2026, 11, 21))
        strings = [v for v in c.identity_strings().values() if v]
        values += strings + [v.lower() for v in strings] + [c.holder.surname, c.holder.given_names]
        values += [int(c.id_number[:12]), Decimal(c.id_number[:12])]
    values += [13800138000, b"\xff\xd8\xff\xe0 a JPEG", bytearray(b"PNG"), {"can": "123456"}, ["WANG", "FANG"]]
    return values


@pytest.mark.parametrize("event,name", [(e, n) for e, fields in EVENTS.items() for n in fields])
def test_every_field_refuses_personal_data(event, name):
    field = EVENTS[event][name]
    for value in _personal_values():
        with pytest.raises(FieldRefused) as refused:
            field.check(value, J)
        assert str(value) not in str(refused.value)


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=1, max_size=70))
@example(text="0000AA")    # a payment provider's reference shape, drawn by CI on 2026-12-04
def test_free_text_never_passes(text):
    """A string goes through only where a field is a closed set holding that very word,
    is this kiosk's own setting, or has a shape whose only letters are hex digits, an ID
    check character or a version's tags, or is a payment provider's reference (capitals,
    digits and hyphens): never as free text."""
    for event, fields in EVENTS.items():
        for name, field in fields.items():
            try:
                value = field.check(text, J)
            except FieldRefused:
                continue
            words = getattr(getattr(field, "field", field), "values", frozenset())
            shape_only = re.fullmatch(r"([0-9a-f.X+-]|rc|post|dev|SIM-0001-)*", value) is not None
            reference = (event, name) == ("payment", "reference") and re.fullmatch(r"[A-Z0-9-]+", value)
            assert value in words or value in (J.kiosk_id, J.currency) or shape_only or reference, (event, name, text)


@pytest.mark.parametrize("text", ["LIN", "WANG FANG", "王芳", "Nguyễn Thị Lan", "110105198403120488", "13800138000"])
def test_names_and_numbers_as_text_never_pass(text):
    for fields in EVENTS.values():
        for field in fields.values():
            with pytest.raises(FieldRefused):
                field.check(text, J)


def test_the_allowed_values_go_through():
    assert checked("application_saved", {
        "session": 3, "application_number": "SIM-0001-261121-00019", "case": "lost", "fee": Decimal("40.00"),
        "currency": "CNY", "pickup": "post", "printed": False}, J)["fee"] == "40.00"
    assert checked("kiosk_start", {"kiosk_id": "SIM-0001", "mode": "demo", "version": "0.1.0"}, J)
    assert checked("step", {"state": "case", "from": "welcome", "trigger": "start", "seconds": 0.12345}, J) == {
        "state": "case", "from": "welcome", "trigger": "start", "seconds": 0.123}


@pytest.mark.parametrize("number", ["SIM-0002-261121-00013", "SIM-0001-261121-00018", "sim-0001-261121-00019"])
def test_only_this_kiosks_well_formed_application_numbers(number):
    with pytest.raises(FieldRefused):
        checked("maintenance", {"action": "receipt_reprint", "application_number": number}, J)


def test_missing_required_and_wrong_types():
    with pytest.raises(FieldRefused, match="'outcome' is required"):
        checked("session_end", {"session": 1, "state": "review"}, J)
    for bad in (True, -1, 1.5, "3"):
        with pytest.raises(FieldRefused):
            checked("case", {"session": bad, "case": "lost"}, J)
    for bad in (float("nan"), -0.1, "3", True):
        with pytest.raises(FieldRefused):
            checked("step", {"state": "case", "from": "welcome", "trigger": "start", "seconds": bad}, J)
