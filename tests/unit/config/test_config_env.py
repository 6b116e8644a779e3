"""Environment overrides: KIOSK__SECTION__KEY=value, values typed as TOML."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.demo.config import DEMO_TECHNICIAN_PIN_HASH


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_are_typed_like_toml_values() -> None:
    config = load_config(None, env={
        "KIOSK__DEVICES__CAMERA__WIDTH": "640",
        "KIOSK__UI__FULLSCREEN": "false",
        "KIOSK__BIOMETRICS__SFACE_THRESHOLD": "0.42",
        "KIOSK__KIOSK__LANGUAGES": '["vi", "en"]',
        "KIOSK__KIOSK__DEFAULT_LANGUAGE": "vi",
        "KIOSK__FEES__LOST": "12.5",
        "KIOSK__DEVICES__CAMERA__DRIVER": "opencv",
    })
    assert config.devices.camera.width == 640
    assert config.ui.fullscreen is False
    assert config.biometrics.sface_threshold == 0.42
    assert config.kiosk.languages == ("vi", "en")
    assert config.kiosk.default_language == "vi"
    assert str(config.fees.lost) == "12.50"


def test_text_settings_stay_text() -> None:
    config = load_config(None, env={
        "KIOSK__DEVICES__CAMERA__SOURCE": "0",
        "KIOSK__KIOSK__STATION": "2024-01-01",
        "KIOSK__KIOSK__ID": "KIOSK-0042",
        "KIOSK__DEVICES__PRINTER__QUEUE": "true",
        "KIOSK__KIOSK__DATA_DIR": "/srv/kiosk data",
        "KIOSK__DEVICES__CARD_READER__READER_PATTERN": '"quoted"',
    })
    assert config.devices.camera.source == "0"
    assert config.kiosk.station == "2024-01-01"
    assert config.kiosk.id == "KIOSK-0042"
    assert config.devices.printer.queue == "true"
    assert config.kiosk.data_dir == Path("/srv/kiosk data")
    assert config.devices.card_reader.reader_pattern == "quoted"  # a TOML string when quoted


def test_overrides_win_over_the_file_and_keep_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "[devices.camera]\nwidth = 800\nheight = 600\n")
    config = load_config(path, env={"KIOSK__DEVICES__CAMERA__WIDTH": "1024", "PATH": "/usr/bin", "KIOSKX": "1"})
    assert (config.devices.camera.width, config.devices.camera.height) == (1024, 600)


def test_names_are_case_insensitive() -> None:
    assert load_config(None, env={"kiosk__ui__width": "800"}).ui.width == 800


def test_an_empty_value_clears_an_optional_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "[maintenance]\ntechnician_pin = '%s'\n" % DEMO_TECHNICIAN_PIN_HASH)
    assert load_config(path, env={}).maintenance.technician_pin == DEMO_TECHNICIAN_PIN_HASH
    assert load_config(path, env={"KIOSK__MAINTENANCE__TECHNICIAN_PIN": ""}).maintenance.technician_pin is None


def test_demo_mode_from_the_environment() -> None:
    config = load_config(None, env={
        "KIOSK__KIOSK__MODE": "demo",
        "KIOSK__BIOMETRICS__FACE_VERIFIER": "demo-standin",
        "KIOSK__DEVICES__CAMERA__DRIVER": "simulated",
    })
    assert config.is_demo and config.devices.camera.driver == "simulated"


def test_the_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK__UI__HEIGHT", "768")
    assert load_config(None).ui.height == 768


@pytest.mark.parametrize(
    ("variable", "value", "key", "problem"),
    [
        ("KIOSK__DEVICES__CAMERA__WIDTH", "wide", "devices.camera.width", 'must be a whole number from 1 to 7680 (got "wide")'),
        ("KIOSK__UI__FULLSCREEN", "yes", "ui.fullscreen", 'must be true or false (got "yes")'),
        ("KIOSK__SESSION__FACE_ATTEMPTS", "99", "session.face_attempts", "must be a whole number from 1 to 10 (got 99)"),
        ("KIOSK__DEVICES__CAMERA__WIDHT", "5", "devices.camera.widht", 'unknown key; did you mean "width"?'),
        ("KIOSK__NOPE", "1", "nope", "unknown key; the top level has kiosk, document, rules, fees, session, devices, biometrics, storage, "),
        ("KIOSK__BIOMETRICS__FACE_VERIFIER", "demo-standin", "biometrics.face_verifier", "the stand-in"),
        ("KIOSK__UI__WIDTH__PX", "5", "ui.width", "must be a whole number from 1 to 7680 (got a table)"),
    ],
)
def test_invalid_overrides_name_the_variable(variable: str, value: str, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(None, env={variable: value})
    error = caught.value
    assert error.variable == variable and error.line is None
    assert error.key == key
    assert error.problem.startswith(problem)
    assert str(error).startswith(f"environment variable {variable}: {key}: ")


def test_a_key_inside_a_value_of_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "[ui]\nwidth = 3\n"), env={"KIOSK__UI__WIDTH__PX": "5"})
    assert caught.value.variable == "KIOSK__UI__WIDTH__PX"
    assert caught.value.key == "ui.width.px"
    assert caught.value.problem == "cannot set a key inside ui.width, which is not a table"


def test_a_variable_with_an_empty_name_part() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(None, env={"KIOSK__UI____WIDTH": "5"})
    assert caught.value.variable == "KIOSK__UI____WIDTH"
    assert "double underscores" in caught.value.problem


def test_file_and_environment_problems_are_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, "[ui]\nwidth = 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={"KIOSK__UI__HEIGHT": "tall"})
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}:2: ui.width: must be a whole number from 1 to 7680 (got 0)",
        'environment variable KIOSK__UI__HEIGHT: ui.height: must be a whole number from 1 to 7680 (got "tall")',
    ]
