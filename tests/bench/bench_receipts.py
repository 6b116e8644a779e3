"""Receipt figures: time to render each format, to sign, and to verify a receipt.

Run: .venv/bin/python tests/bench/bench_receipts.py  (BENCH_RUNS=n for more rounds)
Prints medians and 90th percentiles in milliseconds; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "20"))


def measure(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    fn()  # warm-up: fonts, imports, caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.9))]


def main() -> None:
    from kiosk.demo.applications import DEMO_TZ, demo_application
    from kiosk.receipts.issue import receipt_for
    from kiosk.receipts.pdf import render_receipt_pdf
    from kiosk.receipts.signing import ReceiptSigner
    from kiosk.receipts.thermal import ThermalOptions, render_thermal
    from kiosk.receipts.verify import Keyring, verify_file, verify_text

    signer = ReceiptSigner.generate("SH-XH-001")
    keys = Keyring([signer.public_info])
    rows: list[tuple[str, float, float, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-receipts-"))
    for lang in ("zh_CN", "en", "vi"):
        receipt = receipt_for(demo_application(lang), signer, tz=DEMO_TZ)
        pdf = render_receipt_pdf(receipt)
        drawn = render_thermal(receipt)
        png, escpos = drawn.preview_png(), drawn.escpos_bytes()
        rows.append((f"{lang:5} render pdf", *measure(lambda: render_receipt_pdf(receipt)), f"{len(pdf) / 1024:.0f} KB"))
        rows.append((f"{lang:5} render thermal png", *measure(lambda: render_thermal(receipt).preview_png()),
                     f"{len(png) / 1024:.0f} KB, {drawn.size_mm[1]:.0f} mm long"))
        rows.append((f"{lang:5} render escpos (qr image)", *measure(lambda: render_thermal(receipt).escpos_bytes()),
                     f"{len(escpos) / 1024:.0f} KB"))
        native = render_thermal(receipt, ThermalOptions(qr_native=True)).escpos_bytes()
        rows.append((f"{lang:5} render escpos (qr native)",
                     *measure(lambda: render_thermal(receipt, ThermalOptions(qr_native=True)).escpos_bytes()),
                     f"{len(native) / 1024:.0f} KB"))
        (tmp / f"{lang}.png").write_bytes(png)
        (tmp / f"{lang}.pdf").write_bytes(pdf)

    receipt = receipt_for(demo_application("vi"), signer, tz=DEMO_TZ)
    qr = render_thermal(receipt).qr
    rows.append(("sign (Ed25519)", *measure(lambda: signer.sign(receipt.qr_payload), RUNS * 10), ""))
    rows.append(("verify text", *measure(lambda: verify_text(receipt.qr_content, keys), RUNS * 10), ""))
    rows.append(("verify thermal png (OpenCV decode)",
                 *measure(lambda: verify_file(tmp / "vi.png", keys)), ""))
    rows.append(("verify pdf (pdftoppm 300 dpi + decode + pdftotext)",
                 *measure(lambda: verify_file(tmp / "vi.pdf", keys), max(5, RUNS // 4)), ""))

    print(f"receipt benchmark, {RUNS} runs (verify pdf: {max(5, RUNS // 4)}), Python {sys.version.split()[0]}")
    print(f"QR: {len(receipt.qr_content)} bytes of text -> version {qr.version}-{qr.error}, "
          f"{len(qr.matrix)} modules, 5 dots (0.625 mm) each on thermal = {len(qr.matrix) * 5 / 8:.1f} mm")
    print(f"{'what':55} {'median ms':>10} {'p90 ms':>8}  note")
    for name, median, p90, note in rows:
        print(f"{name:55} {median:10.2f} {p90:8.2f}  {note}")


if __name__ == "__main__":
    main()
