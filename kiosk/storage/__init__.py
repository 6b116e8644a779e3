"""The local application queue: SQLite (WAL, synchronous=FULL), encrypted payloads.

Migrated by Alembic on open (kiosk.storage.migrate); delivered by kiosk.delivery.
"""

from kiosk.storage.application_number import (
    ApplicationNumber,
    format_application_number,
    parse_application_number,
    validate_application_number,
)
from kiosk.storage.crypto import DataKey, DecryptionError, KeyFileError
from kiosk.storage.keyring import Keyring, NoCurrentKey
from kiosk.storage.migrate import MigrationError
from kiosk.storage.queue_keys import KeyFiles, QueueKeyCheck, QueueKeysMissing, check_queue_keys
from kiosk.storage.schema import ApplicationState
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

__all__ = [
    "ApplicationNotFound",
    "ApplicationNumber",
    "ApplicationState",
    "ApplicationStore",
    "DataKey",
    "DecryptionError",
    "DuplicateApplication",
    "KeyFileError",
    "KeyFiles",
    "KeyMismatch",
    "Keyring",
    "LastError",
    "MigrationError",
    "NoCurrentKey",
    "NotQueued",
    "NotRetryable",
    "PayloadPurged",
    "QueueEntry",
    "QueueKeyCheck",
    "QueueKeysMissing",
    "QueueStatus",
    "SequenceExhausted",
    "StorageError",
    "check_queue_keys",
    "format_application_number",
    "parse_application_number",
    "validate_application_number",
]
