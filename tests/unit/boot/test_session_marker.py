"""Issue 13: after a restart, a half-finished session is discarded and reported.

While a citizen's session runs, `SessionMarker.follow` keeps a small file in the data
folder; it goes when the session ends. A kiosk that starts and finds it (the last one
died mid-session) removes the session's temporary folder, reports the discard and
removes the mark. The mark holds no personal data.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import pytest

from kiosk.domain.cases import Case
from kiosk.operations.session_marker import FILE_NAME, InterruptedSession, SessionMarker, discard_left_over


@pytest.fixture
def marked(wf, demo_cfg):
    marker = SessionMarker(demo_cfg.kiosk.data_dir)
    wf.subscribe(marker.follow)
    return wf, marker


def test_a_session_is_marked_while_it_runs_and_unmarked_when_it_ends(marked) -> None:
    wf, marker = marked
    assert not marker.path.exists()
    wf.start("en")
    assert json.loads(marker.path.read_text())["state"] == "case"
    wf.choose_case(Case.LOST)
    wf.agree()
    data = json.loads(marker.path.read_text())
    assert data["state"] == "identify" and data["temp_dir"] == str(wf.session.temp_dir)
    assert data["pid"] == os.getpid() and data["started_at"].endswith("Z")
    wf.cancel()
    assert not marker.path.exists()


def test_the_mark_holds_nothing_personal(marked) -> None:
    wf, marker = marked
    wf.start("vi")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number("110105198403120488")     # the demo office's citizen
    text = marker.path.read_text()
    assert set(json.loads(text)) == {"started_at", "state", "temp_dir", "pid"}
    for secret in ("110105198403120488", "0488", "vi"):
        assert secret not in text.replace(str(wf.session.temp_dir), "")


def test_a_left_over_session_is_discarded_and_reported_once(demo_cfg, session_tmp, caplog) -> None:
    data_dir = demo_cfg.kiosk.data_dir
    data_dir.mkdir(parents=True)
    leftover = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
    (leftover / "portrait.jpg").write_bytes(b"a citizen's face")
    (data_dir / FILE_NAME).write_text(json.dumps(
        {"started_at": "2026-11-21T09:01:02Z", "state": "review", "temp_dir": str(leftover), "pid": 4242}
    ))
    journalled: list[InterruptedSession] = []
    with caplog.at_level(logging.WARNING):
        found = discard_left_over(SessionMarker(data_dir), journalled.append)
    assert found == InterruptedSession("2026-11-21T09:01:02Z", "review", str(leftover), 4242, "restart")
    assert journalled == [found]
    assert not leftover.exists() and not (data_dir / FILE_NAME).exists()
    assert "a session cut short by a restart was discarded (started 2026-11-21T09:01:02Z, had reached review" in caplog.text
    assert discard_left_over(SessionMarker(data_dir), journalled.append) is None   # once
    assert len(journalled) == 1


@pytest.mark.parametrize("content", ["{torn", "[]", '{"temp_dir": 5}', ""])
def test_a_torn_mark_still_counts_as_a_session_cut_short(demo_cfg, content: str) -> None:
    data_dir = demo_cfg.kiosk.data_dir
    data_dir.mkdir(parents=True)
    (data_dir / FILE_NAME).write_text(content)
    journalled: list[InterruptedSession] = []
    assert discard_left_over(SessionMarker(data_dir), journalled.append) is not None
    assert len(journalled) == 1 and not (data_dir / FILE_NAME).exists()


def test_a_planted_mark_removes_nothing_but_a_session_folder(demo_cfg, session_tmp, tmp_path) -> None:
    data_dir = demo_cfg.kiosk.data_dir
    data_dir.mkdir(parents=True)
    precious = tmp_path / "precious"
    precious.mkdir()
    other = Path(tempfile.mkdtemp(prefix="not-a-session-"))
    for target in (precious, other, data_dir):
        (data_dir / FILE_NAME).write_text(json.dumps({"temp_dir": str(target)}))
        discard_left_over(SessionMarker(data_dir))
        assert target.exists()


def test_a_journal_that_fails_does_not_stop_the_start(demo_cfg, caplog) -> None:
    data_dir = demo_cfg.kiosk.data_dir
    data_dir.mkdir(parents=True)
    (data_dir / FILE_NAME).write_text("{}")

    def broken(_session: InterruptedSession) -> None:
        raise OSError("disk full")

    assert discard_left_over(SessionMarker(data_dir), broken) is not None
    assert "could not be journalled" in caplog.text
