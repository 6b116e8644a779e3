"""The thermal receipt: one 1-bit drawing as wide as the print head, sent as ESC/POS.

The QR code is decoded by zbar (zbarimg), a decoder independent of the kiosk's own
OpenCV path. Set RECEIPTS_LOOK_DIR to keep the PNGs for a human look.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from kiosk.domain.cases import Case
from kiosk.receipts.model import Receipt
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.thermal import ThermalOptions, _font, profile_width_dots, render_thermal, wrap_text
from kiosk.storage.application_number import format_application_number

from .conftest import SHANGHAI
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
SIGNER = ReceiptSigner.generate("SH-XH-001")
SHANGHAI_DAY = dt.date(2026, 11, 21)

needs_zbar = pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbarimg (Debian zbar-tools)")

LANGS = {
    "zh_CN": {},
    "en": dict(case=Case.LOST, pickup_method="post", postal_address="1 Caoxi North Road", name_local=""),
    "vi": dict(
        case=Case.DAMAGED, surname="NGUYEN", given_names="THI MINH KHAI", name_local="Nguyễn Thị Minh Khai",
        id_number="001099012345", nationality="VNM", fee_amount=Decimal("50000"), fee_currency="VND",
        station="Công an phường Điện Biên",
    ),
}


def _receipt(make_app: AppFactory, lang: str, number: str = NUMBER, **extra: object) -> Receipt:
    app = make_app(number, **{**LANGS[lang], **extra})
    receipt = Receipt.from_application(app, "2026-12-14, Xuhui PSB Hall, window 3", lang, tz=SHANGHAI)
    return SIGNER.sign_receipt(receipt)


def _zbar(png: Path) -> str:
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, "zbarimg found no code"
    return out.stdout.rstrip("\n")


def _keep(png: Path) -> None:
    look = os.environ.get("RECEIPTS_LOOK_DIR")
    if look:
        Path(look).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(look) / png.name)


@needs_zbar
@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("native", [False, True])
def test_preview_is_print_width_one_bit_and_its_code_decodes(
    make_app: AppFactory, tmp_path: Path, lang: str, native: bool
) -> None:
    receipt = _receipt(make_app, lang)
    drawn = render_thermal(receipt, ThermalOptions(qr_native=native))
    png = tmp_path / f"thermal-own-{lang}{'-native' if native else ''}.png"
    png.write_bytes(drawn.preview_png())
    _keep(png)
    image = Image.open(png)
    assert image.size == (576, drawn.height_dots)
    assert image.mode == "1"
    assert 900 < drawn.height_dots < 1600  # about 110-200 mm of paper
    assert _zbar(png) == receipt.qr_content
    qr = drawn.qr
    assert (qr.version, qr.error) == (9, "M")  # 53 modules x 5 dots = 33 mm


def test_escpos_job_initialises_prints_and_cuts(make_app: AppFactory) -> None:
    receipt = _receipt(make_app, "vi")
    image_job = render_thermal(receipt).escpos_bytes()
    assert image_job.startswith(b"\x1b@")
    assert image_job.endswith(b"\x1bd\x06\x1dV\x00")  # feed 6 lines past the cutter, full cut
    assert image_job.count(b"\x1dv0") >= 3  # raster images (GS v 0), in fragments
    assert receipt.qr_content.encode() not in image_job
    native_job = render_thermal(receipt, ThermalOptions(qr_native=True)).escpos_bytes()
    assert receipt.qr_content.encode() in native_job  # GS ( k stores the text
    assert b"\x1d(k" in native_job
    assert len(native_job) < len(image_job)


def test_rendering_is_reproducible(make_app: AppFactory) -> None:
    receipt = _receipt(make_app, "zh_CN")
    assert render_thermal(receipt).preview_png() == render_thermal(receipt).preview_png()


def test_narrower_printers_get_narrower_receipts(make_app: AppFactory) -> None:
    width = profile_width_dots("TM-T88V")
    assert width == 512
    drawn = render_thermal(_receipt(make_app, "en"), ThermalOptions(width_dots=width, escpos_profile="TM-T88V"))
    assert drawn.preview().width == 512
    assert profile_width_dots("default") == 576  # profile without a known width


def test_the_longest_application_number_stays_on_the_paper(make_app: AppFactory) -> None:
    kiosk = "WWWWWWWWWWWW-MMMMMMMMMMM"  # 24 characters, the widest letters
    number = format_application_number(kiosk, SHANGHAI_DAY, 9999)
    drawn = render_thermal(_receipt(make_app, "en", number=number, kiosk_id=kiosk))
    top = drawn.top
    # No ink in the outermost columns: nothing was cut off at the edges.
    for x in (0, 1, top.width - 2, top.width - 1):
        assert all(top.getpixel((x, y)) for y in range(top.height))



words = st.text(alphabet=st.sampled_from(list("abc defg Ệ ế 王芳，。ABC-12")), max_size=80)


@settings(max_examples=80, deadline=None)
@given(words, st.integers(80, 560))
def test_wrapping_fits_the_width_and_keeps_every_character(text: str, width: int) -> None:
    font = _font(24)
    lines = wrap_text(text, font, width)
    for line in lines:
        assert font.getlength(line) <= width or len(line) == 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_chinese_wraps_between_characters_and_keeps_punctuation_with_its_word() -> None:
    font = _font(24)
    lines = wrap_text("领取时请携带原居民身份证，领取新证时交回。", font, 24 * 12)
    assert len(lines) == 2
    assert not lines[1].startswith(("，", "。"))


def test_unsigned_receipts_render_too(make_app: AppFactory) -> None:
    receipt = dataclasses.replace(_receipt(make_app, "en"), signature="")
    assert render_thermal(receipt).qr_content == receipt.qr_payload
