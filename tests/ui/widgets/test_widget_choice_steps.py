"""Choice tiles and the step indicator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from ui.widgets.choice_button import ChoiceButton, Symbol, SymbolView
from ui.widgets.step_indicator import StepIndicator

pytestmark = pytest.mark.ui


@pytest.fixture
def tile(qtbot, kiosk_theme) -> ChoiceButton:
    button = ChoiceButton("My card is damaged", "Replace a broken card", Symbol.CARD_DAMAGED)
    qtbot.addWidget(button)
    button.resize(900, 200)
    button.show()
    return button


def test_tile_shows_title_and_subtitle(tile) -> None:
    assert tile.title() == "My card is damaged"
    assert tile.subtitle() == "Replace a broken card"
    assert tile.accessibleName() == "My card is damaged"
    tile.set_texts("Lost", "")
    assert not tile.subtitle_label.isVisible()


def test_a_tap_on_the_text_clicks_the_tile(qtbot, tile) -> None:
    with qtbot.waitSignal(tile.clicked):
        label = tile.title_label
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=label.geometry().center())
    with qtbot.waitSignal(tile.clicked):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=tile.symbol_view.geometry().center())


def test_tile_is_big_and_grows_for_long_titles(qtbot, tile, kiosk_theme) -> None:
    assert tile.sizeHint().height() >= kiosk_theme.touch_px * 1.5
    short = tile.heightForWidth(600)
    tile.set_texts("A very long title " * 6, "and a subtitle that is also rather long " * 3)
    assert tile.heightForWidth(600) > short


def test_checkable_tile_looks_selected(qtbot, tile, kiosk_theme) -> None:
    tile.setCheckable(True)
    plain = tile.grab().toImage()
    tile.setChecked(True)
    checked = tile.grab().toImage()
    point = QPoint(tile.width() - 20, tile.height() // 2)
    assert checked.pixelColor(point).name().upper() == kiosk_theme.palette.primary_soft.upper()
    assert plain.pixelColor(point) != checked.pixelColor(point)


@pytest.mark.parametrize("symbol", [s for s in Symbol if s is not Symbol.NONE])
def test_every_symbol_draws_in_the_primary_colour(qtbot, kiosk_theme, symbol) -> None:
    view = SymbolView(symbol)
    qtbot.addWidget(view)
    image = view.grab().toImage()
    primary = QColor(kiosk_theme.palette.primary)
    hits = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) == primary
    )
    assert hits > 50


def test_no_symbol_draws_nothing(qtbot, kiosk_theme) -> None:
    view = SymbolView(Symbol.NONE)
    qtbot.addWidget(view)
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)}
    assert len(colours) == 1


# --- StepIndicator ------------------------------------------------------------------------

def test_step_text(qtbot, kiosk_theme) -> None:
    steps = StepIndicator(current=3, total=8)
    qtbot.addWidget(steps)
    assert steps.label.text() == "Step 3 of 8"
    steps.set_step(8, 8)
    assert steps.label.text() == "Step 8 of 8"
    assert (steps.current(), steps.total()) == (8, 8)


@pytest.mark.parametrize(("current", "total"), [(0, 8), (9, 8), (1, 0), (-1, 3)])
def test_impossible_steps_are_refused(qtbot, current, total) -> None:
    steps = StepIndicator()
    qtbot.addWidget(steps)
    with pytest.raises(ValueError):
        steps.set_step(current, total)


def test_segments_fill_up_to_the_current_step(qtbot, kiosk_theme) -> None:
    steps = StepIndicator(current=3, total=8)
    qtbot.addWidget(steps)
    steps.resize(1600, 60)
    steps.show()
    segments = steps.segments
    image = segments.grab().toImage()
    gap = kiosk_theme.spacing_px
    width = (segments.width() - gap * 7) / 8
    primary = QColor(kiosk_theme.palette.primary)
    y = segments.height() // 2
    filled = [image.pixelColor(int(i * (width + gap) + width / 2), y) == primary for i in range(8)]
    assert filled == [True, True, True, False, False, False, False, False]


def test_step_label_follows_the_language(qtbot, kiosk_theme, language) -> None:
    steps = StepIndicator(current=2, total=9)
    qtbot.addWidget(steps)
    language("vi")
    assert steps.label.text() == "Bước 2/9"
    steps.set_step(4, 9)
    assert steps.label.text() == "Bước 4/9"


def test_symbol_grows_with_large_text(qtbot, tile, apply_large, kiosk_theme) -> None:
    small = tile.symbol_view.width()
    large = apply_large()
    assert tile.symbol_view.width() == round(large.touch_px * 1.5) > small
