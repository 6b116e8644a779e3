"""The one font the PDF receipt uses, and how it is found.

reportlab has no glyph fallback: every text run must be set in a font that has all of
its glyphs, or the glyphs come out as boxes. A receipt mixes Latin, Vietnamese
(precomposed letters with stacked diacritics) and Chinese, so it uses a single font
that covers all three: WenQuanYi Micro Hei (Debian package `fonts-wqy-microhei`,
Apache-2.0/GPLv3). DejaVu lacks Chinese, and reportlab rejects the Noto CJK files.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WenQuanYiMicroHei"
FONT_FAMILY = "WenQuanYi Micro Hei"
DEBIAN_PACKAGE = "fonts-wqy-microhei"

_REPO_ROOT = Path(__file__).resolve().parents[2]
SEARCH_PATHS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    _REPO_ROOT / "resources" / "fonts" / "wqy-microhei.ttc",  # a copy shipped with a bundle
)


class FontMissing(RuntimeError):
    """The receipt font is not installed."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int = 0  # the .ttc holds Micro Hei (0) and Micro Hei Mono (1)


def find_font_file(
    candidates: Sequence[Path] = SEARCH_PATHS, use_fc_match: bool = True
) -> FontFile:
    for path in candidates:
        if path.is_file():
            return FontFile(path, 0)
    if use_fc_match:
        found = _fc_match()
        if found is not None:
            return found
    searched = ", ".join(str(p) for p in candidates) or "(no paths)"
    raise FontMissing(
        f"receipt font {FONT_FAMILY!r} not found (searched {searched}"
        f"{' and fc-match' if use_fc_match else ''}); "
        f"install the Debian package {DEBIAN_PACKAGE} (apt-get install {DEBIAN_PACKAGE})"
    )


def _fc_match() -> FontFile | None:
    """Ask fontconfig, which knows fonts installed in other places.

    fc-match always answers with *some* font (its best substitute), so the family it
    returns is checked before the file is trusted.
    """
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{family}\n%{file}\n%{index}", FONT_FAMILY],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.split("\n")
    if len(lines) < 3 or FONT_FAMILY not in lines[0].split(","):
        return None
    path = Path(lines[1])
    if not path.is_file():
        return None
    try:
        index = int(lines[2])
    except ValueError:
        index = 0
    return FontFile(path, index)


@functools.cache
def register_receipt_font() -> str:
    """Register the font with reportlab once per process; returns its reportlab name."""
    font = find_font_file()
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font.path), subfontIndex=font.subfont_index))
    # No bold or italic face exists; map them to the regular one so markup never
    # falls back to a Latin-only base font.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME


# WenQuanYi Micro Hei (0.2.0-beta, Debian 12) draws two Vietnamese letters wrongly: ờ
# (U+1EDD) with an acute instead of a grave, so "đường" prints as "đướng", and ỡ
# (U+1EE1) without its horn, like õ. Found by rendering every Vietnamese letter and
# comparing the bitmaps. Those two letters are drawn from DejaVu Sans (fonts-dejavu-core,
# installed with the kiosk), which draws all of Vietnamese correctly; every other
# character stays in the one receipt font.
MISDRAWN = frozenset("ờỡ")
FALLBACK_FONT_NAME = "DejaVuSans"
FALLBACK_PATHS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    _REPO_ROOT / "resources" / "fonts" / "DejaVuSans.ttf",
)


def fallback_font_file() -> Path | None:
    return next((p for p in FALLBACK_PATHS if p.is_file()), None)


@functools.cache
def register_fallback_font() -> str | None:
    """DejaVu Sans for reportlab, or None when it is not installed (the misdrawn letters
    then stay as the receipt font draws them: legible, with a wrong tone mark)."""
    path = fallback_font_file()
    if path is None:
        return None
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT_NAME, str(path)))
    return FALLBACK_FONT_NAME


def runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into runs: (True, letters to draw from the fallback font) or (False, the rest)."""
    out: list[tuple[bool, str]] = []
    for ch in text:
        fallback = ch in MISDRAWN
        if out and out[-1][0] == fallback:
            out[-1] = (fallback, out[-1][1] + ch)
        else:
            out.append((fallback, ch))
    return out


def fallback_markup(escaped: str) -> str:
    """reportlab paragraph markup (already escaped) with the misdrawn letters put in the
    fallback font."""
    name = register_fallback_font() if any(ch in MISDRAWN for ch in escaped) else None
    if name is None:
        return escaped
    return "".join(f'<font name="{name}">{part}</font>' if fb else part for fb, part in runs(escaped))
