"""Translations: tool chain, catalogue freshness, runtime switching, completeness."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QWidget

from ui import i18n
from ui.widgets import BusyPanel, NumericKeypad, StepIndicator
from ui.widgets.base import LanguageAware

pytestmark = pytest.mark.ui

UI_ROOT = i18n.UI_DIR
# The sources of the foundation: ui/*.py of this layer and every widget. Screens are
# checked by the screens' own completeness test (all of ui/).
FOUNDATION_SOURCES = [UI_ROOT / "widgets", *(UI_ROOT / name for name in ("theme.py", "fonts.py", "i18n.py"))]
TARGET_LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE]


def _ts(tmp_path: Path, body: str, name: str = "kiosk_vi.ts") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="vi_VN" sourcelanguage="en">\n{body}\n</TS>\n',
        encoding="utf-8",
    )
    return path


def test_languages_are_named_in_their_own_script() -> None:
    assert i18n.LANGUAGES == {"zh_CN": "中文", "en": "English", "vi": "Tiếng Việt"}
    assert i18n.SOURCE_LANGUAGE == "en"
    assert [p.name for p in i18n.ts_files()] == ["kiosk_zh_CN.ts", "kiosk_vi.ts"]


def test_linguist_tools_are_found() -> None:
    for tool in ("lrelease", "lupdate"):
        assert i18n.qt_tool(tool).is_file()


def test_untranslated_messages_finds_unfinished_empty_and_partial_plurals(tmp_path) -> None:
    ts = _ts(
        tmp_path,
        """<context><name>A</name>
    <message><source>done</source><translation>xong</translation></message>
    <message><source>unfinished</source><translation type="unfinished">nháp</translation></message>
    <message><source>empty</source><translation></translation></message>
    <message><source>blank</source><translation>  </translation></message>
    <message><source>gone</source><translation type="vanished">cũ</translation></message>
    <message><source>older</source><translation type="obsolete">cũ</translation></message>
</context>
<context><name>B</name>
    <message numerus="yes"><source>%n file(s)</source>
        <translation><numerusform>%n tệp</numerusform></translation></message>
    <message numerus="yes"><source>%n day(s)</source>
        <translation><numerusform></numerusform></translation></message>
    <message><source>no translation element</source></message>
</context>""",
    )
    assert i18n.untranslated_messages(ts) == [
        ("A", "unfinished"),
        ("A", "empty"),
        ("A", "blank"),
        ("B", "%n day(s)"),
        ("B", "no translation element"),
    ]


def test_compile_translations_builds_loadable_catalogues(tmp_path) -> None:
    out = tmp_path / "qm"
    built = i18n.compile_translations(i18n.TRANSLATIONS_DIR, out)
    assert sorted(p.name for p in built) == ["kiosk_vi.qm", "kiosk_zh_CN.qm"]
    translator = QTranslator()
    assert translator.load(str(out / "kiosk_vi.qm"))
    assert translator.translate("NumericKeypad", "Clear") == "Xóa hết"


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_every_widget_string_is_translated(tmp_path, lang) -> None:
    """lupdate over the widgets into a copy of the catalogue: nothing may be left unfinished.

    Fails as soon as a widget shows a new string nobody translated.
    """
    ts = tmp_path / f"kiosk_{lang}.ts"
    shutil.copy(i18n.TRANSLATIONS_DIR / ts.name, ts)
    i18n.update_sources([ts], FOUNDATION_SOURCES)
    missing = i18n.untranslated_messages(ts)
    assert missing == []
    # The check looked at something: the widgets' strings are in the catalogue.
    text = ts.read_text(encoding="utf-8")
    for context in ("NumericKeypad", "TextKeypad", "SignaturePad", "CameraView", "BusyPanel",
                    "IdleCountdownOverlay", "StepIndicator"):
        assert f"<name>{context}</name>" in text


def test_the_completeness_check_fails_for_a_new_untranslated_string(tmp_path) -> None:
    source = tmp_path / "new_widget.py"
    source.write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class NewWidget(QWidget):\n"
        "    def retranslate(self):\n"
        "        self.setWindowTitle(self.tr('A string nobody translated'))\n",
        encoding="utf-8",
    )
    ts = tmp_path / "kiosk_vi.ts"
    shutil.copy(i18n.TRANSLATIONS_DIR / ts.name, ts)
    i18n.update_sources([ts], [*FOUNDATION_SOURCES, source])
    assert i18n.untranslated_messages(ts) == [("NewWidget", "A string nobody translated")]


class _Probe(LanguageAware, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.calls += 1


def test_set_language_retranslates_widgets(qtbot, kiosk_theme, language) -> None:
    keypad = NumericKeypad()
    steps = StepIndicator(current=3, total=8)
    busy = BusyPanel()
    for widget in (keypad, steps, busy):
        qtbot.addWidget(widget)
    assert keypad.clear_key.text() == "Clear"
    language("zh_CN")
    assert keypad.clear_key.text() == "清空"
    assert steps.label.text() == "第 3 步，共 8 步"
    assert busy.message.text() == "请稍候…"
    language("vi")
    assert keypad.clear_key.text() == "Xóa hết"
    assert steps.label.text() == "Bước 3/8"
    language("en")
    assert keypad.clear_key.text() == "Clear"
    assert steps.label.text() == "Step 3 of 8"
    assert i18n.current_language() == "en"


def test_language_change_reaches_hidden_and_nested_widgets(qtbot, language) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    child = _Probe()
    child.setParent(parent)
    child.hide()
    before = child.calls
    language("vi")
    assert child.calls > before
    assert i18n.current_language() == "vi"


def test_switching_to_english_from_english_still_tells_widgets(qtbot, language) -> None:
    probe = _Probe()
    qtbot.addWidget(probe)
    language("en")
    before = probe.calls
    language("en")
    assert probe.calls > before


def test_unknown_language_is_refused(qapp, language) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        language("fr")


def _private_translator(qapp, tmp_path: Path) -> tuple[i18n.Translator, Path]:
    src = tmp_path / "translations"
    src.mkdir()
    for ts in i18n.TRANSLATIONS_DIR.glob("*.ts"):
        shutil.copy(ts, src / ts.name)
    translator = i18n.Translator(qapp, translations_dir=src, cache_dir=tmp_path / "cache")
    translator.setObjectName("privateTranslator")  # not found by set_language(app, ...)
    return translator, src


def test_a_fresh_checkout_compiles_its_catalogue_into_the_cache(qapp, tmp_path) -> None:
    translator, src = _private_translator(qapp, tmp_path)
    assert not list(src.glob("*.qm"))
    qm = translator.qm_path("vi")
    assert qm is not None and qm.parent == tmp_path / "cache" and qm.is_file()
    assert translator.qm_path("vi") == qm  # cached: not compiled again
    translator.deleteLater()


def test_an_edited_source_is_recompiled(qapp, tmp_path) -> None:
    translator, src = _private_translator(qapp, tmp_path)
    first = translator.qm_path("vi")
    ts = src / "kiosk_vi.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("Xóa hết", "Xóa tất cả"), encoding="utf-8")
    second = translator.qm_path("vi")
    assert second != first and not first.exists()  # the stale catalogue is removed
    loaded = QTranslator()
    assert loaded.load(str(second))
    assert loaded.translate("NumericKeypad", "Clear") == "Xóa tất cả"
    translator.deleteLater()


def test_a_shipped_catalogue_is_used_unless_older_than_its_source(qapp, tmp_path) -> None:
    translator, src = _private_translator(qapp, tmp_path)
    shipped = i18n.compile_translations(src, src)[0].with_name("kiosk_vi.qm")
    assert translator.qm_path("vi") == shipped
    past = time.time() - 3600
    os.utime(shipped, (past, past))
    assert translator.qm_path("vi") != shipped  # stale: compiled afresh into the cache
    translator.deleteLater()


def test_a_broken_source_falls_back_to_english_without_crashing(qapp, tmp_path, caplog) -> None:
    translator, src = _private_translator(qapp, tmp_path)
    (src / "kiosk_vi.ts").write_text("not xml at all", encoding="utf-8")
    translator.set_language("vi")
    assert translator.language == "vi"
    assert QCoreApplication.translate("NumericKeypad", "Clear") == "Clear"
    assert "kiosk_vi" in caplog.text
    translator.set_language("en")
    translator.deleteLater()


def test_qt_base_translations_are_loaded_where_qt_has_them(qapp, language) -> None:
    language("zh_CN")
    # A string of Qt's own (QDialogButtonBox) comes out in Chinese.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"

