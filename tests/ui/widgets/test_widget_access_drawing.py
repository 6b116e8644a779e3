"""The drawn card that shows where the access key is printed."""

from __future__ import annotations

import pytest

from kiosk.domain.mrz import parse_mrz
from ui.screens.illustrations import MRZ_FIELD_ORDER, MRZ_FIELDS, SPECIMEN_MRZ, CardAccessDrawing

pytestmark = pytest.mark.ui


def test_the_marked_characters_are_the_fields_the_citizen_types() -> None:
    """The marks 1, 2, 3 sit exactly on the document number, birth date and expiry date
    of the TD1 lines drawn (checked against the kiosk's own MRZ parser)."""
    mrz = parse_mrz(list(SPECIMEN_MRZ))
    expected = {"document": mrz.document_number, "birth": mrz.birth_date_text, "expiry": mrz.expiry_date_text}
    for name in MRZ_FIELD_ORDER:
        line, column, length = MRZ_FIELDS[name]
        assert SPECIMEN_MRZ[line][column : column + length] == expected[name]


@pytest.mark.parametrize(("side", "highlight"), [("front", "can"), ("back", "document"), ("back", "expiry")])
@pytest.mark.parametrize("zoom", [False, True])
@pytest.mark.parametrize("size", [(640, 420), (300, 120), (200, 600)])
def test_it_paints_at_any_size(qtbot, kiosk_theme, side: str, highlight: str, zoom: bool, size) -> None:
    drawing = CardAccessDrawing()
    qtbot.addWidget(drawing)
    drawing.set_side(side, highlight)
    drawing.set_zoom(zoom)
    drawing.resize(*size)
    image = drawing.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, size[0], 7) for y in range(0, size[1], 7)}
    assert len(colours) > 3          # something was drawn, not a blank rectangle
    card = drawing._card_rect()
    assert card.width() <= size[0] and abs(card.width() / card.height() - 85.6 / 54.0) < 1e-6


def test_zoom_crops_only_when_the_card_does_not_fit(qtbot, kiosk_theme) -> None:
    drawing = CardAccessDrawing()
    qtbot.addWidget(drawing)
    drawing.set_side("back", "birth")
    drawing.set_zoom(True)
    drawing.resize(640, 600)                     # room for the whole card
    assert drawing.rect().toRectF().contains(drawing._card_rect())
    drawing.resize(640, 180)                     # too low: the top of the card is cut off
    card = drawing._card_rect()
    assert card.top() < 0 and card.bottom() <= 180


def test_unknown_side_is_refused(qtbot) -> None:
    drawing = CardAccessDrawing()
    qtbot.addWidget(drawing)
    with pytest.raises(ValueError):
        drawing.set_side("edge")
