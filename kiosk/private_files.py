"""Creating files that hold secrets (the data key, the receipt signing key).

One way for every key the kiosk makes, because the failure modes are the same: a power
cut must never leave a half-written key, two processes starting together must end up
with the same key, and nobody but the kiosk's user may read it.
"""

from __future__ import annotations

import os
from pathlib import Path


def create_private_file(path: Path, data: bytes) -> None:
    """Write `data` under a temporary name (mode 0600), fsync, then hard-link it into place.

    If `path` already exists the existing file wins (the link fails) and `data` is
    dropped: callers load whatever is at `path` afterwards. The parent folder is created
    with mode 0700 when missing.
    """
    parent = path.parent
    if not parent.exists():
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(parent, 0o700)  # mkdir's mode is filtered by the umask
    tmp = parent / f".{path.name}.{os.getpid()}.tmp"
    # A leftover from a crash of an earlier process with the same pid (likely at boot,
    # where start order repeats); no living process can share our pid, so it is stale.
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # fails if it exists: whoever linked first wins
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
