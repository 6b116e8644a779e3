"""Finding USB sticks from a mountinfo and a sysfs tree made by the test, as the kernel
lays them out: a removable disk's partition, a USB disk that says removable=0, the
system disk, and mounts outside the roots."""

from __future__ import annotations

from pathlib import Path

from kiosk.operations.removable_media import find_sticks, parse_mountinfo


def _disk(sysfs: Path, name: str, device_path: str, removable: str, partition: str | None = None) -> None:
    """/sys/devices/<device_path>/<name>[/<partition>] and the /sys/class/block links."""
    disk = sysfs / "devices" / device_path / name
    disk.mkdir(parents=True)
    (disk / "removable").write_text(removable + "\n")
    block = sysfs / "class" / "block"
    block.mkdir(parents=True, exist_ok=True)
    (block / name).symlink_to(disk)
    if partition:
        part = disk / partition
        part.mkdir()
        (part / "partition").write_text("1\n")
        (block / partition).symlink_to(part)


def _world(tmp_path: Path) -> tuple[Path, Path, Path]:
    sysfs = tmp_path / "sys"
    _disk(sysfs, "sdb", "pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block", "1", "sdb1")
    _disk(sysfs, "sdc", "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host7/target7:0:0/7:0:0:0/block", "0", "sdc1")
    _disk(sysfs, "vda", "pci0000:00/0000:00:04.0/virtio1/block", "0", "vda1")
    media = tmp_path / "media"
    for name in ("KIOSK STICK", "USB-SSD", "SYSTEM", "RO"):
        (media / "op" / name).mkdir(parents=True)
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n"
        f"40 22 8:17 / {media}/op/KIOSK\\040STICK rw,nosuid,nodev - vfat /dev/sdb1 rw,uid=1000\n"
        f"41 22 8:33 / {media}/op/USB-SSD rw,nosuid - exfat /dev/sdc1 rw\n"
        f"42 22 254:1 /srv {media}/op/SYSTEM rw - ext4 /dev/vda1 rw\n"
        f"43 22 8:17 / {media}/op/RO ro,nosuid - vfat /dev/sdb1 ro\n"
        "44 22 8:17 / /mnt/elsewhere rw - vfat /dev/sdb1 rw\n"
        "a line that is not one\n"
    )
    return media, mountinfo, sysfs


def test_removable_and_usb_disks_under_the_roots_are_sticks_and_nothing_else(tmp_path):
    media, mountinfo, sysfs = _world(tmp_path)
    sticks = find_sticks([media], mountinfo=mountinfo, sysfs=sysfs)
    assert [(s.name, s.read_only) for s in sticks] == [("KIOSK STICK", False), ("RO", True), ("USB-SSD", False)]
    assert sticks[0].path == media / "op" / "KIOSK STICK"     # the \040 of mountinfo read back as a space
    assert all(s.free_bytes is not None for s in sticks)


def test_configured_folders_count_when_they_exist_and_come_first(tmp_path):
    media, mountinfo, sysfs = _world(tmp_path)
    srv = tmp_path / "srv-usb"
    assert find_sticks([], [srv], mountinfo=mountinfo, sysfs=sysfs) == []
    srv.mkdir()
    sticks = find_sticks([media], [srv], mountinfo=mountinfo, sysfs=sysfs)
    assert [s.name for s in sticks][:2] == ["srv-usb", "KIOSK STICK"]


def test_an_unreadable_mountinfo_or_sysfs_finds_nothing_and_raises_nothing(tmp_path):
    assert find_sticks(["/media"], mountinfo=tmp_path / "none", sysfs=tmp_path / "none") == []
    assert parse_mountinfo("garbage\n - \n1 2 3\n") == []
