"""`verify-receipt --image` refuses pictures and PDFs that would cost gigabytes to render.

Issue 9: a 20000 x 20000 PNG (50 KB, every row present) took `kiosk verify-receipt
--image` to gigabytes of memory. A PDF can do the same with a page of a few metres or
an image of 20000 x 20000 pixels. Each refusal comes from a header (the picture's, or
what poppler's `pdfinfo` and `pdfimages -list` read) before anything is rendered. The
command runs in a child with a memory cap, so the old code fails instead of swapping.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.receipts.signing import ReceiptSigner
from tests.hostile_images import (
    child_env,
    jp2_declaring,
    jpeg_declaring,
    memory_cap,
    pdf_with_image,
    pdf_with_page,
    png_declaring,
)

ROOT = Path(__file__).resolve().parents[3]
needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfinfo", "pdfimages", "pdftoppm")), reason="needs poppler-utils"
)

HOSTILE = {
    "png 20000": ("receipt.png", lambda: png_declaring(20000, 20000),
                  "the picture declares 400 million pixels; a picture may have at most 10000 pixels a side "
                  "and 25 million pixels"),
    "jpeg 16000": ("receipt.jpg", lambda: jpeg_declaring(16000, 16000), "the picture declares 256 million pixels"),
    "jp2 12000": ("receipt.jp2", lambda: jp2_declaring(12000, 12000), "the picture is 12000 x 12000 pixels"),
    "pdf page 5 m": ("receipt.pdf", lambda: pdf_with_page(14400, 14400),
                     "the PDF's page is 5080 x 5080 mm, 60000 x 60000 pixels at 300 dpi"),
    "pdf page 1.8 m": ("receipt.pdf", lambda: pdf_with_page(5000, 5000),
                       "the PDF's page is 1764 x 1764 mm, 20833 x 20833 pixels at 300 dpi"),
    "pdf image 20000": ("receipt.pdf", lambda: pdf_with_image(20000, 20000),
                        "the picture in the PDF is 20000 x 20000 pixels; a picture in the PDF may have at most"),
}


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("key") / "SH-XH-001.pem"
    path.write_bytes(ReceiptSigner.generate("SH-XH-001").public_pem())
    return path


@needs_poppler
@pytest.mark.parametrize("case", list(HOSTILE))
def test_verify_receipt_refuses_what_would_be_too_large_to_decode(tmp_path: Path, key: Path, case: str) -> None:
    name, make, reason = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(make())
    done = subprocess.run(
        [sys.executable, "-m", "launcher", "verify-receipt", "--image", str(path), "--public-key", str(key), "--json"],
        cwd=ROOT, env=child_env(str(ROOT)), capture_output=True, text=True, timeout=120,
        preexec_fn=memory_cap(1 << 30),
    )
    assert done.returncode == 2, done.stderr[-800:]
    assert done.stdout == ""
    assert done.stderr.startswith(f"kiosk: cannot read {path}: {reason}")
    assert done.stderr.count("\n") == 1


@needs_poppler
def test_a_receipt_sized_pdf_still_renders(tmp_path: Path) -> None:
    from kiosk.receipts.pdf_page import rasterise

    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(pdf_with_image(600, 900))
    png = rasterise(pdf, tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG")
