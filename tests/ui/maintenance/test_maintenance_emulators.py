"""The console's device tests against the real peers the suite already runs: the card
test through pyscard, a real pcscd and vsmartcard-vpcd with the eMRTD emulator, and the
test print through the ESC/POS driver to emupos, with its paper-out fault injected."""

from __future__ import annotations

import pytest

from hardware.card_reader.pcsc import PcscCardReader
from kiosk.documents.crypto import CipherKind
from kiosk.documents.lds.card_access import PaceInfo, pace_oid
from kiosk.documents.trust import TrustStore
from tests.emulators.emrtd import TEST_CAN, ChipConfig, chip_for, make_document
from tests.emulators.emrtd.pcscd import VPCD_READER, pcscd_state
from tests.integration.documents.conftest import insert, pcscd, vpcd  # noqa: F401 - fixtures
from tests.integration.printing.conftest import emupos, emupos_server  # noqa: F401 - fixtures
from tests.ui.maintenance.conftest import TECHNICIAN, WAIT_MS

pytestmark = [pytest.mark.integration, pytest.mark.ui]

PACE_AES128 = PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)


def _on_pcsc(doc):
    def prepare(services) -> None:
        services.card_reader.close()
        services.card_reader = PcscCardReader(VPCD_READER)
        services.trust = TrustStore([doc.pki.csca.certificate])
    return prepare


def _read(kiosk, qtbot, can: str = "") -> str:
    kiosk.tap("maintenance_menu_device_tests")
    keypad = kiosk.find("maintenance_test_can")
    if can:
        kiosk.tap("maintenance_test_can_toggle")
        kiosk.qtbot.waitUntil(keypad.isVisible, timeout=WAIT_MS)
        for digit in can:
            keypad.press(digit)
    kiosk.tap("maintenance_test_card")
    qtbot.waitUntil(lambda: kiosk.mode.tests["card_reader"].state in ("done", "failed"), timeout=WAIT_MS)
    return kiosk.text("maintenance_test_card_result")


def test_the_card_test_reads_a_pace_card_through_pcscd(open_kiosk, clocks, qtbot, insert):  # noqa: F811
    doc = make_document("TD1")
    kiosk = open_kiosk(prepare=_on_pcsc(doc))
    qtbot.waitUntil(lambda: not pcscd_state()[0], timeout=WAIT_MS)   # the reader is empty
    chip = chip_for(doc, ChipConfig(pace=[PACE_AES128], can=TEST_CAN))
    insert(chip)
    kiosk.enter(TECHNICIAN, clocks[0])
    text = _read(kiosk, qtbot, TEST_CAN)
    assert text.startswith("Card read."), text
    assert "Reader: Virtual PCD 00 00" in text
    assert "Access: PACE-ECDH-GM-AES128" in text
    assert "Signature chain: passed" in text
    atr = kiosk.mode.tests["card_reader"].result.atr
    assert atr and f"ATR: {atr}" in text
    assert f"{chip.total_apdus} APDUs" in text
    assert "wait_for_card" in text and "access_control" in text and "total" in text


def test_the_card_test_without_the_key_says_so_and_still_shows_the_atr(open_kiosk, clocks, qtbot, insert):  # noqa: F811
    doc = make_document("TD1")
    kiosk = open_kiosk(prepare=_on_pcsc(doc))
    qtbot.waitUntil(lambda: not pcscd_state()[0], timeout=WAIT_MS)
    insert(chip_for(doc, ChipConfig()))             # BAC: the key is printed on the card
    kiosk.enter(TECHNICIAN, clocks[0])
    text = _read(kiosk, qtbot)
    assert text.startswith("The chip answers but needs its access key"), text
    assert "ATR: 3B" in text


def _on_emupos(emupos_peer):
    def configure(cfg):
        return cfg.model_copy(update={
            "devices": cfg.devices.model_copy(update={"printer": cfg.devices.printer.model_copy(update={
                "driver": "escpos-network", "host": "127.0.0.1", "port": emupos_peer.tcp_port,
                "timeout_seconds": 2.0,
            })}),
        })
    return configure


def test_the_test_print_on_emupos_reports_paper_out_and_prints_once_paper_is_back(
        open_kiosk, demo_cfg, clocks, qtbot, emupos):  # noqa: F811
    kiosk = open_kiosk(cfg=_on_emupos(emupos)(demo_cfg))
    kiosk.enter(TECHNICIAN, clocks[0])
    kiosk.tap("maintenance_menu_device_tests")
    emupos.set_fault("paper-out")
    before = emupos.receipt_ids()
    kiosk.tap("maintenance_test_print")
    qtbot.waitUntil(lambda: kiosk.mode.tests["printer"].state == "done", timeout=WAIT_MS)
    assert kiosk.text("maintenance_test_print_result") == "Not printed. Status before: paper out, after: paper out."
    emupos.clear_faults()
    kiosk.tap("maintenance_test_print")
    qtbot.waitUntil(lambda: kiosk.mode.tests["printer"].state == "done", timeout=WAIT_MS)
    assert kiosk.text("maintenance_test_print_result") == "Printed. Status before: ready, after: ready."
    receipt = emupos.wait_for_new_receipt(before)
    assert "KIOSK TEST PRINT" in emupos.text(receipt)
