"""A locked chip, through the real window: the citizen taps the access key in.

The card is the strict eMRTD emulator of the tests (it refuses every read before BAC or
PACE) holding the demo specimen's files, on the in-process reader; jobs run on worker
threads (`QtJobRunner`) as in the kiosk. The core side of the same journey is
`tests/unit/workflow/test_chip_access.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.inprocess_reader import InProcessCardReader
from launcher.services import build_services
from kiosk.documents.access import MrzKey
from kiosk.documents.crypto import CipherKind
from kiosk.documents.lds.card_access import PaceInfo, pace_oid
from kiosk.demo.specimen import make_specimen_files, specimen_mrz
from kiosk.domain.mrz import parse_mrz
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import IdentifyMode, State
from tests.conftest import FIXED_NOW
from tests.emulators.emrtd import InProcessCard
from tests.emulators.emrtd.chip import ChipConfig, EmrtdChip
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui
TODAY = FIXED_NOW.date()
CAN = "491803"


def _mrz_fields() -> dict[str, str]:
    m = parse_mrz(specimen_mrz(TODAY))
    return {"document": m.document_number, "birth": m.birth_date_text, "expiry": m.expiry_date_text}


def _kiosk(qtbot, demo_cfg, chip: EmrtdChip) -> tuple[Kiosk, QtJobRunner, object]:
    cfg = demo_cfg.model_copy(
        update={"ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080})}
    )
    runner = QtJobRunner()
    services = build_services(cfg, today=TODAY)
    services.clock = lambda: FIXED_NOW
    reader = InProcessCardReader()
    reader.insert(InProcessCard(chip))
    services.card_reader = reader
    workflow = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    window = MainWindow(workflow, cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    return Kiosk(window, workflow, qtbot), runner, services


@pytest.fixture
def bac_kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    """A BAC-only chip (no extended length): only the details on the back open it."""
    chip = EmrtdChip(make_specimen_files(TODAY), MrzKey.from_mrz(specimen_mrz(TODAY)), ChipConfig(extended_length=False))
    kiosk, runner, services = _kiosk(qtbot, demo_cfg, chip)
    yield kiosk
    kiosk.window.close()
    runner.shutdown()
    services.close()
    services.store.close()


@pytest.fixture
def pace_kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    """A PACE chip whose card access number is printed on its front."""
    offer = PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)
    config = ChipConfig(pace=[offer], can=CAN)
    chip = EmrtdChip(make_specimen_files(TODAY), MrzKey.from_mrz(specimen_mrz(TODAY)), config)
    kiosk, runner, services = _kiosk(qtbot, demo_cfg, chip)
    yield kiosk
    kiosk.window.close()
    runner.shutdown()
    services.close()
    services.store.close()


def _start(kiosk: Kiosk) -> None:
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    kiosk.tap("case_expiring")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    # The chip refused the read: the screen asks for the key, it does not report a failure.
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.session.identify_mode is IdentifyMode.ACCESS_KEY, timeout=WAIT_MS)
    assert kiosk.find("access_key_panel").isVisible()
    assert not kiosk.find("identify_chip_page").isVisible()
    assert kiosk.find("identify_heading").text() == "Open the chip of your card"


def _type_back(kiosk: Kiosk, document: str, birth: str, expiry: str) -> None:
    kiosk.type_on("access_document_keypad", document)
    kiosk.tap("access_continue")                    # 'Next'
    kiosk.type_on("access_birth_keypad", birth)     # a whole date moves on by itself
    assert kiosk.find("access_expiry_keypad").isVisible()
    kiosk.type_on("access_expiry_keypad", expiry)


def test_wrong_then_right_details_on_the_back_open_the_chip(bac_kiosk: Kiosk) -> None:
    kiosk, wf = bac_kiosk, bac_kiosk.workflow
    right = _mrz_fields()
    _start(kiosk)
    kiosk.tap("access_choice_mrz")
    assert kiosk.find("identify_heading").text() == "Type the details on the back of your card"
    assert kiosk.find("access_step").text() == "1 of 3: Document number"
    assert not kiosk.find("access_continue").isEnabled()        # nothing typed yet

    wrong_document = "X0000000"
    _type_back(kiosk, wrong_document, right["birth"], right["expiry"])
    assert kiosk.find("access_continue").text() == "Continue"
    kiosk.tap("access_continue")

    # The chip refuses the key: the problem says so, with the tries left, and the
    # citizen is back at the first detail with everything they typed.
    kiosk.qtbot.waitUntil(lambda: wf.session.problem is not None, timeout=WAIT_MS)
    assert wf.session.problem.code == "access_key_wrong"
    left = wf.config.devices.card_reader.access_attempts - 1
    message = kiosk.window.findChild(QWidget, "access_key_panel").entry_problem
    kiosk.qtbot.waitUntil(message.isVisible, timeout=WAIT_MS)
    assert message.message.text() == "These details do not open the chip of your card."
    assert f"You can try {left} more times." in message.next_step.text()
    assert kiosk.find("access_step").text() == "1 of 3: Document number"
    panel = kiosk.find("access_key_panel")
    assert panel.typed() == {"can": "", "document": wrong_document, "birth": right["birth"], "expiry": right["expiry"]}

    # Correct the document number; the dates stay as typed.
    kiosk.delete_all("access_document_keypad")
    kiosk.type_on("access_document_keypad", right["document"])
    kiosk.tap("access_continue")
    assert kiosk.find("access_step").text() == "2 of 3: Date of birth"
    kiosk.tap("access_continue")
    assert kiosk.find("access_step").text() == "3 of 3: Expiry date"
    kiosk.tap("access_continue")

    kiosk.wait_for(State.ELIGIBILITY)
    assert wf.session.identity.name_local == "王芳"
    number = wf.session.identity.id_number
    assert kiosk.find("eligibility_id_number").text() == number[:3] + "*" * 11 + number[-4:]
    assert wf.session.access_attempts.failures == 1


def test_number_on_the_front_opens_a_pace_chip(pace_kiosk: Kiosk) -> None:
    kiosk, wf = pace_kiosk, pace_kiosk.workflow
    _start(kiosk)
    # Touching the picture of the card's front chooses it, like its button.
    kiosk.qtbot.mouseClick(kiosk.find("access_choice_can_drawing"), Qt.MouseButton.LeftButton)
    assert kiosk.find("identify_heading").text() == "Type the number on the front of your card"
    kiosk.type_on("access_can_keypad", CAN[:5])
    assert not kiosk.find("access_continue").isEnabled()        # six digits, not five
    kiosk.type_on("access_can_keypad", CAN[5:])
    kiosk.tap("access_continue")
    kiosk.wait_for(State.ELIGIBILITY)
    assert wf.session.identity.name_local == "王芳"


def test_back_returns_from_typing_to_the_choice_and_then_to_the_cases(bac_kiosk: Kiosk) -> None:
    kiosk, wf = bac_kiosk, bac_kiosk.workflow
    _start(kiosk)
    kiosk.tap("access_choice_mrz")
    kiosk.type_on("access_document_keypad", "C03")
    kiosk.tap("access_continue")
    kiosk.tap("access_back")                                    # to the document number
    assert kiosk.find("access_step").text() == "1 of 3: Document number"
    kiosk.tap("access_back")                                    # to the choice
    assert kiosk.find("access_choice_can").isVisible()
    kiosk.tap("access_choose_back")
    kiosk.wait_for(State.CASE)
    # A new visit starts with nothing typed.
    assert kiosk.find("access_key_panel").typed() == {"can": "", "document": "", "birth": "", "expiry": ""}


def test_an_impossible_date_is_pointed_out_and_not_sent(bac_kiosk: Kiosk) -> None:
    kiosk = bac_kiosk
    _start(kiosk)
    kiosk.tap("access_choice_mrz")
    kiosk.type_on("access_document_keypad", "C03004786")
    kiosk.tap("access_continue")
    kiosk.type_on("access_birth_keypad", "841312")             # month 13
    error = kiosk.find("access_field_error")
    assert error.isVisible() and "month" in error.text()
    assert not kiosk.find("access_continue").isEnabled()
    assert kiosk.find("access_step").text() == "2 of 3: Date of birth"   # did not move on


def test_a_front_number_for_a_chip_that_opens_only_with_the_back_goes_to_the_back(bac_kiosk: Kiosk) -> None:
    kiosk, wf = bac_kiosk, bac_kiosk.workflow
    _start(kiosk)
    kiosk.tap("access_choice_can")
    kiosk.type_on("access_can_keypad", CAN)
    kiosk.tap("access_continue")
    kiosk.qtbot.waitUntil(lambda: wf.session.problem is not None, timeout=WAIT_MS)
    assert wf.session.problem.code == "access_key_can_unsupported"
    # Not the same dead end again: the panel is on the back's first detail, the number gone.
    kiosk.qtbot.waitUntil(kiosk.find("access_document_keypad").isVisible, timeout=WAIT_MS)
    assert kiosk.find("access_step").text() == "1 of 3: Document number"
    assert kiosk.find("access_key_panel").typed()["can"] == ""
    right = _mrz_fields()
    _type_back(kiosk, right["document"], right["birth"], right["expiry"])
    kiosk.tap("access_continue")
    kiosk.wait_for(State.ELIGIBILITY)
