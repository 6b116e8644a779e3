"""Simulated devices for demo mode and tests: the whole kiosk runs without hardware.

Each one implements the same interface as a real driver and adds test hooks (a camera
that vanishes, a card pulled after N APDUs, a printer out of paper), so the failure
paths of the workflow can be exercised on any machine.
"""

from hardware.simulated.camera import SimulatedCamera
from hardware.simulated.card import SimulatedCardReader, SimulatedChip
from hardware.simulated.printer import SimulatedPrinter
from hardware.simulated.resources import DEMO_DIR_ENV, demo_dir, demo_resource

__all__ = [
    "DEMO_DIR_ENV",
    "SimulatedCamera",
    "SimulatedCardReader",
    "SimulatedChip",
    "SimulatedPrinter",
    "demo_dir",
    "demo_resource",
]
