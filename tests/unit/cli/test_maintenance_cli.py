"""`kiosk maintenance hash-pin`: the configuration line for a PIN, and the PINs it refuses."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.operations.pin_hash import verify_pin
from launcher.cli import main

ROOT = Path(__file__).resolve().parents[3]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str],
        stdin: io.StringIO) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("role", ["technician", "operator"])
def test_the_printed_line_goes_into_the_configuration_as_it_is(
    role: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin", "--stdin", "--role", role],
                         io.StringIO("246810\n"))
    assert (code, err) == (0, "")
    assert out.startswith(f'{role}_pin = "scrypt$15$8$1$') and out.count("\n") == 1
    config = tmp_path / "kiosk.toml"
    config.write_text("[maintenance]\n" + out, encoding="utf-8")
    stored = getattr(load_config(config, env={}).maintenance, f"{role}_pin")
    assert verify_pin(stored, "246810") and not verify_pin(stored, "246811")


def test_the_role_defaults_to_technician(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, ["maintenance", "hash-pin", "--stdin"], io.StringIO("930175"))
    assert code == 0 and out.startswith('technician_pin = "scrypt$')


@pytest.mark.parametrize(
    ("pin", "why"),
    [("", "empty"), ("12345", "at least 6 digits"), ("24681a", "digits 0-9 only"), ("٢٤٦٨١٠", "digits 0-9 only"),
     ("２４６８１０", "digits 0-9 only"), ("2468 10", "digits 0-9 only"), ("1" * 33, "at most 32 digits"),
     ("000000", "repeated digit or a run"), ("234567", "repeated digit or a run"),
     ("987654", "repeated digit or a run"), ("7890123", "repeated digit or a run")],
)
def test_weak_or_impossible_pins_are_refused_in_one_line(
    pin: str, why: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin", "--stdin"], io.StringIO(pin + "\n"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and why in err
    assert not pin or pin not in err   # the PIN is never echoed


def test_a_huge_first_line_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin", "--stdin"], io.StringIO("2" * 10**6))
    assert (code, out) == (2, "") and "too long" in err


def test_asked_twice_without_echo(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import getpass

    answers = iter(["246810", "246810"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin", "--role", "operator"], Terminal())
    assert (code, err) == (0, "") and out.startswith('operator_pin = "scrypt$')


def test_two_different_answers_print_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import getpass

    answers = iter(["246810", "246811"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin"], Terminal())
    assert (code, out) == (2, "") and "differ" in err


def test_without_a_terminal_it_will_not_read_with_echo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getpass", lambda prompt="": pytest.fail("asked without a terminal"))
    code, out, err = run(monkeypatch, capsys, ["maintenance", "hash-pin"], io.StringIO("246810\n"))
    assert (code, out) == (2, "") and "--stdin" in err


def test_config_check_explains_the_old_key(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[maintenance]\npin_sha256 = '%s'\n" % ("ab" * 32), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "KIOSK__KIOSK__DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "launcher", "config", "check", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "kiosk.toml:2: maintenance.pin_sha256: is no longer accepted" in done.stderr
    assert "kiosk maintenance hash-pin" in done.stderr


def test_a_real_pipe(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "launcher", "maintenance", "hash-pin", "--stdin"],
                          input="246810\n", capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert verify_pin(done.stdout.split('"')[1], "246810")
