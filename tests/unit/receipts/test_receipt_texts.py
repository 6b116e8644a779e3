"""The catalog is complete in every language and every character exists in the font."""

from __future__ import annotations

import unicodedata

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.card_application import PickupMethod
from kiosk.domain.cases import Case
from kiosk.receipts import texts
from kiosk.receipts.fonts import find_font_file

CATALOGS = {
    "labels": texts.LABELS,
    "cases": texts.CASE_NAMES,
    "pickup": texts.PICKUP_NAMES,
    "bring": texts.BRING_ITEMS,
}


def _all_strings() -> list[tuple[str, str]]:
    return [
        (lang, value)
        for catalog in CATALOGS.values()
        for lang, entries in catalog.items()
        for value in entries.values()
    ]


@pytest.mark.parametrize("name", CATALOGS)
def test_every_language_has_every_key(name: str) -> None:
    catalog = CATALOGS[name]
    assert tuple(catalog) == texts.LANGUAGES
    keys = [set(entries) for entries in catalog.values()]
    assert all(k == keys[0] for k in keys)
    assert all(v.strip() for entries in catalog.values() for v in entries.values())


def test_every_case_and_pickup_method_is_named() -> None:
    for lang in texts.LANGUAGES:
        assert set(texts.CASE_NAMES[lang]) == set(Case)
        assert set(texts.PICKUP_NAMES[lang]) == set(PickupMethod)


def test_texts_are_nfc() -> None:
    # Decomposed Vietnamese (base letter + combining marks) would be set as separate
    # glyphs, which reportlab does not position: the marks would land beside the letter.
    for _, value in _all_strings():
        assert unicodedata.is_normalized("NFC", value), value


def test_scripts_are_what_each_language_needs() -> None:
    def has_cjk(s: str) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in s)

    for lang, value in _all_strings():
        if lang == "zh_CN" and not value.startswith("%"):
            assert has_cjk(value), value
        if lang != "zh_CN":
            assert not has_cjk(value), value
    vi_letters = "".join(texts.LABELS["vi"].values())
    # Proper Vietnamese carries stacked and horned letters; an ASCII-only text would not.
    assert {"ậ", "ố", "ơ", "ư", "đ", "ệ", "ẻ"} <= set(vi_letters.lower())


def test_every_character_is_in_the_receipt_font() -> None:
    font = find_font_file()
    face = TTFont("probe", str(font.path), subfontIndex=font.subfont_index).face
    missing = {
        ch for _, value in _all_strings() for ch in value
        if ord(ch) not in face.charToGlyph and not ch.isspace()
    }
    # Also the characters the renderer adds itself.
    missing |= {ch for ch in "•*|0123456789X-" if ord(ch) not in face.charToGlyph}
    assert not missing, f"characters the font cannot draw: {sorted(missing)}"
