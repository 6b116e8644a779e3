"""`kiosk queue ...` through the real argument parser (the module is registered like the lead will)."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import launcher.cli
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.storage import ApplicationStore, Keyring

ROOT = Path(__file__).resolve().parents[3]
KIOSK = "CLI-KIOSK-1"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.delivery",))

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = launcher.cli.main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("KIOSK__KIOSK__DATA_DIR", str(folder))
    return folder


@pytest.fixture
def queue(data_dir: Path) -> list[str]:
    """Three applications: one queued, one delivered long ago, one parked."""
    rng = random.Random(5)
    with ApplicationStore(data_dir / "queue.sqlite3", Keyring.load(data_dir / "keys" / "data.key")) as store:
        ids = []
        for _ in range(3):
            app = synthetic_application(
                store.next_application_number(KIOSK, dt.date(2026, 11, 21)), KIOSK, rng, portrait_size=(40, 50)
            )
            store.enqueue(app)
            ids.append(app.application_id)
        old = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
        store.record_delivered(ids[1], at=old, office_reference="OF-1")
        store.record_rejection(ids[2], at=old, reason="HTTP 422 invalid_application")
    return ids


def test_status_json(run, queue) -> None:
    code, out, _ = run("queue", "status", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"] == {"queued": 1, "delivered": 1, "parked": 1}
    assert data["last_error"]["error"] == "HTTP 422 invalid_application"
    assert data["last_error"]["application_id"] == queue[2]
    assert data["oldest_queued_age_seconds"] >= 0
    assert data["delivery_enabled"] is False


def test_status_for_people(run, queue) -> None:
    code, out, _ = run("queue", "status")
    assert code == 0
    assert "queued 1, delivered 1 (0 purged), parked 1" in out
    assert "HTTP 422 invalid_application" in out


def test_list_shows_bookkeeping_only(run, queue) -> None:
    code, out, _ = run("queue", "list", "--state", "parked", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["application_id"] == queue[2]
    assert set(entry) == {
        "application_id", "application_number", "case", "state", "created_at", "attempts", "last_error",
        "last_attempt_at", "next_attempt_at", "delivered_at", "office_reference", "purged_at",
    }


def test_retry_a_parked_application_by_number(run, queue) -> None:
    code, out, _ = run("queue", "list", "--state", "parked", "--json")
    number = json.loads(out)[0]["application_number"]
    assert run("queue", "retry", number)[0] == 0
    assert json.loads(run("queue", "status", "--json")[1])["counts"]["queued"] == 2
    assert run("queue", "retry", queue[1])[0] == 1          # delivered: not retryable
    assert run("queue", "retry", "0" * 32)[0] == 1          # unknown


def test_purge(run, queue) -> None:
    code, out, _ = run("queue", "purge", "--json")
    assert (code, json.loads(out)) == (0, {"purged": 1})   # delivered 30 days ago, retention 72 h
    assert json.loads(run("queue", "status", "--json")[1])["purged"] == 1


def test_deliver_needs_an_endpoint(run, queue) -> None:
    code, _, err = run("queue", "deliver", "--once")
    assert code == 2 and "delivery.endpoint" in err


def test_no_queue_is_a_usage_error(run, data_dir) -> None:
    code, _, err = run("queue", "status")
    assert code == 2 and "no queue" in err
    assert not (data_dir / "queue.sqlite3").exists()  # status never creates a queue


def test_rekey_with_a_single_key_does_nothing(run, queue) -> None:
    code, out, _ = run("queue", "rekey", "--json")
    assert code == 0 and json.loads(out)["reencrypted"] == 0


def _lose_the_key(data_dir: Path, how: str) -> str:
    """Delete the data key or put 32 random bytes in its place; returns the lost key's id."""
    import hashlib
    import os

    key_file = data_dir / "keys" / "data.key"
    lost = hashlib.sha256(key_file.read_bytes()).hexdigest()[:8]
    key_file.unlink()
    if how == "random":
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, os.urandom(32))
        os.close(fd)
    return lost


@pytest.mark.parametrize("how", ["deleted", "random"])
def test_status_counts_undecryptable_applications_and_says_what_to_restore(run, queue, data_dir, how) -> None:
    lost = _lose_the_key(data_dir, how)
    keys_before = sorted((data_dir / "keys").iterdir())
    code, out, err = run("queue", "status")
    assert code == 1
    assert "queued 1 (1 undecryptable), delivered 1 (0 purged, 1 undecryptable), parked 1 (1 undecryptable)" in out
    assert f"undecryptable: 3 applications need key {lost}; keys held: " in out
    assert err.count("\n") == 1 and f"2 applications (1 queued, 1 parked) encrypted with key {lost}" in err
    assert str(data_dir / "keys" / "data.key") in err

    code, out, err2 = run("queue", "status", "--json")
    data = json.loads(out)
    assert code == 1 and data["counts"] == {"queued": 1, "delivered": 1, "parked": 1}
    assert data["undecryptable"] == {"queued": 1, "delivered": 1, "parked": 1}
    assert data["missing_keys"] == {lost: 3}
    assert data["key_problem"] == err.removeprefix("kiosk: ").strip() == err2.removeprefix("kiosk: ").strip()
    assert sorted((data_dir / "keys").iterdir()) == keys_before  # no key created or replaced


def test_the_other_commands_refuse_with_the_same_message(run, queue, data_dir) -> None:
    _lose_the_key(data_dir, "deleted")
    _, _, said = run("queue", "status")
    code, out, err = run("queue", "list")
    assert code == 1 and len(out.splitlines()) == 3 and err == said
    for argv in (["deliver", "--once"], ["deliver"], ["retry", queue[2]], ["purge"], ["rekey"]):
        code, out, err = run("queue", *argv)
        assert (code, out, err) == (2, "", said), argv
    assert not (data_dir / "keys" / "data.key").exists()


def test_status_of_a_sound_queue_counts_nothing_undecryptable(run, queue) -> None:
    code, out, _ = run("queue", "status", "--json")
    data = json.loads(out)
    assert code == 0 and data["undecryptable"] == {"queued": 0, "delivered": 0, "parked": 0}
    assert data["missing_keys"] == {} and data["key_problem"] is None and len(data["key_ids"]) == 1


def test_selftest_without_delivery(run, tmp_path: Path) -> None:
    folder = tmp_path / "selftest"
    code, out, _ = run("queue", "selftest", "--data-dir", str(folder), "--count", "4", "--no-deliver", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"] is True and report["delivery"] is None
    assert len(report["synthetic_applications"]) == 4
    assert {"name", "name_local", "id_number"} <= set(report["synthetic_applications"][0])
    assert report["queue"]["counts"]["queued"] == 4
    assert report["at_rest"]["plaintext_found"] == 0
    assert {"queue.sqlite3", "selftest.log"} <= set(report["at_rest"]["files"])
    # A second run refuses the folder: the self-test never mixes with an existing queue.
    assert run("queue", "selftest", "--data-dir", str(folder), "--count", "1", "--no-deliver")[0] == 2


def test_registering_the_commands_stays_cheap() -> None:
    code = (
        "import sys, argparse\n"
        "from launcher.commands import delivery as cli\n"
        "p = argparse.ArgumentParser(); cli.register(p.add_subparsers())\n"
        "print(sorted(m for m in ('sqlalchemy', 'httpx', 'alembic', 'cryptography') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
