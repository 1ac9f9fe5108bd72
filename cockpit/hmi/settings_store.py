"""SettingsStore: display units (VSS HMI actuators, so they go target -> current like any other)
and the theme."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.theming.theme import Theme
from cockpit.vehicle.store import SignalStore

from .domain import HMI, ActuatorState, DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

UNITS = {"distanceUnit": HMI + "DistanceUnit", "temperatureUnit": HMI + "TemperatureUnit",
         "pressureUnit": HMI + "TirePressureUnit"}


@QmlElement
@QmlUncreatable("created by the application")
class SettingsStore(DomainStore):
    changed = Signal()
    failed = Signal(str)

    def __init__(self, signals: SignalStore, theme: Theme, parent: QObject | None = None):
        self._theme = theme
        super().__init__(signals, parent)
        theme.changed.connect(self._theme_changed)

    def setup(self) -> None:
        self._act = {name: ActuatorState(self) for name in UNITS}
        self._themes = self._list_themes()

    def _list_themes(self) -> list[dict]:
        return [{"name": t.name, "title": t.title, "dark": t.mode == "dark"} for t in self._theme.available()]

    def compute(self) -> dict:
        for name, path in UNITS.items():
            self._act[name].set(self.reading(path))
        return {
            "theme": self._theme.property("name"),
            "themes": self._themes,
        }

    def _theme_changed(self) -> None:
        self._themes = self._list_themes()  # a theme may have been added or fixed on disk
        self._v = self.compute()
        self.changed.emit()

    @Slot(str, str)
    def setUnit(self, which: str, value: str) -> None:
        """``which`` is distanceUnit / temperatureUnit / pressureUnit; ``value`` a VSS enum (MILES, F, PSI…)."""
        if why := self.request(UNITS[which], value):
            self.failed.emit(why)

    @Slot(str)
    def setTheme(self, name: str) -> None:
        if not self._theme.use(name):
            self.failed.emit(self._theme.property("error"))

    distanceUnit = Property(ActuatorState, lambda self: self._act["distanceUnit"], constant=True)
    temperatureUnit = Property(ActuatorState, lambda self: self._act["temperatureUnit"], constant=True)
    pressureUnit = Property(ActuatorState, lambda self: self._act["pressureUnit"], constant=True)
    theme = prop(str, "theme", changed)
    themes = prop("QVariantList", "themes", changed)
