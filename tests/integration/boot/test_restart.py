"""Issue 13: after a restart the queue resumes, and a half-finished session is discarded
and reported.

The kiosk that ran before died in the middle of a citizen's session (the watchdog's kill,
a crash, a power cut): its data folder still holds applications waiting for delivery and
the mark of the session, and the session's temporary folder is still there. A production
kiosk started on that folder must show its welcome screen, discard the session (folder
removed, mark removed, the discard logged) and deliver the waiting applications to a
real HTTPS intake with mutual TLS, once its warm-up has opened the queue.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.operations.session_marker import FILE_NAME
from tests.emulators.intake import FaultyIntake
from tests.unit.config.production import csca

from .conftest import KIOSK, ROOT, NotifyListener, kiosk_env, start, stop, wait_until

pytestmark = pytest.mark.integration

KIOSK_ID = "KIOSK-0042"
WAITING = 3


def test_the_queue_resumes_and_the_cut_session_is_discarded(tmp_path: Path, notify: NotifyListener) -> None:
    data = tmp_path / "data"
    subprocess.run(
        [*KIOSK, "queue", "selftest", "--data-dir", str(data), "--count", str(WAITING), "--no-deliver",
         "--kiosk-id", KIOSK_ID],
        cwd=ROOT, env=kiosk_env(), check=True, capture_output=True, timeout=120,
    )
    (data / "trust").mkdir()
    (data / "trust" / "csca.pem").write_bytes(csca("CN"))
    pki = make_loopback_pki(tmp_path / "pki", KIOSK_ID)
    session_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
    (session_dir / "portrait.jpg").write_bytes(b"what the cut session had taken")
    (data / FILE_NAME).write_text(json.dumps(
        {"started_at": "2026-11-21T09:01:02Z", "state": "portrait", "temp_dir": str(session_dir), "pid": 99999}
    ))

    with FaultyIntake(tmp_path / "intake.sqlite3", pki) as intake:
        config = tmp_path / "kiosk.toml"
        config.write_text(
            f'[kiosk]\nid = "{KIOSK_ID}"\ndata_dir = "{data}"\n'
            '[devices.card_reader]\ndriver = "pcsc"\n'
            '[devices.printer]\ndriver = "folder"\n'
            f'[delivery]\nenabled = true\nendpoint = "{intake.url}"\nclient_cert = "{pki.client_cert}"\n'
            f'client_key = "{pki.client_key}"\nca_bundle = "{pki.ca_cert}"\n'
            "poll_interval_seconds = 0.5\n"
            "[office]\nenabled = false\n",   # no look-ups here: lost cards go to the counter
            encoding="utf-8",
        )
        env = kiosk_env(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=notify.address)
        kiosk = start([*KIOSK, "run", "--config", str(config)], env, tmp_path)
        try:
            notify.wait_for("READY=1", 60, kiosk)
            wait_until(lambda: intake.stats().stored == WAITING, 60, f"{WAITING} applications at the intake")
            notify.wait_for("STATUS=serving", 30, kiosk)
        finally:
            status, output = stop(kiosk)
    assert status == 0, output[-3000:]
    assert intake.stats().duplicated == 0
    assert ("a session cut short by a restart was discarded (started 2026-11-21T09:01:02Z, had reached portrait; "
            "its temporary folder was removed)") in output
    assert not session_dir.exists() and not (data / FILE_NAME).exists()
    assert "Traceback" not in output
