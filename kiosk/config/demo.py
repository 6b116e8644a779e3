"""The configuration of demo mode: every device simulated, biometrics stood in for."""

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
        "biometrics": {"face_verifier": "demo-standin", "portrait_maker": "demo-standin"},
    })
