"""The facade behind `kiosk id check NUMBER --json`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.chinese_id import ChineseId
from kiosk.domain.id_numbers import InvalidIdNumber, check_id_number, parse_id_number
from kiosk.domain.vietnam_id import VietnamId

TODAY = dt.date(2026, 11, 21)


def test_cli_example_valid_chinese_number() -> None:
    assert check_id_number("11010519491231002X", today=TODAY) == {
        "input": "11010519491231002X",
        "kind": "CHN-RIC",
        "valid": True,
        "number": "11010519491231002X",
        "birth_date": "1949-12-31",
        "sex": "F",
        "region": {"code": "110105", "province_code": "11", "name_zh": "北京市", "name_en": "Beijing"},
    }


def test_cli_example_wrong_check_character() -> None:
    verdict = check_id_number("110105194912310021", today=TODAY)
    assert verdict["valid"] is False
    assert verdict["kind"] == "CHN-RIC"
    assert verdict["error"]["code"] == "check_character"
    assert verdict["expected_check_character"] == "X"


def test_vietnamese_number_is_detected_by_length() -> None:
    verdict = check_id_number("079303000123", today=TODAY)
    assert verdict["kind"] == "VNM-PID" and verdict["valid"] is True
    assert (verdict["birth_year"], verdict["sex"]) == (2003, "F")
    assert verdict["region"]["name_vi"] == "Hồ Chí Minh"
    assert "birth_date" not in verdict


def test_unknown_length_has_no_kind() -> None:
    verdict = check_id_number("12345", today=TODAY)
    assert verdict == {"input": "12345", "kind": None, "valid": False, "error": verdict["error"]}
    assert verdict["error"]["code"] == "length"


def test_forced_scheme_reports_against_that_scheme() -> None:
    verdict = check_id_number("11010519491231002X", scheme="vnm", today=TODAY)
    assert verdict["kind"] == "VNM-PID" and verdict["error"]["code"] == "length"
    assert "expected_check_character" not in verdict


def test_unknown_scheme_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_id_number("11010519491231002X", scheme="USA")
    with pytest.raises(ValueError):
        parse_id_number("11010519491231002X", "USA")


def test_parse_id_number_dispatches_by_country() -> None:
    assert isinstance(parse_id_number("11010519491231002X", "CHN", today=TODAY), ChineseId)
    assert isinstance(parse_id_number("079303000123", "VNM", today=TODAY), VietnamId)
    with pytest.raises(InvalidIdNumber):
        parse_id_number("079303000123", "CHN", today=TODAY)


@settings(deadline=None)
@given(st.one_of(st.text(max_size=25), st.text(alphabet="0123456789Xx ", max_size=20)), st.sampled_from([None, "CHN", "VNM"]))
def test_never_raises_and_is_always_json(text: str, scheme: str | None) -> None:
    verdict = check_id_number(text, scheme=scheme, today=TODAY)
    json.dumps(verdict)
    assert verdict["input"] == text
    assert isinstance(verdict["valid"], bool)
    assert verdict["valid"] != ("error" in verdict)


def test_messages_and_repr_do_not_quote_the_number() -> None:
    for number in ("99010519491231002X", "110105194912310021", "110105194902310026", "003190012345"):
        verdict = check_id_number(number, today=TODAY)
        assert number[:6] not in verdict["error"]["message"] and number[:3] not in verdict["error"]["message"]
    assert "11010519491231002X" not in repr(parse_id_number("11010519491231002X", "CHN", today=TODAY))
    assert "079303000123" not in repr(parse_id_number("079303000123", "VNM", today=TODAY))
