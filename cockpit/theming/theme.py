"""The ``Theme`` QML singleton: the active theme's tokens, as nested groups QML binds to.

QML reads ``Theme.color.text.primary``, ``Theme.font.size.body``, ``Theme.radius.m``…; switching
theme replaces every group and emits one notify, so every binding repaints without a restart.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QJSEngine, QmlElement, QmlSingleton

from cockpit.documents import shown
from cockpit.resources import THEMES_DIR

from .tokens import ThemeData, TokenError, load_theme, load_theme_cached, theme_files

QML_IMPORT_NAME = "Cockpit.Theme"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)
DEFAULT_THEME = "dark"


GROUPS = ("color", "font", "size", "space", "radius", "duration", "layout")  # the token groups QML reads


@QmlElement
@QmlSingleton
class Theme(QObject):
    """The active theme, as the QML singleton ``Theme`` (import Cockpit.Theme)."""

    changed = Signal()  # anything: the theme, its error, the script font (Python listens to this one)
    # one per token group, emitted only when that group's tokens differ: dark to light changes the
    # colours, so the bindings that read sizes, spaces or fonts are not evaluated again
    colorChanged, fontChanged, sizeChanged = Signal(), Signal(), Signal()  # noqa: N815
    spaceChanged, radiusChanged, durationChanged, layoutChanged = Signal(), Signal(), Signal(), Signal()  # noqa: N815
    failed = Signal(str)  # a theme could not be loaded: the message names the file and token

    def __init__(self, parent: QObject | None = None, folders: list[Path] | None = None):
        super().__init__(parent)
        # each token group as a JavaScript object made once per switch: a binding that reads
        # Theme.color.text.primary then costs a property lookup, not a conversion of the whole map
        self._engine = parent if isinstance(parent, QJSEngine) else None
        self._js: dict[str, Any] = {}
        self.folders: list[Path] = folders or [THEMES_DIR]
        self._theme: ThemeData | None = None
        self._groups: dict = {}
        self._error = ""
        self._script_font = ""  # the language's font for its script, ahead of the theme's (Arabic)
        self.use(DEFAULT_THEME)

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by the QML engine
        return Theme(engine)

    def add_folders(self, folders: list[Path]) -> None:
        """Designers' theme folders (--theme-dir), searched before the shipped themes."""
        self.folders = [*folders, *self.folders]

    def file(self, name: str) -> Path:
        """Where theme ``name`` lives (the first folder that has it)."""
        if not name or Path(name).name != name or not name.isprintable():  # a name, never a path out of the folders
            raise TokenError(f"{shown(name)} is not a theme name")
        for folder in self.folders:
            with contextlib.suppress(OSError):  # a name too long to look up is no theme's
                if (f := folder / f"{name}.tokens.json").is_file():
                    return f
        raise TokenError(f"no theme named {shown(name)} in {', '.join(map(str, self.folders))}")

    def available(self) -> list[ThemeData]:
        """Every selectable theme that loads, first folder first; broken ones are logged and skipped."""
        out: dict[str, ThemeData] = {}
        for folder in self.folders:
            for f in theme_files(folder):
                if f.name in out:
                    continue
                try:
                    out[f.name] = load_theme(f)
                except TokenError as exc:
                    log.error("theme skipped: %s", exc)
        return list(out.values())

    @Slot(str, result=bool)
    def use(self, name: str) -> bool:
        """Switch to theme ``name``. On error keep the current theme; with none yet, fall back to
        the default, or to any theme that loads: the views are never left without tokens."""
        try:
            theme = load_theme_cached(self.file(name))
        except TokenError as exc:
            log.error("theme %s not applied: %s", name, exc)
            if self._theme is None:
                fallbacks = sorted(self.available(), key=lambda t: t.name != DEFAULT_THEME)
                if fallbacks:
                    self._switch(fallbacks[0], self._script_font, str(exc))
                    self.failed.emit(self._error)
                    return False
            self._error = str(exc)
            self.failed.emit(self._error)
            self.changed.emit()
            return False
        self._switch(theme, self._script_font, "")
        return True

    def _switch(self, theme: ThemeData | None, script_font: str, error: str) -> None:
        before = {key: self.group(key) for key in GROUPS}
        if theme is not None and theme is not self._theme:
            self._theme, self._groups = theme, theme.nested()
        self._script_font, self._error = script_font, error
        for key in GROUPS:
            if self.group(key) != before[key]:
                self._js.pop(key, None)
                getattr(self, f"{key}Changed").emit()
        self.changed.emit()

    def _group(self, key: str) -> dict:
        return self._groups.get(key, {})

    def group(self, key: str) -> dict:
        """A token group as Python sees it (QML reads the same as JavaScript objects)."""
        return self._font() if key == "font" else self._group(key)

    def _js_group(self, key: str):  # noqa: ANN202 - a QJSValue for QML, the dict without an engine
        value = self.group(key)
        if self._engine is None:
            return value
        if key not in self._js:
            self._js[key] = self._engine.toScriptValue(value)
        return self._js[key]

    def _font(self) -> dict:
        font = self._group("font")
        if not self._script_font:
            return font
        # the script's family for text; numbers keep the theme's figures (Latin digits in every language)
        return {**font, "family": {**font.get("family", {}), "ui": self._script_font}}

    def set_script_font(self, family: str) -> None:
        """Text in ``family`` (a font with the language's glyphs), or the theme's own with ""."""
        if family != self._script_font:
            self._switch(self._theme, family, self._error)

    name = Property(str, lambda self: self._theme.name if self._theme else "", notify=changed)
    title = Property(str, lambda self: self._theme.title if self._theme else "", notify=changed)
    dark = Property(bool, lambda self: self._theme is None or self._theme.mode == "dark", notify=changed)
    error = Property(str, lambda self: self._error, notify=changed)
    script = Property(str, lambda self: self._script_font, notify=changed)  # a language's font, "" none
    color = Property("QVariant", lambda self: self._js_group("color"), notify=colorChanged)
    font = Property("QVariant", lambda self: self._js_group("font"), notify=fontChanged)
    size = Property("QVariant", lambda self: self._js_group("size"), notify=sizeChanged)
    space = Property("QVariant", lambda self: self._js_group("space"), notify=spaceChanged)
    radius = Property("QVariant", lambda self: self._js_group("radius"), notify=radiusChanged)
    duration = Property("QVariant", lambda self: self._js_group("duration"), notify=durationChanged)
    layout = Property("QVariant", lambda self: self._js_group("layout"), notify=layoutChanged)
