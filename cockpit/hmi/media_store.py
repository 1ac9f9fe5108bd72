"""MediaStore: a simulated player (a small built-in playlist per source) whose volume is the VSS
actuator ``Vehicle.Cabin.Infotainment.Media.Volume``, so it goes target -> current like any other."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from .domain import ActuatorState, DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

VOLUME = "Vehicle.Cabin.Infotainment.Media.Volume"
# No media service yet: the player walks a fixed list, the same for every source.
PLAYLIST = (
    ("Northern Lights", "The Long Roads"),
    ("City at Dawn", "Mira Vale"),
    ("Open Highway", "The Long Roads"),
    ("Slow Rain", "Jonas Berg"),
    ("Coastline", "Mira Vale"),
)
SOURCES = {"radio": "Radio", "bluetooth": "Bluetooth", "usb": "USB", "streaming": "Streaming"}


@QmlElement
@QmlUncreatable("created by the application")
class MediaStore(DomainStore):
    changed = Signal()
    failed = Signal(str)

    PATHS = frozenset([VOLUME])

    def setup(self) -> None:
        self._volume = ActuatorState(self)
        self._playing = False
        self._index = 0
        self._source = "streaming"

    def compute(self) -> dict:
        self._volume.set(self.reading(VOLUME))
        title, artist = PLAYLIST[self._index]
        return {
            "playing": self._playing,
            "track": title,
            "artist": artist,
            "source": self._source,
            "sourceTitle": SOURCES[self._source],
        }

    @property
    def sources(self) -> list[str]:
        return list(SOURCES)

    # ----- requests (each returns the refusal reason, '' when done) ------------------------------

    @Slot()
    def play(self) -> str:
        self._playing = True
        self.refresh()
        return ""

    @Slot()
    def pause(self) -> str:
        self._playing = False
        self.refresh()
        return ""

    @Slot()
    def togglePlay(self) -> None:
        self._playing = not self._playing
        self.refresh()

    @Slot()
    def next(self) -> str:
        self._index = (self._index + 1) % len(PLAYLIST)
        self._playing = True
        self.refresh()
        return ""

    @Slot()
    def previous(self) -> str:
        self._index = (self._index - 1) % len(PLAYLIST)
        self._playing = True
        self.refresh()
        return ""

    @Slot(str)
    def setSource(self, source: str) -> str:
        key = source.strip().lower()
        if key not in SOURCES:
            why = f"no media source called {source!r}"
            self.failed.emit(why)
            return why
        self._source = key
        self._playing = True
        self.refresh()
        return ""

    @Slot(int)
    def setVolume(self, percent: int) -> str:
        if why := self.request(VOLUME, min(100, max(0, int(percent)))):
            self.failed.emit(why)
        return why

    @Slot(int, result=str)
    def stepVolume(self, delta: int) -> str:
        """Louder (+) or quieter (−) by ``delta`` percent from what the driver last asked for."""
        r = self.reading(VOLUME)
        base = r.target if r.target is not None else (r.value if r.value is not None else 0)
        return self.setVolume(int(base) + delta)

    volume = Property(ActuatorState, lambda self: self._volume, constant=True)
    playing = prop(bool, "playing", changed)
    track = prop(str, "track", changed)
    artist = prop(str, "artist", changed)
    source = prop(str, "source", changed)
    sourceTitle = prop(str, "sourceTitle", changed)
