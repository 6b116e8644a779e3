"""A lost data key stops the kiosk's start; putting it back delivers every application (issue 9, item 5).

Through the code path `kiosk run` takes (launcher.services.build_services, the configured store,
the background delivery worker) to the reference intake over mutual TLS: applications
are queued, the key file is deleted or replaced by 32 random bytes, and the next start
must refuse with a message that names the file, the key and the rows, write no key,
and, once the original file is back, deliver all of them byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from pathlib import Path

import pytest

import launcher.cli
from launcher.services import StartRefused, build_services
from kiosk.config import KioskConfig, load_config
from kiosk.delivery.selftest.intake import IntakeServer
from kiosk.delivery.selftest.loopback_pki import LoopbackPki
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.storage.store import document_bytes
from tests.emulators.intake import wait_until_stored

from .conftest import DAY, KIOSK

pytestmark = pytest.mark.integration

COUNT = 12


def kiosk_config(tmp_path: Path, intake: IntakeServer, pki: LoopbackPki) -> Path:
    toml = tmp_path / "kiosk.toml"
    toml.write_text(
        "[kiosk]\n"
        f"id = {json.dumps(KIOSK)}\n"
        f"data_dir = {json.dumps(str(tmp_path / 'kiosk'))}\n"
        "[delivery]\n"
        "enabled = true\n"
        f"endpoint = {json.dumps(intake.url)}\n"
        f"client_cert = {json.dumps(str(pki.client_cert))}\n"
        f"client_key = {json.dumps(str(pki.client_key))}\n"
        f"ca_bundle = {json.dumps(str(pki.ca_cert))}\n"
        "poll_interval_seconds = 0.2\n"
        "backoff_base_seconds = 0.05\n"
        "backoff_max_seconds = 0.2\n",
        encoding="utf-8",
    )
    return toml


def wait_for(condition, timeout: float = 30.0) -> bool:
    """Poll until `condition()` holds; the timeout only bounds a hung test."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def key_folder(cfg: KioskConfig) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(cfg.key_file_path.parent.iterdir())}


@pytest.mark.parametrize("damage", ["deleted", "32 random bytes"])
def test_a_lost_key_stops_the_start_and_the_original_key_delivers_everything(
    tmp_path: Path, intake: IntakeServer, pki: LoopbackPki, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], damage: str,
) -> None:
    toml = kiosk_config(tmp_path, intake, pki)
    cfg = load_config(toml, env={})

    # A working kiosk queues applications (its delivery worker not started: they wait).
    services = build_services(cfg)
    rng = random.Random(23)
    apps = []
    for _ in range(COUNT):
        app = synthetic_application(services.store.next_application_number(KIOSK, DAY), KIOSK, rng, portrait_size=(60, 75))
        services.store.enqueue(app)
        apps.append(app)
    services.close()
    original = cfg.key_file_path.read_bytes()
    key_id = hashlib.sha256(original).hexdigest()[:8]

    cfg.key_file_path.unlink()
    if damage == "32 random bytes":
        fd = os.open(cfg.key_file_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, os.urandom(32))
        os.close(fd)
    keys_before = key_folder(cfg)

    # The next start refuses, in one line that says what to restore, and writes no key.
    with pytest.raises(StartRefused) as refused:
        build_services(cfg)
    message = str(refused.value)
    assert "\n" not in message
    assert f"{COUNT} applications ({COUNT} queued) encrypted with key {key_id}" in message
    assert str(cfg.key_file_path) in message
    assert key_folder(cfg) == keys_before

    # `kiosk queue status` says the same and counts the rows as undecryptable.
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.delivery",))
    capsys.readouterr()
    assert launcher.cli.main(["queue", "status", "--config", str(toml), "--json"]) == 1
    out, err = capsys.readouterr()
    status = json.loads(out)
    assert status["counts"]["queued"] == COUNT and status["undecryptable"]["queued"] == COUNT
    assert err.strip() == f"kiosk: {message}"
    assert key_folder(cfg) == keys_before
    assert intake.stored() == {}

    # The original key back: the next start delivers every application as it was queued.
    cfg.key_file_path.unlink(missing_ok=True)
    fd = os.open(cfg.key_file_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, original)
    os.close(fd)
    services = build_services(cfg)
    services.start()
    try:
        assert wait_until_stored(intake, [a.application_id for a in apps], timeout=60)
        assert wait_for(lambda: services.store.counts()["delivered"] == COUNT)
    finally:
        services.close()
    stored = intake.stored()
    assert {k: s.body_sha256 for k, s in stored.items()} == {
        a.application_id: hashlib.sha256(document_bytes(a)).hexdigest() for a in apps
    }
    assert intake.stats().duplicated == 0
    assert key_folder(cfg)["data.key"] == original
