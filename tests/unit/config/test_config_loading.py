"""Loading valid configurations: defaults, the sample file, demo mode, resolved paths."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from kiosk.config import ConfigError, KioskConfig, load_config, with_overrides
from kiosk.demo.config import DEMO_TECHNICIAN_PIN_HASH, demo_config
from kiosk.config.sample import render_sample

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "config" / "kiosk.sample.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def leaf_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys += leaf_keys(annotation, f"{prefix}{name}.")
        else:
            keys.append(prefix + name)
    return keys


def test_empty_file_is_the_production_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""), env={})
    assert config == KioskConfig() == load_config(None, env={})
    assert config.kiosk.mode == "production" and not config.is_demo
    assert config.kiosk.id == "KIOSK-0001"
    assert config.kiosk.languages == ("zh_CN", "en", "vi")
    assert config.devices.camera.driver == "opencv"
    assert config.devices.card_reader.driver == "pcsc"
    assert config.devices.printer.driver == "folder"
    assert config.biometrics.face_verifier == "sface"
    assert config.maintenance.technician_pin is None and config.maintenance.operator_pin is None
    assert (config.maintenance.entry_taps, config.maintenance.entry_corner) == (5, "top-right")
    assert config.fees.lost == Decimal("40.00")


def test_sample_loads_to_exactly_the_defaults() -> None:
    assert load_config(SAMPLE, env={}) == KioskConfig()


def test_sample_is_generated_from_the_model() -> None:
    # If this fails after a model change: python -m kiosk.config.sample > resources/config/kiosk.sample.toml
    assert SAMPLE.read_text(encoding="utf-8") == render_sample()


def test_sample_shows_every_setting_with_a_comment() -> None:
    setting = re.compile(r"^(?:# )?([A-Za-z_0-9]+) = ")   # keys named after languages: zh_CN
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    table = ""
    shown = []
    for number, line in enumerate(lines):
        if line.startswith("["):
            table = line.strip("[]") + "."
            continue
        match = setting.match(line)
        if match:
            shown.append(table + match.group(1))
            comment = lines[number - 1]
            assert comment.startswith("# ") and not setting.match(comment), line
    assert sorted(shown) == sorted(leaf_keys(KioskConfig))


def test_settings_left_out_by_default_appear_commented_out() -> None:
    data = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    assert "media" not in data["devices"]["camera"]
    assert "technician_pin" not in data["maintenance"] and "operator_pin" not in data["maintenance"]


def test_values_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, """
[kiosk]
id = "HN-07"
station = "Công an phường Hàng Bạc"
languages = ["vi", "en"]
default_language = "vi"

[document]
country = "VNM"

[fees]
currency = "VND"
expiring = 0
lost = 70000.5

[devices.camera]
source = 2
width = 640

[devices.printer]
driver = "escpos-network"
host = "10.0.0.7"

[maintenance]
technician_pin = "%s"
entry_corner = "bottom-left"
entry_window_s = 2
""" % DEMO_TECHNICIAN_PIN_HASH)
    config = load_config(path, env={})
    assert config.kiosk.station == "Công an phường Hàng Bạc"
    assert config.kiosk.languages == ("vi", "en")
    assert config.document.country == "VNM"
    assert str(config.fees.expiring) == "0.00" and str(config.fees.lost) == "70000.50"
    assert config.devices.camera.source == "2"  # a bare number is a device index
    assert config.devices.camera.width == 640 and config.devices.camera.height == 720
    assert config.devices.printer.host == "10.0.0.7"
    assert config.maintenance.technician_pin == DEMO_TECHNICIAN_PIN_HASH
    assert config.maintenance.entry_corner == "bottom-left" and config.maintenance.entry_window_s == 2.0


def test_dotted_keys_and_inline_tables(tmp_path: Path) -> None:
    path = write(tmp_path, 'devices.camera.width = 800\nui = { fullscreen = false }\n')
    config = load_config(path, env={})
    assert config.devices.camera.width == 800
    assert config.ui.fullscreen is False


def test_relative_paths_resolve_against_data_dir(tmp_path: Path) -> None:
    path = write(tmp_path, f"""
[kiosk]
data_dir = "{tmp_path / 'data'}"
[storage]
database = "db/q.sqlite3"
key_file = "/etc/idkiosk/data.key"
[devices.printer]
output_dir = "out"
""")
    config = load_config(path, env={})
    assert config.database_path == tmp_path / "data" / "db" / "q.sqlite3"
    assert config.key_file_path == Path("/etc/idkiosk/data.key")
    assert config.printer_output_dir == tmp_path / "data" / "out"
    assert config.camera_media_path is None


def test_default_paths() -> None:
    config = KioskConfig()
    assert config.database_path == Path("/var/lib/idkiosk/queue.sqlite3")
    assert config.key_file_path == Path("/var/lib/idkiosk/keys/data.key")
    assert config.printer_output_dir == Path("/var/lib/idkiosk/printed")


def test_demo_config(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    assert config.is_demo
    assert config.kiosk.data_dir == tmp_path.resolve()
    assert config.devices.camera.driver == "simulated"
    assert config.devices.camera.media is None
    assert config.devices.card_reader.driver == "simulated"
    assert config.devices.printer.driver == "simulated"
    assert config.printer_output_dir == tmp_path.resolve() / "printed"
    # The real 1:1 match runs in the demo (liveness off: the simulated camera plays a still);
    # the portrait stays a stand-in because the demo portrait is not a compliant ID photo.
    assert config.biometrics.face_verifier == "sface"
    assert config.biometrics.liveness.required is False
    assert config.biometrics.portrait_maker == "demo-standin"
    assert config.ui.fullscreen is True
    assert config.database_path.parent == tmp_path.resolve()
    # A round trip through validation accepts it as it is.
    assert KioskConfig.model_validate(config.model_dump()) == config


def test_demo_config_makes_a_relative_folder_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert demo_config(Path("demo-data")).kiosk.data_dir == tmp_path.resolve() / "demo-data"


def test_variations_by_model_copy_and_with_overrides(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    windowed = config.model_copy(update={"ui": config.ui.model_copy(update={"fullscreen": False})})
    assert windowed.ui.fullscreen is False and config.ui.fullscreen is True
    assert with_overrides(config, {"ui.fullscreen": False}) == windowed
    with pytest.raises(ConfigError) as caught:
        with_overrides(config, {"kiosk.mode": "production"})
    assert {p.key for p in caught.value.problems} == {
        "devices.camera.driver", "devices.card_reader.driver", "devices.printer.driver",
        "devices.fingerprint.driver", "biometrics.portrait_maker",
    }
    with pytest.raises(ConfigError, match=r'ui\.fullscren: unknown key; did you mean "fullscreen"\?'):
        with_overrides(config, {"ui.fullscren": False})


def test_settings_are_immutable() -> None:
    config = KioskConfig()
    with pytest.raises(ValidationError):
        config.ui.fullscreen = False  # type: ignore[misc]
