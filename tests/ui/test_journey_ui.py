"""Issue 15, the journey as a walk-through found it, through the real window: the consent
before the camera, a receipt the printer could not print, the station in the citizen's
language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QCheckBox

from hardware.printer import PrinterStatus
from kiosk.workflow.states import Outcome, State
from launcher.screenshots import draw_signature
from tests.ui.kiosk_driver import KioskDriver as Kiosk, running_kiosk

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    cfg = demo_cfg.model_copy(
        update={"ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080})}
    )
    with running_kiosk(qtbot, cfg) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


def _to_review(kiosk: Kiosk, lang: str = "en") -> None:
    kiosk.chip_renewal_to_contact(lang)
    kiosk.give_contact()
    kiosk.pass_phone_check()
    kiosk.wait_for(State.REVIEW)


def test_the_consent_is_asked_after_the_case_and_before_the_card_is_read(kiosk: Kiosk) -> None:
    wf = kiosk.workflow
    kiosk.tap("start_en")
    kiosk.tap("case_expiring")
    kiosk.wait_for(State.CONSENT)
    assert "only to make my new ID card" in kiosk.find("consent_text").text()
    assert wf.session.identity is None and not wf.busy        # the card lies there, unread
    kiosk.tap("consent_back")                                  # not agreeing: back to the choice
    kiosk.wait_for(State.CASE)
    kiosk.tap("case_expiring")
    kiosk.give_consent()
    kiosk.wait_for(State.ELIGIBILITY)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    kiosk.tap("portrait_use_0")
    kiosk.wait_for(State.CONTACT)
    kiosk.type_on("phone_keypad", "13800138000")
    kiosk.tap("pickup_station")
    kiosk.tap("contact_continue")
    kiosk.pass_phone_check()
    kiosk.wait_for(State.REVIEW)
    # The review says it was given; nothing to tick there any more.
    assert "You agreed" in kiosk.find("review_consent_given").text()
    assert kiosk.window.findChild(QCheckBox, "review_consent") is None
    assert not kiosk.find("review_submit").isEnabled()         # consent alone is not enough
    draw_signature(kiosk.find("review_signature"))
    assert kiosk.find("review_submit").isEnabled()
    kiosk.tap("review_submit")
    kiosk.wait_for(State.RECEIPT)


def _phone_photo(kiosk: Kiosk, tmp_path) -> list[str]:
    """What a phone's camera reads off the screen."""
    from kiosk.codes.decoder import find_codes_in_file

    path = tmp_path / "screen.png"
    assert kiosk.window.grab().save(str(path))
    return [code.text for code in find_codes_in_file(path)]


def test_an_unprinted_receipt_stays_until_the_number_is_noted_and_goes_to_the_phone(kiosk: Kiosk, tmp_path) -> None:
    wf = kiosk.workflow
    wf.services.printer.set_status(PrinterStatus.PAPER_OUT)
    _to_review(kiosk)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.wait_for(State.RECEIPT)
    assert wf.session.problem.code == "print_failed"
    finish = kiosk.find("receipt_finish")
    assert finish.text() == "I have noted the number"

    # The usual idle minute and countdown pass: the receipt stays.
    cfg = wf.config.session
    wf.services.monotonic.advance(cfg.idle_warning_seconds + cfg.idle_countdown_seconds + 1)
    wf.tick()
    assert wf.state is State.RECEIPT and wf.idle_seconds_left is None

    # Its QR code, large, for the phone: the signed link the printed receipt would carry.
    kiosk.tap("receipt_show_qr")
    screen = kiosk.window.current_screen()
    assert screen.showing_phone_code() and kiosk.find("receipt_show_qr").text() == "Show the receipt"
    read = _phone_photo(kiosk, tmp_path)
    assert read == [wf.session.receipt.qr_content]
    assert wf.session.application_number in read[0] and read[0].startswith(wf.config.receipt.verify_page)
    from kiosk.receipts.verify import Keyring, verify_text

    keyring = Keyring()
    keyring.add_path(wf.config.resolve_path(wf.config.receipt.public_key))
    assert verify_text(read[0], keyring).valid

    kiosk.tap("receipt_finish")                                # "I have noted the number"
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.COMPLETED


def test_a_printed_receipt_offers_no_phone_code(kiosk: Kiosk) -> None:
    _to_review(kiosk)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.wait_for(State.RECEIPT)
    assert not kiosk.find("receipt_show_qr").isVisible()
    assert kiosk.find("receipt_finish").text() == "Finish"


@pytest.mark.parametrize("lang, name", [("zh_CN", "演示派出所"), ("en", "Demo Police Station"), ("vi", "Đồn Công an mẫu")])
def test_the_station_is_named_in_the_citizens_language(kiosk: Kiosk, language, lang: str, name: str) -> None:
    wf = kiosk.workflow
    language(lang)
    assert kiosk.find("welcome_station").text() == name
    _to_review(kiosk, lang)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.wait_for(State.RECEIPT)
    receipt = wf.session.receipt
    assert receipt.station == name and name in receipt.pickup_info
    # The office is told the station's own name, whatever the citizen's language.
    stored = wf.services.store.get(wf.session.application_id)
    assert stored.station == wf.config.kiosk.station == "Demo Police Station"


def test_the_pick_up_question_comes_once_the_number_is_typed(kiosk: Kiosk) -> None:
    """One instruction at a time: the phone number first, then how to get the card."""
    kiosk.chip_renewal_to_contact()
    kiosk.wait_for(State.CONTACT)
    pickup = [kiosk.find(name) for name in ("pickup_station", "pickup_post")]
    assert not any(button.isVisible() for button in pickup)
    kiosk.type_on("phone_keypad", "1380013800")                # one digit short
    assert not any(button.isVisible() for button in pickup)
    kiosk.type_on("phone_keypad", "0")
    assert all(button.isVisible() for button in pickup)
    kiosk.tap("pickup_station")
    kiosk.tap("contact_continue")
    kiosk.pass_phone_check()
    kiosk.wait_for(State.REVIEW)


# One instruction at a time on the camera screens (the side text beside the picture's
# banner, "Get ready" beside the countdown): checked in tests/ui/test_screens.py on the
# screen walk it needs, in every language and text size.
