"""The delivery address is on the receipt, in Chinese characters and with Vietnamese
diacritics, on paper (PDF) and on the thermal printer. Set RECEIPTS_LOOK_DIR to keep the
PNGs for a human look."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from kiosk.domain import admin_divisions
from kiosk.domain.postal_address import PostalAddress
from kiosk.receipts import Receipt, render_receipt_pdf
from kiosk.receipts.fonts import find_font_file
from kiosk.receipts.thermal import render_thermal
from tests.factories import AppFactory

from .conftest import SHANGHAI

NUMBER = "SH-XH-001-261121-00019"
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")), reason="needs poppler-utils"
)


def _address(country: str) -> PostalAddress:
    if country == "CHN":
        return PostalAddress("CHN", admin_divisions.china().path("440106"), "体育西路 103号 维多利广场")
    tree = admin_divisions.vietnam()
    hcm = next(r for r in tree.children() if r.name.endswith("Hồ Chí Minh"))
    ward = next(r for r in tree.children(hcm.code) if r.name == "Phường Bến Thành")
    return PostalAddress("VNM", (hcm, ward), "Số 12 đường Lê Lợi, Tầng 3")


CASES = {
    "zh_CN": ("CHN", {}),
    "vi": ("VNM", dict(name_local="Nguyễn Thị Minh Khai", id_number="001099012345", nationality="VNM",
                       fee_amount=Decimal("50000"), fee_currency="VND")),
    "en": ("VNM", {}),
}


def _receipt(make_app: AppFactory, lang: str) -> tuple[Receipt, str]:
    country, extra = CASES[lang]
    parts = _address(country)
    app = make_app(NUMBER, pickup_method="post", postal_address="-", postal_address_parts=parts, **extra)
    assert app.postal_address == parts.one_line()
    return Receipt.from_application(app, "", lang, tz=SHANGHAI), parts.one_line()


def _keep(png: Path) -> None:
    look = os.environ.get("RECEIPTS_LOOK_DIR")
    if look:
        Path(look).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(look) / png.name)


@needs_poppler
@pytest.mark.parametrize("lang", list(CASES))
def test_the_pdf_receipt_shows_the_address(make_app: AppFactory, lang: str, tmp_path: Path) -> None:
    receipt, line = _receipt(make_app, lang)
    assert receipt.delivery_address == line
    pdf = tmp_path / f"address_{lang}.pdf"
    pdf.write_bytes(render_receipt_pdf(receipt))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    assert receipt.label("address") in text
    # The line may wrap: compare without white space.
    assert "".join(line.split()) in "".join(text.split())
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / f"address_{lang}")],
                   check=True, timeout=60)
    _keep(tmp_path / f"address_{lang}.png")


@pytest.mark.parametrize("lang", list(CASES))
def test_the_thermal_receipt_draws_every_character_of_the_address(make_app: AppFactory, lang: str,
                                                                   tmp_path: Path) -> None:
    receipt, line = _receipt(make_app, lang)
    without = render_thermal(Receipt.from_application(
        make_app(NUMBER, **CASES[lang][1]), "", lang, tz=SHANGHAI))
    drawn = render_thermal(receipt)
    assert drawn.height_dots > without.height_dots   # the address took room
    # Every character has a glyph of its own in the receipt font (no tofu boxes).
    font_file = find_font_file()
    cmap = TTFontFile(str(font_file.path), subfontIndex=font_file.subfont_index).charToGlyph
    assert [ch for ch in set(line) - {" "} if ord(ch) not in cmap] == []
    png = tmp_path / f"address_thermal_{lang}.png"
    png.write_bytes(drawn.preview_png())
    _keep(png)


@needs_poppler
def test_the_letters_the_receipt_font_misdraws_still_print_right(make_app: AppFactory, tmp_path: Path) -> None:
    """WenQuanYi Micro Hei draws ờ as ớ ("đường" as "đướng") and ỡ as õ: receipts that
    differ only in those letters must print differently, on paper and on the thermal
    printer."""
    def drawings(street: str) -> tuple[bytes, bytes]:
        parts = PostalAddress("VNM", _address("VNM").regions, street)
        app = make_app(NUMBER, pickup_method="post", postal_address="-", postal_address_parts=parts,
                       application_id="ab" * 16)   # the same QR code on both
        receipt = Receipt.from_application(app, "", "vi", tz=SHANGHAI)
        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(render_receipt_pdf(receipt))
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "r")],
                       check=True, timeout=60)
        return (tmp_path / "r.png").read_bytes(), render_thermal(receipt).preview_png()

    assert drawings("Ngõ Lớ") == drawings("Ngõ Lớ")      # the comparison is fair
    for right, wrong in (("Đường Lờ", "Đường Lớ"), ("Ngõ Mỡ", "Ngõ Mõ")):
        assert drawings(right)[0] != drawings(wrong)[0], right
        assert drawings(right)[1] != drawings(wrong)[1], right
