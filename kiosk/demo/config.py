"""The configuration of demo mode: every device simulated.

The face check is the real one (mediapipe analysis, dlib 1:1 match against the chip
portrait) with liveness off, because the simulated camera plays a still portrait that
cannot blink. The new portrait stays a stand-in: the bundled demo portrait (smiling,
busy background) would rightly fail the ID-photo rules.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config.model import KioskConfig


def demo_config(data_dir: Path) -> KioskConfig:
    """A demo kiosk that keeps its data in `data_dir` (made absolute; not created here).

    Full screen stays on, as on a real kiosk; the CLI may turn it off for a desktop
    window with ``with_overrides(config, {"ui.fullscreen": False})``.
    """
    data_dir = Path(data_dir).resolve()
    return KioskConfig.model_validate({
        "kiosk": {"mode": "demo", "data_dir": data_dir},
        "devices": {
            "camera": {"driver": "simulated"},          # media left out: the bundled demo portrait
            "card_reader": {"driver": "simulated"},
            "printer": {"driver": "simulated", "output_dir": data_dir / "printed"},
        },
        "biometrics": {
            "face_verifier": "sface",
            "portrait_maker": "demo-standin",
            "liveness": {"required": False},
        },
    })
