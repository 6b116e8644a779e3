"""Pictures of codes for tests: a code made with segno, then printed into a photo at an
angle with OpenCV (rotated, scaled, perspective-warped, pasted, blurred, JPEG'd), as a
camera sees a card or a phone held up to it."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import segno

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "resources" / "demo" / "astronaut.jpg"

# A fictitious citizen's CCCD front QR: Hà Nội (001), female born 1999 (century/sex digit 1).
CCCD_TEXT = ("001199012345|123456789|Nguyễn Thị Hồng Nhung|15031999|Nữ|"
             "Số 12 Phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội|01072021")


def code_image(text: str, *, scale: int = 6, kind: str = "qr") -> np.ndarray:
    """The code as a BGR picture, black on white with its quiet zone."""
    buf = io.BytesIO()
    if kind == "qr":
        segno.make_qr(text, error="m").save(buf, kind="png", scale=scale, border=4)
    else:
        raise ValueError(kind)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def barcode_image(text: str, *, module: int = 3, height: int = 120) -> np.ndarray:
    """A Code 128 barcode (as studios print on photo receipts), drawn with zxing-cpp's writer."""
    import zxingcpp

    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128)
    image = np.asarray(barcode.to_image(scale=module, add_quiet_zones=True))
    image = cv2.resize(image, (image.shape[1], height), interpolation=cv2.INTER_NEAREST)
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)


def photo(path: Path = PHOTO, width: int = 1280) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert image is not None, path
    return cv2.resize(image, (width, round(image.shape[0] * width / image.shape[1])))


def in_photo(code: np.ndarray, background: np.ndarray, *, angle: float = 23.0, width: int = 300,
             perspective: float = 0.2, centre: tuple[float, float] = (0.55, 0.45),
             blur: float = 1.0, jpeg_quality: int = 70) -> np.ndarray:
    """`code` printed into `background`: turned by `angle` degrees, `width` pixels wide,
    its top edge narrower than its bottom by `perspective`, then blurred and JPEG'd."""
    h, w = code.shape[:2]
    bh, bw = background.shape[:2]
    cx, cy = bw * centre[0], bh * centre[1]
    height = width * h / w
    a = np.deg2rad(angle)
    corners = []
    for x, y in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        px = x * width / 2 * (1 + perspective * y / 2)
        py = y * height / 2
        corners.append((cx + px * np.cos(a) - py * np.sin(a), cy + px * np.sin(a) + py * np.cos(a)))
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(corners))
    warped = cv2.warpPerspective(code, matrix, (bw, bh))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (bw, bh)) > 0
    out = background.copy()
    out[mask] = warped[mask]
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR)


def write_jpeg(image: np.ndarray, path: Path) -> Path:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    assert ok
    path.write_bytes(encoded.tobytes())
    return path
