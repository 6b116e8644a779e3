"""Paying the fee through the real window against the reference office over mutual TLS
(issue 16): paid, expired, cancelled, a busy office and an office that cannot be
reached, each end to end; a waived fee skips the step.

The kiosk is the demo configuration with its office pointed at the reference office
(tests/emulators/office), so the launcher builds the real HTTPS client; the test plays
the citizen's payment app (`office.payments.pay`) and the order's clock (`expire`).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.demo.specimen import specimen_identity
from kiosk.office_client import OfficePayments
from kiosk.operations.exports.reconciliation import reconcile
from kiosk.operations.exports.sessions import read_day
from kiosk.workflow.states import HandoverReason, Outcome, State
from launcher.screenshots import draw_signature
from tests.conftest import FIXED_NOW
from tests.emulators.office.server import OfficeFault, ReferenceOffice
from tests.ui.kiosk_driver import KioskDriver as Kiosk, running_kiosk
from ui import messages

pytestmark = pytest.mark.ui

TODAY = FIXED_NOW.date()


@pytest.fixture
def office(tmp_path) -> Iterator[ReferenceOffice]:
    pki = make_loopback_pki(tmp_path / "pki", "KIOSK-DEMO")
    with ReferenceOffice(pki, slow_seconds=0.3, hang_seconds=3.0) as server:
        server.add_record(specimen_identity(TODAY))
        yield server
    assert server.violations == []


def _config(demo_cfg, office: ReferenceOffice, **fees):
    pki = office.pki
    return demo_cfg.model_copy(update={
        "ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080}),
        "office": demo_cfg.office.model_copy(update={
            "endpoint": office.url, "connect_timeout_seconds": 1.0, "read_timeout_seconds": 1.0,
            "payment_poll_seconds": 0.1}),
        "delivery": demo_cfg.delivery.model_copy(update={
            "client_cert": pki.client_cert, "client_key": pki.client_key, "ca_bundle": pki.ca_cert}),
        "fees": demo_cfg.fees.model_copy(update=fees),
    })


@pytest.fixture
def kiosk(qtbot, demo_cfg, office, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    cfg = _config(demo_cfg, office)

    def the_real_client(services) -> None:   # not the demo's stand-in
        assert isinstance(services.payments, OfficePayments)

    def journalled(workflow) -> None:   # as the launcher does: the export reads the journal
        from launcher.services import attach_journal

        attach_journal(workflow)

    with running_kiosk(qtbot, cfg, check_services=the_real_client, before_window=journalled) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


def _to_payment(kiosk: Kiosk, office: ReferenceOffice, at_review: Callable[[], None] | None = None) -> None:
    """A chip renewal up to "Submit" on the review; `at_review` (an office fault for the
    payment) is done there, once the office has checked the phone."""
    kiosk.chip_renewal_to_contact()
    kiosk.give_contact()
    kiosk.pass_phone_check(lambda: office.phone.last_code)   # the code the office "texted"
    kiosk.wait_for(State.REVIEW)
    if at_review is not None:
        at_review()
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")


def _code_shown(kiosk: Kiosk) -> str:
    """Wait for the office's code on the screen; the order's id."""
    wf = kiosk.workflow
    kiosk.wait_for(State.PAYMENT)
    kiosk.qtbot.waitUntil(lambda: kiosk.find("payment_code").isVisible() and kiosk.find("payment_code").has_image(),
                          timeout=30_000)
    assert kiosk.find("payment_countdown").isVisible()
    assert kiosk.find("payment_countdown").text() == "The code is valid for 2:00 more."
    assert kiosk.find("payment_amount").text() == "Fee: " + messages.fee_text(Decimal("20"), "CNY", "en")
    return wf.session.payment_order.order_id


def _shown_problem(kiosk: Kiosk, code: str) -> None:
    from kiosk.workflow.problems import Problem

    expected = messages.problem_text(Problem(code))
    kiosk.qtbot.waitUntil(lambda: any(w.isVisible() and w.text() == expected.message
                                      for w in kiosk.window.findChildren(QLabel, "problem_message")), timeout=30_000)


def _receipt_text(kiosk: Kiosk) -> str:
    printed = list(kiosk.cfg.printer_output_dir.glob("*.pdf"))
    assert len(printed) == 1
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed[0]), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_a_paid_fee_is_on_the_application_the_receipt_and_the_export(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    _to_payment(kiosk, office)
    order_id = _code_shown(kiosk)
    assert wf.session.application.application_number     # numbered: the order names it
    assert office.payments.orders[order_id].application_number == wf.session.application.application_number
    assert office.payments.orders[order_id].amount == "20.00"
    reference = office.payments.pay(order_id).reference     # the citizen's app paid
    kiosk.wait_for(State.RECEIPT)
    assert wf.session.problem is None, wf.session.problem
    number = wf.session.application_number

    stored = wf.services.store.get(wf.session.application_id)
    payload = stored.to_payload()
    assert payload["payload_version"] == 5
    assert payload["payment"] == {"status": "paid", "reference": reference, "amount": "20.00"}
    assert f"Paid, reference {reference}" in " ".join(_receipt_text(kiosk).split())
    paying = [call for call in office.calls if call.startswith("payment")]
    assert paying[0] == "payment_create" and set(paying[1:]) == {"payment_status"}

    kiosk.tap("receipt_finish")
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.COMPLETED
    day = read_day(wf.services.journal.folder, TODAY)
    report = reconcile(day, {number})
    assert day.refused_entries == 0 and day.damaged_lines == 0
    assert report["payments"] == {
        "paid": {"expiring": {"payments": 1, "amount": "20.00", "currency": "CNY"}},
        "references": [{"application_number": number, "reference": reference, "amount": "20.00"}],
        "expired": 0, "cancelled": 0, "unavailable": 0, "applications_unpaid": [], "paid_not_saved": [],
        "amount_not_fee": [], "balanced": True,
    }
    assert report["fees_due"]["expiring"]["amount"] == "20.00"
    text = json.dumps(report, ensure_ascii=False)
    holder = specimen_identity(TODAY)
    assert holder.id_number not in text and holder.surname not in text and "13800138000" not in text


def test_an_expired_order_offers_a_new_code_which_is_paid(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    _to_payment(kiosk, office)
    first = _code_shown(kiosk)
    office.payments.expire(first)
    _shown_problem(kiosk, "payment_expired")
    assert not kiosk.find("payment_code").isVisible() and not kiosk.find("payment_countdown").isVisible()
    kiosk.tap("payment_again")
    kiosk.qtbot.waitUntil(lambda: wf.session.payment_order is not None and wf.session.payment_order.order_id != first,
                          timeout=30_000)
    second = _code_shown(kiosk)
    assert office.payments.orders[first].key != office.payments.orders[second].key   # a new order, not the old one
    office.payments.pay(second)
    kiosk.wait_for(State.RECEIPT)
    assert wf.services.store.get(wf.session.application_id).payment["status"] == "paid"
    kiosk.tap("receipt_finish")
    kiosk.wait_for(State.GOODBYE)
    report = reconcile(read_day(wf.services.journal.folder, TODAY), set())
    assert report["payments"]["expired"] == 1 and len(report["payments"]["references"]) == 1


def test_a_cancelled_payment_goes_back_to_the_review_and_charges_nothing(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    _to_payment(kiosk, office)
    order_id = _code_shown(kiosk)
    kiosk.tap("payment_cancel")
    _shown_problem(kiosk, "payment_cancelled")
    assert office.payments.orders[order_id].status == "cancelled"
    kiosk.tap("payment_back")
    kiosk.wait_for(State.REVIEW)
    with sqlite3.connect(kiosk.cfg.database_path) as db:
        assert db.execute("select count(*) from applications").fetchone()[0] == 0   # nothing saved
    kiosk.window.ask_cancel()
    kiosk.tap("confirm_yes")
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.CANCELLED
    report = reconcile(read_day(wf.services.journal.folder, TODAY), set())
    assert report["payments"]["cancelled"] == 1 and report["payments"]["references"] == []
    assert report["applications"]["made"] == 0


def test_leaving_with_an_order_open_cancels_it_at_the_office(kiosk: Kiosk, office: ReferenceOffice) -> None:
    _to_payment(kiosk, office)
    order_id = _code_shown(kiosk)
    kiosk.window.ask_cancel()
    kiosk.tap("confirm_yes")
    kiosk.wait_for(State.GOODBYE)
    kiosk.qtbot.waitUntil(lambda: office.payments.orders[order_id].status == "cancelled", timeout=30_000)


@pytest.mark.parametrize("fault", ["refused", "error_500", "timeout"])
def test_an_office_that_cannot_take_the_payment_sends_to_the_counter(kiosk: Kiosk, office: ReferenceOffice,
                                                                     fault: str) -> None:
    """Retrying at the screen cannot mend these: the counter, in plain words, no "try again"."""
    wf = kiosk.workflow

    def fail() -> None:
        if fault == "refused":
            office.refuse()
        else:
            office.fault = OfficeFault(fault)

    _to_payment(kiosk, office, at_review=fail)
    kiosk.wait_for(State.HANDOVER)
    assert wf.session.handover_reason is HandoverReason.PAYMENT
    text = messages.handover_text("payment", 0)
    kiosk.qtbot.waitUntil(lambda: kiosk.find("handover_reason").text() == text.message, timeout=30_000)
    assert kiosk.find("handover_bring").text() == text.next_step
    assert "try" not in (text.message + text.next_step).lower()
    office.fault = OfficeFault.NONE
    kiosk.tap("handover_finish")
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.HANDED_OVER
    report = reconcile(read_day(wf.services.journal.folder, TODAY), set())
    assert report["payments"]["unavailable"] == 1


def test_a_busy_office_asks_for_another_try_which_works(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    _to_payment(kiosk, office, at_review=lambda: office.push(OfficeFault.BUSY_429))
    _shown_problem(kiosk, "payment_busy")
    kiosk.tap("payment_again")
    kiosk.pay(office)
    kiosk.wait_for(State.RECEIPT)
    assert wf.services.store.get(wf.session.application_id).payment["status"] == "paid"


def test_a_waived_fee_skips_the_step(qtbot, demo_cfg, office, session_tmp, kiosk_theme, language) -> None:
    cfg = _config(demo_cfg, office, expiring=Decimal("0"))
    with running_kiosk(qtbot, cfg) as (window, workflow):
        kiosk = Kiosk(window, workflow, qtbot, cfg)
        states: list[State] = []
        workflow.subscribe(lambda event, wf: states.append(wf.state) if event == "state" else None)
        _to_payment(kiosk, office)
        kiosk.wait_for(State.RECEIPT)
        assert State.PAYMENT not in states and office.calls == ["phone_check", "phone_answer"]
        payment = workflow.services.store.get(workflow.session.application_id).payment
        assert payment["status"] == "waived"
