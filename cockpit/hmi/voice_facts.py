"""What the voice assistant may read about the car ("what's my range?"): a snapshot taken on the
GUI thread, so the dialogue can be answered in the recognizer process without touching live stores.

Values are in VSS units (km, °C, kPa); a fact whose signal is missing, stale or bad is None, so
the assistant says it does not know rather than reading out an old number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cockpit.vehicle.store import SignalStore, Status

if TYPE_CHECKING:  # a snapshot crosses to the recognizer process, which has no Qt to import
    from .navigation_store import NavigationStore

V = "Vehicle."
WHEELS = {"FL": "Row1.Wheel.Left", "FR": "Row1.Wheel.Right", "RL": "Row2.Wheel.Left", "RR": "Row2.Wheel.Right"}
HMI = V + "Cabin.Infotainment.HMI."


@dataclass(frozen=True)
class VehicleFacts:
    """A ``voice.assistant.VehicleContext``: ``fact(name)`` for range_km, soc_percent, outside_c,
    tire_kpa (FL/FR/RL/RR), doors_locked, speed_kmh, eta_min and units (distance, temperature, pressure)."""

    facts: dict[str, object] = field(default_factory=dict)

    def fact(self, name: str) -> object | None:
        return self.facts.get(name)

    @classmethod
    def snapshot(cls, signals: SignalStore, navigation: NavigationStore | None) -> VehicleFacts:
        def value(path: str, scale: float = 1.0) -> object | None:
            r = signals.get(path)
            if r.status is not Status.AVAILABLE:
                return None
            return r.value * scale if isinstance(r.value, int | float) and not isinstance(r.value, bool) else r.value

        tires = {pos: value(f"{V}Chassis.Axle.{wheel}.Tire.Pressure") for pos, wheel in WHEELS.items()}
        return cls({
            "range_km": value(V + "Powertrain.Range", 0.001),
            "soc_percent": value(V + "Powertrain.TractionBattery.StateOfCharge.Displayed"),
            "outside_c": value(V + "Exterior.AirTemperature"),
            "tire_kpa": tires if all(p is not None for p in tires.values()) else None,
            "doors_locked": value(V + "Cabin.Door.Row1.DriverSide.IsLocked"),
            "speed_kmh": value(V + "Speed"),
            "eta_min": navigation.property("etaMinutes") if navigation and navigation.property("active") else None,
            "units": {"distance": signals.value(HMI + "DistanceUnit", "KILOMETERS"),
                      "temperature": signals.value(HMI + "TemperatureUnit", "C"),
                      "pressure": signals.value(HMI + "TirePressureUnit", "KPA")},
        })
