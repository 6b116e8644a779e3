"""Codes shown to the (simulated) camera: the card's QR fills the ID number, a studio's
photo receipt brings its portrait; wrong codes, no code and leaving the step are safe."""

from __future__ import annotations

import pytest

from kiosk.config import with_overrides
from kiosk.domain.cases import Case
from kiosk.workflow import code_scan
from kiosk.workflow.machine import InvalidTransition, Workflow
from kiosk.workflow.states import IdentifyMode, State
from tests.code_images import CCCD_TEXT, barcode_image, code_image, in_photo, photo
from tests.headless_workflow import headless_workflow

STUDIO_CODE = "20261203004217"


@pytest.fixture
def vn(demo_cfg, session_tmp):
    cfg = with_overrides(demo_cfg, {"document.country": "VNM"})
    with headless_workflow(cfg) as flow:
        yield flow


def _card_in_view(flow: Workflow, text: str = CCCD_TEXT) -> None:
    flow.services.camera.show(in_photo(code_image(text), photo(), angle=20, width=300, perspective=0.2))


def test_the_cards_qr_fills_the_id_number_and_the_number_goes_on_as_typed(vn: Workflow) -> None:
    vn.start("vi")
    vn.choose_case(Case.LOST)
    vn.agree()
    assert vn.state is State.IDENTIFY and vn.may_scan_card_code
    _card_in_view(vn)
    vn.scan_code()
    assert vn.scanned_id_number == "001199012345"
    assert vn.scanner is None and not vn.busy
    assert vn.wait_camera_closed(5.0)          # the identify step gives the camera back
    asked: list[str] = []
    real = vn.services.registry.lookup
    vn.services.registry.lookup = lambda number: asked.append(number) or real(number)
    vn.submit_id_number(vn.scanned_id_number)
    assert asked == ["001199012345"]
    assert vn.state in (State.FACE_CHECK, State.ELIGIBILITY)   # (the demo face is behind the card)


def test_the_cards_qr_gives_the_access_keys_document_number_and_birth_date(vn: Workflow) -> None:
    vn.start("vi")
    vn.choose_case(Case.LOST)
    vn.agree()
    vn.session.identify_mode = IdentifyMode.ACCESS_KEY
    _card_in_view(vn)
    vn.scan_code()
    assert vn.scanned_access_fields == {"document": "199012345", "birth": "990315"}


def test_a_receipt_shown_for_the_card_is_not_taken_and_no_code_in_time_says_so(
    vn: Workflow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(code_scan, "SCAN_TIMEOUT_S", 1.5)
    vn.start("vi")
    vn.choose_case(Case.LOST)
    vn.agree()
    vn.services.camera.show(in_photo(code_image(STUDIO_CODE), photo(), angle=10, width=300))
    vn.scan_code()
    assert vn.scanned_id_number == ""
    assert vn.session.problem is not None and vn.session.problem.code == "code_not_found"
    assert vn._scanner.latest().instruction == "wrong_code"
    assert not vn._scanner.running


def test_no_card_code_where_the_country_has_none_or_the_chip_is_being_read(wf: Workflow) -> None:
    wf.start("en")
    wf.choose_case(Case.LOST)           # the demo country (CHN): its card has no QR code
    wf.agree()
    assert not wf.may_scan_card_code
    with pytest.raises(InvalidTransition):
        wf.scan_code()


def test_a_studio_receipt_shown_at_the_portrait_step_brings_its_portrait(vn: Workflow) -> None:
    vn.start("vi")
    vn.choose_case(Case.LOST)
    vn.agree()
    vn.submit_id_number("001199012345")      # the demo face matches: "Is this you?"
    assert vn.state is State.ELIGIBILITY
    vn.proceed()
    assert vn.state is State.PORTRAIT
    fetched: list[str] = []
    real = vn.services.studio.fetch
    vn.services.studio.fetch = lambda code: fetched.append(code) or real(code)
    vn.services.camera.show(in_photo(barcode_image(STUDIO_CODE), photo(), angle=6, width=420, perspective=0.1))
    vn.scan_code()
    assert fetched == [STUDIO_CODE]
    assert vn.state is State.CONTACT
    assert vn.session.portrait is not None and vn.session.portrait.source == "studio"
