"""USB sticks an operator has plugged in, for the maintenance screen's export.

    find_sticks(mount_roots=["/media", "/run/media"], folders=[])

Read from the kernel, not asked of a desktop service: a stick counts when
`/proc/self/mountinfo` shows a block device mounted under one of `mount_roots` and sysfs
says that device is removable (`/sys/block/<disk>/removable`) or hangs off a USB bus
(its device path runs through a `usb` node; USB SSDs often say removable=0). Whatever
mounts it (udisks2 with an automounter, a udev rule with `systemd-mount`, fstab's
`noauto,user`) leaves the same two traces, so the kiosk needs neither D-Bus nor a
session bus under cage, nor a new package, and tests give a fake mountinfo and sysfs.

`folders` are taken as sticks whenever they exist: a kiosk whose stick is mounted where
the roots do not reach (a fixed `/srv/usb`), and the tests' stand-in for a stick.
Nothing here mounts or unmounts; scanning only reads, and never follows a symlink into
the stick (an operator's stick is data, not instructions).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

MOUNTINFO = Path("/proc/self/mountinfo")
SYSFS = Path("/sys")


@dataclass(frozen=True)
class Stick:
    path: Path                 # where it is mounted: the export's folder goes inside
    name: str                  # what the operator recognises: the mount point's last part
    read_only: bool
    free_bytes: int | None     # None when the stick did not answer


@dataclass(frozen=True)
class Mount:
    point: Path
    source: str
    read_only: bool


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in paths as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of `text` (proc(5) mountinfo); malformed lines are skipped."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 6 or len(tail) < 2:
            continue
        options = fields[5].split(",")
        mounts.append(Mount(Path(_unescape(fields[4])), _unescape(tail[1]), "ro" in options))
    return mounts


def is_removable(source: str, sysfs: Path = SYSFS) -> bool:
    """Is the block device `source` (e.g. /dev/sdb1) a removable or USB disk?"""
    if not source.startswith("/dev/"):
        return False
    name = Path(os.path.realpath(source) if Path(source).is_symlink() else source).name
    node = sysfs / "class" / "block" / name
    if not node.exists():
        return False
    disk = node.resolve()
    if (node / "partition").exists():
        disk = disk.parent          # the partition's disk holds `removable`
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
    except OSError:
        pass
    return "/usb" in str(disk)


def _under(path: Path, roots: Iterable[Path]) -> bool:
    return any(path != root and path.is_relative_to(root) for root in roots)


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def find_sticks(mount_roots: Iterable[str | Path] = ("/media", "/run/media"), folders: Iterable[str | Path] = (),
                *, mountinfo: Path = MOUNTINFO, sysfs: Path = SYSFS) -> list[Stick]:
    """The sticks there are now, the configured folders first, then by mount point."""
    roots = [Path(r) for r in mount_roots]
    found: dict[Path, Stick] = {}
    for folder in (Path(f) for f in folders):
        try:
            if folder.is_dir() and not folder.is_symlink():
                found[folder] = Stick(folder, folder.name or str(folder), not os.access(folder, os.W_OK),
                                      _free(folder))
        except OSError:
            continue
    try:
        mounts = parse_mountinfo(mountinfo.read_text(errors="replace"))
    except OSError:
        mounts = []
    for mount in sorted(mounts, key=lambda m: str(m.point)):
        if mount.point in found or not _under(mount.point, roots) or not is_removable(mount.source, sysfs):
            continue
        found[mount.point] = Stick(mount.point, mount.point.name, mount.read_only or not os.access(mount.point, os.W_OK),
                                   _free(mount.point))
    return list(found.values())
