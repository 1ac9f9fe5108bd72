"""Display-unit conversion, the one place it happens. Values are stored in VSS units
(km/h, km or m, Celsius, kPa); views convert only for display, as the driver's profile says."""

from __future__ import annotations

from dataclasses import dataclass

KM_PER_MILE = 1.609344
KPA_PER_PSI = 6.894757293168361
KPA_PER_BAR = 100.0
METRES_PER_FOOT = 0.3048


def kmh_to_mph(kmh: float) -> float:
    return kmh / KM_PER_MILE


def mph_to_kmh(mph: float) -> float:
    return mph * KM_PER_MILE


def km_to_mi(km: float) -> float:
    return km / KM_PER_MILE


def mi_to_km(mi: float) -> float:
    return mi * KM_PER_MILE


def c_to_f(c: float) -> float:
    return c * 9.0 / 5.0 + 32.0


def f_to_c(f: float) -> float:
    return (f - 32.0) * 5.0 / 9.0


def kpa_to_psi(kpa: float) -> float:
    return kpa / KPA_PER_PSI


def psi_to_kpa(psi: float) -> float:
    return psi * KPA_PER_PSI


@dataclass(frozen=True)
class DisplayUnits:
    """The units a driver wants to see, in the VSS HMI enum spelling."""

    distance: str = "KILOMETERS"  # or MILES
    temperature: str = "C"  # or F
    pressure: str = "KPA"  # or PSI, BAR

    @property
    def imperial_distance(self) -> bool:
        return self.distance == "MILES"

    def speed(self, kmh: float) -> float:
        return kmh_to_mph(kmh) if self.imperial_distance else kmh

    def speed_unit(self) -> str:
        return "mph" if self.imperial_distance else "km/h"

    def distance_km(self, km: float) -> float:
        return km_to_mi(km) if self.imperial_distance else km

    def distance_unit(self) -> str:
        return "mi" if self.imperial_distance else "km"

    def temp(self, celsius: float) -> float:
        return c_to_f(celsius) if self.temperature == "F" else celsius

    def temp_unit(self) -> str:
        return "°F" if self.temperature == "F" else "°C"

    def pressure_kpa(self, kpa: float) -> float:
        if self.pressure == "PSI":
            return kpa_to_psi(kpa)
        if self.pressure == "BAR":
            return kpa / KPA_PER_BAR
        return kpa

    def pressure_unit(self) -> str:
        return {"PSI": "psi", "BAR": "bar"}.get(self.pressure, "kPa")

    def guidance_distance(self, metres: float) -> tuple[str, str]:
        """A distance to the next turn as a driver reads it, rounded as a navigator does:
        ("300", "m"), ("1.2", "km"); ("500", "ft"), ("0.3", "mi")."""
        metres = max(0.0, metres)
        if self.imperial_distance:
            feet = metres / METRES_PER_FOOT
            if feet < 1000:
                return f"{max(50, round(feet / 50) * 50):.0f}", "ft"
            return f"{km_to_mi(metres / 1000):.1f}", "mi"
        if metres < 950:
            step = 10 if metres < 100 else 50
            return f"{max(step, round(metres / step) * step):.0f}", "m"
        return f"{metres / 1000:.1f}", "km"
