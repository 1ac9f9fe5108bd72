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
BRIGHTNESS = HMI + "Brightness"


@QmlElement
@QmlUncreatable("created by the application")
class SettingsStore(DomainStore):
    changed = Signal()
    failed = Signal(str)

    def __init__(self, signals: SignalStore, theme: Theme, parent: QObject | None = None,
                 offered: tuple[str, ...] = ()):
        self._theme = theme
        self.offered = offered  # the themes this car offers its driver (its variant's); () all
        super().__init__(signals, parent)
        theme.changed.connect(self._theme_changed)

    PATHS = frozenset([BRIGHTNESS])

    def setup(self) -> None:
        self._act = {name: ActuatorState(self) for name in [*UNITS, "brightness"]}
        self._themes = self._list_themes()

    def _list_themes(self) -> list[dict]:
        shown = self._theme.property("name")  # the one in use is listed, even from a designer's own folder
        return [{"name": t.name, "title": t.title, "dark": t.mode == "dark"} for t in self._theme.available()
                if not self.offered or t.name in self.offered or t.name == shown]

    def compute(self) -> dict:
        for name, path in UNITS.items():
            self._act[name].set(self.reading(path))
        self._act["brightness"].set(self.reading(BRIGHTNESS))
        return {
            "theme": self._theme.property("name"),
            "themes": self._themes,
        }

    def _theme_changed(self) -> None:
        self._themes = self._list_themes()  # a theme may have been added or fixed on disk
        self._v = self.compute()
        self.changed.emit()

    # Each request returns the refusal reason ('' when sent), as in ClimateStore.

    @Slot(str, str)
    def setUnit(self, which: str, value: str) -> str:
        """``which`` is distanceUnit / temperatureUnit / pressureUnit; ``value`` a VSS enum (MILES, F, PSI…)."""
        if why := self.request(UNITS[which], value):
            self.failed.emit(why)
        return why

    @Slot(str)
    def setTheme(self, name: str) -> str:
        if self._theme.use(name):
            return ""
        why = self._theme.property("error")
        self.failed.emit(why)
        return why

    @Slot(float)
    def setBrightness(self, percent: float) -> str:
        """The screens' brightness, 0 (dimmest) to 100 %."""
        if why := self.request(BRIGHTNESS, float(min(100.0, max(0.0, percent)))):
            self.failed.emit(why)
        return why

    @Slot(float, result=str)
    def stepBrightness(self, delta: float) -> str:
        """Brighter (+) or dimmer (−) by ``delta`` percent from what the driver last asked for."""
        r = self.reading(BRIGHTNESS)
        base = r.target if r.target is not None else (r.value if r.value is not None else 50.0)
        return self.setBrightness(float(base) + delta)

    distanceUnit = Property(ActuatorState, lambda self: self._act["distanceUnit"], constant=True)
    temperatureUnit = Property(ActuatorState, lambda self: self._act["temperatureUnit"], constant=True)
    pressureUnit = Property(ActuatorState, lambda self: self._act["pressureUnit"], constant=True)
    brightness = Property(ActuatorState, lambda self: self._act["brightness"], constant=True)
    theme = prop(str, "theme", changed)
    themes = prop("QVariantList", "themes", changed)
