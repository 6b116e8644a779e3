"""Codes shown to the simulated camera through the real window: the card's QR code fills
the ID number on the keypad, and a studio's photo receipt shown as a barcode reaches the
studio-photos interface. Jobs run on worker threads (QtJobRunner), the scanner on its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.config import with_overrides
from kiosk.domain.cases import Case
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher.services import build_services
from tests.code_images import CCCD_TEXT, barcode_image, code_image, in_photo, photo
from tests.conftest import FIXED_NOW
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk, running_kiosk
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui

STUDIO_CODE = "20261203004217"


@pytest.fixture
def kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    cfg = with_overrides(demo_cfg, {"document.country": "VNM", "ui.fullscreen": False,
                                    "ui.width": 1920, "ui.height": 1080})
    with running_kiosk(qtbot, cfg) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


def test_the_cards_qr_shown_to_the_camera_fills_the_id_number(kiosk: Kiosk) -> None:
    wf = kiosk.workflow
    asked: list[str] = []
    real = wf.services.registry.lookup
    wf.services.registry.lookup = lambda number: asked.append(number) or real(number)

    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    kiosk.tap(f"case_{Case.LOST.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.tap("identify_scan_card")
    scan_view = kiosk.find("identify_scan")
    kiosk.qtbot.waitUntil(scan_view.isVisible, timeout=WAIT_MS)
    camera = kiosk.find("identify_scan_camera")
    assert camera.guide_shape() == "code"
    kiosk.qtbot.waitUntil(lambda: camera.instruction() != "", timeout=WAIT_MS)   # "hold the code inside the frame"
    wf.services.camera.show(in_photo(code_image(CCCD_TEXT), photo(), angle=-18, width=320, perspective=0.2))
    keypad = kiosk.find("id_keypad")
    kiosk.qtbot.waitUntil(lambda: keypad.text() == "001199012345", timeout=WAIT_MS)
    kiosk.qtbot.waitUntil(lambda: not scan_view.isVisible(), timeout=WAIT_MS)
    assert wf.state is State.IDENTIFY          # the citizen checks the number, then goes on
    kiosk.tap("identify_continue")
    kiosk.qtbot.waitUntil(lambda: wf.state is not State.IDENTIFY, timeout=WAIT_MS)
    assert asked == ["001199012345"]


def test_a_studio_barcode_shown_at_the_portrait_step_reaches_the_studio_photos_interface(kiosk: Kiosk) -> None:
    wf = kiosk.workflow
    fetched: list[str] = []
    real = wf.services.studio.fetch
    wf.services.studio.fetch = lambda code: fetched.append(code) or real(code)

    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    kiosk.tap(f"case_{Case.LOST.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.type_on("id_keypad", "001199012345")
    kiosk.tap("identify_continue")
    kiosk.wait_for(State.ELIGIBILITY)          # the demo face matched the office's photo
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    kiosk.tap("portrait_studio_code")
    kiosk.tap("studio_code_scan")
    camera = kiosk.find("portrait_camera")
    kiosk.qtbot.waitUntil(lambda: camera.guide_shape() == "code", timeout=WAIT_MS)
    wf.services.camera.show(in_photo(barcode_image(STUDIO_CODE), photo(), angle=7, width=440, perspective=0.1))
    kiosk.wait_for(State.CONTACT)
    assert fetched == [STUDIO_CODE]
    assert wf.session.portrait is not None and wf.session.portrait.source == "studio"


@pytest.fixture
def locked_kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    """A Vietnamese kiosk whose card's chip opens only with the details on its back (BAC)."""
    from kiosk.demo.specimen import make_specimen_files, specimen_mrz
    from kiosk.documents.access import MrzKey
    from tests.emulators.emrtd import InProcessCard
    from tests.emulators.emrtd.chip import ChipConfig, EmrtdChip
    from tests.inprocess_reader import InProcessCardReader

    today = FIXED_NOW.date()
    cfg = with_overrides(demo_cfg, {"document.country": "VNM", "ui.fullscreen": False,
                                    "ui.width": 1920, "ui.height": 1080})
    runner = QtJobRunner()
    services = build_services(cfg, today=today)
    services.clock = lambda: FIXED_NOW
    chip = EmrtdChip(make_specimen_files(today, "VNM"), MrzKey.from_mrz(specimen_mrz(today, "VNM")),
                     ChipConfig(extended_length=False))
    reader = InProcessCardReader()
    reader.insert(InProcessCard(chip))
    services.card_reader = reader
    workflow = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    window = MainWindow(workflow, cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    yield Kiosk(window, workflow, qtbot, cfg)
    window.close()
    runner.shutdown()
    services.close()
    services.store.close()


def test_the_cards_qr_fills_what_it_can_of_the_chips_access_key(locked_kiosk: Kiosk) -> None:
    from kiosk.workflow.states import IdentifyMode

    kiosk, wf = locked_kiosk, locked_kiosk.workflow
    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    kiosk.tap("case_expiring")
    kiosk.give_consent()
    kiosk.qtbot.waitUntil(lambda: wf.session.identify_mode is IdentifyMode.ACCESS_KEY, timeout=WAIT_MS)
    kiosk.tap("access_scan_card")
    kiosk.qtbot.waitUntil(kiosk.find("identify_scan").isVisible, timeout=WAIT_MS)
    wf.services.camera.show(in_photo(code_image(CCCD_TEXT), photo(), angle=31, width=300, perspective=0.15))
    panel = kiosk.find("access_key_panel")
    kiosk.qtbot.waitUntil(lambda: panel.isVisible() and panel.field() == "expiry", timeout=WAIT_MS)
    assert panel.typed()["document"] == "199012345"     # the CCCD number's last 9 digits
    assert panel.typed()["birth"] == "990315"
    assert panel.typed()["expiry"] == ""                # not in the code: the citizen types it
    assert kiosk.find("access_expiry_keypad").isVisible()


def test_the_demo_citizen_holds_the_code_up_while_the_kiosk_looks_for_one(kiosk: Kiosk) -> None:
    from launcher.gui import hold_up_while_scanning

    wf = kiosk.workflow
    hold_up_while_scanning(wf, in_photo(code_image(CCCD_TEXT), photo(), angle=12, width=320))
    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    kiosk.tap(f"case_{Case.LOST.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.tap("identify_scan_card")
    keypad = kiosk.find("id_keypad")
    kiosk.qtbot.waitUntil(lambda: keypad.text() == "001199012345", timeout=WAIT_MS)
    assert wf.services.camera._held is None          # lowered once the kiosk stopped looking
