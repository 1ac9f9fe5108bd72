"""LanguageStore: the language the screens speak, switched at run time without a restart.

A switch installs the language's catalogue (a QTranslator on the application), tells the QML engine
(``Qt.uiLanguage`` is the locale: Format.js writes numbers by it; ``retranslate()`` re-evaluates
every qsTr), sets the script's font ahead of the theme's and the layout direction. Views mirror
their layout from ``rightToLeft`` (docs/i18n.md says which parts keep their physical side).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTranslator, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable, QQmlEngine

from cockpit.i18n.catalogs import CatalogError, qm_file
from cockpit.i18n.languages import LANGUAGES, SOURCE, Language, language
from cockpit.theming.theme import Theme

from .domain import prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("created by the application")
class LanguageStore(QObject):
    changed = Signal()

    def __init__(self, engine: QQmlEngine, theme: Theme, parent: QObject | None = None):
        super().__init__(parent)
        self._engine, self._theme = engine, theme
        self._translator: QTranslator | None = None
        self._lang: Language = LANGUAGES[SOURCE]
        self._v = self._values()

    def _values(self) -> dict:
        lang = self._lang
        return {"language": lang.code, "name": lang.name, "locale": lang.locale, "rightToLeft": lang.rtl,
                "languages": [{"code": c.code, "name": c.name} for c in LANGUAGES.values()]}

    @Slot(str, result=str)
    def use(self, code: str) -> str:
        """Speak ``code`` ("de", "de-AT"); returns why not ('' when switched). A language the screens
        do not speak, or whose catalogue cannot be built, leaves the current one."""
        lang = language(code)
        if lang is None:
            return f"the screens do not speak {code!r}; they speak {', '.join(LANGUAGES)}"
        if lang == self._lang:
            return ""
        translator = None
        if lang.code != SOURCE:
            try:
                path = qm_file(lang.code)
            except CatalogError as exc:
                log.error("language %s not applied: %s", lang.code, exc)
                return str(exc)
            translator = QTranslator(self)
            if not translator.load(str(path)):
                return f"{path}: not a translation catalogue Qt can load"
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator.deleteLater()
        if translator is not None:
            app.installTranslator(translator)
        self._translator, self._lang = translator, lang
        QGuiApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang.rtl
                                           else Qt.LayoutDirection.LeftToRight)
        self._theme.set_script_font(lang.font)
        self._engine.setUiLanguage(lang.locale)  # Format.js reads it: numbers in the locale's way
        self._engine.retranslate()
        self._v = self._values()
        self.changed.emit()
        return ""

    def set_language(self, code: str) -> None:
        """A profile's language (cockpit/hmi/profiles_store.py): one it cannot show is logged, not fatal."""
        if why := self.use(code):
            log.warning("language %s not applied: %s", code, why)

    language = prop(str, "language", changed)
    name = prop(str, "name", changed)
    locale = prop(str, "locale", changed)
    rightToLeft = prop(bool, "rightToLeft", changed)
    languages = prop("QVariantList", "languages", changed)
