"""The export's payment reconciliation (issue 16): paid amounts per case against the
fees due, references by application number, and what does not balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kiosk.operations.exports.reconciliation import payments
from kiosk.operations.exports.sessions import Day, SessionRow

AT = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def _row(n: int, *, number: str = "", case: str = "expiring", fee: str = "20.00",
         paid: list[tuple[str, str, str]] = ()) -> SessionRow:
    return SessionRow(n, AT, "en", case=case, application_number=number, fee=Decimal(fee) if number else None,
                      currency="CNY", payments=[(r, Decimal(a), ref) for r, a, ref in paid])


def test_payments_balance_against_the_fees_due() -> None:
    day = Day(AT.date(), sessions=[
        _row(1, number="K1-261121-00017", paid=[("expired", "20.00", ""), ("paid", "20.00", "PAY-1-AB")]),
        _row(2, number="K1-261121-00025", case="lost", fee="40.00", paid=[("paid", "40.00", "PAY-2-AB")]),
        _row(3, paid=[("cancelled", "20.00", "")]),                      # left without paying
        _row(4, paid=[("unavailable", "20.00", "")]),                    # handed over
        _row(5, number="K1-261121-00033", case="damaged", fee="0"),      # waived: nothing to pay
    ])
    report = payments(day)
    assert report["paid"] == {"expiring": {"payments": 1, "amount": "20.00", "currency": "CNY"},
                              "lost": {"payments": 1, "amount": "40.00", "currency": "CNY"}}
    assert [r["reference"] for r in report["references"]] == ["PAY-1-AB", "PAY-2-AB"]
    assert (report["expired"], report["cancelled"], report["unavailable"]) == (1, 1, 1)
    assert report["balanced"] is True


def test_what_does_not_balance_is_listed() -> None:
    day = Day(AT.date(), sessions=[
        _row(1, number="K1-261121-00017"),                                            # fee due, no payment
        _row(2, paid=[("paid", "20.00", "PAY-9-ZZ")]),                                # paid, never saved
        _row(3, number="K1-261121-00025", paid=[("paid", "2.00", "PAY-3-AB")]),       # paid the wrong amount
    ])
    report = payments(day)
    assert report["applications_unpaid"] == ["K1-261121-00017"]
    assert report["paid_not_saved"] == ["PAY-9-ZZ"]
    assert report["amount_not_fee"] == ["K1-261121-00025"]
    assert report["balanced"] is False
