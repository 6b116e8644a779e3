"""An invalid configuration stops the start with file, line, key and the problem in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, env: dict[str, str] | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(path, env=env or {})
    return caught.value


def test_the_message_names_file_line_key_and_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nid = 'K-1'\n\n[devices.camera]\ndriver = 'opencv'\nwidth = \"wide\"\n")
    error = problems(path)
    assert (error.file, error.line, error.key) == (path, 6, "devices.camera.width")
    assert error.problem == 'must be a whole number from 1 to 7680 (got "wide")'
    assert str(error) == f'{path}:6: devices.camera.width: must be a whole number from 1 to 7680 (got "wide")'


@pytest.mark.parametrize(
    ("toml", "key", "problem"),
    [
        ("[devices.camera]\nheight = 12.5", "devices.camera.height", "must be a whole number from 1 to 7680 (got 12.5)"),
        ("[devices.camera]\nfps = true", "devices.camera.fps", "must be a whole number from 1 to 240 (got true)"),
        ("[devices.camera]\nwidth = -1", "devices.camera.width", "must be a whole number from 1 to 7680 (got -1)"),
        ("[rules]\nrenewal_window_days = 400", "rules.renewal_window_days", "must be a whole number from 0 to 366 (got 400)"),
        ("[session]\nidle_warning_seconds = 3", "session.idle_warning_seconds", "must be a whole number from 10 to 3600 (got 3)"),
        ("[ui]\nfullscreen = 'yes'", "ui.fullscreen", 'must be true or false (got "yes")'),
        ("[ui]\nwidth = '1920'", "ui.width", 'must be a whole number from 1 to 7680 (got "1920")'),
        ("[kiosk]\nmode = 'test'", "kiosk.mode", 'must be one of "production", "demo" (got "test")'),
        ("[kiosk]\nid = 'KIOSK 1'", "kiosk.id", 'must be letters and digits, groups joined by single dashes, e.g. "KIOSK-0001" (got "KIOSK 1")'),
        ("[kiosk]\nstation = ''", "kiosk.station", 'must be non-empty text (got "")'),
        ("[kiosk]\nstation = 2024-05-01", "kiosk.station", "must be non-empty text (got 2024-05-01)"),
        ("[kiosk]\ndata_dir = 'data'", "kiosk.data_dir", 'must be an absolute path (got "data")'),
        ("[kiosk]\nlanguages = []", "kiosk.languages", 'must be a non-empty list of languages from "zh_CN", "en", "vi" (got [])'),
        ("[kiosk]\nlanguages = ['en', 'fr']", "kiosk.languages[1]", 'must be one of "zh_CN", "en", "vi" (got "fr")'),
        ("[kiosk]\nlanguages = ['en', 'en']", "kiosk.languages", 'must name each language at most once (got ["en", "en"])'),
        ("[document]\ncountry = 'VN'", "document.country", 'must be one of "CHN", "VNM" (got "VN")'),
        ("[fees]\ncurrency = 'cny'", "fees.currency", 'must be 3 upper-case letters, e.g. "CNY" (got "cny")'),
        ("[fees]\nlost = 1.234", "fees.lost", "must be an amount from 0 to 10000000 with at most 2 decimals, e.g. 20.00 (got 1.234)"),
        ("[fees]\nlost = -5", "fees.lost", "must be an amount from 0 to 10000000 with at most 2 decimals, e.g. 20.00 (got -5)"),
        ("[biometrics]\nmatch_threshold = 2.5", "biometrics.match_threshold", "must be a number from 0 to 2 (got 2.5)"),
        ("[biometrics]\nmatch_threshold = nan", "biometrics.match_threshold", "must be a number from 0 to 2 (got nan)"),
        ("[devices.printer]\ntimeout_seconds = 0", "devices.printer.timeout_seconds", "must be a number greater than 0 and at most 60 (got 0)"),
        ("[devices.card_reader]\nreader_pattern = 'ACS ('", "devices.card_reader.reader_pattern", "must be a valid regular expression"),
        ("devices = 3", "devices", "must be a table of settings ([devices]) (got 3)"),
    ],
)
def test_invalid_values_are_worded_plainly(tmp_path: Path, toml: str, key: str, problem: str) -> None:
    error = problems(write(tmp_path, "# line 1\n" + toml + "\n"))
    assert len(error.problems) == 1
    assert error.key == key
    assert error.problem.startswith(problem)
    assert error.line == 1 + toml.count("\n") + 1


def test_secret_values_are_not_echoed(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "[maintenance]\ntechnician_pin = '123456'\n"))
    assert error.key == "maintenance.technician_pin"
    assert "123456" not in str(error)
    assert error.problem.startswith("must be a hash printed by kiosk maintenance hash-pin: ")


def test_the_unsalted_pin_hash_is_refused_with_the_fix(tmp_path: Path) -> None:
    # pin_sha256 was an unsalted SHA-256 (a six-digit PIN reversed in a second): it must
    # stop the start, with its line and the command that makes its replacement, and never
    # be silently ignored (the technician would believe a PIN is set).
    sha = "ab" * 32
    error = problems(write(tmp_path, f"[kiosk]\nid = 'K-1'\n[maintenance]\npin_sha256 = '{sha}'\n"))
    assert (error.line, error.key) == (4, "maintenance.pin_sha256")
    assert "kiosk maintenance hash-pin" in error.problem and "technician_pin" in error.problem
    assert sha not in str(error)


def test_the_unsalted_pin_hash_is_refused_from_the_environment_too() -> None:
    error = problems(None, env={"KIOSK__MAINTENANCE__PIN_SHA256": "ab" * 32})
    assert error.key == "maintenance.pin_sha256" and "kiosk maintenance hash-pin" in error.problem


@pytest.mark.parametrize(
    ("stored", "why"),
    [
        ("scrypt$15$8$1$AAAA", 'must be "scrypt$'),
        ("bcrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 'must be "scrypt$'),
        ("scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "log2 n"),
        ("scrypt$20$32$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "MiB of memory"),
        ("scrypt$15$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "salt must be at least 16 bytes"),
        ("scrypt$15$8$1$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "salt is not base64"),
    ],
    ids=["too-few-parts", "other-scheme", "huge-n", "too-much-memory", "short-salt", "not-base64"],
)
def test_a_pin_hash_that_cannot_be_checked_is_refused_at_load(tmp_path: Path, stored: str, why: str) -> None:
    error = problems(write(tmp_path, f"[maintenance]\noperator_pin = '{stored}'\n"))
    assert error.key == "maintenance.operator_pin" and why in error.problem


def test_unknown_keys_are_errors_with_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, """\
[kiosk]
station = "S"
langauges = ["en"]

[devices.camera]
driver = "opencv"
widht = 640
height = 480

[devices.scanner]
port = 1

[ui]
large-text = true
colour.theme = "dark"
""")
    error = problems(path)
    found = {(p.line, p.key, p.problem) for p in error.problems}
    assert found == {
        (3, "kiosk.langauges", 'unknown key; did you mean "languages"?'),
        (7, "devices.camera.widht", 'unknown key; did you mean "width"?'),
        (10, "devices.scanner", "unknown key; [devices] has camera, card_reader, printer, fingerprint, speaker"),
        (14, "ui.large-text", 'unknown key; did you mean "large_text"?'),
        (15, "ui.colour", "unknown key; [ui] has fullscreen, width, height, large_text, high_contrast, voice_guidance"),
    }
    assert all(p.file == path for p in error.problems)


def test_unknown_top_level_table(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "\n\n[kisok]\nid = 'x'\n"))
    assert (error.line, error.key, error.problem) == (3, "kisok", 'unknown key; did you mean "kiosk"?')


def test_every_problem_is_listed_one_per_line_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, "[ui]\nwidth = 0\n[kiosk]\nmode = 'x'\n[devices.camera]\nfps = 0\n")
    error = problems(path)
    lines = str(error).splitlines()
    assert [p.line for p in error.problems] == [2, 4, 6]
    assert lines == [str(p) for p in error.problems]
    assert lines[0].startswith(f"{path}:2: ui.width: ")
    assert lines[1].startswith(f"{path}:4: kiosk.mode: ")
    assert lines[2].startswith(f"{path}:6: devices.camera.fps: ")


def test_a_key_error_in_a_multiline_value_points_at_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[kiosk]\nstation = """\n[ui]\nwidth = 0\n"""\nlanguages = [\n  "en",\n  "xx",\n]\n')
    error = problems(path)
    assert (error.line, error.key) == (6, "kiosk.languages[1]")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("[kiosk]\nmode = demo\n", 2, "Invalid value (column 8)"),
        ("[ui]\nwidth = 1\nwidth = 2\n", 3, "column"),
        ("[ui]\nwidth = 1\n[ui]\n", 3, "column"),
        ('[kiosk]\nstation = "open\n', 2, "column"),
        ('[kiosk]\nstation = """open\n\n', 3, "at the end of the file"),
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = write(tmp_path, text)
    error = problems(path)
    assert (error.file, error.line, error.key) == (path, line, "")
    assert error.problem.startswith("not valid TOML: ")
    assert fragment in error.problem
    assert str(error).startswith(f"{path}:{line}: not valid TOML: ")


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    error = problems(missing)
    assert error.file == missing and error.line is None
    assert str(error) == f"{missing}: cannot be read: No such file or directory"
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"id = '\xff'\n")
    assert "is not UTF-8" in problems(binary).problem


@pytest.mark.parametrize(
    ("key", "value", "instead"),
    [
        ("biometrics.face_verifier", "demo-standin", '"sface" or "dlib"'),
        ("biometrics.portrait_maker", "demo-standin", '"rules"'),
        ("devices.camera.driver", "simulated", '"opencv"'),
        ("devices.card_reader.driver", "simulated", '"pcsc" or "nfc"'),
        ("devices.printer.driver", "simulated", '"folder" or a real printer'),
    ],
)
def test_fakes_are_refused_outside_demo_mode(tmp_path: Path, key: str, value: str, instead: str) -> None:
    table, name = key.rsplit(".", 1)
    body = f"[kiosk]\nstation = 'S'\n\n[{table}]\n{name} = '{value}'\n"
    error = problems(write(tmp_path, body))
    assert (error.line, error.key) == (5, key)
    assert "for demo mode only" in error.problem and 'kiosk.mode is "production"' in error.problem
    assert error.problem.endswith(f"use {instead}")
    # The same file in demo mode is accepted.
    demo = write(tmp_path, body.replace("station = 'S'", "station = 'S'\nmode = 'demo'"))
    assert load_config(demo, env={}).kiosk.mode == "demo"


def test_stand_in_message(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "[biometrics]\nface_verifier = 'demo-standin'\n"))
    assert str(error) == (
        f"{tmp_path / 'kiosk.toml'}:2: biometrics.face_verifier: the stand-in \"demo-standin\" is for demo mode "
        'only (kiosk.mode is "production"); use "sface" or "dlib"'
    )


def test_cross_field_problem_on_a_default_points_at_its_table(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "\n[kiosk]\nlanguages = ['en', 'vi']\n"))
    assert (error.line, error.key) == (2, "kiosk.default_language")
    assert error.problem == 'must be one of kiosk.languages (en, vi) (got "zh_CN")'


def test_printer_driver_needs_its_address(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "[devices.printer]\ndriver = 'escpos-network'\n"))
    assert (error.line, error.key) == (1, "devices.printer.host")
    assert error.problem == 'is required when driver is "escpos-network"'


def test_constructing_the_model_directly_validates_too() -> None:
    with pytest.raises(ValueError, match="demo mode only"):
        KioskConfig.model_validate({"biometrics": {"face_verifier": "demo-standin"}})


# -- each matcher has its own threshold: the old dlib value never judges SFace -----------

def test_an_old_match_threshold_under_the_new_default_matcher_is_refused_with_its_line(tmp_path: Path) -> None:
    """A file from before SFace sets match_threshold, a dlib distance: applied to SFace's
    cosine distances it would mean something else, and dropped it would lose a site's
    calibration without a word. The check names the file, line and key, and the two ways out."""
    error = problems(write(tmp_path, "[kiosk]\nstation = 'S'\n\n[biometrics]\nmatch_threshold = 0.45\n"))
    assert (error.line, error.key) == (5, "biometrics.match_threshold")
    assert "dlib distance" in error.problem and '"sface"' in error.problem
    assert "sface_threshold" in error.problem and 'face_verifier = "dlib"' in error.problem


def test_the_old_match_threshold_still_means_dlib_where_dlib_is_chosen(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "[biometrics]\nface_verifier = 'dlib'\nmatch_threshold = 0.45\n"), env={})
    assert config.biometrics.match_threshold_in_use == 0.45
    assert config.biometrics.threshold_of("dlib") == 0.45
    assert config.biometrics.threshold_of("sface") == config.biometrics.sface_threshold


def test_old_and_new_dlib_threshold_together_are_refused(tmp_path: Path) -> None:
    error = problems(write(tmp_path, "[biometrics]\nface_verifier = 'dlib'\nmatch_threshold = 0.45\n"
                                    "dlib_threshold = 0.4\n"))
    assert error.key == "biometrics.match_threshold" and "set only dlib_threshold" in error.problem


def test_each_matcher_judges_with_its_own_threshold(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "[biometrics]\nsface_threshold = 0.4\ndlib_threshold = 0.55\n"), env={})
    assert config.biometrics.face_verifier == "sface"
    assert config.biometrics.match_threshold_in_use == 0.4
    dlib = load_config(write(tmp_path, "[biometrics]\nface_verifier = 'dlib'\ndlib_threshold = 0.55\n"), env={})
    assert dlib.biometrics.match_threshold_in_use == 0.55
