"""Renewals that need the office, through the real window, against the reference office
over mutual TLS (tests/emulators/office): a lost card (typed number), a studio's
photo-receipt code; and each office fault on those paths gives the screen that says
what the citizen can do now.

The kiosk is the demo configuration with its office look-ups pointed at the reference
office (office.endpoint, and the delivery's TLS files from a loopback PKI), so the
launcher builds the real HTTPS client exactly as on a production kiosk.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.demo.specimen import specimen_identity
from kiosk.office_client import OfficeRegistry
from kiosk.workflow.states import Outcome, State
from launcher.screenshots import draw_signature
from tests.conftest import FIXED_NOW
from tests.emulators.office.server import OfficeFault, ReferenceOffice
from tests.ui.kiosk_driver import KioskDriver as Kiosk, running_kiosk
from tests.ui.test_renewal_ui import _watch_until_face_matched
from ui import messages

pytestmark = pytest.mark.ui

TODAY = FIXED_NOW.date()
STUDIO_CODE = "20261120"


@pytest.fixture
def office(tmp_path) -> Iterator[ReferenceOffice]:
    pki = make_loopback_pki(tmp_path / "pki", "KIOSK-DEMO")
    with ReferenceOffice(pki, slow_seconds=0.5, hang_seconds=4.0) as server:
        holder = specimen_identity(TODAY)
        server.add_record(holder)
        server.add_studio_portrait(STUDIO_CODE, holder.reference_photo)
        yield server
    assert server.violations == []


@pytest.fixture
def kiosk(qtbot, demo_cfg, office, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    pki = office.pki
    cfg = demo_cfg.model_copy(update={
        "ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080}),
        "office": demo_cfg.office.model_copy(update={
            "endpoint": office.url, "connect_timeout_seconds": 2.0, "read_timeout_seconds": 1.5,
            "payment_poll_seconds": 0.2}),
        "delivery": demo_cfg.delivery.model_copy(update={
            "client_cert": pki.client_cert, "client_key": pki.client_key, "ca_bundle": pki.ca_cert}),
    })
    def the_real_client(services) -> None:   # not the demo office
        assert isinstance(services.registry.inner, OfficeRegistry)

    with running_kiosk(qtbot, cfg, check_services=the_real_client) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


def _finish(kiosk: Kiosk, office: ReferenceOffice) -> None:
    """From the contact step to the printed receipt and goodbye."""
    kiosk.give_contact()
    kiosk.pass_phone_check(lambda: office.phone.last_code)   # the code the office "texted"
    kiosk.wait_for(State.REVIEW)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.pay(office)
    kiosk.wait_for(State.RECEIPT)
    assert kiosk.workflow.session.problem is None, kiosk.workflow.session.problem
    kiosk.tap("receipt_finish")
    kiosk.wait_for(State.GOODBYE)
    assert kiosk.workflow.last_outcome is Outcome.COMPLETED


def _shown_problem(kiosk: Kiosk) -> tuple[str, str]:
    def visible(name: str) -> list[str]:
        return [w.text() for w in kiosk.window.findChildren(QLabel, name) if w.isVisible() and w.text()]

    kiosk.qtbot.waitUntil(lambda: bool(visible("problem_message")), timeout=30_000)
    return visible("problem_message")[0], (visible("problem_next_step") or [""])[0]


def _expected(code: str) -> tuple[str, str]:
    from kiosk.workflow.problems import Problem

    text = messages.problem_text(Problem(code))
    return text.message, text.next_step


def _type_lost_card_number(kiosk: Kiosk) -> str:
    number = specimen_identity(TODAY).id_number
    kiosk.tap("start_en")
    kiosk.tap("case_lost")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.type_on("id_keypad", number)
    return number


def test_a_lost_card_renewal_against_the_office(kiosk: Kiosk, office: ReferenceOffice) -> None:
    holder = specimen_identity(TODAY)
    number = _type_lost_card_number(kiosk)
    leaks, states = _watch_until_face_matched(kiosk, holder)
    kiosk.tap("identify_continue")
    kiosk.wait_for(State.ELIGIBILITY)
    assert leaks == []                                   # nothing about the holder before the match
    assert states[:2] == [State.FACE_CHECK, State.ELIGIBILITY]
    assert office.calls == ["reference", "record"]       # the record only after the match
    assert kiosk.find("eligibility_name").text() == holder.display_name
    assert kiosk.find("eligibility_id_number").text() == messages.mask_id_number(number)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    kiosk.tap("portrait_use_0")
    _finish(kiosk, office)


def test_a_renewal_with_a_studio_photo_code(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    kiosk.chip_renewal_to_portrait()
    kiosk.tap("portrait_studio_code")
    kiosk.type_on("studio_code_keypad", STUDIO_CODE)
    kiosk.tap("studio_code_continue")
    kiosk.wait_for(State.CONTACT)
    assert wf.session.portrait.source == "studio"
    assert wf.session.portrait.jpeg == specimen_identity(TODAY).reference_photo
    assert office.calls == ["studio"]
    _finish(kiosk, office)


def _fault(office: ReferenceOffice, fault: str, tmp_path) -> None:
    if fault == "refused":
        office.refuse()
    elif fault == "wrong_certificate":
        office.wrong_certificate(tmp_path / "foreign")
    else:
        office.fault = OfficeFault(fault)


FAULTS = {
    # fault: (lost card's problem, studio code's problem)
    "refused": ("office_unreachable", "studio_unavailable"),
    "timeout": ("office_unreachable", "studio_unavailable"),
    "error_500": ("office_unreachable", "studio_unavailable"),
    "busy_429": ("office_busy", "office_busy"),
    "wrong_certificate": ("office_unreachable", "studio_unavailable"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_lost_card_with_the_office_at_fault(kiosk: Kiosk, office: ReferenceOffice, fault, tmp_path) -> None:
    _fault(office, fault, tmp_path)
    _type_lost_card_number(kiosk)
    kiosk.tap("identify_continue")
    shown = _shown_problem(kiosk)
    assert kiosk.workflow.state is State.IDENTIFY
    assert kiosk.workflow.session.problem.code == FAULTS[fault][0]
    assert shown == _expected(FAULTS[fault][0])
    assert kiosk.workflow.session.sealed_identity is None and kiosk.workflow.session.identity is None


@pytest.mark.parametrize("fault", FAULTS)
def test_a_studio_code_with_the_office_at_fault(kiosk: Kiosk, office: ReferenceOffice, fault, tmp_path) -> None:
    kiosk.chip_renewal_to_portrait()
    kiosk.tap("portrait_studio_code")
    _fault(office, fault, tmp_path)
    kiosk.type_on("studio_code_keypad", STUDIO_CODE)
    kiosk.tap("studio_code_continue")
    shown = _shown_problem(kiosk)
    assert kiosk.workflow.state is State.PORTRAIT and kiosk.workflow.session.portrait is None
    assert kiosk.workflow.session.problem.code == FAULTS[fault][1]
    assert shown == _expected(FAULTS[fault][1])


def test_a_slow_office_within_the_timeout_completes_the_lost_card(kiosk: Kiosk, office: ReferenceOffice) -> None:
    office.fault = OfficeFault.SLOW
    _type_lost_card_number(kiosk)
    kiosk.tap("identify_continue")
    kiosk.wait_for(State.ELIGIBILITY)
    assert office.calls == ["reference", "record"]


def test_the_record_failing_after_the_match_shows_nothing_about_the_holder(kiosk: Kiosk, office: ReferenceOffice) -> None:
    holder = specimen_identity(TODAY)
    _type_lost_card_number(kiosk)
    leaks, _ = _watch_until_face_matched(kiosk, holder)
    office.push(OfficeFault.NONE, OfficeFault.ERROR_500)   # the photo comes, the record does not
    kiosk.tap("identify_continue")
    shown = _shown_problem(kiosk)
    assert kiosk.workflow.state is State.FACE_CHECK
    assert shown == _expected("office_unreachable")
    assert kiosk.workflow.session.identity is None and leaks == []
    assert office.calls == ["reference"]


def test_only_a_busy_office_asks_for_another_try() -> None:
    """The words of every office failure: the way that is open, never "in a minute"."""
    for code in ("office_unreachable", "office_unreachable_card", "studio_unavailable"):
        message, next_step = _expected(code)
        assert "counter" in next_step and "again" not in next_step and "minute" not in next_step, code
    assert "try once more" in _expected("office_busy")[1]
