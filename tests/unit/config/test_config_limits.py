"""Hostile or absurd configurations are refused with a message, never a crash.

tomllib recurses once per nested array (500 levels raised RecursionError out of
`kiosk config check`) and is quadratic in the parts of a dotted key (100 000 parts took
gigabytes; 10 000 take a second); pydantic accepted any number without an upper bound (`ui.width = 10^29`).
"""

from __future__ import annotations

import typing
from decimal import Decimal
from pathlib import Path

import annotated_types
import pytest
from pydantic import BaseModel

from kiosk.config import ConfigError, KioskConfig, load_config


def _problem(path: Path | None, env: dict[str, str] | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={} if env is None else env)
    return caught.value


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


DEEP = 500


@pytest.mark.parametrize(
    "text, line, key",
    [
        ("[ui]\nwidth = " + "[" * DEEP + "]" * DEEP + "\n", 2, "ui.width"),
        ("# x\nwidth = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n", 2, "width"),
        ("[ui]\nwidth = [\n" + "[\n" * DEEP + "]\n" * DEEP + "]\n", 2, "ui.width"),
        ("\n\n" + "a" + ".a" * 10_000 + " = 1\n", 3, "a." * 15 + "a"),
        ("[" + "a." * 10_000 + "a]\n", 1, "a." * 15 + "a"),
        ("[[" + "a." * 10_000 + "a]]\n", 1, "a." * 15 + "a"),
    ],
    ids=["arrays", "inline-tables", "arrays-over-lines", "dotted-key", "table-header", "array-of-tables"],
)
def test_deep_nesting_in_the_file_is_refused_at_its_line(tmp_path: Path, text: str, line: int, key: str) -> None:
    error = _problem(_write(tmp_path, text))
    assert (error.line, error.key) == (line, key)
    assert "deep" in error.problem


@pytest.mark.parametrize(
    "value",
    ["[" * DEEP + "]" * DEEP, "{a=" * DEEP + "1" + "}" * DEEP, "[" * 100_000],
    ids=["arrays", "inline-tables", "unbalanced"],
)
def test_deep_nesting_in_an_override_is_refused_naming_the_variable(value: str) -> None:
    error = _problem(None, {"KIOSK__UI__WIDTH": value})
    assert error.variable == "KIOSK__UI__WIDTH"
    assert error.key == "ui.width"


def test_an_override_naming_a_very_deep_key_is_refused() -> None:
    error = _problem(None, {"KIOSK__" + "__".join(["A"] * 10_000): "1"})
    assert error.variable.startswith("KIOSK__A__A")
    assert "deep" in error.problem
    assert len(str(error)) < 300   # the variable's name is shortened, not echoed whole


def test_shallow_nesting_still_reads_and_reports_the_setting(tmp_path: Path) -> None:
    # The limit is far above what any setting needs: ordinary values and mistakes as before.
    error = _problem(_write(tmp_path, "[kiosk]\nlanguages = [[\"en\"]]\n"))
    assert (error.line, error.key) == (2, "kiosk.languages")
    assert error.problem.startswith("must be a non-empty list of languages")


def test_a_file_too_large_to_be_a_configuration_is_refused_unread(tmp_path: Path) -> None:
    path = _write(tmp_path, "# padding\n" * 300_000)  # 3 MB; the sample is 15 KB
    error = _problem(path)
    assert error.file == path and "larger than" in error.problem


def test_a_folder_is_not_a_configuration(tmp_path: Path) -> None:
    error = _problem(tmp_path)
    assert error.file == tmp_path and "cannot be read" in error.problem


# -- numbers --------------------------------------------------------------------------


def _numbers(model: type[BaseModel], prefix: str = "") -> typing.Iterator[tuple[str, typing.Any]]:
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _numbers(annotation, f"{prefix}{name}.")
            continue
        kinds = typing.get_args(annotation) or (annotation,)
        if any(kind in (int, float, Decimal) for kind in kinds):
            yield prefix + name, info


def test_every_number_in_the_model_has_an_upper_and_a_lower_bound() -> None:
    unbounded = [
        key for key, info in _numbers(KioskConfig)
        if not any(isinstance(m, (annotated_types.Le, annotated_types.Lt)) for m in info.metadata)
        or not any(isinstance(m, (annotated_types.Ge, annotated_types.Gt)) for m in info.metadata)
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    "text, key",
    [
        ("[ui]\nwidth = 100000000000000000000000000000\n", "ui.width"),
        ("[ui]\nheight = 9223372036854775807\n", "ui.height"),
        ("[devices.camera]\nfps = 1000000\n", "devices.camera.fps"),
        ("[devices.camera]\nexposure = 1e308\n", "devices.camera.exposure"),
        ("[session]\nidle_warning_seconds = 100000000\n", "session.idle_warning_seconds"),
        ("[fees]\nlost = 100000000000000000000.00\n", "fees.lost"),
        ("[biometrics.portrait]\ninter_eye_distance_min_px = 1e300\n", "biometrics.portrait.inter_eye_distance_min_px"),
    ],
)
def test_absurd_numbers_are_refused_at_their_line(tmp_path: Path, text: str, key: str) -> None:
    error = _problem(_write(tmp_path, text))
    assert (error.line, error.key) == (2, key)
    assert error.problem.startswith("must be ")


@pytest.mark.parametrize(
    "text, key",
    [
        ('[kiosk]\ndata_dir = "/var/lib/a\\u0000b"\n', "kiosk.data_dir"),
        ('[devices.printer]\nhost = "printer\\u0000"\n', "devices.printer.host"),
        ('[storage]\nold_key_files = ["keys/a\\u0000.key"]\n', "storage.old_key_files"),
    ],
)
def test_a_nul_character_is_refused_where_the_os_would_choke_on_it(tmp_path: Path, text: str, key: str) -> None:
    error = _problem(_write(tmp_path, text))
    assert (error.line, error.key) == (2, key)
    assert "NUL" in error.problem
