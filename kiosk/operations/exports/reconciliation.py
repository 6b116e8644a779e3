"""The day in figures an operator can check against the office and the till.

Applications the journal says were made that day, set against the queue's state for
each: delivered, still pending (queued), parked (refused by the office, waiting for a
technician). The two sources are kept by different code and written at different
moments, so they are compared, not trusted: an application the journal recorded but the
queue does not hold, or one the queue holds for that day with no journal entry, is
listed by number and makes the day unbalanced. Fees due are summed per case and
currency from the fee each application was saved with (the fee of its day, not
today's setting).

Payments made at the kiosk (issue 16) are set against those fees: the amount paid per
case, each payment's reference with its application number (what the payment
provider's statement lists), applications saved with a fee but no payment, payments
with no application saved after them (the session ended between the two), and how many
orders expired, were cancelled or could not be taken. Nothing personal: numbers,
references and amounts.
"""

from __future__ import annotations

import collections
import datetime as dt
from decimal import Decimal
from typing import Any

from kiosk.operations.exports.sessions import Day

NAME = "reconciliation.json"


def reconcile(day: Day, queue_numbers_of_day: set[str]) -> dict[str, Any]:
    made = [r for r in day.sessions if r.application_number]
    states = collections.Counter(r.queue_state for r in made)
    journal_numbers = {r.application_number for r in made}
    fees: dict[str, dict[str, Any]] = {}
    totals: dict[str, Decimal] = collections.defaultdict(Decimal)
    for r in made:
        key = r.case or "unknown"
        slot = fees.setdefault(key, {"applications": 0, "amount": Decimal(0), "currency": r.currency})
        slot["applications"] += 1
        slot["amount"] += r.fee or Decimal(0)
        totals[r.currency] += r.fee or Decimal(0)
        if slot["currency"] != r.currency:
            slot["currency"] = "mixed"   # a currency change mid-day: the totals per currency still hold
    missing = sorted(r.application_number for r in made if r.queue_state == "missing")
    extra = sorted(queue_numbers_of_day - journal_numbers)
    reprints = sum(1 for _, action, _ in day.maintenance if action == "receipt_reprint")
    return {
        "date": f"{day.day:%Y-%m-%d}",
        "kiosk_id": day.kiosk_id,
        "sessions": len(day.sessions),
        "outcomes": dict(sorted(collections.Counter(r.outcome or "unfinished" for r in day.sessions).items())),
        "applications": {
            "made": len(made),
            "delivered": states["delivered"],
            "pending": states["queued"],
            "parked": states["parked"],
            "not_in_queue": missing,
            "in_queue_not_in_journal": extra,
        },
        "balanced": not missing and not extra,
        "fees_due": {case: {"applications": v["applications"], "amount": f"{v['amount']:.2f}",
                            "currency": v["currency"]} for case, v in sorted(fees.items(), key=_case_order)},
        "fees_total": {cur: f"{amount:.2f}" for cur, amount in sorted(totals.items())},
        "payments": payments(day),
        "receipts": {
            "printed": sum(1 for r in made if r.printed),
            "not_printed": sum(1 for r in made if r.printed is False),
            "reprinted": reprints,
            "paper_changes": sum(1 for _, action, _ in day.maintenance if action == "paper_changed"),
        },
        "device_faults": dict(sorted(collections.Counter(f"{d}:{c}" for _, d, c in day.device_faults).items())),
        "kiosk_starts": len(day.starts),
        "out_of_service_seconds": round(sum(((end or _end_of(day.day, start)) - start).total_seconds()
                                            for start, end in day.out_of_service), 1),
        "journal_lines_damaged": day.damaged_lines,
        "journal_entries_refused": day.refused_entries,
    }


def payments(day: Day) -> dict[str, Any]:
    """The day's payments against the fees due (see the module's docstring)."""
    paid: dict[str, dict[str, Any]] = {}
    references: list[dict[str, str]] = []
    unpaid: list[str] = []
    paid_not_saved: list[str] = []
    counts: collections.Counter[str] = collections.Counter()
    for r in day.sessions:
        for result, _, _ in r.payments:
            counts[result] += 1
        paid_here = [(amount, reference) for result, amount, reference in r.payments if result == "paid"]
        if r.application_number and (r.fee or Decimal(0)) > 0 and not paid_here:
            unpaid.append(r.application_number)     # a kiosk without the step, or a gap in the journal
        for amount, reference in paid_here:
            if not r.application_number:
                paid_not_saved.append(reference or "(reference not recorded)")
                continue
            key = r.case or "unknown"
            slot = paid.setdefault(key, {"payments": 0, "amount": Decimal(0), "currency": r.currency})
            slot["payments"] += 1
            slot["amount"] += amount
            references.append({"application_number": r.application_number, "reference": reference,
                               "amount": f"{amount:.2f}"})
    fees_due = {r.application_number: r.fee or Decimal(0) for r in day.sessions if r.application_number}
    paid_by_number: dict[str, Decimal] = collections.defaultdict(Decimal)
    for ref in references:
        paid_by_number[ref["application_number"]] += Decimal(ref["amount"])
    mismatched = sorted(n for n, amount in paid_by_number.items() if amount != fees_due.get(n))
    return {
        "paid": {case: {"payments": v["payments"], "amount": f"{v['amount']:.2f}", "currency": v["currency"]}
                 for case, v in sorted(paid.items(), key=_case_order)},
        "references": sorted(references, key=lambda ref: ref["application_number"]),
        "expired": counts["expired"],
        "cancelled": counts["cancelled"],
        "unavailable": counts["unavailable"],
        "applications_unpaid": sorted(unpaid),
        "paid_not_saved": sorted(paid_not_saved),
        "amount_not_fee": mismatched,
        "balanced": not unpaid and not paid_not_saved and not mismatched,
    }


def _case_order(item: tuple[str, Any]) -> tuple[int, str]:
    """Cases in the order the kiosk offers them (expiring, damaged, lost), then others."""
    from kiosk.domain.cases import Case

    order = [c.value for c in Case]
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


def _end_of(day: dt.date, start: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=start.tzinfo)
