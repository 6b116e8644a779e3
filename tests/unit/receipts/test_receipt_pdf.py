"""The PDF receipt renders in every language and its QR code decodes to the payload.

The QR is checked the way a scanner sees it: the PDF is rasterised at 300 dpi by
poppler's pdftoppm and decoded by zbar's zbarimg (Debian: poppler-utils, zbar-tools).
Set RECEIPTS_LOOK_DIR to keep the PNGs for a human look.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.domain.cases import Case
from kiosk.receipts import FontMissing, Receipt, receipt_page_size_mm, render_receipt_pdf
from kiosk.receipts.fonts import DEBIAN_PACKAGE, find_font_file

from tests.factories import AppFactory
from .conftest import SHANGHAI

NUMBER = "SH-XH-001-261121-00019"

needs_poppler_zbar = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg") and shutil.which("pdftotext")),
    reason="needs pdftoppm/pdftotext (Debian poppler-utils) and zbarimg (Debian zbar-tools)",
)

LANG_CASES = {
    "zh_CN": dict(
        overrides={},
        pickup_info="2026年12月5日起，徐汇分局出入境大厅 3 号窗口",
        expect=["居民身份证申领回执", "受理编号", "王*", "有效期满换领", "2026年11月21日 14:30"],
    ),
    "en": dict(
        overrides=dict(
            case=Case.LOST, pickup_method="post", postal_address="1 Caoxi North Road",
            name_local="",
        ),
        pickup_info="Delivery within 15 working days",
        expect=["ID card application receipt", "W*** F***", "Replacement of a lost card", "Delivery by post"],
    ),
    "vi": dict(
        overrides=dict(
            case=Case.DAMAGED, surname="NGUYEN", given_names="THI MINH KHAI",
            name_local="Nguyễn Thị Minh Khai", id_number="001099012345", nationality="VNM",
            fee_amount=Decimal("50000"), fee_currency="VND",
        ),
        pickup_info="Từ ngày 05/12/2026, tại quầy số 3, Công an phường Điện Biên",
        expect=["Biên nhận hồ sơ cấp thẻ căn cước", "N***** T** M*** K***", "Cấp đổi thẻ do bị hư hỏng", "50.000 ₫"],
    ),
}


def _receipt(make_app: AppFactory, lang: str) -> Receipt:
    spec = LANG_CASES[lang]
    app = make_app(NUMBER, **spec["overrides"])  # type: ignore[arg-type]
    return Receipt.from_application(app, spec["pickup_info"], lang, tz=SHANGHAI)  # type: ignore[arg-type]


def _rasterise(pdf: bytes, out: Path) -> Path:
    out.with_suffix(".pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(out.with_suffix(".pdf")), str(out)],
        check=True, timeout=60,
    )
    png = out.with_suffix(".png")
    look_dir = os.environ.get("RECEIPTS_LOOK_DIR")
    if look_dir:
        Path(look_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(look_dir) / png.name)
    return png


def _decode_qr(png: Path) -> str:
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"zbarimg found no code (rc {result.returncode})"
    return result.stdout.rstrip("\n")


def _pdf_text(pdf_path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout


@needs_poppler_zbar
@pytest.mark.parametrize("lang", list(LANG_CASES))
def test_receipt_renders_and_qr_decodes(make_app: AppFactory, lang: str, tmp_path: Path) -> None:
    receipt = _receipt(make_app, lang)
    pdf = render_receipt_pdf(receipt)
    assert pdf.startswith(b"%PDF")
    png = _rasterise(pdf, tmp_path / f"receipt-{lang}")
    assert _decode_qr(png) == receipt.qr_payload

    text = _pdf_text(tmp_path / f"receipt-{lang}.pdf")
    flat = re.sub(r"\s+", "", text)
    for expected in [*LANG_CASES[lang]["expect"], NUMBER, receipt.masked_id_number]:  # type: ignore[misc]
        assert re.sub(r"\s+", "", expected) in flat, expected
    # Only masked identity on paper.
    app = make_app(NUMBER, **LANG_CASES[lang]["overrides"])  # type: ignore[arg-type]
    assert app.id_number not in flat
    assert app.given_names.replace(" ", "") not in flat


@needs_poppler_zbar
def test_signed_payload_still_fits_and_decodes(make_app: AppFactory, tmp_path: Path) -> None:
    # An Ed25519 signature is 64 bytes: 86 characters of unpadded base64url.
    receipt = dataclasses.replace(_receipt(make_app, "vi"), signature="A-_z" * 21 + "Q0")
    png = _rasterise(render_receipt_pdf(receipt), tmp_path / "receipt-signed")
    assert _decode_qr(png) == receipt.qr_content


def test_page_is_80mm_wide_and_fitted_to_content(make_app: AppFactory) -> None:
    short = _receipt(make_app, "en")
    longer = dataclasses.replace(short, what_to_bring=short.what_to_bring * 4)
    width, height = receipt_page_size_mm(short)
    assert width == 80.0
    assert 100 < height < 250
    assert receipt_page_size_mm(longer)[1] > height
    pdf = render_receipt_pdf(short)
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    assert float(box.group(1)) == pytest.approx(80 / 25.4 * 72, abs=0.01)
    assert float(box.group(2)) == pytest.approx(height / 25.4 * 72, abs=0.1)


def test_rendering_is_reproducible_and_metadata_is_impersonal(make_app: AppFactory) -> None:
    receipt = _receipt(make_app, "zh_CN")
    pdf = render_receipt_pdf(receipt)
    assert pdf == render_receipt_pdf(receipt)
    assert f"Receipt {NUMBER}".encode() in pdf
    assert b"WANG" not in pdf and b"11010519491231002X" not in pdf


def test_missing_font_names_the_debian_package(tmp_path: Path) -> None:
    with pytest.raises(FontMissing, match=DEBIAN_PACKAGE):
        find_font_file([tmp_path / "nope.ttc"], use_fc_match=False)


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig's fc-match not installed")
def test_fc_match_finds_the_font_elsewhere() -> None:
    found = find_font_file([], use_fc_match=True)
    assert found.path.is_file() and found.subfont_index == 0


def test_longest_application_number_stays_inside_the_page(make_app: AppFactory) -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kiosk.receipts.fonts import register_receipt_font
    from kiosk.receipts.pdf import FittedLine
    from kiosk.storage import format_application_number

    font = register_receipt_font()
    width = 72 * mm
    for kiosk in ("W" * 24, "KIOSK-0001", "W" * 12 + "-" + "M" * 11):
        number = format_application_number(kiosk, dt.date(2026, 11, 21), 9999)
        line = FittedLine(number, font, max_size=17, min_size=9)
        line.wrap(width, 1000)
        assert "".join(line.lines) == number
        assert line.size >= 9
        assert all(stringWidth(part, font, line.size) <= width for part in line.lines)
