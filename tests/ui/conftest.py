"""Fixtures for pytest-qt tests of the user interface, run on Qt's offscreen platform.

The platform must be chosen before anything imports Qt, hence the environment is set at
import time of this conftest (pytest imports it before the test modules). An explicit
``QT_QPA_PLATFORM`` (e.g. ``xcb`` under Xvfb, to watch a test) still wins.

Fixtures:
    (autouse)       widgets closed by pytest-qt are deleted after each test
    kiosk_theme     the default theme (96 dpi) applied to the application
    apply_large     callable: switch to the large-text theme
    language        callable ``language("vi")``: switch the UI language; back to English after
    look            callable ``look(widget, name)``: save ``widget.grab()`` as
                    ``/tmp/widgets-look/<name>.png`` (``KIOSK_LOOK_DIR`` overrides) for a human
                    to look at; returns the QImage
    assert_texts_fit  callable ``assert_texts_fit(widget)``: fails when a visible label or
                    button of `widget` is too small for its text (clipped text)
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics, QImage  # noqa: E402
from PySide6.QtGui import Qt as GuiQt  # noqa: E402  (mightBeRichText lives in QtGui)
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget  # noqa: E402

from ui import i18n  # noqa: E402
from ui.theme import Theme, apply_theme  # noqa: E402

LOOK_DIR = Path(os.environ.get("KIOSK_LOOK_DIR", "/tmp/widgets-look"))


@pytest.fixture(autouse=True)
def _flush_deferred_deletes() -> Iterator[None]:
    """Really delete the widgets pytest-qt closed after the test.

    pytest-qt calls ``deleteLater()`` on them, but deferred deletions only run when an
    event loop spins, so without this they pile up across tests and every later
    `apply_theme` re-polishes all of them (the widget tests took 90 s instead of 9 s).
    """
    yield
    if QApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk_theme(qapp: QApplication) -> Iterator[Theme]:
    theme = Theme()
    apply_theme(qapp, theme)
    yield theme
    apply_theme(qapp, Theme())


@pytest.fixture
def apply_large(qapp: QApplication, kiosk_theme: Theme) -> Callable[[], Theme]:
    def switch() -> Theme:
        theme = Theme(dpi=kiosk_theme.dpi, large_text=True)
        apply_theme(qapp, theme)
        return theme

    return switch


@pytest.fixture(scope="session")
def _translator(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> i18n.Translator:
    # A private cache, so tests never write compiled catalogues into the user's ~/.cache.
    existing = qapp.findChild(i18n.Translator, i18n.Translator.OBJECT_NAME)
    if existing is not None:
        return existing
    return i18n.Translator(qapp, cache_dir=tmp_path_factory.mktemp("qm-cache"))


@pytest.fixture
def language(qapp: QApplication, _translator: i18n.Translator) -> Iterator[Callable[[str], None]]:
    def switch(lang: str) -> None:
        _translator.set_language(lang)
        qapp.processEvents()

    yield switch
    _translator.set_language(i18n.SOURCE_LANGUAGE)
    qapp.processEvents()


@pytest.fixture
def look() -> Callable[[QWidget, str], QImage]:
    LOOK_DIR.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> QImage:
        QApplication.processEvents()
        image = widget.grab().toImage()
        image.save(str(LOOK_DIR / f"{name}.png"))
        return image

    return save


def _visible_text_widgets(root: QWidget) -> Iterator[QWidget]:
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.isVisibleTo(root) and widget.text():
            yield widget


@pytest.fixture
def assert_texts_fit() -> Callable[[QWidget], None]:
    """Measures each label's and button's text with its own font against its contents rect.

    Word-wrapped labels are checked for height (the wrapped text must fit), others for
    width. Rich-text labels are skipped (their layout is not the plain text's).
    """

    def check(root: QWidget) -> None:
        QApplication.processEvents()
        problems: list[str] = []
        for widget in _visible_text_widgets(root):
            text = widget.text()
            fm = QFontMetrics(widget.font())
            if isinstance(widget, QLabel):
                if widget.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text):
                    continue
                area = widget.contentsRect()
                if widget.wordWrap():
                    needed = fm.boundingRect(area, int(Qt.TextFlag.TextWordWrap | widget.alignment()), text)
                    if needed.height() > area.height() + 1 or needed.width() > area.width() + 1:
                        problems.append(f"label {text!r}: needs {needed.size().toTuple()} has {area.size().toTuple()}")
                else:
                    width = max(fm.horizontalAdvance(line) for line in text.splitlines())
                    if width > area.width() + 1 or fm.height() > area.height() + 1:
                        problems.append(f"label {text!r}: needs {width}x{fm.height()} has {area.size().toTuple()}")
            else:
                # A styled button's text area: the whole button minus border and padding,
                # which the stylesheet keeps at most a third of the touch size per side.
                width = max(fm.horizontalAdvance(line) for line in text.splitlines())
                if width > widget.width() - 12:
                    problems.append(f"button {text!r}: needs {width} has {widget.width()}")
        assert not problems, "clipped text:\n" + "\n".join(problems)

    return check
