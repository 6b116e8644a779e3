"""Numeric keypad: typing, deleting, limits, the check character, grouping, OK."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QPushButton

from kiosk.domain.country_rules import id_number_format, mobile_format
from ui.widgets.keypad import NumericKeypad, group_digits, group_sizes

CHINESE_ID_GROUPING = id_number_format("CHN").grouping
CHINESE_MOBILE_GROUPING = mobile_format("CHN").grouping

pytestmark = pytest.mark.ui


@pytest.fixture
def keypad(qtbot, kiosk_theme):
    def make(**kwargs) -> NumericKeypad:
        widget = NumericKeypad(**kwargs)
        qtbot.addWidget(widget)
        widget.resize(800, 1000)
        widget.show()
        return widget

    return make


def tap(qtbot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def key(pad: NumericKeypad, label: str) -> QPushButton:
    return pad.x_key if label == "X" else pad._digit_keys[label]


# --- grouping (pure functions) --------------------------------------------------------

def test_grouping_examples() -> None:
    assert group_digits("11010519491231002X", CHINESE_ID_GROUPING) == "110105 19491231 002X"
    assert group_digits("13912345678", CHINESE_MOBILE_GROUPING) == "139 1234 5678"
    assert group_digits("1391", CHINESE_MOBILE_GROUPING) == "139 1"
    assert group_digits("", CHINESE_MOBILE_GROUPING) == ""
    assert group_digits("123456", ()) == "123456"
    assert group_digits("1234567", (2, 2)) == "12 34 567"


@given(text=st.text(alphabet="0123456789X", max_size=30), grouping=st.lists(st.integers(1, 8), max_size=5))
def test_grouping_only_inserts_separators(text: str, grouping: list[int]) -> None:
    grouped = group_digits(text, grouping)
    assert grouped.replace(" ", "") == text
    parts = grouped.split(" ") if text else []
    assert [len(p) for p in parts] == group_sizes(grouping, len(text))


@given(length=st.integers(0, 40), grouping=st.lists(st.integers(1, 8), max_size=5))
def test_group_sizes_cover_the_length_and_follow_the_pattern(length: int, grouping: list[int]) -> None:
    sizes = group_sizes(grouping, length)
    assert sum(sizes) == length
    assert all(size > 0 for size in sizes)
    for i, size in enumerate(sizes[:-1]):
        assert size == grouping[i]  # every group but the last is complete
    if sizes and len(sizes) <= len(grouping):
        assert sizes[-1] <= grouping[len(sizes) - 1]  # the last may be cut short


def test_group_sizes_rejects_non_positive_sizes() -> None:
    with pytest.raises(ValueError):
        group_sizes((3, 0, 4), 11)


# --- typing --------------------------------------------------------------------------

def test_tapping_keys_types_and_emits(qtbot, keypad) -> None:
    pad = keypad(max_length=11, grouping=CHINESE_MOBILE_GROUPING)
    seen: list[str] = []
    pad.textChanged.connect(seen.append)
    for digit in "1391":
        tap(qtbot, key(pad, digit))
    assert pad.text() == "1391"
    assert seen == ["1", "13", "139", "1391"]
    assert pad.grouped_text() == "139 1"


def test_delete_removes_the_last_digit_and_clear_everything(qtbot, keypad) -> None:
    pad = keypad(max_length=11)
    pad.setText("139")
    tap(qtbot, pad.delete_key)
    assert pad.text() == "13"
    tap(qtbot, pad.clear_key)
    assert pad.text() == ""
    assert not pad.delete_key.isEnabled() and not pad.clear_key.isEnabled()


def test_max_length_stops_typing(qtbot, keypad) -> None:
    pad = keypad(max_length=4, grouping=())
    for digit in "123456":
        pad.press(digit)
    assert pad.text() == "1234"
    assert not key(pad, "5").isEnabled()
    tap(qtbot, key(pad, "5"))  # a disabled key does nothing
    assert pad.text() == "1234"
    pad.backspace()
    assert key(pad, "5").isEnabled()


def test_check_character_only_as_the_last_of_18(qtbot, keypad) -> None:
    pad = keypad(max_length=18, grouping=CHINESE_ID_GROUPING, allow_x=True)
    assert pad.x_key.isVisible()
    pad.press("X")
    assert pad.text() == ""
    assert not pad.x_key.isEnabled()
    pad.setText("11010519491231002")
    assert pad.x_key.isEnabled()
    tap(qtbot, pad.x_key)
    assert pad.text() == "11010519491231002X"
    assert pad.grouped_text() == "110105 19491231 002X"


def test_without_check_character_there_is_no_x_key(keypad) -> None:
    pad = keypad(max_length=12, grouping=(3, 3, 6))
    assert not pad.x_key.isVisible()
    pad.setText("00119300123")
    pad.press("X")
    assert pad.text() == "00119300123"


@pytest.mark.parametrize(
    ("given_text", "kept"),
    [
        ("110105 1949-1231 002x", "11010519491231002X"),  # separators dropped, x upper-cased
        ("1101051949123100X2", "1101051949123100"),      # X not last: cut there
        ("110105194912310021234", "110105194912310021"),  # too long: cut
        ("abc", ""),
    ],
)
def test_set_text_keeps_only_what_could_be_typed(keypad, given_text, kept) -> None:
    pad = keypad(max_length=18, allow_x=True)
    pad.setText(given_text)
    assert pad.text() == kept


def test_set_text_emits_only_on_change(qtbot, keypad) -> None:
    pad = keypad(max_length=11)
    pad.setText("139")
    with qtbot.assertNotEmitted(pad.textChanged):
        pad.setText("139")


@pytest.fixture(scope="module")
def shared_keypad(qapp):
    """One keypad for every generated key sequence (a widget per example would pile up)."""
    pad = NumericKeypad(max_length=18, allow_x=True)
    yield pad
    pad.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@given(keys=st.lists(st.sampled_from(list("0123456789X") + ["DEL", "CLR"]), max_size=40))
def test_any_key_sequence_keeps_the_text_valid(shared_keypad, keys: list[str]) -> None:
    pad = shared_keypad
    pad.clear()
    for k in keys:
        if k == "DEL":
            pad.backspace()
        elif k == "CLR":
            pad.clear()
        else:
            pad.press(k)
        text = pad.text()
        assert len(text) <= 18
        assert text[:17].isdigit() or text[:17] == ""
        assert "X" not in text or (text.index("X") == 17 and len(text) == 18)
        assert pad.ok_key.isEnabled() == (len(text) == 18)


# --- OK --------------------------------------------------------------------------------

def test_ok_is_enabled_when_full_by_default(qtbot, keypad) -> None:
    pad = keypad(max_length=11, grouping=CHINESE_MOBILE_GROUPING)
    pad.setText("1391234567")
    assert not pad.ok_key.isEnabled()
    pad.press("8")
    assert pad.ok_key.isEnabled()
    with qtbot.waitSignal(pad.confirmed) as blocker:
        tap(qtbot, pad.ok_key)
    assert blocker.args == ["13912345678"]


def test_a_validator_decides_when_ok_is_possible(qtbot, keypad) -> None:
    pad = keypad(max_length=11, validator=lambda text: text.startswith("1") and len(text) == 11)
    pad.setText("23912345678")
    assert not pad.ok_key.isEnabled()
    with qtbot.assertNotEmitted(pad.confirmed):
        pad._confirm()
    pad.setText("13912345678")
    assert pad.ok_key.isEnabled()
    pad.set_validator(lambda text: False)
    assert not pad.ok_key.isEnabled()


def test_ok_key_can_be_hidden(keypad) -> None:
    assert not keypad(show_ok=False).ok_key.isVisible()


def test_physical_keys_work_for_technicians(qtbot, keypad) -> None:
    pad = keypad(max_length=11)
    qtbot.keyClicks(pad, "139a")
    assert pad.text() == "139"
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.text() == "13"


def test_set_format_switches_from_id_to_phone(keypad) -> None:
    pad = keypad(max_length=18, allow_x=True)
    pad.setText("11010519491231002X")
    pad.set_format(11, CHINESE_MOBILE_GROUPING)
    assert pad.max_length() == 11
    assert pad.text() == "11010519491"  # what fits; the X went with the cut
    assert pad.grouped_text() == "110 1051 9491"


# --- size and display ------------------------------------------------------------------

def test_every_key_is_a_15_mm_touch_target(keypad, kiosk_theme) -> None:
    pad = keypad(allow_x=True)
    buttons = pad.findChildren(QPushButton)
    assert len(buttons) == 14
    for button in buttons:
        assert min(button.width(), button.height()) >= kiosk_theme.touch_px
        assert kiosk_theme.px_to_mm(min(button.width(), button.height())) >= 15.0


def test_keys_stay_touch_sized_in_a_tight_layout(qtbot, kiosk_theme) -> None:
    pad = NumericKeypad(allow_x=True)
    qtbot.addWidget(pad)
    pad.resize(100, 100)  # smaller than it may be: the layout's minimum wins
    pad.show()
    for button in pad.findChildren(QPushButton):
        assert min(button.width(), button.height()) >= kiosk_theme.touch_px


def test_display_draws_typed_digits(qtbot, keypad) -> None:
    pad = keypad(max_length=11, grouping=CHINESE_MOBILE_GROUPING)
    empty = pad.display.grab().toImage()
    pad.setText("888")
    typed = pad.display.grab().toImage()
    assert typed != empty
    assert pad.display.accessibleName() == "888"
