"""`kiosk receipt sample` and `kiosk verify-receipt`, driven through the real `kiosk` parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import launcher.cli
from kiosk.receipts.signing import ReceiptSigner


@pytest.fixture
def kiosk_main(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.receipts",))
    return launcher.cli.main


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nid = "SH-XH-001"\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    return path


def _run(main, capsys, *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize("fmt", ["pdf", "png", "escpos"])
def test_sample_writes_each_format_and_verifies(kiosk_main, capsys, config: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"sample.{fmt}"
    code, info = _run(kiosk_main, capsys, "receipt", "sample", "--lang", "vi", "--format", fmt,
                      "--out", str(out), "--config", str(config), "--json")
    assert code == 0
    data = out.read_bytes()
    assert info["bytes"] == len(data)
    assert info["application_number"].startswith("SH-XH-001-261121-")
    assert data.startswith({"pdf": b"%PDF", "png": b"\x89PNG", "escpos": b"\x1b@"}[fmt])
    assert (tmp_path / "data" / "receipt-public-key.pem").read_text().startswith("Kiosk-Id: SH-XH-001")
    if fmt != "escpos":
        code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--image", str(out), "--config", str(config), "--json")
        assert code == 0 and verdict["valid"] and verdict["reason"] == "ok"
        assert verdict["payload"]["application_number"] == info["application_number"]
    else:
        assert info["qr_version"] == 9 and info["qr_module_dots"] == 5


def test_verify_text_reports_why(kiosk_main, capsys, config: Path, tmp_path: Path) -> None:
    _, info = _run(kiosk_main, capsys, "receipt", "sample", "--format", "pdf", "--out", str(tmp_path / "r.pdf"),
                   "--config", str(config), "--json")
    text = info["qr_text"]
    code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--text", text, "--config", str(config), "--json")
    assert code == 0 and verdict["valid"]
    code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--text", text.replace("|expiring|", "|lost|"),
                         "--config", str(config), "--json")
    assert code == 1 and verdict["reason"] == "bad_signature"
    code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--text", text.replace("|20261121|", "|20261122|"),
                         "--config", str(config), "--json")
    assert code == 1 and verdict["reason"] == "altered_field" and verdict["fields"] == ["date"]


def test_verify_with_someone_elses_key(kiosk_main, capsys, config: Path, tmp_path: Path) -> None:
    _, info = _run(kiosk_main, capsys, "receipt", "sample", "--format", "png", "--out", str(tmp_path / "r.png"),
                   "--config", str(config), "--json")
    stranger = ReceiptSigner.generate("SH-XH-001").export_public_key(tmp_path / "stranger.pem")
    code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--text", info["qr_text"],
                         "--public-key", str(stranger), "--json")
    assert code == 1 and verdict["reason"] == "bad_signature"
    other_kiosk = ReceiptSigner.generate("GZ-TH-002").export_public_key(tmp_path / "gz.pem")
    code, verdict = _run(kiosk_main, capsys, "verify-receipt", "--text", info["qr_text"],
                         "--public-key", str(other_kiosk), "--json")
    assert code == 1 and verdict["reason"] == "unknown_key"


def test_verify_without_any_key_is_a_usage_error(kiosk_main, capsys, config: Path) -> None:
    assert kiosk_main(["verify-receipt", "--text", "IDK1|x", "--config", str(config)]) == 2
    assert "no receipt key" in capsys.readouterr().err


def test_public_key_command_exports(kiosk_main, capsys, config: Path, tmp_path: Path) -> None:
    assert kiosk_main(["receipt", "public-key", "--config", str(config), "--out", str(tmp_path / "k.pem")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kiosk-Id: SH-XH-001\n-----BEGIN PUBLIC KEY-----")
    assert (tmp_path / "k.pem").read_text() == out


def test_reprint_from_the_queue_to_the_configured_printer(kiosk_main, capsys, tmp_path: Path) -> None:
    from kiosk.config import load_config
    from kiosk.demo.applications import demo_application
    from kiosk.storage import ApplicationStore, DataKey

    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "SH-XH-001"\ndata_dir = "{tmp_path / "data"}"\n'
        '[devices.printer]\ndriver = "folder"\noutput_dir = "printed"\n',
        encoding="utf-8",
    )
    cfg = load_config(config, env={})
    app = demo_application("vi")
    with ApplicationStore(cfg.database_path, DataKey.load_or_create(cfg.key_file_path)) as store:
        store.enqueue(app)
    code, summary = _run(kiosk_main, capsys, "receipt", "reprint", app.application_number.lower(),
                         "--config", str(config), "--json")
    assert code == 0 and summary["printed"] and summary["application_number"] == app.application_number
    assert len(list((tmp_path / "data" / "printed").glob("*.pdf"))) == 1
    assert kiosk_main(["receipt", "reprint", "SH-XH-001-261121-00027", "--config", str(config)]) == 1
    assert "no application" in capsys.readouterr().err
    assert kiosk_main(["receipt", "reprint", "SH-XH-001-261121-00028", "--config", str(config)]) == 2


def test_reprint_with_the_data_key_lost_says_what_to_restore(kiosk_main, capsys, tmp_path: Path) -> None:
    import datetime as dt

    from kiosk.config import load_config
    from kiosk.demo.applications import demo_application
    from kiosk.storage import ApplicationStore

    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "SH-XH-001"\ndata_dir = "{tmp_path / "data"}"\n'
        '[devices.printer]\ndriver = "folder"\noutput_dir = "printed"\n',
        encoding="utf-8",
    )
    cfg = load_config(config, env={})
    cfg.kiosk.data_dir.mkdir()
    app = demo_application("vi")
    with ApplicationStore.from_config(cfg) as store:
        store.enqueue(app)
        key_id = store.keyring.current.key_id
    cfg.key_file_path.unlink()
    capsys.readouterr()
    # Waiting for its key: refused with the start's message, and no key is created.
    with pytest.raises(SystemExit) as refused:
        kiosk_main(["receipt", "reprint", app.application_number, "--config", str(config)])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"encrypted with key {key_id}" in err and "Traceback" not in err
    assert not cfg.key_file_path.exists()
    # Once delivered, the start goes on with a new key; the reprint says it cannot read it.
    from kiosk.storage import DataKey, Keyring

    with ApplicationStore(cfg.database_path, Keyring(DataKey.generate())) as store:
        store.record_delivered(app.application_id, at=dt.datetime.now(dt.UTC), office_reference="OF-1")
    assert kiosk_main(["receipt", "reprint", app.application_number, "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert f"{app.application_number} cannot be read" in err and key_id in err and "Traceback" not in err
