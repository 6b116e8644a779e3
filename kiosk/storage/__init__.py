"""The local application queue: SQLite (WAL, synchronous=FULL), encrypted payloads.

Delivery to the central office and Alembic migrations come in later issues.
"""

from kiosk.storage.application_number import (
    ApplicationNumber,
    format_application_number,
    parse_application_number,
    validate_application_number,
)
from kiosk.storage.crypto import DataKey, DecryptionError, KeyFileError
from kiosk.storage.schema import ApplicationState
from kiosk.storage.store import (
    ApplicationNotFound,
    ApplicationStore,
    DuplicateApplication,
    KeyMismatch,
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
    "KeyMismatch",
    "SequenceExhausted",
    "StorageError",
    "format_application_number",
    "parse_application_number",
    "validate_application_number",
]
