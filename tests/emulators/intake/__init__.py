"""The test-only parts of the reference intake: faults, outages and waiting.

The intake itself (contract validation, storing once per idempotency key, mutual TLS)
ships with the technician's self-test in `kiosk.delivery.selftest.intake`; what only the
tests need, making it fail the ways a network and an office do, lives here, out of the
kiosk's installed code.
"""

from __future__ import annotations

from tests.emulators.intake.faults import Fault, FaultPlan
from tests.emulators.intake.server import FaultyIntake, FaultyIntakeStats, wait_until_stored

__all__ = ["Fault", "FaultPlan", "FaultyIntake", "FaultyIntakeStats", "wait_until_stored"]
