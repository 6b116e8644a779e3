"""Issue 13, acceptance: the unit passes `systemd-analyze verify`, and `kiosk install-service`
installs it (user, folders, configuration, unit, enabled) and says what it did.

systemd does not run here, but its tools work offline: `systemd-analyze verify` on the
unit file (it checks every key and that cage is installed; an unknown key is only a
warning with exit 0, so the test wants it to say nothing at all), and
`systemctl --root DIR enable` as a machine image is prepared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from launcher.cli import main
from launcher.service_unit import EXIT_STAY_STOPPED, UNIT_TEMPLATE, Installation, render

ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed (Debian: systemd)")
needs_cage = pytest.mark.skipif(shutil.which("cage") is None, reason="cage is not installed (tools/bootstrap.sh)")


def _verify(unit: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ANALYZE, "verify", str(unit)], capture_output=True, text=True, timeout=60)  # type: ignore[list-item]


def _keys(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


@needs_analyze
@needs_cage
def test_the_unit_in_the_repository_verifies_without_a_word() -> None:
    done = _verify(UNIT_TEMPLATE)
    assert done.returncode == 0 and (done.stdout + done.stderr).strip() == "", done.stdout + done.stderr


def test_the_unit_says_what_the_issue_asks() -> None:
    keys = _keys(UNIT_TEMPLATE.read_text())
    assert keys["Type"] == ["notify"] and keys["NotifyAccess"] == ["all"] and keys["Restart"] == ["always"]
    assert keys["WatchdogSec"] and keys["User"] == ["idkiosk"] and keys["StateDirectory"] == ["idkiosk"]
    assert keys["ExecStart"][0].startswith("/usr/bin/cage -d -- ")          # no -s: no VT switching
    assert keys["RestartPreventExitStatus"] == [str(EXIT_STAY_STOPPED)]
    assert keys["KillMode"] == ["mixed"]
    # Hardening that would break the devices is absent: they close the device list.
    for breaking in ("PrivateDevices", "DeviceAllow", "DevicePolicy", "ProtectClock", "MemoryDenyWriteExecute"):
        assert breaking not in keys, breaking


def test_render_puts_an_installations_paths_where_they_belong() -> None:
    install = Installation(kiosk=["/srv/kiosk 1/bin/kiosk"], config=Path("/etc/kiosk/k.toml"), user="kiosk7",
                           data_dir=Path("/var/lib/kiosk7"), groups=("video",))
    keys = _keys(render(install))
    assert keys["ExecStart"] == ["/usr/bin/cage -d -- '/srv/kiosk 1/bin/kiosk' run --config /etc/kiosk/k.toml"]
    assert keys["User"] == ["kiosk7"] and keys["Group"] == ["kiosk7"] and keys["SupplementaryGroups"] == ["video"]
    assert keys["StateDirectory"] == ["kiosk7"] and keys["WorkingDirectory"] == ["/var/lib/kiosk7"]
    assert "XDG_CACHE_HOME=/var/cache/kiosk7" in keys["Environment"] and keys["CacheDirectory"] == ["kiosk7"]
    elsewhere = _keys(render(Installation(kiosk=["/opt/k"], data_dir=Path("/srv/kiosk-data"))))
    assert "StateDirectory" not in elsewhere and elsewhere["WorkingDirectory"] == ["/srv/kiosk-data"]
    assert _keys(render(Installation(kiosk=["/opt/100%/k$x"])))["ExecStart"][0].endswith("'/opt/100%%/k$$x' run --config /etc/idkiosk/kiosk.toml")


def _install(tmp_path: Path, *extra: str, kiosk: str = "/opt/idkiosk/kiosk") -> tuple[int, Path]:
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    code = main(["install-service", "--root", str(root), "--kiosk", kiosk, *extra])
    return code, root


@needs_analyze
@needs_cage
def test_install_service_into_a_root_does_every_step_and_says_so(tmp_path: Path, capsys) -> None:
    code, root = _install(tmp_path)
    out = capsys.readouterr().out
    assert code == 0, out
    unit = root / "etc/systemd/system/idkiosk.service"
    assert _keys(unit.read_text())["ExecStart"] == ["/usr/bin/cage -d -- /opt/idkiosk/kiosk run --config /etc/idkiosk/kiosk.toml"]
    assert (root / "etc/systemd/system/graphical.target.wants/idkiosk.service").is_symlink()     # enabled
    data = root / "var/lib/idkiosk"
    assert data.is_dir() and data.stat().st_mode & 0o777 == 0o700
    config = root / "etc/idkiosk/kiosk.toml"
    assert tomllib.loads(config.read_text())["kiosk"]["data_dir"] == "/var/lib/idkiosk"
    assert config.stat().st_mode & 0o777 == 0o640
    done = _verify(unit)
    assert done.returncode == 0 and (done.stdout + done.stderr).strip() == ""
    for step in ("kiosk command:", "user idkiosk:", "data folder /var/lib/idkiosk: created", "configuration /etc/idkiosk/kiosk.toml: written",
                 "bytecode: left alone", "written and verified", "enabled"):
        assert step in out, step


def test_an_existing_configuration_is_kept_and_checked(tmp_path: Path, capsys) -> None:
    root = tmp_path / "root"
    config = root / "etc/idkiosk/kiosk.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[kiosk]\ndata_dir = "/var/lib/idkiosk"\nstation = "Ours"\n')
    code, _ = _install(tmp_path, "--no-enable")
    assert code == 0 and config.read_text().endswith('station = "Ours"\n')
    assert "kept (it exists)" in capsys.readouterr().out
    config.write_text('[kiosk]\ndata_dir = "/srv/elsewhere"\n')
    code, _ = _install(tmp_path, "--no-enable")
    assert code == 1
    assert "its kiosk.data_dir is /srv/elsewhere, not /var/lib/idkiosk" in capsys.readouterr().err


def test_a_dry_run_touches_nothing(tmp_path: Path, capsys) -> None:
    root = tmp_path / "root"
    root.mkdir()
    assert main(["install-service", "--root", str(root), "--dry-run", "--kiosk", "/opt/idkiosk/kiosk"]) == 0
    assert list(root.iterdir()) == []
    out = capsys.readouterr().out
    assert "would write the sample" in out and "would enable it" in out


@pytest.mark.parametrize("place", ["/root/kiosk/.venv/bin/kiosk", "/home/tech/kiosk"])
def test_a_kiosk_the_unit_would_hide_is_refused(tmp_path: Path, capsys, place: str) -> None:
    code, root = _install(tmp_path, kiosk=place)
    assert code == 1 and "ProtectHome=yes" in capsys.readouterr().err
    assert not (root / "etc/systemd/system/idkiosk.service").exists()


def test_the_user_is_created_in_an_image_that_has_one(tmp_path: Path, capsys) -> None:
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("useradd --prefix needs root")
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    for name in ("passwd", "group", "shadow", "gshadow", "login.defs"):
        if Path("/etc", name).exists():
            shutil.copy(Path("/etc", name), root / "etc" / name)
    code, _ = _install(tmp_path, "--no-enable")
    out = capsys.readouterr().out
    assert code == 0, out
    entry = next(line for line in (root / "etc/passwd").read_text().splitlines() if line.startswith("idkiosk:"))
    assert entry.endswith(":/var/lib/idkiosk:/usr/sbin/nologin")
    uid, gid = int(entry.split(":")[2]), int(entry.split(":")[3])
    assert (root / "var/lib/idkiosk").stat().st_uid == uid
    assert (root / "etc/idkiosk/kiosk.toml").stat().st_gid == gid
    assert "idkiosk" not in Path("/etc/passwd").read_text()   # the machine's own users untouched


def test_without_root_it_asks_for_root(capsys, monkeypatch) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert main(["install-service", "--kiosk", "/opt/idkiosk/kiosk"]) == 2
    assert "run it as root" in capsys.readouterr().err


def test_a_machine_systemd_does_not_run_is_not_installed_on(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr("launcher.commands.service.SYSTEMD_RUNNING", tmp_path / "no-systemd")
    assert main(["install-service", "--kiosk", "/opt/idkiosk/kiosk"]) == 2
    captured = capsys.readouterr()
    assert "not run by systemd" in captured.err and captured.out == ""


@pytest.mark.parametrize(
    "args",
    [["--kiosk", "'/opt/k\nExecStartPre=/bin/sh'"], ["--config", "/etc/k.toml\n[Service]"],
     ["--data-dir", "/var/lib/k\rUser=root"], ["--user", "root:0"], ["--kiosk", "'/opt/k"]],
    ids=["kiosk", "config", "data-dir", "user", "unbalanced-quote"],
)
def test_a_value_that_would_add_a_line_to_the_unit_is_refused(tmp_path: Path, capsys, args: list[str]) -> None:
    root = tmp_path / "root"
    root.mkdir()
    argv = ["install-service", "--root", str(root), *args]
    if "--kiosk" not in args:
        argv += ["--kiosk", "/opt/idkiosk/kiosk"]
    assert main(argv) == 2
    assert list(root.iterdir()) == []
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
