"""Fonts that show all three scripts of the kiosk: Latin, Vietnamese and Chinese.

A name such as "王芳" next to "Nguyễn Thị Lan" must never show as empty boxes ("tofu").
No single common font covers all three well, so the application font is a *list* of
families: Qt takes each character from the first family that has it (and falls back to
fontconfig's choice after that). Latin and Vietnamese come first (their glyphs and
digits look best in a Latin-designed face, and Vietnamese stacked diacritics need
one), then CJK families for Hanzi.

The Debian package `fonts-wqy-microhei` is the smallest one that covers Chinese (and
also works for the PDF receipts, where reportlab has no fallback); `check_coverage()`
logs a warning naming it when no Chinese font is installed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

# In order of preference. Families that are not installed are skipped.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans",            # Latin + Vietnamese, designed with CJK companions
    "DejaVu Sans",          # Latin + Vietnamese, on every Debian
    "Noto Sans CJK SC",     # Simplified Chinese (fonts-noto-cjk)
    "WenQuanYi Micro Hei",  # Simplified Chinese + Latin (fonts-wqy-microhei), 1.6 MB
    "Droid Sans Fallback",  # CJK, often present through fonts-droid-fallback
)
CJK_FONT_PACKAGE = "fonts-wqy-microhei"

WritingSystem = QFontDatabase.WritingSystem


@dataclass(frozen=True)
class FontCoverage:
    """Which installed family shows each script (None: nothing installed does)."""

    latin: str | None
    vietnamese: str | None
    chinese: str | None

    @property
    def complete(self) -> bool:
        return None not in (self.latin, self.vietnamese, self.chinese)


def installed_families(preferred: tuple[str, ...] = PREFERRED_FAMILIES) -> list[str]:
    """The preferred families that are installed, in preference order.

    Needs a QGuiApplication (the font database belongs to the platform plugin).
    """
    available = set(QFontDatabase.families())
    return [family for family in preferred if family in available]


def _first_supporting(system: WritingSystem, families: list[str]) -> str | None:
    for family in families:
        if system in QFontDatabase.writingSystems(family):
            return family
    # Not in our list, but Qt's own fallback would still find it.
    found = QFontDatabase.families(system)
    return found[0] if found else None


def check_coverage(preferred: tuple[str, ...] = PREFERRED_FAMILIES) -> FontCoverage:
    """Which family covers Latin, Vietnamese and Simplified Chinese; warns when one is missing."""
    families = installed_families(preferred)
    coverage = FontCoverage(
        latin=_first_supporting(WritingSystem.Latin, families),
        vietnamese=_first_supporting(WritingSystem.Vietnamese, families),
        chinese=_first_supporting(WritingSystem.SimplifiedChinese, families),
    )
    if coverage.chinese is None:
        log.warning(
            "no installed font covers Simplified Chinese: Chinese text will show as boxes; "
            "install the Debian package %s (apt-get install %s)",
            CJK_FONT_PACKAGE,
            CJK_FONT_PACKAGE,
        )
    if coverage.vietnamese is None:
        log.warning("no installed font covers Vietnamese: install fonts-dejavu-core or fonts-noto-core")
    return coverage


def ui_font(pixel_size: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The kiosk's font at `pixel_size` px (pixels, not points: layouts are in pixels)."""
    font = QFont()
    families = installed_families()
    if families:
        font.setFamilies(families)
    font.setPixelSize(pixel_size)
    font.setWeight(weight)
    # Full hinting makes stems of Hanzi uneven at these sizes; vertical-only is crisper.
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return font


def register_bundled_fonts(directory: Path) -> list[str]:
    """Add the font files shipped in `directory` (e.g. resources/fonts) to Qt's database.

    For installations without the Debian font packages (a PyInstaller bundle on another
    distribution). Returns the families that were added.
    """
    added: list[str] = []
    if not directory.is_dir():
        return added
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in {".ttf", ".ttc", ".otf"}:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font file %s", path.name)
            continue
        added.extend(QFontDatabase.applicationFontFamilies(font_id))
    return added
