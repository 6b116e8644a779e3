"""Pictures from outside are decoded only after their header's size passed the limit.

The hostile files are made on the spot (`tests.hostile_images`): small images whose
headers declare 16000 x 16000 or 20000 x 20000 pixels. Refused from the header, they
cost nothing; decoded, each would cost between 0.8 and 6 GB.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hardware.images import (
    CHIP_PORTRAIT,
    PICTURE,
    PORTRAIT,
    ImageRefused,
    ImageTooLarge,
    decode,
    decode_bgr,
    decode_gray,
    read_header,
)
from tests.hostile_images import jp2_declaring, jpeg_declaring, png_declaring

ROOT = Path(__file__).resolve().parents[3]
# Pillow warns from ~89 million pixels before our refusal; the kiosk silences that warning,
# pytest records it anyway.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")

BOMBS = {
    "jpeg 16000": lambda: jpeg_declaring(16000, 16000),
    "png 20000": lambda: png_declaring(20000, 20000),
    "jp2 20000": lambda: jp2_declaring(20000, 20000),
    "jpeg 12000": lambda: jpeg_declaring(12000, 12000),   # under Pillow's own limit, over ours
    "jp2 9000": lambda: jp2_declaring(9000, 9000),
}


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_header_declaring_too_many_pixels_is_refused_before_decoding(bomb: str) -> None:
    data = BOMBS[bomb]()
    assert len(data) < 60_000
    for call in (read_header, decode, decode_bgr, decode_gray):
        with pytest.raises(ImageTooLarge, match="pixels; a picture may have at most 10000 pixels a side"):
            call(data, PICTURE)


def test_the_message_names_the_sides_when_pillow_lets_the_header_through() -> None:
    with pytest.raises(ImageTooLarge) as caught:
        read_header(jpeg_declaring(12000, 12000), PICTURE)
    assert str(caught.value).startswith("the picture is 12000 x 12000 pixels; ")
    assert (caught.value.width, caught.value.height) == (12000, 12000)


def test_portraits_have_a_cap_of_their_own() -> None:
    small = _jpeg(np.full((1000, 1000, 3), 128, np.uint8))
    assert read_header(small, CHIP_PORTRAIT).width == 1000
    assert decode_bgr(small, PORTRAIT).shape == (1000, 1000, 3)
    with pytest.raises(ImageTooLarge, match="the chip portrait is 1001 x 200 pixels"):
        read_header(_jpeg(np.full((200, 1001, 3), 128, np.uint8)), CHIP_PORTRAIT)
    assert decode_bgr(_jpeg(np.full((200, 1001, 3), 128, np.uint8)), PICTURE).shape == (200, 1001, 3)


def test_a_jpeg2000_whose_two_headers_disagree_is_refused_not_a_crash() -> None:
    """The JP2 box says 100 x 100 (what Pillow's header read reports), the codestream
    20000 x 20000. OpenJPEG notices at decode time; `cv2.imdecode` (4.11) then crashes
    the whole process, which is why pixels are never decoded with OpenCV here."""
    liar = jp2_declaring(20000, 20000, header_width=100, header_height=100)
    assert read_header(liar, CHIP_PORTRAIT).width == 100
    with pytest.raises(ImageRefused, match="cannot be decoded"):
        decode(liar, CHIP_PORTRAIT)


@pytest.mark.parametrize(
    ("data", "limit"),
    [
        (b"not a picture at all", PICTURE),
        (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 20000 20000\n", PICTURE),  # EPS would start Ghostscript
        (b"GIF89a" + struct.pack("<HH", 20000, 20000) + b"\x00" * 20, PICTURE),
        (png_declaring(100, 100), CHIP_PORTRAIT),   # chips hold JPEG or JPEG 2000 only
    ],
)
def test_formats_not_listed_are_refused(data: bytes, limit) -> None:
    with pytest.raises(ImageRefused, match="this kiosk reads"):
        decode(data, limit)


def test_a_truncated_picture_is_refused() -> None:
    whole = _jpeg(np.random.default_rng(1).integers(0, 255, (300, 200, 3), np.uint8))
    with pytest.raises(ImageRefused, match="damaged"):
        decode(whole[: len(whole) // 2], CHIP_PORTRAIT)


def test_files_are_read_from_their_path(tmp_path: Path) -> None:
    png = tmp_path / "bomb.png"
    png.write_bytes(png_declaring(20000, 20000))
    with pytest.raises(ImageTooLarge):
        decode_gray(png, PICTURE)
    with pytest.raises(FileNotFoundError):
        decode_gray(tmp_path / "missing.png", PICTURE)


def test_pixels_are_those_opencv_would_give() -> None:
    """The callers used cv2.imread/imdecode before: same pixels, same orientation."""
    astronaut = ROOT / "resources" / "demo" / "astronaut.jpg"
    assert np.array_equal(decode_bgr(astronaut, PICTURE), cv2.imread(str(astronaut), cv2.IMREAD_COLOR))
    # Greyscale differs a little: libjpeg takes the Y channel as it is, Pillow recomputes
    # it from RGB that was clipped to 0-255 (saturated colours move by a few levels).
    grey = decode_gray(astronaut, PICTURE).astype(int) - cv2.imread(str(astronaut), cv2.IMREAD_GRAYSCALE)
    assert np.abs(grey).mean() < 0.1

    # A phone photo stored sideways with an EXIF orientation: upright, as OpenCV does it.
    image = Image.new("RGB", (60, 40), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6   # rotate 90 degrees clockwise to display
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif.tobytes())
    upright = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    assert upright.shape == (60, 40, 3) == decode_bgr(buf.getvalue(), PICTURE).shape

    # 16-bit greyscale keeps its top byte (a plain convert would clip it to white).
    wide = np.full((8, 8), 0x8000, np.uint16)
    ok, png16 = cv2.imencode(".png", wide)
    assert ok and decode_gray(png16.tobytes(), PICTURE).max() == 0x80 == cv2.imdecode(png16, cv2.IMREAD_GRAYSCALE).max()


def test_a_png_declaring_a_huge_size_is_refused_whatever_its_data() -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"garbage") + chunk(b"IEND", b"")
    with pytest.raises(ImageTooLarge):
        decode(png, PICTURE)


def _jpeg(bgr: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".jpg", bgr)
    assert ok
    return data.tobytes()
