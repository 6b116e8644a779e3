"""The kiosk's user interface (PySide6 Widgets). It presents the workflow's state and
forwards taps; it decides nothing (rules live in ``kiosk/``).

Foundation for the screens:

* `ui.theme`  - `Theme` (sizes from the screen's real dpi, colours, stylesheet),
  `apply_theme(app, theme)`, `current_theme()`, `set_role(widget, role)`.
* `ui.fonts`  - the font families that show Latin, Vietnamese and Chinese; `check_coverage()`.
* `ui.i18n`   - `LANGUAGES`, `set_language(app, lang)`, the lupdate/lrelease tool chain.
* `ui.widgets` - touch widgets: keypads, signature pad, camera view, busy panel,
  idle overlay, choice tiles, step indicator.

Start-up: `ui.qt_application.prepare_application(cfg)` makes the QApplication (on Qt's
own event loop, which libfprint needs), registers the fonts and checks their coverage,
applies the theme and loads the first language.

Every screen: subclass ``(LanguageAware, QWidget)`` from `ui.widgets.base`, set texts in
``retranslate()`` with ``self.tr("English source")``, give labels and buttons a role.
"""
