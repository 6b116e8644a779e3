"""The [delivery] settings and the [storage] key-rotation list."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.delivery.client import ClientSettings


def test_defaults_keep_delivery_off() -> None:
    cfg = load_config(None, {})
    assert cfg.delivery.enabled is False and cfg.delivery.endpoint == ""
    assert cfg.storage.old_key_files == ()


@pytest.mark.parametrize(
    "env, key, message",
    [
        ({"KIOSK__DELIVERY__ENABLED": "true"}, "delivery.endpoint", "is required when enabled is true"),
        ({"KIOSK__DELIVERY__ENDPOINT": "http://intake.example/v1/"}, "delivery.endpoint", "must be an https:// URL"),
        ({"KIOSK__DELIVERY__BACKOFF_BASE_SECONDS": "60.0", "KIOSK__DELIVERY__BACKOFF_MAX_SECONDS": "10.0"},
         "delivery.backoff_max_seconds", "must be at least backoff_base_seconds"),
        ({"KIOSK__DELIVERY__RETENTION_HOURS": "-1"}, "delivery.retention_hours", "must be"),
    ],
)
def test_wrong_delivery_settings_are_named(env: dict, key: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(None, env)
    assert any(p.key == key and message in p.problem for p in caught.value.problems), caught.value


def test_paths_resolve_against_the_data_folder(tmp_path: Path) -> None:
    cfg = load_config(None, {
        "KIOSK__KIOSK__DATA_DIR": str(tmp_path),
        "KIOSK__DELIVERY__ENDPOINT": "https://intake.example/v1/",
        "KIOSK__DELIVERY__CA_BUNDLE": "tls/office-ca.pem",
        "KIOSK__STORAGE__OLD_KEY_FILES": '["keys/2026-11.key", "/secure/older.key"]',
    })
    s = ClientSettings.from_config(cfg)
    assert s.client_cert == tmp_path / "tls" / "client.crt"
    assert s.client_key == tmp_path / "tls" / "client.key"
    assert s.ca_bundle == tmp_path / "tls" / "office-ca.pem"
    assert [cfg.resolve_path(p) for p in cfg.storage.old_key_files] == [
        tmp_path / "keys" / "2026-11.key", Path("/secure/older.key"),
    ]
