"""What each case costs. Money is Decimal end to end: a float cannot hold 0.10 exactly."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from kiosk.domain.cases import Case

__all__ = ["Fee", "FeeTable", "fee_for", "format_amount"]

# ISO 4217 minor units for currencies a kiosk here may charge in; others default to 2.
_MINOR_UNITS = {"CNY": 2, "VND": 0, "HKD": 2, "MOP": 2, "USD": 2, "EUR": 2, "JPY": 0}


@dataclass
class FeeTable:
    currency: str = "CNY"
    expiring: Decimal = Decimal("20.00")
    damaged: Decimal = Decimal("20.00")
    lost: Decimal = Decimal("40.00")

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name == "currency":
                continue
            value = getattr(self, f.name)
            # Strings and ints convert exactly (configuration files give those); a float
            # would already carry a binary rounding error, so it is refused.
            if isinstance(value, (float, bool)) or not isinstance(value, (Decimal, int, str)):
                raise TypeError(f"fee {f.name!r} must be a Decimal, an int or a string, not {type(value).__name__}")
            amount = Decimal(value)
            if not amount.is_finite() or amount < 0:
                raise ValueError(f"fee {f.name!r} must be a non-negative amount")
            setattr(self, f.name, amount)


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    currency: str


def fee_for(case: Case, table: FeeTable) -> Fee:
    amounts = {Case.EXPIRING: table.expiring, Case.DAMAGED: table.damaged, Case.LOST: table.lost}
    return Fee(amount=amounts[Case(case)], currency=table.currency)


def format_amount(fee: Fee) -> str:
    """'20.00 CNY': amount with the currency's minor units, then its ISO code."""
    places = _MINOR_UNITS.get(fee.currency, 2)
    quantum = Decimal(1).scaleb(-places)
    return f"{fee.amount.quantize(quantum, rounding=ROUND_HALF_UP)} {fee.currency}"
