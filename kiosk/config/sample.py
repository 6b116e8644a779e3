"""The documented sample configuration, generated from the model.

`resources/config/kiosk.sample.toml` is this module's output, and a test keeps it so:
after changing a setting, regenerate it with

    python -m kiosk.config.sample > resources/config/kiosk.sample.toml

Written by hand rather than with a TOML writer because none is a dependency (tomllib
only reads) and the values here are few and simple: text, numbers, booleans, lists.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kiosk.config.model import KioskConfig

_HEADER = """\
# Configuration of one ID-renewal kiosk (TOML). Every setting is shown with its default;
# an empty file is a valid production configuration. Unknown keys are errors.
# Relative paths resolve against kiosk.data_dir. Each setting can be overridden from the
# environment for tests and deployment: KIOSK__SECTION__KEY=value, for example
# KIOSK__DEVICES__CAMERA__DRIVER=opencv (the value is read as a TOML value when it is one).
# Settings shown commented out are left out by default (TOML has no "none").
"""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, (str, Path)):
        # A JSON string of printable text is a valid TOML basic string.
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _is_group(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _table(model: BaseModel, path: tuple[str, ...], out: list[str]) -> None:
    cls = type(model)
    scalars = [name for name, info in cls.model_fields.items() if not _is_group(info.annotation)]
    if scalars:
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        out.append("")
        out.append(f"# {doc}")
        out.append(f"[{'.'.join(path)}]")
        for name in scalars:
            info = cls.model_fields[name]
            value = getattr(model, name)
            out.append(f"# {info.description}")
            if value is None:
                example = (info.json_schema_extra or {}).get("example", "")
                out.append(f"# {name} = {toml_value(example)}")
            else:
                out.append(f"{name} = {toml_value(value)}")
    for name, info in cls.model_fields.items():
        if _is_group(info.annotation):
            _table(getattr(model, name), path + (name,), out)


def render_sample() -> str:
    """The sample file's full text: every setting, its default and what it is for."""
    out = [_HEADER.rstrip("\n")]
    for name in KioskConfig.model_fields:
        _table(getattr(KioskConfig(), name), (name,), out)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render_sample(), end="")
