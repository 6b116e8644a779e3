"""Finding barcodes in a picture: zxing-cpp, for camera frames and picture files alike.

zxing-cpp and OpenCV's detectors were measured on the same 180 photos of a CCCD QR
code printed into real pictures (turned 0-200 degrees, 200-480 pixels wide, with and
without perspective, sharp at JPEG 90 or blurred at JPEG 60; tests/bench/
bench_code_decoding.py): zxing-cpp 3.1.1 read 179, `cv2.QRCodeDetectorAruco` 148 and
`cv2.QRCodeDetector` 125 (opencv 4.11), zxing-cpp in about a quarter of their time a
frame. zxing-cpp also reads the linear barcodes studios print on photo receipts (Code
128), which OpenCV's barcode detector (EAN/UPC only) does not, and hands back the
code's raw bytes, so UTF-8 is decoded here and not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hardware.images import PICTURE, decode_gray

# What citizens bring: QR codes (the CCCD, e-ID apps, receipts), Code 128/39 and
# DataMatrix on studio receipts. Fewer formats is fewer false reads in a camera frame.
FORMAT_NAMES = ("QRCode", "MicroQRCode", "Code128", "Code39", "DataMatrix")
MAX_TEXT_BYTES = 4096   # more than any code the kiosk knows; a QR holds at most ~2.9 KB


class UnreadableCode(ValueError):
    """A code was found but its content is no text the kiosk can read (one line)."""


@dataclass(frozen=True)
class FoundCode:
    text: str
    format: str                             # zxing-cpp's name: "QRCode", "Code128", ...
    corners: tuple[tuple[int, int], ...]    # in the picture's pixels, for on-screen guidance


def find_codes(image: np.ndarray) -> list[FoundCode]:
    """Every code zxing-cpp reads in `image` (grey H x W, or BGR H x W x 3 uint8).

    UnreadableCode when the only codes found hold bytes that are no UTF-8 text."""
    import zxingcpp  # imported on first scan: the kiosk starts faster without it

    formats = zxingcpp.barcode_formats_from_str(",".join(FORMAT_NAMES))
    results = zxingcpp.read_barcodes(np.ascontiguousarray(image), formats=formats, try_rotate=True,
                                     try_downscale=True)
    found: list[FoundCode] = []
    refused: list[str] = []
    for result in results:
        if not result.valid:
            continue
        raw = bytes(result.bytes)
        if len(raw) > MAX_TEXT_BYTES:
            refused.append(f"the code holds {len(raw)} bytes, more than any code the kiosk reads")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            refused.append("the code holds bytes that are not text (not UTF-8)")
            continue
        position = result.position
        corners = tuple((int(p.x), int(p.y)) for p in (position.top_left, position.top_right,
                                                       position.bottom_right, position.bottom_left))
        found.append(FoundCode(text, result.format.name, corners))
    if not found and refused:
        raise UnreadableCode(refused[0])
    return found


def find_codes_in_file(path: str | Path) -> list[FoundCode]:
    """The codes in a picture file, decoded only after its header passed the picture limit
    (`hardware.images`): ImageRefused for no picture, a damaged one or one too large."""
    return find_codes(decode_gray(path, PICTURE))
