"""`kiosk install-service`: make this machine boot into the kiosk.

    kiosk install-service [--kiosk CMD] [--config FILE] [--user NAME] [--data-dir DIR]
                          [--root DIR] [--dry-run] [--no-enable]

Does, and says in one line each: the unprivileged user the kiosk runs as (a system user
with no login, in the groups the devices need that exist here), its data folder (mode
0700, its own), a configuration file from the sample if there is none (its data folder
set; one that exists is kept and checked against the data folder), the kiosk's bytecode
compiled (a read-only installation must not compile the project at every start), the
systemd unit (resources/systemd/idkiosk.service with this installation's paths) checked
with `systemd-analyze verify`, and the unit enabled so the next boot starts it.

`--root DIR` does all of it under DIR, as a machine image is prepared: nothing outside
DIR is touched (the user only when DIR has its own etc/passwd; the bytecode is left
alone); `--dry-run` touches nothing and says what it would do. Run as root otherwise.

Exit codes: 0 installed; 1 a step failed (the line says which and why); 2 bad usage.
"""

from __future__ import annotations

import argparse
import compileall
import grp
import os
import pwd
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from launcher.service_unit import UNIT_NAME, Installation, render

SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "resources" / "config" / "kiosk.sample.toml"
PACKAGES = ("launcher", "kiosk", "hardware", "ui")
# sd_booted(3): a machine whose init is systemd has this folder; only there do a unit and
# `systemctl enable` mean anything (anywhere else, prepare an image with --root).
SYSTEMD_RUNNING = Path("/run/systemd/system")
USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,30}")   # what useradd accepts without complaint
# ProtectHome=yes in the unit hides these: a kiosk installed there could not start.
HIDDEN_BY_UNIT = (Path("/home"), Path("/root"), Path("/run/user"))


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("install-service", help="make this machine boot into the kiosk (systemd unit, user, folders)")
    p.add_argument("--kiosk", help="the kiosk's command (default: the one running now)")
    p.add_argument("--config", default="/etc/idkiosk/kiosk.toml", help="configuration file (default: %(default)s)")
    p.add_argument("--user", default="idkiosk", help="the unprivileged user it runs as (default: %(default)s)")
    p.add_argument("--data-dir", default="/var/lib/idkiosk", help="its data folder (default: %(default)s)")
    p.add_argument("--root", default="/", help="install under this folder instead of the machine (an image)")
    p.add_argument("--dry-run", action="store_true", help="say what would be done, do nothing")
    p.add_argument("--no-enable", action="store_true", help="install the unit without enabling it at boot")
    p.set_defaults(func=cmd_install_service)


def current_kiosk_command() -> list[str]:
    """How to run the kiosk that is running this: the bundle, else the `kiosk` script next
    to this interpreter (a virtualenv), else this interpreter with `-m launcher`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).parent / "kiosk"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "launcher"]


@dataclass
class Installer:
    install: Installation
    root: Path
    dry_run: bool
    enable: bool
    failed: bool = False
    lines: list[str] = field(default_factory=list)

    def under_root(self, path: Path) -> Path:
        return self.root / path.relative_to("/") if path.is_absolute() else self.root / path

    @property
    def elsewhere(self) -> bool:
        return self.root != Path("/")

    def say(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)

    def fail(self, line: str) -> None:
        """The step that failed, in one line on stderr (the steps done are on stdout)."""
        self.failed = True
        self.lines.append(line)
        sys.stderr.write(f"kiosk install-service: {line}\n")
        sys.stderr.flush()

    # -- the steps, in order -------------------------------------------------------------
    def run(self) -> int:
        for step in (self.check_command, self.user, self.data_folder, self.config, self.bytecode, self.unit, self.enable_unit):
            try:
                step()
            except OSError as exc:   # a path too long, a file where a folder must be, ...
                self.fail(f"{step.__name__.replace('_', ' ')}: {exc.strerror or exc}")
            if self.failed:
                return 1
        if not self.dry_run:
            self.say(f"next: put the CSCA certificates in {self.install.data_dir}/trust and the delivery credentials "
                     f"where {self.install.config} says, check with `kiosk config check {self.install.config}`, "
                     f"then reboot (or `systemctl start {UNIT_NAME}`)")
        return 0

    def check_command(self) -> None:
        program = Path(self.install.kiosk[0])
        if not program.is_absolute():
            self.fail(f"kiosk command {program}: give an absolute path")
            return
        real = self.under_root(program).resolve() if not self.elsewhere else program
        for hidden in HIDDEN_BY_UNIT:
            if program.is_relative_to(hidden) or real.is_relative_to(hidden):
                self.fail(f"kiosk command {program}: under {hidden}, which the unit hides from the kiosk "
                          "(ProtectHome=yes); install the kiosk under /opt (the bundle) or /usr/local")
                return
        self.say(f"kiosk command: {' '.join(self.install.kiosk)}")

    def user(self) -> None:
        name = self.install.user
        passwd = self.under_root(Path("/etc/passwd"))
        if _user_in(passwd, name):
            self.install = _with_groups(self.install, self.under_root(Path("/etc/group")))
            self.say(f"user {name}: exists (groups for the devices: {', '.join(self.install.groups) or 'none'})")
            return
        if self.elsewhere and not passwd.exists():
            self.install = _with_groups(self.install, self.under_root(Path("/etc/group")))
            self.say(f"user {name}: not created ({passwd} does not exist); create it in the image "
                     f"(a system user, home {self.install.data_dir}, no login)")
            return
        self.install = _with_groups(self.install, self.under_root(Path("/etc/group")))
        argv = ["useradd", "--system", "--user-group", "--home-dir", str(self.install.data_dir), "--no-create-home",
                "--shell", "/usr/sbin/nologin", "--comment", "ID-renewal kiosk"]
        if self.elsewhere:
            argv += ["--prefix", str(self.root)]
        argv.append(name)
        if self.dry_run:
            self.say(f"user {name}: would create it: {' '.join(argv)}")
            return
        if not self._run(argv, f"user {name}"):
            return
        self.say(f"user {name}: created (system user, home {self.install.data_dir}, no login; "
                 f"groups for the devices: {', '.join(self.install.groups) or 'none'})")

    def data_folder(self) -> None:
        folder = self.under_root(self.install.data_dir)
        if self.dry_run:
            self.say(f"data folder {self.install.data_dir}: would {'keep' if folder.is_dir() else 'create'} it, "
                     f"owner {self.install.user}, mode 0700")
            return
        existed = folder.is_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)
            owner = self._owner()
            if owner is not None:
                os.chown(folder, *owner)
        except OSError as exc:
            self.fail(f"data folder {self.install.data_dir}: {exc.strerror or exc}")
            return
        self.say(f"data folder {self.install.data_dir}: {'kept' if existed else 'created'}, "
                 f"owner {self.install.user if owner else 'unchanged (the user is not in this root)'}, mode 0700")

    def config(self) -> None:
        path = self.under_root(self.install.config)
        if path.exists():
            try:
                kiosk = tomllib.loads(path.read_text(encoding="utf-8")).get("kiosk", {})
            except (OSError, ValueError, RecursionError) as exc:
                text = getattr(exc, "strerror", None) or str(exc)
                reason = text.splitlines()[0] if text else type(exc).__name__
                self.fail(f"configuration {self.install.config}: cannot be read: {reason}")
                return
            data_dir = kiosk.get("data_dir") if isinstance(kiosk, dict) else None
            if data_dir is not None and Path(data_dir) != self.install.data_dir:
                self.fail(f"configuration {self.install.config}: kept, but its kiosk.data_dir is {data_dir}, "
                          f"not {self.install.data_dir}: the unit gives the kiosk only {self.install.data_dir}")
                return
            self.say(f"configuration {self.install.config}: kept (it exists)")
            return
        text = _sample_config(self.install.data_dir)
        if self.dry_run:
            self.say(f"configuration {self.install.config}: would write the sample, data folder {self.install.data_dir}")
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            path.chmod(0o640)
            owner = self._owner()
            if owner is not None:
                os.chown(path, 0, owner[1])   # root's file; the kiosk's group may read it
        except OSError as exc:
            self.fail(f"configuration {self.install.config}: {exc.strerror or exc}")
            return
        whom = f"root's, readable by the group {self.install.user}" if owner else "mode 0640 (give it to the group of the kiosk's user)"
        self.say(f"configuration {self.install.config}: written from the sample (production mode, data folder "
                 f"{self.install.data_dir}); {whom}")

    def bytecode(self) -> None:
        if getattr(sys, "frozen", False):
            self.say("bytecode: in the bundle already")
            return
        base = Path(__file__).resolve().parents[2]
        folders = [base / name for name in PACKAGES if (base / name).is_dir()]
        if self.elsewhere or self.dry_run:
            self.say(f"bytecode: {'would compile' if self.dry_run else 'left alone (--root)'}: "
                     f"{', '.join(str(f) for f in folders)}")
            return
        ok = all(compileall.compile_dir(str(folder), quiet=1) for folder in folders)
        if not ok:
            self.fail(f"bytecode: some modules under {base} did not compile")
            return
        self.say(f"bytecode: compiled {', '.join(f.name for f in folders)} under {base} "
                 "(a start then reads it, even where the installation is read-only)")

    def unit(self) -> None:
        path = self.under_root(Path("/etc/systemd/system") / UNIT_NAME)
        text = render(self.install)
        if self.dry_run:
            self.say(f"unit {path}: would write it:\n" + "".join(f"    {line}\n" for line in text.splitlines()
                                                            if line.startswith(("ExecStart=", "User=", "StateDirectory="))).rstrip())
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            path.chmod(0o644)
        except OSError as exc:
            self.fail(f"unit {path}: {exc.strerror or exc}")
            return
        problems = _verify(path)
        if problems is None:
            self.say(f"unit {path}: written (systemd-analyze is not installed: not verified)")
        elif problems:
            self.fail(f"unit {path}: written, but systemd-analyze verify says: {problems}")
        else:
            self.say(f"unit {path}: written and verified (systemd-analyze verify)")

    def enable_unit(self) -> None:
        if not self.enable:
            self.say(f"unit {UNIT_NAME}: not enabled (--no-enable)")
            return
        argv = ["systemctl", *(["--root", str(self.root)] if self.elsewhere else []), "enable", UNIT_NAME]
        if self.dry_run:
            self.say(f"unit {UNIT_NAME}: would enable it: {' '.join(argv)}")
            return
        if not self.elsewhere:
            self._run(["systemctl", "daemon-reload"], f"unit {UNIT_NAME}")
            if self.failed:
                return
        if self._run(argv, f"unit {UNIT_NAME}"):
            self.say(f"unit {UNIT_NAME}: enabled: it starts at the next boot, on tty1")

    # -- helpers ---------------------------------------------------------------------------
    def _owner(self) -> tuple[int, int] | None:
        """(uid, gid) of the kiosk's user where files are being written, if it is there."""
        if self.elsewhere:
            entry = _user_in(self.under_root(Path("/etc/passwd")), self.install.user)
            return None if entry is None else (entry[0], entry[1])
        try:
            record = pwd.getpwnam(self.install.user)
        except KeyError:
            return None
        return record.pw_uid, record.pw_gid

    def _run(self, argv: list[str], what: str) -> bool:
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        except OSError as exc:
            self.fail(f"{what}: {argv[0]} cannot be run: {exc.strerror or exc}")
            return False
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            self.fail(f"{what}: `{' '.join(argv)}` failed: {reason[-1] if reason else f'exit {done.returncode}'}")
            return False
        return True


def _user_in(passwd: Path, name: str) -> tuple[int, int] | None:
    """(uid, gid) of `name` in a passwd file, or None."""
    if passwd == Path("/etc/passwd"):
        try:
            record = pwd.getpwnam(name)
        except KeyError:
            return None
        return record.pw_uid, record.pw_gid
    try:
        for line in passwd.read_text(encoding="utf-8").splitlines():
            fields = line.split(":")
            if len(fields) >= 4 and fields[0] == name:
                return int(fields[2]), int(fields[3])
    except (OSError, ValueError):
        return None
    return None


def _with_groups(install: Installation, group_file: Path) -> Installation:
    """Only the device groups that exist: systemd refuses to start a unit naming another."""
    if group_file == Path("/etc/group"):
        existing = {g.gr_name for g in grp.getgrall()}
    else:
        try:
            existing = {line.split(":", 1)[0] for line in group_file.read_text(encoding="utf-8").splitlines()}
        except OSError:
            return install   # an image without its group file yet: keep the list the unit expects
    return replace(install, groups=tuple(g for g in install.groups if g in existing))


def _sample_config(data_dir: Path) -> str:
    lines = SAMPLE_CONFIG.read_text(encoding="utf-8").splitlines()
    out, in_kiosk = [], False
    for line in lines:
        if line.startswith("["):
            in_kiosk = line.strip() == "[kiosk]"
        if in_kiosk and line.startswith("data_dir = "):
            line = f'data_dir = "{data_dir}"'
        out.append(line)
    return "\n".join(out) + "\n"


def _verify(unit: Path) -> str | None:
    """What `systemd-analyze verify` says about `unit` ("" when nothing), None without it."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        return None
    done = subprocess.run([tool, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    said = " ".join((done.stdout + done.stderr).split())
    return said if said or done.returncode == 0 else f"exit {done.returncode}"


def cmd_install_service(args: argparse.Namespace) -> int:
    def refuse(line: str) -> int:
        sys.stderr.write(f"kiosk install-service: {line}\n")
        return 2

    try:
        kiosk = shlex.split(args.kiosk) if args.kiosk else current_kiosk_command()
    except ValueError as exc:
        return refuse(f"--kiosk: {exc} (quote it as a shell would)")
    if not kiosk:
        return refuse("--kiosk: empty")
    # Every value goes into a line of the unit file (or of /etc/passwd): a line break or
    # another control character would add a line of its own choosing.
    values = [("--kiosk", w) for w in kiosk] + [(n, getattr(args, n[2:].replace("-", "_"))) for n in
                                               ("--config", "--data-dir", "--user", "--root")]
    for name, value in values:
        if any(ord(c) < 32 or ord(c) == 127 or 0xDC80 <= ord(c) <= 0xDCFF for c in value):
            return refuse(f"{name}: a control character or bytes that are not UTF-8 in {value[:80]!r}")
    if not USER_NAME.fullmatch(args.user):
        return refuse(f"--user {args.user[:80]}: not a user name (lower-case letters, digits, _ and -, up to 31)")
    install = Installation(kiosk=kiosk, config=Path(args.config), user=args.user, data_dir=Path(args.data_dir))
    for name, path in (("--config", install.config), ("--data-dir", install.data_dir)):
        if not path.is_absolute():
            return refuse(f"{name} {str(path)[:80]}: give an absolute path")
    root = Path(args.root)
    if not root.is_absolute():
        root = root.resolve()
    if root == Path("/") and not args.dry_run:
        if os.geteuid() != 0:
            return refuse("run it as root (or with --root DIR, or --dry-run)")
        if not SYSTEMD_RUNNING.is_dir():
            return refuse(f"this machine is not run by systemd ({SYSTEMD_RUNNING} is missing): "
                          "prepare an image with --root DIR, or see what it would do with --dry-run")
    return Installer(install, root, args.dry_run, not args.no_enable).run()
