"""Busy panel and idle countdown overlay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from ui.widgets.countdown_overlay import IdleCountdownOverlay
from ui.widgets.progress import BusyPanel

pytestmark = pytest.mark.ui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def panel(qtbot, kiosk_theme, clock) -> BusyPanel:
    widget = BusyPanel(clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    return widget


# --- BusyPanel -------------------------------------------------------------------------

def test_starts_busy_with_the_default_message(panel) -> None:
    assert panel.is_busy()
    assert panel.percent() is None
    assert panel.message.text() == "Please wait…"


def test_determinate_progress_shows_percent(panel) -> None:
    panel.set_progress(3, 12)
    assert not panel.is_busy()
    assert panel.percent() == 25
    assert panel.bar.text() == "25%"
    panel.set_progress(20, 12)  # over-reporting is clamped
    assert panel.percent() == 100
    panel.set_progress(5, 0)  # an unknown total means busy
    assert panel.is_busy()


@pytest.mark.parametrize("share", [(1, 10), (9, 10)])
def test_percentage_is_readable_over_the_fill_and_beside_it(panel, kiosk_theme, share) -> None:
    """The text is light where the bar is filled and dark where it is not (one dark
    colour would vanish on the dark fill past the middle)."""
    panel.set_progress(*share)
    image = panel.bar.grab().toImage()
    fm = panel.bar.fontMetrics()
    text_w, text_h = fm.horizontalAdvance(panel.bar.text()), fm.height()
    cx, cy = image.width() // 2, image.height() // 2
    pixels = [
        image.pixelColor(x, y)
        for x in range(cx - text_w // 2, cx + text_w // 2)
        for y in range(cy - text_h // 3, cy + text_h // 3)
    ]
    on_fill = share[0] / share[1] > 0.5
    if on_fill:   # light glyphs on the dark fill
        assert any(c.lightness() > 200 for c in pixels) and any(c.lightness() < 80 for c in pixels)
    else:         # dark glyphs on the white track
        assert any(c.lightness() < 80 for c in pixels) and any(c.lightness() > 200 for c in pixels)


def test_switching_between_busy_and_progress(panel) -> None:
    panel.set_progress(1, 2)
    panel.set_busy()
    assert panel.is_busy() and not panel.bar.isTextVisible()
    panel.set_progress(1, 2)
    assert panel.bar.isTextVisible()


def test_elapsed_hint_counts_seconds_from_when_it_is_shown(panel, clock) -> None:
    panel.refresh_elapsed()
    assert panel.elapsed.text() == ""  # nothing to say in the first second
    clock.now += 12.7
    panel.refresh_elapsed()
    assert panel.elapsed.text() == "Waiting for 12 s"
    panel.hide()
    clock.now += 100
    panel.show()  # a new wait
    clock.now += 2
    panel.refresh_elapsed()
    assert panel.elapsed.text() == "Waiting for 2 s"


def test_elapsed_hint_can_be_switched_off(panel, clock) -> None:
    panel.set_show_elapsed(False)
    clock.now += 30
    panel.refresh_elapsed()
    assert panel.elapsed.text() == ""


def test_elapsed_timer_ticks_only_while_visible(panel) -> None:
    assert panel._timer.isActive()
    panel.hide()
    assert not panel._timer.isActive()


def test_custom_message_survives_a_language_change_default_one_follows(panel, clock, language) -> None:
    panel.set_message("Reading your card")
    language("zh_CN")
    assert panel.message.text() == "Reading your card"  # the caller retranslates its own text
    panel.set_message(None)
    assert panel.message.text() == "请稍候…"
    clock.now += 5
    panel.refresh_elapsed()
    assert panel.elapsed.text() == "已等待 5 秒"


def test_restart_resets_everything(panel, clock) -> None:
    panel.set_message("Sending")
    panel.set_progress(1, 2)
    clock.now += 40
    panel.restart()
    assert panel.is_busy()
    assert panel.message.text() == "Please wait…"
    assert panel.elapsed_seconds() == 0


# --- IdleCountdownOverlay ----------------------------------------------------------------

@pytest.fixture
def window(qtbot, kiosk_theme) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_overlay_is_hidden_until_a_countdown(window) -> None:
    overlay = IdleCountdownOverlay(window)
    assert not overlay.isVisible()
    assert overlay.seconds_left() is None


def test_overlay_covers_the_window_and_shows_seconds(window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(15)
    assert overlay.isVisible()
    assert overlay.geometry() == window.rect()
    assert overlay.number.text() == "15"
    assert overlay.unit.text() == "seconds"
    overlay.show_countdown(1)
    assert overlay.number.text() == "1"
    assert overlay.unit.text() == "second"
    overlay.show_countdown(-3)
    assert overlay.number.text() == "0"


def test_card_is_centred_and_inside_the_window(window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(10)
    card = overlay.card.geometry()
    assert window.rect().contains(card)
    assert abs(card.center().x() - window.width() / 2) <= 1
    assert abs(card.center().y() - window.height() / 2) <= 1


def test_overlay_follows_the_window_size(qtbot, window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(10)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: overlay.geometry() == window.rect())
    assert window.rect().contains(overlay.card.geometry())


def test_more_time_button_requests_to_stay(qtbot, window, kiosk_theme) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(10)
    assert overlay.stay_button.height() >= kiosk_theme.touch_px
    with qtbot.waitSignal(overlay.stayRequested):
        qtbot.mouseClick(overlay.stay_button, Qt.MouseButton.LeftButton)


def test_a_tap_anywhere_on_the_overlay_also_means_stay(qtbot, window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(10)
    with qtbot.waitSignal(overlay.stayRequested):
        qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def test_the_overlay_blocks_the_screen_beneath(qtbot, window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(10)
    assert window.childAt(QPoint(20, 20)) is overlay


def test_hide_countdown(window) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(5)
    overlay.hide_countdown()
    assert not overlay.isVisible()
    assert overlay.seconds_left() is None


def test_overlay_dims_the_window(window) -> None:
    overlay = IdleCountdownOverlay(window)
    before = window.grab().toImage().pixelColor(10, 10)
    overlay.show_countdown(5)
    after = window.grab().toImage().pixelColor(10, 10)
    assert after.value() < before.value() - 100


def test_overlay_texts_follow_the_language(window, language) -> None:
    overlay = IdleCountdownOverlay(window)
    overlay.show_countdown(9)
    language("vi")
    assert overlay.stay_button.text() == "Tôi cần thêm thời gian"
    assert overlay.unit.text() == "giây"
    language("zh_CN")
    assert overlay.question.text() == "您还在吗？"
    assert overlay.unit.text() == "秒"
    assert window.rect().contains(overlay.card.geometry())
