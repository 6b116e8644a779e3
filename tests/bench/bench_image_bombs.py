"""Image-bomb figures: memory and time of refusing the three bombs of issue 9 (prints,
asserts nothing).

For each case, beside the refusal:
* the same code path on a normal picture (a chip-sized portrait, the demo photo, a
  thermal receipt), measured the same way;
* the bare library call on the bomb, as the code did before the size check (OpenCV's
  decoder), in a child capped at BARE_CAP of address space so the bench cannot take the
  machine down: "hit the cap" means it wanted more than that.

Every figure comes from a fresh child process that imports what it needs and runs the
operation once unmeasured (so no import or first-use cost is counted), then measures it:
milliseconds of the operation alone, the child's peak RSS (interpreter and libraries
included), and the growth of peak RSS during the measured run. The poppler tools a PDF
needs run in processes of their own, each capped at 512 MB of address space
(`kiosk.receipts.pdf_page`); they are not in these figures.

    .venv/bin/python tests/bench/bench_image_bombs.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BARE_CAP = 3 << 30   # 3 GB


# -- what a child does ------------------------------------------------------------------------


def _chip(image: bytes, mime: str):
    """A fresh connection to an emulated chip each call: a read leaves the chip's session used."""
    from tests.emulators.emrtd import chip_for, make_document
    from tests.unit.documents.test_emrtd_read import connect

    doc = make_document("TD3", image=image, image_mime=mime)
    return doc, lambda: connect(chip_for(doc))[1]


def _prepare(case: str, work: Path):
    """Imports and inputs, outside the measured span; returns the operation."""
    from tests import hostile_images as hostile

    if case in ("chip-bomb", "chip-normal"):
        from kiosk.documents.chip_identity import identity_from_document
        from kiosk.documents.reader import read_document
        from tests.emulators.emrtd.documents import portrait

        image = hostile.jp2_declaring(20000, 20000) if case == "chip-bomb" else portrait(mime="image/jp2")
        doc, connect = _chip(image, "image/jp2")
        return lambda: identity_from_document(read_document(connect(), access_key=doc.key), "UTO")
    if case in ("photo-bomb", "photo-normal"):
        from launcher.commands.biometrics import _read_image   # what `kiosk photo check` decodes with

        path = work / "photo.jpg"
        if case == "photo-bomb":
            path.write_bytes(hostile.jpeg_declaring(16000, 16000))
        else:
            path = ROOT / "resources" / "demo" / "astronaut.jpg"
        return lambda: _read_image(str(path))
    if case.startswith("receipt-"):
        from kiosk.receipts.verify import Keyring, verify_file
        from kiosk.demo.applications import DEMO_TZ, demo_application
        from kiosk.receipts.issue import receipt_for
        from kiosk.receipts.pdf import render_receipt_pdf
        from kiosk.receipts.signing import ReceiptSigner
        from kiosk.receipts.thermal import render_thermal

        signer = ReceiptSigner.generate("SH-XH-001")
        receipt = receipt_for(demo_application("en"), signer, tz=DEMO_TZ)
        kind = case.removeprefix("receipt-")
        make = {
            "png-bomb": ("r.png", lambda: hostile.png_declaring(20000, 20000)),
            "png-normal": ("r.png", lambda: render_thermal(receipt).preview_png()),
            "pdf-page-bomb": ("r.pdf", lambda: hostile.pdf_with_page(5000, 5000)),
            "pdf-image-bomb": ("r.pdf", lambda: hostile.pdf_with_image(20000, 20000)),
            "pdf-normal": ("r.pdf", lambda: render_receipt_pdf(receipt)),
        }[kind]
        path = work / make[0]
        path.write_bytes(make[1]())
        keys = Keyring([signer.public_info])
        return lambda: verify_file(path, keys)
    if case.startswith("bare-"):
        import cv2
        import numpy as np

        data = {
            "bare-jp2": lambda: hostile.jp2_declaring(20000, 20000),
            "bare-jpeg": lambda: hostile.jpeg_declaring(16000, 16000),
            "bare-png": lambda: hostile.png_declaring(20000, 20000),
        }[case]()
        flag = cv2.IMREAD_GRAYSCALE if case == "bare-png" else cv2.IMREAD_COLOR   # as verify.py read it
        return lambda: cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    raise SystemExit(f"unknown case {case}")


def _child(case: str) -> None:
    import contextlib
    import io
    import time

    with tempfile.TemporaryDirectory() as tmp:
        operation = _prepare(case, Path(tmp))
        if not case.startswith("bare-"):
            _attempt(operation)   # warm-up: lazy imports, plugin registration, first-use caches
        before = _rss_mb()
        start = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()) as said:
            outcome = _attempt(operation)
        seconds = time.perf_counter() - start
    if said.getvalue().strip():   # a command's one-line message (kiosk: cannot use image ...)
        outcome = f"refused: {said.getvalue().strip()}"
    peak = _rss_mb()
    print(json.dumps({"seconds": seconds, "peak": peak, "growth": peak - before, "outcome": outcome}))


def _attempt(operation) -> str:
    try:
        result = operation()
    except MemoryError:
        return "hit the cap (MemoryError)"
    except SystemExit as exc:
        return f"exit {exc.code}"
    except Exception as exc:  # noqa: BLE001 - the refusal is the point
        return f"refused: {type(exc).__name__}: {exc}"
    if result is None:
        return "decoder gave up (allocation refused by the cap)"
    if hasattr(result, "valid"):
        return f"verified: {result.reason.value}"
    if hasattr(result, "shape"):
        return f"decoded {result.shape[1]} x {result.shape[0]}"
    return "decoded"


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- the table --------------------------------------------------------------------------------


def _run(case: str) -> dict:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (BARE_CAP, BARE_CAP))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, __file__, "--child", case], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600, preexec_fn=cap if case.startswith("bare-") else None,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"seconds": float("nan"), "peak": float("nan"), "growth": float("nan"),
                "outcome": f"child died (exit {done.returncode}): {done.stderr.strip()[-200:]}"}
    return json.loads(lines[-1])


ROWS = [
    ("DG2 JPEG 2000 20000x20000, chip read + identity", [
        ("refusal", "chip-bomb"),
        ("baseline: chip-sized JPEG 2000 portrait (240x320)", "chip-normal"),
        ("baseline: bare cv2.imdecode of the bomb", "bare-jp2"),
    ]),
    ("JPEG 16000x16000, `kiosk photo check`'s decode", [
        ("refusal", "photo-bomb"),
        ("baseline: the demo photo (512x512)", "photo-normal"),
        ("baseline: bare cv2.imdecode of the bomb", "bare-jpeg"),
    ]),
    ("PNG 20000x20000, `kiosk verify-receipt --image`", [
        ("refusal", "receipt-png-bomb"),
        ("baseline: a thermal receipt PNG, verified", "receipt-png-normal"),
        ("baseline: bare cv2.imdecode (grey) of the bomb", "bare-png"),
    ]),
    ("PDF receipts, `kiosk verify-receipt --image`", [
        ("refusal: page of 1764 x 1764 mm", "receipt-pdf-page-bomb"),
        ("refusal: image of 20000x20000 in the page", "receipt-pdf-image-bomb"),
        ("baseline: a receipt PDF, verified (renders, reads visible text)", "receipt-pdf-normal"),
    ]),
]


def main() -> None:
    print(f"image bombs: refusal against baselines, each in a fresh child (bare calls capped at "
          f"{BARE_CAP >> 30} GB of address space), Python {sys.version.split()[0]}")
    print(f"{'':64} {'ms':>8} {'peak RSS':>9} {'growth':>7}  outcome")
    for title, cases in ROWS:
        print(title)
        for label, case in cases:
            r = _run(case)
            print(f"  {label:62} {r['seconds'] * 1000:8.1f} {r['peak']:8.0f}M {r['growth']:6.0f}M  {r['outcome'][:110]}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        main()
