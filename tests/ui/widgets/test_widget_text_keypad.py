"""On-screen address keyboard."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton

from ui.widgets.text_keypad import DIGIT_ROW, LETTER_ROWS, PUNCTUATION, TextKeypad, without_diacritics

pytestmark = pytest.mark.ui


@pytest.fixture
def pad(qtbot, kiosk_theme) -> TextKeypad:
    widget = TextKeypad(max_length=30)
    qtbot.addWidget(widget)
    widget.resize(1800, 900)
    widget.show()
    return widget


def test_it_has_every_key_an_address_needs(pad) -> None:
    labels = {b.text() for b in pad.findChildren(QPushButton)}
    for char in DIGIT_ROW + "".join(LETTER_ROWS) + PUNCTUATION:
        assert char in labels
    assert {"Space", "Delete", "Clear", "OK"} <= labels


def test_typing_by_tapping(qtbot, pad) -> None:
    seen: list[str] = []
    pad.textChanged.connect(seen.append)
    for char in "12/3":
        qtbot.mouseClick(pad._char_keys[char], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.space_key, Qt.MouseButton.LeftButton)
    for char in "LE":
        qtbot.mouseClick(pad._char_keys[char], Qt.MouseButton.LeftButton)
    assert pad.text() == "12/3 LE"
    assert seen[-1] == "12/3 LE"
    assert pad.display.text() == "12/3 LE"


def test_no_leading_or_double_spaces(pad) -> None:
    pad.press(" ")
    assert pad.text() == ""
    assert not pad.space_key.isEnabled()
    pad.setText("A")
    pad.press(" ")
    pad.press(" ")
    assert pad.text() == "A "


def test_delete_clear_and_limit(pad) -> None:
    pad.setText("x" * 40)
    assert pad.text() == "X" * 30
    assert not pad._char_keys["A"].isEnabled()
    pad.backspace()
    assert len(pad.text()) == 29 and pad._char_keys["A"].isEnabled()
    pad.clear()
    assert pad.text() == ""


def test_set_text_writes_vietnamese_without_diacritics(pad) -> None:
    pad.setText("Số 12, đường Lê Lợi, Quận 1")
    assert pad.text() == "SO 12, DUONG LE LOI, QUAN 1"


def test_set_text_drops_what_cannot_be_typed(pad) -> None:
    pad.setText("北京市 5号  A\tB")
    assert pad.text() == "5 A B"


@given(text=st.text(max_size=60))
def test_without_diacritics_leaves_only_unaccented_letters(text: str) -> None:
    plain = without_diacritics(text)
    assert not any(unicodedata.combining(c) for c in plain)
    assert "Đ" not in plain and "đ" not in plain


def test_ok_confirms_trimmed_text(qtbot, pad) -> None:
    assert not pad.ok_key.isEnabled()
    pad.setText("5 MAIN ST ")
    with qtbot.waitSignal(pad.confirmed) as blocker:
        qtbot.mouseClick(pad.ok_key, Qt.MouseButton.LeftButton)
    assert blocker.args == ["5 MAIN ST"]


def test_empty_display_shows_a_hint_and_typing_replaces_it(pad) -> None:
    assert pad.text() == ""
    assert pad.display.text() == "Type the address with the keys below"
    assert pad.display.property("empty") is True
    pad.press("A")
    assert pad.display.text() == "A"
    assert pad.display.property("empty") is False


def test_long_addresses_switch_to_smaller_type_instead_of_clipping(qtbot, kiosk_theme) -> None:
    pad = TextKeypad(max_length=200)
    qtbot.addWidget(pad)
    pad.resize(1000, 900)
    pad.show()
    pad.setText("12 NGUYEN TRAI")
    assert pad.display.property("long") is False
    pad.setText("12/3 NGUYEN TRAI, PHUONG BEN THANH, QUAN 1, THANH PHO HO CHI MINH, VIET NAM")
    assert pad.display.property("long") is True
    assert pad.display.font().pixelSize() == kiosk_theme.body_px


def test_language_switch_relabels_keys(pad, language) -> None:
    language("vi")
    assert pad.space_key.text() == "Dấu cách"
    assert pad.ok_key.text() == "Xác nhận"
    assert pad.display.text().startswith("Nhập địa chỉ")


# -- the code layout (a document number) -----------------------------------------------------


@pytest.fixture
def code_pad(qtbot, kiosk_theme):
    from ui.widgets.text_keypad import CODE

    widget = TextKeypad(max_length=9, show_ok=False, layout=CODE, display_lines=1)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_code_layout_has_letters_digits_and_delete_only(code_pad) -> None:
    visible = {b.text() for b in code_pad.findChildren(QPushButton) if b.isVisible()}
    assert visible == set(DIGIT_ROW + "".join(LETTER_ROWS)) | {"Delete"}
    # Four rows: U-Z share theirs with a wide Delete.
    grid = code_pad.findChild(QGridLayout)
    assert grid.rowCount() == 4
    assert grid.getItemPosition(grid.indexOf(code_pad.delete_key)) == (3, 6, 1, 4)


def test_code_layout_types_no_spaces_or_punctuation(code_pad) -> None:
    code_pad.setText("c03 004-786")
    assert code_pad.text() == "C03004786"
    code_pad.clear()
    for char in "A /.":
        code_pad.press(char)
    assert code_pad.text() == "A"


def test_code_layout_keys_are_finger_sized(code_pad, kiosk_theme) -> None:
    code_pad.resize(code_pad.minimumSizeHint())
    for key in (*code_pad._char_keys.values(), code_pad.delete_key):
        assert key.width() >= kiosk_theme.touch_px - 1 and key.height() >= kiosk_theme.touch_px - 1


def test_placeholder_is_translated_on_language_change(code_pad, language) -> None:
    code_pad.set_placeholder("Letters and digits, as on the card")
    assert code_pad.display.text() == "Letters and digits, as on the card"
    language("vi")
    assert code_pad.display.text() == "Chữ cái và chữ số, đúng như trên thẻ"
