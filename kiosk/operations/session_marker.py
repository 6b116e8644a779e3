"""A session under way leaves a mark on disk, so that a restart knows one was cut short.

A citizen's session lives in memory only: when the kiosk dies in the middle of one (a
crash, the watchdog's kill, a power cut) nothing says so, and the audit journal would
show a session that started and never ended. So while a session runs, a small file in
the data folder says so: when it started, the state it has reached and the session's
temporary folder. It is replaced at each state change and removed when the session
ends. A kiosk that starts and finds it discards what the session left (its temporary
folder) and reports the discard (`discard_left_over`), then removes the file.

The mark never holds personal data: a time, a workflow state's name, a folder name.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

FILE_NAME = "session-in-progress.json"
TEMP_PREFIX = "kiosk-session-"   # kiosk.workflow.session.Session.begin's temporary folders


@dataclass(frozen=True)
class InterruptedSession:
    """What the mark says about a session that did not end ("" where it could not tell)."""

    started_at: str = ""     # ISO 8601, UTC
    state: str = ""          # the last workflow state it reached
    temp_dir: str = ""
    pid: int = 0             # the process that ran it
    reason: str = "restart"  # "restart": found at start; "stopped": the kiosk quit during it


class SessionMarker:
    """The mark of `data_dir`. `follow` is a workflow listener that keeps it current."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._written: tuple[str, str] | None = None   # (session id, state) last written

    def left_over(self) -> InterruptedSession | None:
        """The session an earlier process left unfinished, or None."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("session mark %s cannot be read: %s", self.path, exc.strerror or exc)
            return InterruptedSession()
        try:
            data = json.loads(text)
            return InterruptedSession(
                started_at=str(data.get("started_at", "")),
                state=str(data.get("state", "")),
                temp_dir=str(data.get("temp_dir", "")),
                pid=int(data.get("pid", 0)),
            )
        except (ValueError, TypeError, AttributeError):
            return InterruptedSession()   # torn by a power cut: still a session cut short

    def follow(self, event: str, workflow: Any) -> None:
        """Workflow listener: mark a session under way, unmark it when it is over."""
        session = workflow.session
        if not session.session_id:
            if self._written is not None:
                self.clear()
            return
        now = (session.session_id, str(workflow.state))
        if now != self._written:
            self._write(session, str(workflow.state))
            self._written = now

    def current(self, workflow: Any) -> InterruptedSession | None:
        """The session `workflow` is in the middle of (at a clean stop), or None."""
        session = workflow.session
        if not session.session_id:
            return None
        return InterruptedSession(
            started_at=_iso(session.started_at), state=str(workflow.state),
            temp_dir=str(session.temp_dir or ""), pid=os.getpid(), reason="stopped",
        )

    def clear(self) -> None:
        self._written = None
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("session mark %s cannot be removed: %s", self.path, exc.strerror or exc)

    def _write(self, session: Any, state: str) -> None:
        data = {
            "started_at": _iso(session.started_at),
            "state": state,
            "temp_dir": str(session.temp_dir or ""),
            "pid": os.getpid(),
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(data, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:   # a full disk must not stop the citizen's session
            log.warning("session mark %s cannot be written: %s", self.path, exc.strerror or exc)


def discard_left_over(marker: SessionMarker, journal: Callable[[InterruptedSession], None] | None = None) -> InterruptedSession | None:
    """At start: discard a session an earlier process left unfinished, and report it.

    Its memory went with that process; what it may have left on disk is its temporary
    folder (removed here, if it is one of the sessions' own). Logged, and given to
    `journal` for the audit journal. Returns what was discarded, or None.
    """
    session = marker.left_over()
    if session is None:
        return None
    discard(session, journal)
    marker.clear()
    return session


def discard(session: InterruptedSession, journal: Callable[[InterruptedSession], None] | None = None) -> None:
    """Remove what `session` left on disk and report that it was discarded."""
    removed = _remove_temp_dir(session.temp_dir)
    log.warning(
        "a session cut short %s was discarded (started %s, had reached %s%s)",
        "by a restart" if session.reason == "restart" else "by the kiosk's stop",
        session.started_at or "at an unknown time", session.state or "an unknown step",
        "; its temporary folder was removed" if removed else "",
    )
    if journal is not None:
        try:
            journal(session)
        except Exception:  # noqa: BLE001 - the journal's trouble must not stop the kiosk
            log.exception("the discarded session could not be journalled")


def _remove_temp_dir(path_text: str) -> bool:
    """Only a sessions' temporary folder in the temporary directory, never anything else
    a damaged or planted mark might name."""
    if not path_text:
        return False
    path = Path(path_text)
    if path.parent != Path(tempfile.gettempdir()) or not path.name.startswith(TEMP_PREFIX):
        return False
    if path.is_symlink() or not path.is_dir():
        return False
    shutil.rmtree(path, ignore_errors=True)
    return not path.exists()


def _iso(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
