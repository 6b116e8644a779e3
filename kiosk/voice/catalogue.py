"""Every prompt the kiosk can show, in every language: read from the translations.

The screens' words live in `ui/` (``self.tr`` and ``QT_TRANSLATE_NOOP``: instructions,
problem messages and next steps, the idle warning); lupdate collects them into
``resources/translations/kiosk_<lang>.ts``, and a test fails while any is unfinished.
Those files are therefore the one complete list of what a citizen can read, in each
language, and the prompt catalogue is derived from them rather than kept beside them:
a new instruction in a screen has a sound as soon as it has a translation.

English is the source language (the ``<source>`` of each message). The core reads the
XML itself (it may not import Qt; the format is plain).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS_DIR = PROJECT_ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("zh_CN", "en", "vi")

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Prompt:
    context: str
    source: str
    texts: dict[str, str]     # language -> the text shown (English: the source)

    @property
    def key(self) -> str:
        """Stable across runs and machines; changes only when the English source does."""
        return hashlib.sha1(f"{self.context}\x04{self.source}".encode()).hexdigest()[:12]

    @property
    def dynamic(self) -> bool:
        """Has placeholders ({date}): the filled text is spoken at run time."""
        return bool(_PLACEHOLDER.search(self.source))


def normalized(text: str) -> str:
    """The form texts are matched in: whitespace folded (labels wrap, translators add
    line breaks)."""
    return _SPACES.sub(" ", text).strip()


def fixed_words(text: str) -> str:
    """A template without its placeholders: what the build-time clip of a dynamic prompt
    says (the run time speaks the filled text)."""
    return normalized(_PLACEHOLDER.sub(" ", text))


def _translations(ts_path: Path) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source", default="")
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = translation.findall("numerusform")
            text = (forms[0].text if forms else translation.text) or ""
            if translation.get("type") == "unfinished" or not text.strip():
                continue
            found[(name, source)] = text
    return found


def load_prompts(translations_dir: Path = TRANSLATIONS_DIR) -> list[Prompt]:
    """Every message of the translation sources, with its text in each language that has
    a finished translation (English always: it is the source)."""
    per_lang = {
        lang: _translations(Path(translations_dir) / f"kiosk_{lang}.ts")
        for lang in LANGUAGES
        if lang != SOURCE_LANGUAGE
    }
    keys: dict[tuple[str, str], None] = {}
    for table in per_lang.values():
        keys.update(dict.fromkeys(table))
    # Messages nobody translated yet are still prompts (in English at least): the i18n
    # test fails on them, and the voice test must not hide them.
    for ts in Path(translations_dir).glob("kiosk_*.ts"):
        root = ET.parse(ts).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", default="")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                keys.setdefault((name, message.findtext("source", default="")), None)
    prompts = []
    for context, source in keys:
        texts = {SOURCE_LANGUAGE: source}
        for lang, table in per_lang.items():
            if (context, source) in table:
                texts[lang] = table[(context, source)]
        prompts.append(Prompt(context, source, texts))
    prompts.sort(key=lambda p: (p.context, p.source))
    return prompts
