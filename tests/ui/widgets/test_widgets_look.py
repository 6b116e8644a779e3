"""Every widget rendered at kiosk sizes, in each language and in large text.

The PNGs land in /tmp/widgets-look/ for a person to look at (clipped text, overlaps, tofu
boxes); the assertions catch what can be measured: texts that do not fit their widget,
and touch targets below 15 mm.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QVBoxLayout, QWidget

from ui.theme import current_theme
from .ui_widget_helpers import draw_signature
from kiosk.domain.country_rules import id_number_format
from ui.widgets import (
    BusyPanel,
    CameraView,
    ChoiceButton,
    IdleCountdownOverlay,
    NumericKeypad,
    SignaturePad,
    StepIndicator,
    Symbol,
    TextKeypad,
)

LANGS = ["en", "zh_CN", "vi"]
CHINESE_ID_GROUPING = id_number_format("CHN").grouping


def _portrait_frame(height: int = 720, width: int = 1280) -> np.ndarray:
    """A synthetic scene: grey wall, skin-coloured oval 'face', dark 'shoulders' (BGR)."""
    yy, xx = np.mgrid[0:height, 0:width]
    frame = np.full((height, width, 3), (200, 196, 190), np.uint8)
    face = ((xx - width * 0.5) / (height * 0.17)) ** 2 + ((yy - height * 0.42) / (height * 0.23)) ** 2 <= 1
    frame[face] = (150, 175, 225)
    shoulders = ((xx - width * 0.5) / (height * 0.45)) ** 2 + ((yy - height * 1.05) / (height * 0.38)) ** 2 <= 1
    frame[shoulders] = (90, 60, 40)
    frame[: height // 12, : width // 6] = (40, 40, 200)  # a red mark top-left: shows mirroring
    return frame


def _check_touch_targets(root: QWidget) -> None:
    theme = current_theme()
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            side = min(button.width(), button.height())
            assert side >= theme.touch_px, f"{button.text()!r} is {side}px"
            assert theme.px_to_mm(side) >= 15.0


def _host(widget: QWidget, width: int, height: int, qtbot) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.ui
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lang", LANGS)
class TestLook:
    @pytest.fixture(autouse=True)
    def _setup(self, kiosk_theme, apply_large, language, lang, large):
        if large:
            apply_large()
        language(lang)
        self.name = f"{lang}-{'large' if large else 'normal'}"

    def test_numeric_keypad(self, qtbot, look, assert_texts_fit):
        keypad = _host(NumericKeypad(allow_x=True, grouping=CHINESE_ID_GROUPING), 820, 1000, qtbot)
        keypad.setText("11010519491231002")
        look(keypad, f"keypad-{self.name}")
        assert_texts_fit(keypad)
        _check_touch_targets(keypad)

    def test_phone_keypad(self, qtbot, look, assert_texts_fit):
        keypad = _host(NumericKeypad(max_length=11, grouping=(3, 4, 4)), 700, 900, qtbot)
        keypad.setText("1391234")
        look(keypad, f"keypad-phone-{self.name}")
        assert_texts_fit(keypad)
        _check_touch_targets(keypad)

    def test_text_keypad(self, qtbot, look, assert_texts_fit):
        keypad = _host(TextKeypad(), 1800, 900, qtbot)
        look(keypad, f"text-keypad-empty-{self.name}")
        assert_texts_fit(keypad)
        keypad.setText("12/3 NGUYEN TRAI, PHUONG BEN THANH, QUAN 1, THANH PHO HO CHI MINH")
        look(keypad, f"text-keypad-{self.name}")
        assert_texts_fit(keypad)
        _check_touch_targets(keypad)

    def test_signature_pad(self, qtbot, look):
        pad = _host(SignaturePad(), 1400, 420, qtbot)
        look(pad, f"signature-empty-{self.name}")
        draw_signature(qtbot, pad)
        image = look(pad, f"signature-{self.name}")
        assert pad.is_signed()
        assert not image.isNull()

    def test_camera_view(self, qtbot, look):
        view = _host(CameraView(), 1280, 720, qtbot)
        look(view, f"camera-waiting-{self.name}")
        frame = _portrait_frame()
        view.set_frame(frame)
        view.set_face_box((int(1280 * 0.5 - 720 * 0.17), int(720 * 0.19), int(720 * 0.34), int(720 * 0.46)))
        view.set_instruction(_instruction(self.name))
        look(view, f"camera-{self.name}")
        view.set_countdown(3)
        look(view, f"camera-countdown-{self.name}")

    def test_busy_panel(self, qtbot, look, assert_texts_fit):
        clock = [100.0]
        panel = _host(BusyPanel(clock=lambda: clock[0]), 1400, 500, qtbot)
        panel.set_progress(37, 100)
        clock[0] += 12
        panel.refresh_elapsed()
        look(panel, f"busy-progress-{self.name}")
        assert_texts_fit(panel)
        panel.set_busy()
        look(panel, f"busy-indeterminate-{self.name}")

    def test_idle_overlay(self, qtbot, look, assert_texts_fit):
        window = QWidget()
        layout = QVBoxLayout(window)
        layout.addWidget(NumericKeypad())
        window = _host(window, 1920, 1080, qtbot)
        overlay = IdleCountdownOverlay(window)
        overlay.show_countdown(15)
        look(window, f"idle-overlay-{self.name}")
        assert_texts_fit(overlay)
        _check_touch_targets(overlay)

    def test_choices_and_steps(self, qtbot, look, assert_texts_fit):
        page = QWidget()
        grid = QGridLayout(page)
        titles = {
            "en": [("My card is expiring", "Renew a card that expires within 90 days"),
                   ("My card is damaged", "Replace a broken or unreadable card"),
                   ("I lost my card", "Type your ID number instead")],
            "zh_CN": [("身份证即将到期", "有效期满前 90 天内可办理换领"),
                      ("身份证损坏", "证件破损或无法读取"),
                      ("身份证丢失", "输入身份证号码办理补领")],
            "vi": [("Thẻ sắp hết hạn", "Cấp đổi thẻ còn hạn dưới 90 ngày"),
                   ("Thẻ bị hư hỏng", "Cấp đổi thẻ bị gãy hoặc không đọc được"),
                   ("Tôi bị mất thẻ", "Nhập số định danh cá nhân thay cho thẻ")],
        }[self.name.split("-")[0]]
        steps = StepIndicator(current=3, total=8)
        grid.addWidget(steps, 0, 0, 1, 2)
        symbols = [Symbol.CARD, Symbol.CARD_DAMAGED, Symbol.CARD_LOST]
        for i, ((title, subtitle), symbol) in enumerate(zip(titles, symbols)):
            grid.addWidget(ChoiceButton(title, subtitle, symbol), 1 + i, 0, 1, 2)
        station = ChoiceButton(titles[0][0], "", Symbol.STATION)
        station.setCheckable(True)
        station.setChecked(True)
        grid.addWidget(station, 4, 0)
        grid.addWidget(ChoiceButton(titles[1][0], "", Symbol.POST), 4, 1)
        for i, symbol in enumerate([Symbol.KEYPAD, Symbol.CAMERA, Symbol.RECEIPT]):
            grid.addWidget(ChoiceButton(symbol.value, "", symbol), 5 + i // 2, i % 2)
        page = _host(page, 1400, 1080, qtbot)
        look(page, f"choices-steps-{self.name}")
        assert_texts_fit(page)
        _check_touch_targets(page)


def _instruction(name: str) -> str:
    return {
        "en": "Come a little closer and look straight at the camera",
        "zh_CN": "请再靠近一点，正视摄像头",
        "vi": "Ông/Bà vui lòng lại gần hơn và nhìn thẳng vào camera",
    }[name.split("-")[0]]
