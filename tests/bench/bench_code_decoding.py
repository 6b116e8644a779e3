"""Which decoder reads codes photographed at an angle: zxing-cpp (the kiosk's) against
OpenCV's QRCodeDetector and QRCodeDetectorAruco (the baselines, in the same run).

A fictitious CCCD front QR (tests/code_images.py) is printed into the demo photo and,
when fetched, the test media's photos, turned 0-200 degrees, 200-480 pixels wide, with
and without perspective, sharp at JPEG 90 or blurred at JPEG 60: 60 pictures a photo.
Prints, per decoder, how many it read exactly and the median time a 1280-pixel frame.
Asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # run as a plain script from the checkout


def pictures():
    from tests.code_images import CCCD_TEXT, PHOTO, code_image, in_photo, photo

    media = ROOT / "tests" / "data" / "cache" / "face"
    paths = [PHOTO] + [p for p in (media / "no_face_scene.jpg", media / "group_t1.jpg") if p.exists()]
    code = code_image(CCCD_TEXT)
    out = []
    for path in paths:
        background = photo(path)
        for angle in (0, 17, 45, 130, 200):
            for width in (200, 330, 480):
                for perspective in (0.0, 0.25):
                    for blur, quality in ((0, 90), (1.2, 60)):
                        out.append(in_photo(code, background, angle=angle, width=width, perspective=perspective,
                                            blur=blur, jpeg_quality=quality))
    return CCCD_TEXT, out


def main() -> None:
    import cv2

    from kiosk.codes.decoder import find_codes

    text, images = pictures()
    qr, aruco = cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()
    decoders = {
        "zxing-cpp (kiosk.codes.decoder)": lambda im: [c.text for c in find_codes(im)],
        "cv2.QRCodeDetector (baseline)": lambda im: [qr.detectAndDecode(im)[0]],
        "cv2.QRCodeDetectorAruco (baseline)": lambda im: [aruco.detectAndDecode(im)[0]],
    }
    print(f"{len(images)} photos of a CCCD QR code at angles, scales, perspectives, blur and JPEG:")
    for name, decode in decoders.items():
        times, read = [], 0
        for image in images:
            t0 = time.perf_counter()
            found = decode(image)
            times.append(time.perf_counter() - t0)
            read += text in found
        print(f"  {name:36s} read {read:3d}/{len(images)}   median {statistics.median(times) * 1000:7.1f} ms a frame")


if __name__ == "__main__":
    main()
