"""Fonts: Latin, Vietnamese and Chinese all show, none as tofu boxes."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter

from ui import fonts

pytestmark = pytest.mark.ui

MIXED_NAME = "王芳 Nguyễn Thị Lan"
UNASSIGNED = "\u0378"  # unassigned (Greek block): every font draws its "missing glyph" box


def _render(text: str, font) -> QImage:
    image = QImage(400, 200, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRect(0, 0, 400, 200), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def _ink(image: QImage) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 128)


def test_all_three_scripts_are_covered(qapp) -> None:
    coverage = fonts.check_coverage()
    assert coverage.complete, coverage
    assert coverage.chinese in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_preferred_families_are_installed_here(qapp) -> None:
    """This machine has DejaVu (Latin, Vietnamese) and WenQuanYi (Chinese) installed."""
    families = fonts.installed_families()
    assert "DejaVu Sans" in families
    assert "WenQuanYi Micro Hei" in families
    assert families == [f for f in fonts.PREFERRED_FAMILIES if f in families]  # order kept


@pytest.mark.parametrize("char", sorted(set(MIXED_NAME) - {" "}))
def test_every_character_of_a_mixed_name_has_a_real_glyph(qapp, char: str) -> None:
    font = fonts.ui_font(64)
    assert QFontMetrics(font).inFontUcs4(ord(char)), f"{char!r} not in any font of the list"
    missing = _render(UNASSIGNED, font)
    glyph = _render(char, font)
    assert _ink(glyph) > 0, f"{char!r} renders nothing"
    assert glyph != missing, f"{char!r} renders as the missing-glyph box (tofu)"


def test_the_tofu_detector_detects_tofu(qapp) -> None:
    """Without fallback, DejaVu has no Hanzi: the comparison above must notice."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(64)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert not QFontMetrics(font).inFontUcs4(ord("王"))
    assert _render("王", font) == _render(UNASSIGNED, font)
    assert _render("ễ", font) != _render(UNASSIGNED, font)


def test_a_mixed_name_renders_in_full_offscreen(qapp, tmp_path) -> None:
    font = fonts.ui_font(48)
    image = _render(MIXED_NAME, font)
    image.save(str(tmp_path / "mixed-name.png"))
    # Each visible character adds ink: dropping any glyph would lower the total.
    total = _ink(image)
    without_hanzi = _ink(_render(MIXED_NAME.replace("王芳", "  "), font))
    without_diacritics = _ink(_render("王芳 Nguyen Thi Lan", font))
    assert total > without_hanzi
    assert total > without_diacritics


def test_missing_chinese_font_is_a_clear_warning(qapp, monkeypatch, caplog) -> None:
    real_families = QFontDatabase.families
    real_systems = QFontDatabase.writingSystems

    def families(system=None):
        if system == QFontDatabase.WritingSystem.SimplifiedChinese:
            return []
        return [f for f in real_families() if f not in ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono", "Droid Sans Fallback")]

    def systems(family):
        return [s for s in real_systems(family) if s != QFontDatabase.WritingSystem.SimplifiedChinese]

    monkeypatch.setattr(fonts.QFontDatabase, "families", staticmethod(families))
    monkeypatch.setattr(fonts.QFontDatabase, "writingSystems", staticmethod(systems))
    with caplog.at_level(logging.WARNING, logger="ui.fonts"):
        coverage = fonts.check_coverage()
    assert coverage.chinese is None
    assert not coverage.complete
    assert fonts.CJK_FONT_PACKAGE in caplog.text
    assert "fonts-wqy-microhei" in caplog.text


def test_no_warning_when_everything_is_covered(qapp, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.fonts"):
        fonts.check_coverage()
    assert caplog.text == ""


def test_ui_font_is_pixel_sized(qapp) -> None:
    font = fonts.ui_font(37)
    assert font.pixelSize() == 37
    assert font.families()[: len(fonts.installed_families())] == fonts.installed_families()


def test_bundled_font_directory_is_optional(qapp, tmp_path) -> None:
    assert fonts.register_bundled_fonts(tmp_path / "absent") == []
    (tmp_path / "notes.txt").write_text("not a font")
    assert fonts.register_bundled_fonts(tmp_path) == []
