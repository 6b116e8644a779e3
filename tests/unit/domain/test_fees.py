"""Fees per case, in Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.cases import Case
from kiosk.domain.fees import Fee, FeeTable, fee_for, format_amount


@pytest.mark.parametrize(("case", "amount"), [(Case.EXPIRING, "20.00"), (Case.DAMAGED, "20.00"), (Case.LOST, "40.00")])
def test_default_table(case: Case, amount: str) -> None:
    fee = fee_for(case, FeeTable())
    assert fee == Fee(Decimal(amount), "CNY")
    assert isinstance(fee.amount, Decimal)
    assert format_amount(fee) == f"{amount} CNY"


def test_case_values_are_accepted_as_strings() -> None:
    assert fee_for("lost", FeeTable()).amount == Decimal("40.00")  # type: ignore[arg-type]


def test_configured_amounts_as_strings_and_ints_become_decimals() -> None:
    table = FeeTable(expiring="0", damaged=25, lost="37.5")  # type: ignore[arg-type]
    assert [format_amount(fee_for(c, table)) for c in Case] == ["0.00 CNY", "25.00 CNY", "37.50 CNY"]


def test_currency_without_minor_units() -> None:
    assert format_amount(Fee(Decimal("50000"), "VND")) == "50000 VND"


@pytest.mark.parametrize("bad", [20.0, True, None])
def test_floats_and_other_types_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        FeeTable(lost=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["-1", "NaN", "Infinity"])
def test_negative_and_non_finite_amounts_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        FeeTable(lost=bad)  # type: ignore[arg-type]


@settings(deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_two_place_amounts_print_exactly(amount: Decimal) -> None:
    text = format_amount(fee_for(Case.DAMAGED, FeeTable(damaged=amount)))
    number, currency = text.split(" ")
    assert currency == "CNY" and Decimal(number) == amount and len(number.split(".")[1]) == 2
