"""Decoding pictures that come from outside, with their size read from the header first.

A picture's header states its width and height in a few bytes, and a decoder allocates
what the header states before it looks at the data: a 1 KB JPEG 2000 declaring
20000 x 20000 pixels makes OpenJPEG ask for 6 GB. So every picture the kiosk did not
draw itself (chip portraits, the office's and studios' photos, picture files given to
the tools, receipts to verify, the demo camera's media) is decoded here, and only after
Pillow has read its header and the size is within the limit of what it is meant to be.

Why Pillow for both the header and the pixels: `Image.open` parses only the header
(lazily, with the file's own plugin), and `load()` then decodes exactly the size that
was checked, into a buffer of that size. Decoding with OpenCV after checking with
Pillow would trust two parsers to agree; they do not always: a JPEG 2000 file whose
`ihdr` box and codestream disagree makes OpenJPEG complain and `cv2.imdecode` (4.11)
crash the process, while Pillow raises an error. What the libraries offer on their own
is not enough: Pillow's `MAX_IMAGE_PIXELS` refuses only above ~179 million pixels (a
warning from ~89 million), a per-process global sized for desktop photos; OpenCV's
`OPENCV_IO_MAX_IMAGE_PIXELS` (default 2^30) is read once, when cv2 is loaded, so it cannot
be set per use; and `IMREAD_REDUCED_*` saves memory only for JPEG (DCT scaling), while
PNG and JPEG 2000 are decoded whole and then shrunk.

The formats accepted are listed per use (`ImageLimit.formats`), so a hostile file never
reaches a plugin nobody needs (Pillow's EPS plugin would start Ghostscript).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import warnings
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Union

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

# Our limits are far below Pillow's, and the size is checked right after the header is
# read: Pillow's own warning (from ~89 million pixels) would only ever precede our
# refusal, as noise on a technician's terminal.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]


@dataclass(frozen=True)
class ImageLimit:
    """What a kind of picture may be: its largest side, its pixel count and its formats."""

    what: str                 # names the picture in messages: "chip portrait", "picture"
    max_side: int
    max_pixels: int
    formats: tuple[str, ...]  # Pillow format names

    def describe(self) -> str:
        return f"at most {self.max_side} pixels a side and {self.max_pixels / 1e6:g} million pixels"


# Chip portraits are 240 x 320 to 480 x 640 (ICAO 9303 eMRTDs); a Chinese card's photo is
# 358 x 441 (GA 461), which is also what studios and the office keep. 1000 a side is
# twice the largest: room for an odd issuer, nothing that costs memory (3 MB decoded).
CHIP_PORTRAIT = ImageLimit("chip portrait", 1000, 1_000_000, ("JPEG", "JPEG2000"))
PORTRAIT = ImageLimit("portrait", 1000, 1_000_000, ("JPEG", "JPEG2000", "PNG"))
# Pictures from files and cameras: a 24-megapixel camera's photo, an A4 page at 500 dpi.
# Decoded it is at most 75 MB (RGB); a picture bigger than that is no ID photo.
PICTURE = ImageLimit("picture", 10_000, 25_000_000, ("JPEG", "JPEG2000", "PNG", "BMP", "WEBP", "TIFF"))


class ImageRefused(ValueError):
    """A picture that is not decoded: not a picture, damaged, or of a format not taken here.

    The message is one line for a person and never holds the picture's content.
    """


class ImageTooLarge(ImageRefused):
    """A picture whose header declares more pixels than its kind may have."""

    def __init__(self, message: str, width: int, height: int) -> None:
        super().__init__(message)
        self.width, self.height = width, height


@dataclass(frozen=True)
class ImageHeader:
    format: str    # Pillow's name: JPEG, JPEG2000, PNG, ...
    width: int
    height: int
    mode: str      # Pillow's mode as stated by the header: RGB, L, CMYK, I;16, ...


def check_size(width: int, height: int, limit: ImageLimit) -> None:
    """ImageTooLarge unless a `width` x `height` picture fits `limit` (also for video frames)."""
    if width <= 0 or height <= 0:
        raise ImageRefused(f"the {limit.what} states no size ({width} x {height} pixels)")
    if max(width, height) > limit.max_side or width * height > limit.max_pixels:
        raise ImageTooLarge(
            f"the {limit.what} is {width} x {height} pixels; a {limit.what} may have {limit.describe()}",
            width, height,
        )


def read_header(source: Source, limit: ImageLimit) -> ImageHeader:
    """The picture's format and size from its header alone; ImageRefused if it is not
    one of `limit.formats` or larger than `limit`. Nothing is decoded."""
    with _open(source, limit) as img:
        return _header(img, limit)


def decode(source: Source, limit: ImageLimit, mode: str = "RGB") -> Image.Image:
    """The picture as a loaded Pillow image in `mode` ("RGB" or "L"), upright as its EXIF
    orientation says (as OpenCV's `imread` does), after its header passed `limit`."""
    with _open(source, limit) as img:
        _header(img, limit)
        try:
            img.load()
            upright = ImageOps.exif_transpose(img)
            return _convert(upright, mode)
        except (OSError, ValueError, SyntaxError, MemoryError, Image.DecompressionBombError) as exc:
            raise ImageRefused(f"the {limit.what} cannot be decoded: its data is damaged") from exc


def decode_bgr(source: Source, limit: ImageLimit) -> np.ndarray:
    """The picture as OpenCV wants it: H x W x 3 uint8, BGR (see `decode`)."""
    rgb = np.asarray(decode(source, limit, "RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def decode_gray(source: Source, limit: ImageLimit) -> np.ndarray:
    """The picture as H x W uint8 luminance (see `decode`)."""
    return np.asarray(decode(source, limit, "L")).copy()


@contextlib.contextmanager
def _open(source: Source, limit: ImageLimit) -> Iterator[Image.Image]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        fp: BinaryIO = io.BytesIO(bytes(source))
    else:
        fp = open(source, "rb")   # a missing file or a folder is an OSError for the caller, no bad picture
    with fp:
        try:
            img = Image.open(fp, formats=list(limit.formats))
        except Image.DecompressionBombError as exc:
            # Pillow read the header and found it above its own, higher limit; it tells
            # only the pixel count, not the sides.
            found = re.search(r"\((\d+) pixels\)", str(exc))
            stated = f"{int(found.group(1)) / 1e6:g} million pixels" if found else "an enormous size"
            raise ImageTooLarge(
                f"the {limit.what} declares {stated}; a {limit.what} may have {limit.describe()}", 0, 0
            ) from None
        except UnidentifiedImageError:
            raise ImageRefused(
                f"not a {limit.what} this kiosk reads (it takes {', '.join(_names(limit.formats))})"
            ) from None
        except (OSError, ValueError, SyntaxError, struct.error) as exc:
            raise ImageRefused(f"the {limit.what}'s header is damaged") from exc
        with img:
            yield img


def _header(img: Image.Image, limit: ImageLimit) -> ImageHeader:
    width, height = img.size
    check_size(width, height, limit)
    return ImageHeader(img.format or "", width, height, img.mode)


def _convert(img: Image.Image, mode: str) -> Image.Image:
    if img.mode.startswith("I;16"):
        # 16-bit greyscale: keep the top byte, as OpenCV does; Pillow's convert would
        # clip every value above 255 to white.
        wide = np.asarray(img, dtype=np.uint16)
        img = Image.fromarray((wide >> 8).astype(np.uint8), "L")
    return img if img.mode == mode else img.convert(mode)


def _names(formats: tuple[str, ...]) -> list[str]:
    return [{"JPEG2000": "JPEG 2000"}.get(f, f) for f in formats]


__all__ = [
    "CHIP_PORTRAIT",
    "PICTURE",
    "PORTRAIT",
    "ImageHeader",
    "ImageLimit",
    "ImageRefused",
    "ImageTooLarge",
    "check_size",
    "decode",
    "decode_bgr",
    "decode_gray",
    "read_header",
]
