"""Where the demo media (the specimen portrait, recorded clips) live."""

from __future__ import annotations

import os
from pathlib import Path

DEMO_DIR_ENV = "KIOSK_DEMO_DIR"


def demo_dir() -> Path:
    """The demo media folder: `resources/demo` of the source tree, or `$KIOSK_DEMO_DIR`.

    The override is for a packaged bundle whose resources do not sit beside the source,
    and for tests that bring their own media.
    """
    override = os.environ.get(DEMO_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "resources" / "demo"


def demo_resource(name: str) -> Path:
    return demo_dir() / name


DEFAULT_PORTRAIT = "astronaut.jpg"  # NASA portrait, public domain
