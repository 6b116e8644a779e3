"""Languages of the kiosk and the Qt Linguist tool chain behind them.

English is the source language: every visible string in `ui/` is written in English
inside ``self.tr(...)`` (or ``QCoreApplication.translate(context, ...)``), `update_sources`
collects them into ``resources/translations/kiosk_<lang>.ts`` with Qt's ``lupdate``,
translators fill those XML files (Qt Linguist or any editor), and ``lrelease`` compiles them
to the binary ``.qm`` files Qt loads. ``.qm`` files are build products (git-ignored):
`set_language` compiles a missing or stale one into a cache directory on first use, so
a fresh checkout works, and a bundle can ship pre-compiled ones
(`compile_translations`).

Switching language at runtime: `set_language(app, "vi")` swaps the installed
translators; Qt then sends ``QEvent.LanguageChange`` to every widget, and each widget of
ours re-reads its strings in ``retranslate()``. Widgets must therefore keep the *source*
of any text they show (or the data it is formatted from), never only the translated text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

log = logging.getLogger(__name__)

# Display names are in each language's own script: a citizen looks for the name they read.
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English", "vi": "Tiếng Việt"}
SOURCE_LANGUAGE = "en"
CATALOG = "kiosk"  # file names are kiosk_<lang>.ts / kiosk_<lang>.qm

PROJECT_ROOT = Path(__file__).resolve().parent.parent
UI_DIR = PROJECT_ROOT / "ui"
TRANSLATIONS_DIR = PROJECT_ROOT / "resources" / "translations"

_TOOL_TIMEOUT_S = 120


class TranslationToolMissing(RuntimeError):
    """Neither PySide6's bundled Linguist tool nor one on PATH was found."""


def qt_tool(name: str) -> Path:
    """Path of Qt's `name` tool ("lrelease" or "lupdate").

    PySide6 wheels carry the binaries next to the package; the ``pyside6-<name>``
    wrappers on PATH are the fallback (e.g. a system-wide PySide6).
    """
    bundled = Path(PySide6.__file__).parent / name
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return bundled
    for candidate in (f"pyside6-{name}", name):
        found = shutil.which(candidate)
        if found:
            return Path(found)
    raise TranslationToolMissing(f"Qt tool {name!r} not found next to PySide6 or on PATH")


def _run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed ({result.returncode}): {result.stderr.strip()}")


def _release(ts_path: Path, qm_path: Path) -> Path:
    qm_path.parent.mkdir(parents=True, exist_ok=True)
    _run([str(qt_tool("lrelease")), "-silent", str(ts_path), "-qm", str(qm_path)])
    return qm_path


def compile_translations(src_dir: Path, out_dir: Path) -> list[Path]:
    """Compile every ``*.ts`` in `src_dir` to a ``.qm`` of the same stem in `out_dir`."""
    return [_release(ts, out_dir / f"{ts.stem}.qm") for ts in sorted(Path(src_dir).glob("*.ts"))]


def ts_files(translations_dir: Path = TRANSLATIONS_DIR) -> list[Path]:
    """The translation sources of every language except the source language."""
    return [translations_dir / f"{CATALOG}_{lang}.ts" for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


def update_sources(
    ts_paths: Iterable[Path] | None = None,
    sources: Iterable[Path] = (UI_DIR,),
) -> None:
    """Refresh the ``.ts`` files from the strings in `sources` (directories scanned for
    ``*.py``, or single files) with ``lupdate``.

    New strings are added as unfinished, strings no longer in the code are dropped
    (``-no-obsolete``), and source locations are not recorded (``-locations none``) so a
    moved line does not change the ``.ts`` files.
    """
    targets = [str(p) for p in (ts_paths if ts_paths is not None else ts_files())]
    args = [
        str(qt_tool("lupdate")),
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        "-extensions",
        "py",
        "-source-language",
        SOURCE_LANGUAGE,
        *[str(p) for p in sources],
        "-ts",
        *targets,
    ]
    _run(args)


def untranslated_messages(ts_path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message in `ts_path` that has no finished translation.

    Messages marked vanished or obsolete are ignored: they are no longer shown.
    """
    root = ET.parse(ts_path).getroot()
    missing: list[tuple[str, str]] = []
    for context in root.iter("context"):
        context_name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source", default="")
            translation = message.find("translation")
            if translation is None:
                missing.append((context_name, source))
                continue
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if kind == "unfinished" or any(not t.strip() for t in texts):
                missing.append((context_name, source))
    return missing


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "idkiosk" / "translations"


class Translator(QObject):
    """The translators installed on one application; `set_language` swaps them.

    Lives as a child of the application (found again by `translator_for`), so it
    shares the application's lifetime.
    """

    OBJECT_NAME = "kioskTranslator"

    def __init__(
        self,
        app: QCoreApplication,
        translations_dir: Path = TRANSLATIONS_DIR,
        cache_dir: Path | None = None,
    ) -> None:
        super().__init__(app)
        self.setObjectName(self.OBJECT_NAME)
        self._app = app
        self.translations_dir = Path(translations_dir)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def set_language(self, lang: str) -> None:
        """Show the user interface in `lang` (a key of `LANGUAGES`).

        A missing catalogue is logged and the interface stays readable in English; a
        kiosk must never stop because a translation file is broken.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected one of {list(LANGUAGES)}")
        new: list[QTranslator] = []
        if lang != SOURCE_LANGUAGE:
            qm = self.qm_path(lang)
            if qm is None:
                log.error("no translation catalogue for %s; showing English", lang)
            else:
                ours = QTranslator(self)
                if ours.load(str(qm)):
                    new.append(ours)
                else:
                    log.error("could not load %s; showing English", qm)
            base = QTranslator(self)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if base.load(QLocale(lang), "qtbase", "_", qt_dir):
                new.append(base)  # Qt's own strings (e.g. context menus); not every language has one
        changed = bool(self._installed) or bool(new)
        for old in self._installed:
            QCoreApplication.removeTranslator(old)
            old.deleteLater()
        for translator in new:
            QCoreApplication.installTranslator(translator)
        self._installed = new
        self.language = lang
        QLocale.setDefault(QLocale(lang))
        if not changed:
            # Qt sends LanguageChange only when a translator is installed or removed; widgets
            # must still hear about a switch between English and a language whose catalogue
            # failed to load.
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))

    def qm_path(self, lang: str) -> Path | None:
        """A compiled catalogue for `lang` that is not older than its source, compiling one
        into the cache directory when needed."""
        ts = self.translations_dir / f"{CATALOG}_{lang}.ts"
        shipped = self.translations_dir / f"{CATALOG}_{lang}.qm"
        if shipped.is_file() and (not ts.is_file() or shipped.stat().st_mtime >= ts.stat().st_mtime):
            return shipped
        if not ts.is_file():
            return None
        # Named by the source's content, so a cache shared by several checkouts (or an
        # edited .ts with an old timestamp) can never serve the wrong catalogue.
        digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
        cached = self.cache_dir / f"{CATALOG}_{lang}-{digest}.qm"
        if cached.is_file():
            return cached
        try:
            _release(ts, cached)
        except (TranslationToolMissing, RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            log.error("could not compile %s: %s", ts.name, exc)
            return shipped if shipped.is_file() else None
        for stale in self.cache_dir.glob(f"{CATALOG}_{lang}-*.qm"):
            if stale != cached:
                stale.unlink(missing_ok=True)
        return cached


def translator_for(app: QCoreApplication) -> Translator:
    """The `Translator` of `app`, created (with default directories) on first use."""
    existing = app.findChild(Translator, Translator.OBJECT_NAME)
    return existing if existing is not None else Translator(app)


def set_language(app: QCoreApplication, lang: str) -> None:
    """Switch `app` to `lang` ("zh_CN", "en" or "vi"); all our widgets retranslate."""
    translator_for(app).set_language(lang)


def current_language(app: QCoreApplication | None = None) -> str:
    app = app or QCoreApplication.instance()
    if app is None:
        return SOURCE_LANGUAGE
    existing = app.findChild(Translator, Translator.OBJECT_NAME)
    return existing.language if existing is not None else SOURCE_LANGUAGE
