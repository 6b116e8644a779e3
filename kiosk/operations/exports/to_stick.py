"""One day's export written onto an operator's USB stick, then read back and verified.

    export_to_stick(journal_folder, day, stick, kiosk_id, queue=..., signer=..., progress=cb)

`write_export` does the writing (into a hidden `.partial` folder, renamed at the end);
this adds what a stick needs. A stick is pulled, full or write-protected far more often
than a disk: each of those ends in a `StickResult` with a reason the screen can say in
plain words (`removed`, `full`, `read_only`, `nothing`, `failed`), and the `.partial`
folder is removed so nothing half-written is left (only an export folder that verifies
is ever named like one). After the rename the folder is flushed and its pages dropped
from the cache before `manifest.verify` reads it back, so "verified" speaks of what the
stick holds, not of what the kernel still remembered having written.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from kiosk.operations import journal_lines as lines
from kiosk.operations.exports import manifest
from kiosk.operations.exports.export import ExportRefused, Progress, export_folder_name, write_export

log = logging.getLogger("kiosk.export")

REASONS = ("removed", "full", "read_only", "nothing", "failed")
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_REMOVED = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ESHUTDOWN, errno.ENOTDIR, errno.ESTALE}


@dataclass(frozen=True)
class StickResult:
    ok: bool
    reason: str = ""                 # one of REASONS when not ok
    folder: str = ""                 # the export's folder on the stick (when ok)
    verified: bool = False           # read back from the stick: every file as signed
    problems: tuple[str, ...] = ()   # the files verify named, when not verified
    files: int = 0
    sessions: int = 0


def free_name(stick: Path, kiosk_id: str, day: dt.date) -> Path:
    """`<kiosk>-<day>` on the stick, or `-2`, `-3`... when that day was copied before:
    an earlier copy is the operator's and is never overwritten."""
    base = export_folder_name(kiosk_id, day)
    out = stick / base
    n = 2
    while out.exists() or out.with_name(f".{out.name}.partial").exists():
        out = stick / f"{base}-{n}"
        n += 1
    return out


def export_to_stick(journal_folder: Path, day: dt.date, stick: Path, kiosk_id: str, *, queue: Iterable[Any],
                    signer: Any, languages: Iterable[str],
                    now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
                    progress: Callable[[Progress], None] | None = None) -> StickResult:
    stick = Path(stick)
    if not (Path(journal_folder) / lines.file_name(day)).is_file():
        return StickResult(False, "nothing")
    if not stick.is_dir():
        return StickResult(False, "removed")
    if not os.access(stick, os.W_OK):
        return StickResult(False, "read_only")
    out = free_name(stick, kiosk_id, day)
    partial = out.with_name(f".{out.name}.partial")
    try:
        report = write_export(journal_folder, day, out, queue=queue, private_key=signer.private_key,
                              languages=languages, now=now, progress=progress)
        _flush(out)
    except ExportRefused as exc:
        _remove(partial, out)
        return StickResult(False, _reason(None, stick, str(exc)))
    except OSError as exc:
        _remove(partial, out)
        reason = _reason(exc.errno, stick, "")
        log.warning("export to a USB stick failed: %s (%s)", reason, type(exc).__name__)
        return StickResult(False, reason)
    except BaseException:
        _remove(partial, out)
        raise
    try:
        verdict = manifest.verify(out, signer.public_key)
    except OSError as exc:
        return StickResult(False, _reason(exc.errno, stick, ""), folder=str(out))
    problems = tuple(p["file"] for p in verdict.problems)
    return StickResult(True, folder=str(out), verified=verdict.valid, problems=problems,
                       files=len(report["files"]), sessions=report["sessions"])


def _reason(code: int | None, stick: Path, message: str) -> str:
    """What went wrong, in the stick's terms: a pulled stick often surfaces as an odd
    errno (EIO, ENOENT of the folder being written), so its absence is looked at first."""
    try:
        present = stick.is_dir()
    except OSError:
        present = False
    if not present:
        return "removed"
    if code in _FULL:
        return "full"
    if code in _READ_ONLY or not os.access(stick, os.W_OK) or message.startswith("cannot write in"):
        return "read_only"
    if code in _REMOVED:
        return "removed"
    return "failed"


def _remove(*folders: Path) -> None:
    """Whatever the failed export left: the partial folder, and the export's own folder
    only if the rename was the step that failed after it appeared (never an older copy:
    `free_name` chose a name nobody had)."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _flush(folder: Path) -> None:
    """The rename onto the stick made durable, and the files' cached pages dropped so
    the verification reads the stick itself."""
    for path in [*folder.iterdir(), folder, folder.parent]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            if path.is_file() and hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
