"""The configuration of demo mode: every device simulated.

The face check is the real one (mediapipe analysis, dlib 1:1 match against the chip
portrait) with liveness off, because the simulated camera plays a still portrait that
cannot blink. The new portrait stays a stand-in: the bundled demo portrait (smiling,
busy background) would rightly fail the ID-photo rules.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config.model import KioskConfig

# Demo maintenance PINs, public on purpose (README: technician 246810, operator 135790) and
# hashed once here: hashing at every demo_config() would cost each test a third of a second.
# Demo mode only: a production file names its own, made with `kiosk maintenance hash-pin`.
DEMO_TECHNICIAN_PIN = "246810"
DEMO_OPERATOR_PIN = "135790"
DEMO_TECHNICIAN_PIN_HASH = "scrypt$15$8$1$Jt0AQ8uzkGwqBayRYqL1xQ==$HcOXCCzQO4aErSsUDPZpuDl5jVO6EZNePYJktaL83zE="
DEMO_OPERATOR_PIN_HASH = "scrypt$15$8$1$EKdKTl8nym957OVMeFlMAw==$4s+JgApbpZ8W65/O1zq1LWAuFZAXuhJAWH1xrEXMu28="


DEMO_VERIFY_PAGE = "https://verify.demo.invalid/receipt"


def demo_config(data_dir: Path) -> KioskConfig:
    """A demo kiosk that keeps its data in `data_dir` (made absolute; not created here).

    Full screen stays on, as on a real kiosk; the CLI may turn it off for a desktop
    window with ``with_overrides(config, {"ui.fullscreen": False})``.
    """
    data_dir = Path(data_dir).resolve()
    return KioskConfig.model_validate({
        # The station named in each language (kiosk.station, the office's name, is English).
        "kiosk": {"mode": "demo", "data_dir": data_dir,
                  "station_names": {"zh_CN": "演示派出所", "vi": "Đồn Công an mẫu"}},
        "devices": {
            "camera": {"driver": "simulated"},          # media left out: the bundled demo portrait
            "card_reader": {"driver": "simulated"},
            "printer": {"driver": "simulated", "output_dir": data_dir / "printed"},
            "fingerprint": {"driver": "simulated"},
        },
        "biometrics": {
            "face_verifier": "sface",
            "portrait_maker": "demo-standin",
            "liveness": {"required": False},
        },
        "maintenance": {"technician_pin": DEMO_TECHNICIAN_PIN_HASH, "operator_pin": DEMO_OPERATOR_PIN_HASH},
        # .invalid never resolves: a demo receipt shows the link's shape and opens nothing.
        "receipt": {"verify_page": DEMO_VERIFY_PAGE},
        # A demo's entries are no kiosk's: the machine's systemd journal (a developer's,
        # the test runner's) gets none of them. The metrics file stays off too (no folder).
        "telemetry": {"systemd_journal": False},
    })
