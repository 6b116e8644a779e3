"""`kiosk card read` argument handling (reads over real readers: tests/integration/documents)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def cli(monkeypatch):
    import launcher.cli

    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.documents",))
    return launcher.cli.main


@pytest.mark.parametrize("args", [
    [],
    ["--can", "123456", "--birth", "740812"],
    ["--doc-number", "L898902C3", "--birth", "740812"],
    ["--can", "12a"],
    ["--doc-number", "L898902C3", "--birth", "7408", "--expiry", "310415"],
])
def test_bad_access_data_is_a_usage_error(cli, capsys, args):
    assert cli(["card", "read", *args, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"] == "usage"


def test_missing_reader_is_reported(cli, capsys, monkeypatch):
    import hardware.card_reader.nfc as driver

    def absent(self):
        raise driver.ReaderUnavailable("no NFC frontend at usb:dead:beef")

    monkeypatch.setattr(driver.NfcCardReader, "_frontend", absent)
    code = cli(["card", "read", "--nfc", "usb:dead:beef", "--can", "123456", "--json"])
    assert code == 4 and json.loads(capsys.readouterr().out)["error"] == "reader_unavailable"


def test_help_lists_the_command():
    import argparse

    from launcher.commands.documents import register

    parser = argparse.ArgumentParser(prog="kiosk")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["card", "read", "--reader", "ACS", "--can", "123456", "--json"])
    assert (args.reader, args.can, args.json) == ("ACS", "123456", True)


def test_configuration_hooks(demo_cfg):
    from kiosk.documents.reader import ReadOptions
    from kiosk.documents.trust import TrustStore

    assert ReadOptions.from_config(demo_cfg).extended_length == "auto"
    store = TrustStore.from_config(demo_cfg)
    assert len(store) == 0 and "does not exist" in store.warnings[0]
    assert demo_cfg.devices.card_reader.access_attempts == 3
