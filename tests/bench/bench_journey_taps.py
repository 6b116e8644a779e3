"""What a renewal costs the citizen: taps, screens and seconds of waiting for the machine.

Drives the real MainWindow with the UI tests' driver (`tests/ui/kiosk_driver.py`) through
a collect-at-station expiry renewal and a postal one, on the demo devices with the
workflow's real timings (face frames, portrait countdown). A tap is one press on a
button or key, the signature counts as one; a screen is every state the window shows,
plus the address pages (regions, street). "Machine wait" is the time the driver waited
for the kiosk to let the next tap happen (chip read, face check, portraits, saving and
printing). The issue's baseline (before the reach and journey changes): 21 taps
collect-at-station, about 66 postal. Prints figures; asserts nothing.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_journey_taps.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # run as a plain script from the checkout

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

# The postal address as a Chinese citizen enters it: three regions from the lists, then
# the street by pinyin, tapping the characters it offers (广东省广州市天河区体育西路103号).
REGIONS = ("440000", "440100", "440106")
STREET = (("tiyuxilu", ("体育", "西路")), ("103hao", ("号",)))
BASELINE = {"station": 21, "post": 66}


class Bot:
    """The part of pytest-qt's qtbot the driver uses, counting taps and waits."""

    def __init__(self) -> None:
        self.taps = 0
        self.waited = 0.0

    def mouseClick(self, widget, button=Qt.MouseButton.LeftButton) -> None:  # noqa: N802
        self.taps += 1
        QTest.mouseClick(widget, button)
        QApplication.processEvents()

    def waitUntil(self, condition, timeout: int = 30_000) -> None:  # noqa: N802
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > max(timeout, 180_000) / 1000:   # a loaded machine
                raise TimeoutError("the kiosk did not get there")
            QApplication.processEvents()
            time.sleep(0.005)
        self.waited += time.monotonic() - start


def pick_region(kiosk, bot: Bot, code: str) -> None:  # noqa: ANN001
    """Tap the region, turning the list's pages ("More", a tap each) until it shows."""
    from PySide6.QtWidgets import QPushButton

    for _ in range(60):
        button = kiosk.window.findChild(QPushButton, f"region_{code}")
        if button is not None and button.isVisible():
            break
        bot.mouseClick(kiosk.find("region_next", QPushButton))
    kiosk.tap(f"region_{code}")


def pick_candidate(kiosk, bot: Bot, word: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QPushButton

    keys = [b for b in kiosk.find("address_keypad").findChildren(QPushButton) if b.objectName().startswith("candidate_")]
    bot.mouseClick(next(k for k in keys if k.text() == word))


def journey(pickup: str) -> dict[str, float]:
    from kiosk.demo.config import demo_config
    from kiosk.workflow.machine import Workflow
    from kiosk.workflow.states import State
    from launcher.screenshots import draw_signature
    from launcher.services import build_services
    from tests.ui.kiosk_driver import KioskDriver
    from ui.main_window import MainWindow
    from ui.qt_jobs import QtJobRunner

    with tempfile.TemporaryDirectory() as tmp:
        cfg = demo_config(Path(tmp))
        cfg = cfg.model_copy(update={"ui": cfg.ui.model_copy(update={"fullscreen": False})})
        services = build_services(cfg)
        runner = QtJobRunner()
        wf = Workflow(services, runner)        # the real timings
        window = MainWindow(wf, cfg, fullscreen=False)
        window.resize(1920, 1080)
        window.show()
        bot = Bot()
        kiosk = KioskDriver(window, wf, bot, cfg)
        screens: list[str] = []
        wf.subscribe(lambda event, flow: screens.append(flow.state.value) if event == "state" else None)
        started = time.monotonic()
        try:
            kiosk.tap("start_en")
            kiosk.tap("case_expiring")
            kiosk.give_consent()               # the consent before the camera: the tap moved here
            kiosk.wait_for(State.ELIGIBILITY)
            kiosk.tap("eligibility_continue")
            kiosk.wait_for(State.PORTRAIT)
            kiosk.tap("portrait_use_0")
            kiosk.wait_for(State.CONTACT)
            kiosk.type_on("phone_keypad", "13800138000")
            kiosk.tap(f"pickup_{pickup}")
            kiosk.tap("contact_continue")
            if pickup == "post":
                screens += ["contact_address_regions", "contact_address_street"]
                for code in REGIONS:
                    pick_region(kiosk, bot, code)
                for pinyin, words in STREET:
                    kiosk.type_on("address_keypad", pinyin)
                    for word in words:
                        pick_candidate(kiosk, bot, word)
                kiosk.tap("contact_continue")
            kiosk.pass_phone_check()           # the code texted to the number (issue 16)
            kiosk.wait_for(State.REVIEW)
            draw_signature(kiosk.find("review_signature"))
            bot.taps += 1                      # the signature: one gesture
            kiosk.tap("review_submit")
            kiosk.pay()                        # the demo stand-in pays: no tap
            kiosk.wait_for(State.RECEIPT)
            kiosk.tap("receipt_finish")
            kiosk.wait_for(State.GOODBYE)
            total = time.monotonic() - started
        finally:
            wf.shutdown()
            window.request_quit(quit_app=False)
            runner.shutdown()
            services.close()
            services.store.close()
        return {"taps": bot.taps, "screens": len(screens) + 1, "machine_wait_s": bot.waited, "total_s": total}


def main() -> None:
    from kiosk.demo.config import demo_config
    from ui.qt_application import prepare_application

    with tempfile.TemporaryDirectory() as tmp:
        app = prepare_application(demo_config(Path(tmp)))
        for pickup in ("station", "post"):
            figures = journey(pickup)
            print(f"{pickup:8s} taps {figures['taps']:3d} (baseline {BASELINE[pickup]})  "
                  f"screens {figures['screens']:2d}  machine wait {figures['machine_wait_s']:5.1f} s  "
                  f"driver total {figures['total_s']:5.1f} s")
        app.processEvents()


if __name__ == "__main__":
    main()
