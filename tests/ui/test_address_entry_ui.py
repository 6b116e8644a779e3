"""A postal address typed on the screen keyboards in the citizen's script: regions picked
from the official lists, the street by pinyin (Chinese characters) or Telex (Vietnamese
with diacritics); found in the queued application and on the printed receipt.

Also counts the taps the address takes (printed with -s: a figure, not a threshold).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton

from kiosk.domain import admin_divisions
from kiosk.domain.country_rules import mobile_format
from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from launcher.screenshots import draw_signature
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver, running_kiosk

pytestmark = pytest.mark.ui


class TapCounter(QObject):
    """Counts every button a finger taps in the window."""

    def __init__(self, window) -> None:  # noqa: ANN001
        super().__init__(window)
        self.count = 0
        self._window = window
        self.hook()

    def hook(self) -> None:
        for b in self._window.findChildren(QAbstractButton):
            if not b.property("_counted"):
                b.setProperty("_counted", True)
                b.clicked.connect(self._tapped)

    def _tapped(self) -> None:
        self.count += 1


class Driver(KioskDriver):
    def tap(self, name: str) -> None:
        self.counter.hook()   # buttons made since (region lists) are counted too
        super().tap(name)

    def type_on(self, keypad_name: str, text: str) -> None:
        self.counter.hook()
        super().type_on(keypad_name, text)

    def pick_region(self, code: str) -> None:
        """Tap the region, turning the list's pages ("More") until it shows."""
        self.qtbot.wait(150)   # the list lays itself out for the room it got (once)
        for _ in range(60):
            self.qtbot.wait(20)
            if self.window.findChild(QPushButton, f"region_{code}") is not None:
                break   # on this page (it shows once the event loop ran: `tap` waits for it)
            more = self.find("region_next", QPushButton)
            if more.isVisible() and more.isEnabled():
                self.counter.hook()
                self.qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        self.tap(f"region_{code}")

    def type_street(self, text: str) -> None:
        """Type on the street keyboard; a space is its wide Space key."""
        keypad = self.find("address_keypad")
        for word_index, word in enumerate(text.split(" ")):
            if word_index:
                self.counter.hook()
                self.qtbot.mouseClick(keypad.space_key, Qt.MouseButton.LeftButton)
            self.type_on("address_keypad", word)

    def pick_candidate(self, text: str) -> None:
        keypad = self.find("address_keypad")
        keys = [b for b in keypad.findChildren(QPushButton) if b.objectName().startswith("candidate_")]
        self.qtbot.waitUntil(lambda: any(k.text() == text for k in keys), timeout=WAIT_MS)
        self.counter.hook()
        self.qtbot.mouseClick(next(k for k in keys if k.text() == text), Qt.MouseButton.LeftButton)


def _kiosk(qtbot, cfg) -> Iterator[Driver]:
    with running_kiosk(qtbot, cfg) as (window, workflow):
        driver = Driver(window, workflow, qtbot, cfg)
        driver.counter = TapCounter(window)
        yield driver


def _cfg(demo_cfg, country: str):
    return demo_cfg.model_copy(update={
        "ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080}),
        "document": demo_cfg.document.model_copy(update={"country": country}),
    })


@pytest.fixture
def kiosk_cn(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Driver]:
    yield from _kiosk(qtbot, _cfg(demo_cfg, "CHN"))


@pytest.fixture
def kiosk_vn(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Driver]:
    yield from _kiosk(qtbot, _cfg(demo_cfg, "VNM"))


def _to_address(kiosk: Driver, country: str) -> int:
    """From the welcome screen to the address page by post; returns the taps so far."""
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    kiosk.tap(f"case_{Case.EXPIRING.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.ELIGIBILITY)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    kiosk.tap("portrait_use_0")
    kiosk.wait_for(State.CONTACT)
    kiosk.type_on("phone_keypad", mobile_format(country).example)
    kiosk.tap("pickup_post")
    kiosk.tap("contact_continue")
    return kiosk.counter.count


def _submit_and_read(kiosk: Driver, demo_cfg):
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.pay()
    kiosk.wait_for(State.RECEIPT)
    wf = kiosk.workflow
    assert wf.session.problem is None, wf.session.problem
    stored = wf.services.store.get(wf.session.application_id)
    printed = sorted(demo_cfg.printer_output_dir.glob("*.pdf"))
    assert len(printed) == 1
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed[0]), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return stored, "".join(text.split())


def test_a_chinese_address_typed_by_pinyin(kiosk_cn: Driver, demo_cfg) -> None:
    kiosk = kiosk_cn
    before = _to_address(kiosk, "CHN")
    for code in ("440000", "440100", "440106"):          # 广东省 > 广州市 > 天河区
        kiosk.pick_region(code)
    kiosk.type_on("address_keypad", "tiyuxilu")
    kiosk.pick_candidate("体育")                        # the rest, xilu, stays to compose
    kiosk.pick_candidate("西路")
    kiosk.type_on("address_keypad", "103hao")
    kiosk.pick_candidate("号")
    assert kiosk.find("address_keypad").text() == "体育西路103号"
    kiosk.tap("contact_continue")
    address_taps = kiosk.counter.count - before
    kiosk.pass_phone_check()                              # not the address's taps
    kiosk.wait_for(State.REVIEW)
    print(f"\nCHN postal address: {address_taps} taps (regions and pages, street, Continue)")

    stored, receipt_text = _submit_and_read(kiosk, demo_cfg)
    parts = stored.postal_address_parts
    assert [r.name for r in parts.regions] == ["广东省", "广州市", "天河区"]
    assert [r.code for r in parts.regions] == ["440000", "440100", "440106"]
    assert parts.street == "体育西路103号"
    assert stored.postal_address == "广东省广州市天河区体育西路103号"
    assert "广东省广州市天河区体育西路103号" in receipt_text


def test_a_vietnamese_address_typed_with_telex(kiosk_vn: Driver, demo_cfg) -> None:
    kiosk = kiosk_vn
    tree = admin_divisions.vietnam()
    hcm = next(r for r in tree.children() if r.name.endswith("Hồ Chí Minh"))
    ward = next(r for r in tree.children(hcm.code) if r.name == "Phường Bến Thành")
    before = _to_address(kiosk, "VNM")
    kiosk.pick_region(hcm.code)
    kiosk.pick_region(ward.code)
    kiosk.type_street("12 dduwowngf lee lowji")
    assert kiosk.find("address_keypad").text() == "12 Đường Lê Lợi"
    kiosk.tap("contact_continue")
    address_taps = kiosk.counter.count - before
    kiosk.pass_phone_check()                              # not the address's taps
    kiosk.wait_for(State.REVIEW)
    print(f"\nVNM postal address: {address_taps} taps (regions and pages, street, Continue)")

    stored, receipt_text = _submit_and_read(kiosk, demo_cfg)
    parts = stored.postal_address_parts
    assert parts.regions == (hcm, ward) and parts.street == "12 Đường Lê Lợi"
    line = "12 Đường Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh"
    assert stored.postal_address == line
    assert "".join(line.split()) in receipt_text


def test_back_and_change_keep_what_was_typed(kiosk_cn: Driver) -> None:
    kiosk = kiosk_cn
    _to_address(kiosk, "CHN")
    for code in ("110000", "110100", "110105"):
        kiosk.pick_region(code)
    kiosk.type_on("address_keypad", "jianguolu")
    kiosk.pick_candidate("建国")
    kiosk.pick_candidate("路")
    kiosk.tap("address_change_regions")
    kiosk.tap("region_level_2")          # choose the district again
    kiosk.pick_region("110108")          # 海淀区
    assert kiosk.find("address_keypad").text() == "建国路"
    assert kiosk.find("address_regions_chosen").text() == "北京市海淀区"
