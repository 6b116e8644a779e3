"""The systemd unit that boots the machine into the kiosk, filled in for one installation.

`resources/systemd/idkiosk.service` is a complete unit for the default layout: the kiosk
at /opt/idkiosk/kiosk (the PyInstaller bundle), its configuration at
/etc/idkiosk/kiosk.toml, the user idkiosk, the data folder /var/lib/idkiosk. `render`
puts another installation's values into the lines that name them and leaves every
other line as it is, so the file in the repository stays the one reviewed and tested.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

UNIT_TEMPLATE = Path(__file__).resolve().parent.parent / "resources" / "systemd" / "idkiosk.service"
UNIT_NAME = "idkiosk.service"
STATE_ROOT = Path("/var/lib")
CACHE_ROOT = Path("/var/cache")

# The kiosk's exit status when maintenance mode asks it to stay stopped: the unit's
# RestartPreventExitStatus= (0, a restart, and any crash are restarted).
EXIT_STAY_STOPPED = 90


@dataclass(frozen=True)
class Installation:
    kiosk: Sequence[str]                     # the command that runs the kiosk (before "run")
    config: Path = Path("/etc/idkiosk/kiosk.toml")
    user: str = "idkiosk"
    data_dir: Path = STATE_ROOT / "idkiosk"
    groups: Sequence[str] = ("video", "render", "lp", "dialout", "plugdev")

    @property
    def state_directory(self) -> str | None:
        """systemd's StateDirectory= for the data folder, when it is under /var/lib."""
        return str(self.data_dir.relative_to(STATE_ROOT)) if self.data_dir.is_relative_to(STATE_ROOT) else None

    @property
    def cache_dir(self) -> Path:
        return CACHE_ROOT / self.user


def exec_words(words: Iterable[str]) -> str:
    """Words for ExecStart=: quoted as a shell would, with systemd's specifiers (%) and
    variables ($) escaped so that a path holding them is taken as written."""
    return " ".join(shlex.quote(w).replace("%", "%%").replace("$", "$$") for w in words)


def render(install: Installation, template: str | None = None) -> str:
    """The unit for `install` (see the module's doc)."""
    text = template if template is not None else UNIT_TEMPLATE.read_text(encoding="utf-8")
    command = exec_words([*install.kiosk, "run", "--config", str(install.config)])
    state = install.state_directory
    replacements: dict[str, str | None] = {
        "ExecStart": f"/usr/bin/cage -d -- {command}",
        "User": install.user,
        "Group": install.user,
        "SupplementaryGroups": " ".join(install.groups) or None,
        "RestartPreventExitStatus": str(EXIT_STAY_STOPPED),
        "StateDirectory": state,
        "StateDirectoryMode": "0700" if state else None,
        "CacheDirectory": install.cache_dir.name,
        "WorkingDirectory": str(install.data_dir),
    }
    out = []
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z]+)=", line)
        key = match.group(1) if match else None
        if key in replacements:
            value = replacements[key]
            if value is None:
                continue   # e.g. a data folder outside /var/lib: no StateDirectory=
            line = f"{key}={value}"
        elif key == "Environment" and line.startswith("Environment=XDG_CACHE_HOME="):
            line = f"Environment=XDG_CACHE_HOME={install.cache_dir}"
        out.append(line)
    return "\n".join(out) + "\n"
