"""The run time's side of the rendered prompts: a clip for a shown text, if there is one.

Looked up by the text as shown (whitespace folded), because that is what a screen has;
a text with nothing behind it (a filled template, a number) is synthesized instead.
A missing or broken folder is logged once and the kiosk speaks everything live.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from kiosk.voice.catalogue import normalized
from kiosk.voice.render import MANIFEST

log = logging.getLogger(__name__)


class ClipLibrary:
    """Rendered prompts under `root/<lang>/` (as `kiosk voice render --out root/<lang>` wrote them)."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(root) if root is not None else None
        self._index: dict[str, dict[str, Path]] = {}
        self._lock = threading.Lock()

    def _load(self, lang: str) -> dict[str, Path]:
        with self._lock:
            if lang in self._index:
                return self._index[lang]
            index: dict[str, Path] = {}
            folder = self.root / lang if self.root is not None else None
            if folder is not None:
                try:
                    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
                    for entry in manifest["prompts"]:
                        if not entry.get("dynamic"):
                            index[normalized(entry["text"])] = folder / entry["file"]
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    log.warning("no rendered prompts for %s (%s): speaking live", lang, type(exc).__name__)
            self._index[lang] = index
            return index

    def get(self, lang: str, text: str) -> bytes | None:
        path = self._load(lang).get(normalized(text))
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())
