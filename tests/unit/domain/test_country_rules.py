"""The formats the screens type numbers in agree with the rules that check the numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.contact import valid_mobile
from kiosk.domain.country_rules import COUNTRIES, id_number_format, mobile_format
from kiosk.domain.errors import InvalidIdNumber
from kiosk.domain.id_numbers import parse_id_number

TODAY = dt.date(2026, 11, 21)
VALID = {"CHN": "11010519491231002X", "VNM": "001190012345"}


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_an_id_number_of_the_format_is_one_the_parser_takes(country):
    id_format = id_number_format(country)
    number = VALID[country]
    assert len(number) == id_format.length == sum(id_format.grouping)
    assert parse_id_number(number, country, TODAY).number == number


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_the_letter_x_is_offered_only_where_the_parser_takes_it(country):
    number = VALID[country][:-1] + "X"
    if id_number_format(country).check_letter:
        assert VALID[country].endswith("X")
    else:
        with pytest.raises(InvalidIdNumber) as refused:
            parse_id_number(number, country, TODAY)
        assert refused.value.code == "characters"


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_the_mobile_example_is_a_mobile_number_of_its_length(country):
    mobile = mobile_format(country)
    assert valid_mobile(mobile.example, country)
    assert len(mobile.example) == mobile.length == sum(mobile.grouping)
    assert not valid_mobile(mobile.example[:-1], country)   # one digit fewer is not one


def test_a_country_without_rules_is_refused_by_name():
    with pytest.raises(ValueError, match="LAO"):
        id_number_format("LAO")
    with pytest.raises(ValueError, match="LAO"):
        mobile_format("LAO")
