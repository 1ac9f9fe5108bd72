"""Live reload for designers (``cockpit --dev``): watch the theme folders and the QML.

A token edit re-applies the theme in place (every binding repaints, nothing restarts); a QML
edit recreates the windows that use the edited file while the vehicle state keeps running; an
error leaves the last good UI up with a banner naming the file, line and reason.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from cockpit.app import VIEWS, Cockpit, QmlLoadError

log = logging.getLogger(__name__)

DEBOUNCE_MS = 15  # editors write a file in several steps; wait for the last one
QML_SUFFIXES = {".qml", ".js", ""}  # "" is qmldir


class LiveReload(QObject):
    reloaded = Signal(str, float)  # what ("theme" or a view), seconds from the file event to applied

    def __init__(self, cockpit: Cockpit):
        super().__init__(cockpit)
        self._cockpit = cockpit
        self._qml_dir = cockpit.qml_dir
        self._roots = [*cockpit.theme.folders, self._qml_dir]
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._pending: dict[Path, float] = {}
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._apply)
        self._watch_all()

    def _watch_all(self) -> None:
        # Editors often replace a file rather than write it: watches on replaced files are lost,
        # so every event re-adds whatever is there now.
        paths = []
        for root in self._roots:
            paths += [str(p) for p in [root, *root.rglob("*")] if p.is_dir() or self._relevant(p)]
        known = set(self._watcher.files()) | set(self._watcher.directories())
        if new := [p for p in paths if p not in known]:
            self._watcher.addPaths(new)

    @staticmethod
    def _relevant(p: Path) -> bool:
        return p.name.endswith(".tokens.json") or p.suffix in (".qml", ".js") or p.name == "qmldir"

    def _changed(self, path: str) -> None:
        self._pending.setdefault(Path(path), time.perf_counter())
        self._debounce.start()

    def _apply(self) -> None:
        pending, self._pending = self._pending, {}
        self._watch_all()
        first = min(pending.values())
        changed = [p for p in pending if p.is_dir() or self._relevant(p)]
        if any(p.is_dir() or p.name.endswith(".tokens.json") for p in changed):
            self._reload_theme(first)
        if qml := [p for p in changed if p.suffix in (".qml", ".js") or p.name == "qmldir" or
                   (p.is_dir() and p.is_relative_to(self._qml_dir))]:
            self._reload_views(qml, first)

    def _reload_theme(self, since: float) -> None:
        theme = self._cockpit.theme
        if theme.use(theme.property("name")):
            log.info("theme %s reloaded", theme.property("name"))
            self.reloaded.emit("theme", time.perf_counter() - since)
        # a failure is shown by the cockpit's banner (Theme.error) and logged by Theme

    def _reload_views(self, files: list[Path], since: float) -> None:
        for view in self._affected(files):
            try:
                self._cockpit.reload(view)
            except QmlLoadError as exc:
                log.error("%s", exc)
                # Qt lists the chain outermost first ("Type ClusterView unavailable"); the cause is last
                where = [f"{Path(file).name}:{line}:{col}: {text}" for file, line, col, text in reversed(exc.errors)]
                self._cockpit.show_error(f"QML error — still showing the last good {view}", "\n".join(where))
                return
            log.info("%s reloaded", view)
            self.reloaded.emit(view, time.perf_counter() - since)
        if self._cockpit.error_shown and not self._cockpit.theme.property("error"):
            self._cockpit.clear_error()

    def _affected(self, files: list[Path]) -> list[str]:
        """Open views whose own module changed; every open view when a shared module changed."""
        own = {view: self._qml_dir.joinpath(*module.split(".")) for view, (module, _) in VIEWS.items()}
        out = set()
        for f in files:
            owners = [v for v, folder in own.items() if f.is_relative_to(folder)]
            out.update(owners or own)
        return [v for v in self._cockpit.windows if v in out]
