"""The exports page: an operator copies a day's export onto a USB stick from the console.

A folder of the test's stands in for the stick's mount point (`export.usb_folders`);
the writing, the read-back and the verification are the kiosk's own. A stick that fails
is made to fail for real where the machine allows it (a size-limited tmpfs that fills
up, a tmpfs mounted read-only) and by an error injected at a file boundary otherwise
(a stick pulled between two files): each ends in a plain sentence and leaves nothing on
the stick that looks like a finished export.
"""

from __future__ import annotations

import errno
import json
import pathlib
import subprocess

import pytest

from kiosk.config import with_overrides
from kiosk.operations.exports import manifest
from kiosk.operations.journal_lines import day_files, journal_folder

from tests.ui.maintenance.conftest import OPERATOR, TECHNICIAN, WAIT_MS

pytestmark = pytest.mark.ui


def _cfg(demo_cfg, *folders):
    return with_overrides(demo_cfg, {"export.usb_folders": [str(f) for f in folders], "export.usb_mount_roots": [],
                                     "export.languages": ["en"]})


def _on_page(kiosk, qtbot, pin=OPERATOR):
    kiosk.enter(pin)
    kiosk.tap("maintenance_menu_exports")
    qtbot.waitUntil(lambda: kiosk.mode.export.sticks is not None, timeout=WAIT_MS)


def _write(kiosk, qtbot):
    kiosk.tap("maintenance_export_write")
    qtbot.waitUntil(lambda: kiosk.mode.export.state in ("done", "failed"), timeout=WAIT_MS)


def _export_actions(kiosk):
    folder = journal_folder(kiosk.cfg.kiosk.data_dir)
    entries = [json.loads(line) for path in day_files(folder) for line in path.read_text().splitlines()]
    return [(e.get("role"), e.get("result")) for e in entries
            if e["event"] == "maintenance" and e["action"] == "export"]


def _nothing_complete(stick: pathlib.Path) -> bool:
    """No folder on the stick that looks like an export: nothing at all, in fact."""
    return not any(stick.iterdir())


def test_an_operator_copies_todays_export_onto_the_stick_and_sees_it_checked(open_kiosk, demo_cfg, tmp_path, qtbot):
    stick = tmp_path / "STICK"
    stick.mkdir()
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot, OPERATOR)
    assert kiosk.mode.role == "operator"
    assert kiosk.find("maintenance_export_day_0").text().startswith("Today (")
    assert kiosk.find("maintenance_export_stick_0").text().startswith("STICK (")
    seen: list[int] = []
    bar = kiosk.find("maintenance_export_progress")
    bar.valueChanged.connect(seen.append)
    _write(kiosk, qtbot)

    assert kiosk.text("maintenance_export_outcome") == "Written and checked: the copy is good. You may remove the stick."
    written = [p for p in stick.iterdir()]
    assert [p.name for p in written] == [f"{kiosk.cfg.kiosk.id}-{kiosk.mode.chosen_day():%Y-%m-%d}"]
    assert str(written[0]) in kiosk.text("maintenance_export_detail")
    signer = kiosk.workflow.services.receipt_signer
    assert manifest.verify(written[0], signer.public_key).valid          # what `kiosk export verify` says
    assert len(set(seen)) > 2 and bar.value() == bar.maximum()             # the bar moved step by step
    assert _export_actions(kiosk) == [("operator", "ok")]

    _write(kiosk, qtbot)            # again: a second copy beside the first, never over it
    assert sorted(p.name for p in stick.iterdir()) == [written[0].name, f"{written[0].name}-2"]


def test_no_stick_says_insert_one_and_look_again_finds_it(open_kiosk, demo_cfg, tmp_path, qtbot):
    stick = tmp_path / "STICK"
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot, TECHNICIAN)
    assert kiosk.text("maintenance_export_no_stick").startswith("No USB stick found: insert one")
    assert not kiosk.find("maintenance_export_write").isEnabled()
    stick.mkdir()
    kiosk.tap("maintenance_export_rescan")
    qtbot.waitUntil(lambda: bool(kiosk.mode.export.sticks), timeout=WAIT_MS)
    assert kiosk.find("maintenance_export_stick_0").text().startswith("STICK (")
    assert kiosk.find("maintenance_export_write").isEnabled()


@pytest.mark.parametrize(("code", "pulled", "says"), [
    (errno.EIO, True, "The stick was removed while writing."),
    (errno.ENOSPC, False, "The stick is full."),
])
def test_a_stick_failing_between_two_files_says_so_and_leaves_nothing(open_kiosk, demo_cfg, tmp_path, qtbot,
                                                                      monkeypatch, code, pulled, says):
    stick = tmp_path / "STICK"
    stick.mkdir()
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot)
    real = pathlib.Path.write_bytes
    writes: list[str] = []

    def failing(self, data):
        if stick in self.parents:
            writes.append(self.name)
            if len(writes) == 3:            # the table and reconciliation are on the stick, the PDF is not
                if pulled:
                    subprocess.run(["rm", "-rf", str(stick)], check=True)
                raise OSError(code, "injected")
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", failing)
    _write(kiosk, qtbot)
    assert kiosk.text("maintenance_export_outcome") == "Not written."
    assert kiosk.text("maintenance_export_detail").startswith(says)
    assert not stick.exists() if pulled else _nothing_complete(stick)
    assert _export_actions(kiosk) == [("operator", "failed")]


@pytest.fixture
def tmpfs(tmp_path):
    """A real file system of the test's own, mounted where the stick would be."""
    mounted: list[pathlib.Path] = []

    def mount(name: str, options: str) -> pathlib.Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (not root?)")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_real_full_stick_says_it_is_full_and_is_left_empty(open_kiosk, demo_cfg, tmpfs, qtbot):
    stick = tmpfs("FULL", "size=48k")           # the tables fit, a PDF summary does not
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot)
    _write(kiosk, qtbot)
    assert kiosk.text("maintenance_export_detail").startswith("The stick is full.")
    assert _nothing_complete(stick)


def test_a_real_write_protected_stick_says_so(open_kiosk, demo_cfg, tmpfs, qtbot):
    stick = tmpfs("LOCKED", "ro,size=1m")
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot)
    assert "(write-protected)" in kiosk.find("maintenance_export_stick_0").text()
    _write(kiosk, qtbot)
    assert kiosk.text("maintenance_export_detail").startswith("The stick is write-protected.")
    assert _export_actions(kiosk) == [("operator", "failed")]


def test_the_console_answers_while_writing_and_a_write_outlives_leaving(open_kiosk, demo_cfg, tmp_path, qtbot):
    stick = tmp_path / "STICK"
    stick.mkdir()
    kiosk = open_kiosk(_cfg(demo_cfg, stick))
    _on_page(kiosk, qtbot)
    kiosk.tap("maintenance_export_write")
    assert kiosk.mode.export.state == "running"           # the tap came back before the writing ended
    assert not kiosk.find("maintenance_export_write").isEnabled()
    kiosk.tap("maintenance_menu_status")                   # the screen still answers taps
    assert kiosk.find("maintenance_page_status").isVisible()
    kiosk.tap("maintenance_leave")
    qtbot.waitUntil(lambda: _export_actions(kiosk) != [], timeout=WAIT_MS)
    assert _export_actions(kiosk) == [("operator", "ok")]
    (folder,) = stick.iterdir()
    assert manifest.verify(folder, kiosk.workflow.services.receipt_signer.public_key).valid
