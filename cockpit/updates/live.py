"""Installed content in the running cockpit: at start, and again after an install or a rollback.

Themes and voice sentences apply without a restart (slots.live): installed theme folders are searched
after the designer's ``--theme-dir`` ones and before the shipped themes, the driver is offered the
installed themes too (the maker signed them for this variant), and the theme in use is reloaded — an
update of the theme on screen shows at once. Installed sentences join the shipped ones in the
recognizer's process, which is started again with them. An installed map is used from the next start
(``installed_map``); CAN mappings, kiosk tours and the cockpit's own wheel are installed and checked but
not yet picked up at start — the source's mapping option, the kiosk and the launcher are next
(docs/updates.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from cockpit.resources import THEMES_DIR
from cockpit.theming.tokens import theme_files

from . import installed
from .slots import SlotError, live, recover

log = logging.getLogger(__name__)


def recover_at_start(data_dir: Path) -> None:
    """Before anything installed is read: whatever a crash left half-done is undone (slots.recover)."""
    try:
        for done in recover(data_dir):
            log.warning("updates: %s", done)
    except SlotError as exc:  # an install under way elsewhere: it recovers its own item
        log.info("updates: recovery skipped: %s", exc)


def installed_map(data_dir: Path) -> Path | None:
    """The installed OpenStreetMap extract the car uses at start, if an update brought one (the newest name
    last in order wins: one map per car is what the variants ship)."""
    maps = installed.map_files(data_dir)
    return maps[-1] if maps else None


class InstalledContent:
    """Keeps ``cockpit`` (a cockpit.app.Cockpit) on the content installed in ``data_dir``."""

    def __init__(self, cockpit, data_dir: Path, designer_dirs: list[Path] = (),  # noqa: ANN001
                 theme: str | None = None) -> None:
        """``theme``: the one asked for on the command line, which may be an installed one."""
        self._cockpit = cockpit
        self._data_dir = data_dir
        self._designer_dirs = list(designer_dirs)
        self._offered = cockpit.settings.offered
        self._themes(theme)
        self._sentences()

    def changed(self, kind: str) -> bool:
        """An item of ``kind`` was installed or rolled back: apply it if it applies live; whether it did."""
        if not live(kind):
            return False
        if kind == "theme":
            self._themes()
        elif kind == "voice-sentences":
            self._sentences()
        return True

    def _themes(self, wanted: str | None = None) -> None:
        theme, settings = self._cockpit.theme, self._cockpit.settings
        dirs = installed.theme_dirs(self._data_dir)
        theme.folders = [*self._designer_dirs, *dirs, THEMES_DIR]
        names = tuple(f.name.removesuffix(".tokens.json") for d in dirs for f in theme_files(d))
        if self._offered:  # () offers every theme already
            settings.offered = (*self._offered, *(n for n in names if n not in self._offered))
        theme.use(wanted or theme.property("name"))  # the one on screen, from wherever it is found first now

    def _sentences(self) -> None:
        if self._cockpit.voice is not None:
            self._cockpit.voice.use_sentences(installed.sentence_dirs(self._data_dir))
