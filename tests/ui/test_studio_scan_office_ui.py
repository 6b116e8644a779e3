"""A studio's photo receipt shown to the (simulated) camera as a barcode, its portrait
fetched from the reference office over mutual TLS, through to the printed receipt:
the camera's scanner, the real HTTPS client and the office in one journey (issue 16's
acceptance; the scan alone is in test_code_scan_ui.py, the office alone in
test_office_ui.py)."""

from __future__ import annotations

import pytest

from kiosk.demo.specimen import specimen_identity
from kiosk.workflow.states import State
from tests.code_images import barcode_image, in_photo, photo
from tests.conftest import FIXED_NOW
from tests.emulators.office.server import ReferenceOffice
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk
from tests.ui.test_office_ui import (  # noqa: F401 (fixtures)
    FAULTS, STUDIO_CODE, _expected, _fault, _finish, _shown_problem, kiosk, office,
)

pytestmark = pytest.mark.ui

RECEIPT_CODE = "20261203004217"


def _show_the_receipt(kiosk: Kiosk) -> None:
    kiosk.chip_renewal_to_portrait()
    kiosk.tap("portrait_studio_code")
    kiosk.tap("studio_code_scan")
    camera = kiosk.find("portrait_camera")
    kiosk.qtbot.waitUntil(lambda: camera.guide_shape() == "code", timeout=WAIT_MS)
    kiosk.workflow.services.camera.show(
        in_photo(barcode_image(RECEIPT_CODE), photo(), angle=7, width=440, perspective=0.1))


def test_a_studio_barcode_fetches_the_portrait_from_the_office_to_the_receipt(kiosk: Kiosk,
                                                                              office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    portrait = specimen_identity(FIXED_NOW.date()).reference_photo
    office.add_studio_portrait(RECEIPT_CODE, portrait)
    _show_the_receipt(kiosk)
    kiosk.wait_for(State.CONTACT)
    assert office.calls == ["studio"]
    assert wf.session.portrait.source == "studio" and wf.session.portrait.jpeg == portrait
    application = []
    wf.subscribe(lambda event, flow: application.append(flow.session.application)
                 if event == "state" and flow.state is State.RECEIPT else None)
    _finish(kiosk, office)
    assert application[0].portrait_jpeg == portrait      # the studio's portrait went into the application
    calls = office.calls
    assert calls[:4] == ["studio", "phone_check", "phone_answer", "payment_create"]
    assert set(calls[4:]) <= {"payment_status"}


def test_a_barcode_the_office_does_not_know(kiosk: Kiosk, office: ReferenceOffice) -> None:
    _show_the_receipt(kiosk)
    assert _shown_problem(kiosk) == _expected("studio_code_invalid")
    assert kiosk.workflow.state is State.PORTRAIT and kiosk.workflow.session.portrait is None


@pytest.mark.parametrize("fault", FAULTS)
def test_a_barcode_with_the_office_at_fault(kiosk: Kiosk, office: ReferenceOffice, fault: str, tmp_path) -> None:
    """Each fault the typed code meets (test_office_ui.py), met by the scanned one: the
    office's answer, not how the code came in, decides what the citizen is told."""
    office.add_studio_portrait(RECEIPT_CODE, specimen_identity(FIXED_NOW.date()).reference_photo)
    _fault(office, fault, tmp_path)
    _show_the_receipt(kiosk)
    expected = FAULTS[fault][1]
    assert _shown_problem(kiosk) == _expected(expected)
    assert kiosk.workflow.session.problem.code == expected
    assert kiosk.workflow.state is State.PORTRAIT and kiosk.workflow.session.portrait is None


def test_a_studio_portrait_that_breaks_the_portrait_rules_is_refused(kiosk: Kiosk, office: ReferenceOffice) -> None:
    """The office vouches that a studio uploaded it, not that it keeps the rules: the
    kiosk's real rules refuse the specimen's smiling portrait, in plain words, and the
    citizen can have the photo taken here."""
    from kiosk.biometrics.portrait_maker import RulesPortraitMaker

    wf = kiosk.workflow                                   # the office has the specimen under STUDIO_CODE
    kiosk.chip_renewal_to_portrait()
    kiosk.tap("portrait_studio_code")
    wf.services.portrait_maker = RulesPortraitMaker(kiosk.cfg.biometrics.portrait)
    kiosk.type_on("studio_code_keypad", STUDIO_CODE)
    kiosk.tap("studio_code_continue")
    assert _shown_problem(kiosk) == _expected("studio_photo_rejected")
    assert wf.state is State.PORTRAIT and wf.session.portrait is None
    assert wf.session.problem.params == {"rule": "mouth_closed"} and office.calls == ["studio"]
    assert kiosk.find("studio_code_back").isVisible()            # "Take the photo here instead"
