"""The local application queue: SQLite (WAL, synchronous=FULL), encrypted payloads.

Migrated by Alembic on open (kiosk.storage.migrate); delivered by kiosk.delivery.

The names below are imported on first use (PEP 562), as in `kiosk.delivery`: a module
that needs only the application numbers or the key check (the receipts, the start-up's
preflight) must not load SQLAlchemy and Alembic, which the kiosk loads after its first
screen is shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ApplicationNumber": "application_number",
    "format_application_number": "application_number",
    "parse_application_number": "application_number",
    "validate_application_number": "application_number",
    "ApplicationState": "application_state",
    "DataKey": "crypto",
    "DecryptionError": "crypto",
    "KeyFileError": "crypto",
    "Keyring": "keyring",
    "NoCurrentKey": "keyring",
    "MigrationError": "migrate",
    "KeyFiles": "queue_keys",
    "QueueKeyCheck": "queue_keys",
    "QueueKeysMissing": "queue_keys",
    "check_queue_keys": "queue_keys",
    "ApplicationNotFound": "store",
    "ApplicationStore": "store",
    "DuplicateApplication": "store",
    "KeyMismatch": "store",
    "LastError": "store",
    "NotQueued": "store",
    "NotRetryable": "store",
    "PayloadPurged": "store",
    "QueueEntry": "store",
    "QueueStatus": "store",
    "SequenceExhausted": "store",
    "StorageError": "store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.storage' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kiosk.storage.{module}"), name)


if TYPE_CHECKING:  # for type checkers and editors
    from kiosk.storage.application_number import (
        ApplicationNumber,
        format_application_number,
        parse_application_number,
        validate_application_number,
    )
    from kiosk.storage.application_state import ApplicationState
    from kiosk.storage.crypto import DataKey, DecryptionError, KeyFileError
    from kiosk.storage.keyring import Keyring, NoCurrentKey
    from kiosk.storage.migrate import MigrationError
    from kiosk.storage.queue_keys import KeyFiles, QueueKeyCheck, QueueKeysMissing, check_queue_keys
    from kiosk.storage.store import (
        ApplicationNotFound,
        ApplicationStore,
        DuplicateApplication,
        KeyMismatch,
        LastError,
        NotQueued,
        NotRetryable,
        PayloadPurged,
        QueueEntry,
        QueueStatus,
        SequenceExhausted,
        StorageError,
    )
