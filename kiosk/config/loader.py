"""Reading the configuration: TOML file, then environment overrides, then validation.

Environment overrides exist for tests and deployment tooling:
``KIOSK__DEVICES__CAMERA__DRIVER=opencv`` sets ``devices.camera.driver``. Sections and
keys are separated by double underscores and matched case-insensitively. The value is
read as a TOML value when it is one (``30``, ``true``, ``["en", "vi"]``), else taken as
text; for text settings (strings and paths) it is always taken as text, so that
``KIOSK__KIOSK__STATION=2024`` or ``KIOSK__DEVICES__CAMERA__SOURCE=0`` stay text. An empty
value clears a setting that may be left out (e.g. ``KIOSK__MAINTENANCE__PIN_SHA256=``).

pydantic-settings would parse nested variables, but it is not a dependency, and this
wording of errors (naming the variable) and TOML typing of values take a few lines here.

A file or variable is refused on its size and shape before `tomllib` sees it: tomllib
recurses once per nested array (500 levels raise RecursionError) and is quadratic in
the length of a dotted key, and no kiosk setting is more than 3 names deep.
"""

from __future__ import annotations

import os
import re
import tomllib
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping, Union, get_args, get_origin

from pydantic import ValidationError

from kiosk.config.errors import ConfigError, Problem
from kiosk.config.messages import Loc, dotted, field_at, reword
from kiosk.config.model import KioskConfig
from kiosk.config.toml_lines import key_lines, too_deep

ENV_PREFIX = "KIOSK__"
MAX_FILE_BYTES = 1024 * 1024  # the documented sample, every setting with its comment, is 15 KB
MAX_NESTING = 16              # names in a key path, or arrays / inline tables inside one another
_ENV_SEPARATOR = "__"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


@dataclass(frozen=True)
class Sources:
    """Where each setting of a loaded configuration came from: its file line or variable.

    Checks that run after loading (`kiosk.config.preflight`: does the named file exist, is
    the folder writable) use it to word their problems like the loader's own.
    """

    path: Path | None = None
    lines: Mapping[Loc, int] = field(default_factory=dict)
    origins: Mapping[Loc, str] = field(default_factory=dict)

    def problem(self, key: str, message: str) -> Problem:
        """A problem with the setting `key` (dotted), located at its line or variable."""
        return _locate(tuple(key.split(".")), message, self.path, self.lines, self.origins)


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> KioskConfig:
    """The validated configuration from `path` (None: defaults) and `env` overrides.

    `env` defaults to ``os.environ``; pass ``{}`` to ignore the environment.
    Raises ConfigError listing every problem found.
    """
    return load_config_with_sources(path, env)[0]


def load_config_with_sources(
    path: Path | None, env: Mapping[str, str] | None = None
) -> tuple[KioskConfig, Sources]:
    """`load_config`, plus where each setting came from (for problems found later)."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    lines: dict[Loc, int] = {}
    if path is not None:
        path = Path(path)
        text = _read(path)
        data = _parse(path, text)
        lines = key_lines(text)
    origins = _apply_env(data, env)
    try:
        config = KioskConfig.model_validate(data)
    except ValidationError as exc:
        raise _config_error(exc, path, lines, origins) from None
    return config, Sources(path, lines, origins)


def with_overrides(config: KioskConfig, changes: Mapping[str, Any]) -> KioskConfig:
    """A validated copy of `config` with dotted-key changes, e.g. ``{"ui.fullscreen": False}``.

    Unlike ``model_copy(update=...)``, which pydantic does not validate, this applies every
    rule again (a stand-in slipped into a production copy is refused). Raises ConfigError.
    """
    data = config.model_dump()
    problems = []
    for key, value in changes.items():
        problem = _set(data, tuple(key.split(".")), value)
        if problem:
            problems.append(Problem(key, problem))
    if problems:
        raise ConfigError(problems)
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as exc:
        raise _config_error(exc, None, {}, {}) from None


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError([Problem("", f"cannot be read: {exc.strerror or exc}", path)]) from None
    if len(raw) > MAX_FILE_BYTES:
        problem = f"is larger than {MAX_FILE_BYTES // 1024} KB: not a kiosk configuration (the sample is 15 KB)"
        raise ConfigError([Problem("", problem, path)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = f"is not UTF-8 text as TOML requires ({exc.reason} at byte {exc.start})"
        raise ConfigError([Problem("", problem, path)]) from None
    # Universal newlines, as Path.read_text gives them: "\r\n" and a lone "\r" end a line.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse(path: Path, text: str) -> dict[str, Any]:
    deep = too_deep(text, MAX_NESTING)
    if deep is not None:
        loc, line, what = deep
        raise ConfigError([Problem(dotted(loc), f"{what}; no kiosk setting is more than 3 deep", path, line)])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match and match.group(1) else None
        column = f" (column {match.group(2)})" if match and match.group(2) else ""
        if line is None and match is not None:  # "at end of document"
            line, column = max(len(text.splitlines()), 1), " (at the end of the file)"
        reason = _TOML_POSITION.sub("", message)
        raise ConfigError([Problem("", f"not valid TOML: {reason}{column}", path, line)]) from None
    except RecursionError:
        # The shape check above follows valid TOML; this is for text it stopped early on.
        raise ConfigError([Problem("", "not valid TOML: arrays or tables nested too deeply", path)]) from None


def _text_setting(loc: Loc) -> bool:
    """Whether the setting at `loc` takes text (str, path, or a choice of strings)."""
    spot = field_at(loc)
    if spot is None:
        return False
    annotation = spot.annotation
    choices = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)
    for choice in choices:
        if choice in (str, Path):
            return True
        if get_origin(choice) is Literal and all(isinstance(arg, str) for arg in get_args(choice)):
            return True
    return False


def _may_be_left_out(loc: Loc) -> bool:
    spot = field_at(loc)
    return spot is not None and type(None) in get_args(spot.annotation)


class _BadVariable(Exception):
    """An environment variable refused before its value is used."""


def _env_value(loc: Loc, raw: str) -> Any:
    if raw == "" and _may_be_left_out(loc):
        return None
    if _text_setting(loc) and not raw.startswith(('"', "'")):
        return raw
    if "\n" not in raw:
        document = f"value = {raw}"
        if too_deep(document, MAX_NESTING) is not None:
            raise _BadVariable(f"nests arrays or inline tables more than {MAX_NESTING} deep")
        try:
            return tomllib.loads(document)["value"]
        except (tomllib.TOMLDecodeError, RecursionError):
            pass
    return raw


def _set(data: dict[str, Any], loc: tuple[str, ...], value: Any) -> str | None:
    """Put `value` at `loc` in nested dicts; a problem text if a parent is not a table."""
    table = data
    for depth, part in enumerate(loc[:-1]):
        table = table.setdefault(part, {})
        if not isinstance(table, dict):
            return f"cannot set a key inside {dotted(loc[: depth + 1])}, which is not a table"
    table[loc[-1]] = value
    return None


def _apply_env(data: dict[str, Any], env: Mapping[str, str]) -> dict[Loc, str]:
    """Apply KIOSK__ variables to `data` in place; return which variable set which key."""
    origins: dict[Loc, str] = {}
    problems = []
    for variable in sorted(env):
        if not variable.upper().startswith(ENV_PREFIX):
            continue
        parts = variable[len(ENV_PREFIX):].lower().split(_ENV_SEPARATOR)
        if not all(parts):
            problems.append(Problem(
                "", "must be KIOSK__SECTION__KEY, with double underscores between non-empty names",
                variable=variable,
            ))
            continue
        loc = tuple(parts)
        if len(loc) > MAX_NESTING:
            problems.append(Problem(
                "", f"names a key more than {MAX_NESTING} deep; no kiosk setting is more than 3 deep",
                variable=variable,
            ))
            continue
        try:
            value = _env_value(loc, env[variable])
        except _BadVariable as exc:
            problems.append(Problem(dotted(loc), str(exc), variable=variable))
            continue
        problem = _set(data, loc, value)
        if problem:
            problems.append(Problem(dotted(loc), problem, variable=variable))
        origins[loc] = variable
    if problems:
        raise ConfigError(problems)
    return origins


def _config_error(
    exc: ValidationError, path: Path | None, lines: Mapping[Loc, int], origins: Mapping[Loc, str]
) -> ConfigError:
    problems = []
    for error in exc.errors(include_url=False):
        for loc, message in reword(error):
            problems.append(_locate(loc, message, path, lines, origins))
    return ConfigError(problems)


def _locate(loc: Loc, message: str, path: Path | None, lines: Mapping[Loc, int], origins: Mapping[Loc, str]) -> Problem:
    # The variable or line that set this key (or the nearest enclosing table of it).
    for end in range(len(loc), 0, -1):
        if loc[:end] in origins:
            return Problem(dotted(loc), message, variable=origins[loc[:end]])
    inside = [variable for origin, variable in origins.items() if origin[: len(loc)] == loc]
    if inside:  # e.g. KIOSK__UI__WIDTH__PX turned ui.width into a table
        return Problem(dotted(loc), message, variable=inside[0])
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return Problem(dotted(loc), message, path, lines[loc[:end]])
    return Problem(dotted(loc), message, path)
