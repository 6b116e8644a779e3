"""The current data key plus the earlier ones, so a key can be rotated without losing rows.

Every payload row names the key that encrypted it (`key_id`). New rows are encrypted
with the current key; rows written under an earlier key stay readable for as long as
that key's file is listed in `storage.old_key_files`. Rotation on a kiosk:

1. move the key file aside (keep it 0600), e.g. `keys/data.key` -> `keys/2026-11.key`;
2. list the moved file in `storage.old_key_files`;
3. restart: a new `keys/data.key` is created on first start and used from then on
   (only because every waiting row's key is listed: a key file that is simply missing
   is never replaced while rows wait for it, see kiosk.storage.queue_keys);
4. optionally `kiosk queue rekey` re-encrypts the remaining old rows with the new key;
   once `kiosk queue status` shows no row under the old key id (purging delivered
   applications removes them too), the old file can be destroyed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kiosk.storage.crypto import DataKey, KeyFileError


class NoCurrentKey(KeyFileError):
    """The queue was opened to be looked at without its data key: nothing can be written."""


class Keyring:
    def __init__(self, current: DataKey | None, old: Iterable[DataKey] = ()) -> None:
        # None only for a queue opened to be inspected (`kiosk queue status` while the
        # key file is missing): counts still work, encrypting does not.
        self._current = current
        self._by_id: dict[str, DataKey] = {key.key_id: key for key in old}
        if current is not None:
            self._by_id[current.key_id] = current

    @property
    def current(self) -> DataKey:
        if self._current is None:
            raise NoCurrentKey("the queue was opened without its data key; nothing can be encrypted")
        return self._current

    @property
    def current_key_id(self) -> str | None:
        return None if self._current is None else self._current.key_id

    @classmethod
    def load(cls, key_file: Path, old_key_files: Iterable[Path] = ()) -> Keyring:
        """The current key (created if missing) and the earlier keys (which must exist).

        For a fresh folder (the self-test, tests). The kiosk and its tools open their key
        files with kiosk.storage.queue_keys.KeyFiles instead, which asks the queue first
        and never creates a key while rows wait for another one.
        """
        return cls(DataKey.load_or_create(key_file), [DataKey.load(p) for p in old_key_files])

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def get(self, key_id: str) -> DataKey | None:
        return self._by_id.get(key_id)

    def __repr__(self) -> str:
        return f"Keyring(current={self.current_key_id!r}, known={sorted(self._by_id)!r})"
