"""Where an application is in its delivery: queued, delivered or parked.

Apart from the schema (which imports SQLAlchemy) so that the start-up's key check
(`kiosk.storage.queue_keys`, run before the window shows) can name the states without it.
"""

from __future__ import annotations

from enum import StrEnum


class ApplicationState(StrEnum):
    QUEUED = "queued"        # saved, waiting for delivery
    DELIVERED = "delivered"  # acknowledged by the central office
    PARKED = "parked"        # rejected permanently; a technician must look
