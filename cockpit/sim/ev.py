"""A longitudinal model of a battery-electric car that follows a target speed.

Good enough for a cockpit: energy flows (traction, regeneration capped by the motor, friction
brakes for the rest, auxiliaries), state of charge, odometer, trip and a range estimate. Flat
road, no wind; the reduction gear's loss is folded into the drivetrain efficiency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EvParameters:
    mass_kg: float = 1850.0  # kerb weight plus driver
    rotating_mass_factor: float = 1.04  # wheels, rotor and gears act as ~4 % extra mass
    cda_m2: float = 0.58  # drag coefficient x frontal area
    crr: float = 0.009  # rolling resistance coefficient
    air_density_kg_m3: float = 1.2
    gravity_m_s2: float = 9.81
    drivetrain_efficiency: float = 0.88  # battery -> wheels: inverter, motor, gear
    regen_efficiency: float = 0.75  # wheels -> battery while braking
    max_motor_power_w: float = 200_000.0
    max_motor_torque_nm: float = 420.0
    max_regen_power_w: float = 60_000.0  # friction brakes take whatever is beyond
    aux_power_w: float = 500.0  # 12 V loads, pumps, electronics (HVAC at mild weather)
    battery_capacity_wh: float = 60_000.0  # usable
    wheel_radius_m: float = 0.35
    gear_ratio: float = 9.0
    # Range estimate: what to assume before there is history, and how far back history counts.
    default_consumption_wh_per_km: float = 170.0
    consumption_window_km: float = 25.0
    # Battery heating: a share of the power through the pack becomes heat, the cooling loop
    # pulls the pack toward its coolant temperature.
    battery_heat_fraction: float = 0.03
    battery_heat_capacity_j_per_k: float = 360_000.0
    battery_coolant_c: float = 25.0
    battery_cooling_time_s: float = 1800.0
    # The pack's terminals: 96 cells in series, open-circuit voltage by state of charge (NMC), and
    # the pack's internal resistance, through which the current drops (or, charging, adds) voltage.
    cells_in_series: int = 96
    cell_ocv_soc: tuple[float, ...] = (0.0, 10.0, 50.0, 90.0, 100.0)
    cell_ocv_v: tuple[float, ...] = (3.0, 3.45, 3.7, 4.02, 4.15)
    pack_resistance_ohm: float = 0.1
    # One-pedal driving: lifting off the accelerator regenerates up to the motor's limit; the brake
    # pedal asks the friction brakes for the rest, full travel for about 1 g.
    brake_full_pedal_ms2: float = 10.0

    def resistance_n(self, speed_ms: float) -> float:
        """Aerodynamic drag plus rolling resistance at a steady speed (zero at standstill)."""
        if speed_ms <= 0.0:
            return 0.0
        drag = 0.5 * self.air_density_kg_m3 * self.cda_m2 * speed_ms * speed_ms
        return drag + self.crr * self.mass_kg * self.gravity_m_s2

    @property
    def max_traction_force_n(self) -> float:
        return self.max_motor_torque_nm * self.gear_ratio / self.wheel_radius_m


# Consumption history is folded in per slice of distance, so standstill loads count at the next slice.
_CONSUMPTION_SLICE_M = 500.0
# The range estimate never assumes less than this, so a long regen stretch cannot promise the moon.
_MIN_CONSUMPTION_WH_PER_KM = 60.0


class EvModel:
    """The car's state, advanced by ``step``. Powers are in W, positive = drawn from the battery."""

    def __init__(
        self,
        params: EvParameters | None = None,
        soc_percent: float = 80.0,
        odometer_km: float = 0.0,
        battery_temp_c: float = 22.0,
    ):
        self.params = params or EvParameters()
        self.speed_ms = 0.0
        self.acceleration_ms2 = 0.0
        self.motor_power_w = 0.0  # mechanical; negative while regenerating
        self.friction_brake_power_w = 0.0  # dissipated by the brakes (<= 0)
        self.friction_brake_decel_ms2 = 0.0  # their share of the deceleration (>= 0)
        self.battery_power_w = 0.0  # at the pack terminals; negative while charging or regenerating
        self.energy_wh = self.params.battery_capacity_wh * soc_percent / 100.0
        self.battery_temp_c = battery_temp_c
        self.odometer_m = odometer_km * 1000.0
        self.trip_m = 0.0
        self.trip_energy_wh = 0.0
        self.trip_time_s = 0.0
        self.recent_consumption_wh_per_km = self.params.default_consumption_wh_per_km
        self._slice_m = 0.0
        self._slice_wh = 0.0

    # ----- derived values -----------------------------------------------------------------------

    @property
    def speed_kmh(self) -> float:
        return self.speed_ms * 3.6

    @property
    def motor_rpm(self) -> float:
        return self.speed_ms / (2 * math.pi * self.params.wheel_radius_m) * 60.0 * self.params.gear_ratio

    @property
    def soc_percent(self) -> float:
        return 100.0 * self.energy_wh / self.params.battery_capacity_wh

    @property
    def pack_ocv_v(self) -> float:
        p = self.params
        soc = min(max(self.soc_percent, 0.0), 100.0)
        return p.cells_in_series * float(np.interp(soc, p.cell_ocv_soc, p.cell_ocv_v))

    @property
    def pack_current_a(self) -> float:
        """Out of the pack (positive driving, negative charging or regenerating): the current that
        delivers the battery power through the internal resistance, P = (OCV - R I) I."""
        ocv, r, power = self.pack_ocv_v, self.params.pack_resistance_ohm, self.battery_power_w
        # the smaller root; a demand beyond what the pack can give (never reached by the model) is capped there
        return (ocv - math.sqrt(max(ocv * ocv - 4.0 * r * power, 0.0))) / (2.0 * r)

    @property
    def pack_voltage_v(self) -> float:
        return self.pack_ocv_v - self.params.pack_resistance_ohm * self.pack_current_a

    @property
    def brake_pedal_percent(self) -> float:
        """How far the pedal is pressed for the friction brakes' share of the deceleration."""
        return min(100.0, 100.0 * self.friction_brake_decel_ms2 / self.params.brake_full_pedal_ms2)

    @property
    def range_m(self) -> float:
        per_km = max(self.recent_consumption_wh_per_km, _MIN_CONSUMPTION_WH_PER_KM)
        return self.energy_wh / per_km * 1000.0

    @property
    def trip_average_speed_kmh(self) -> float:
        return self.trip_m / self.trip_time_s * 3.6 if self.trip_time_s > 0 else 0.0

    @property
    def trip_consumption_wh_per_km(self) -> float:
        """Zero until the trip has covered 100 m: before that the ratio is noise."""
        return self.trip_energy_wh / (self.trip_m / 1000.0) if self.trip_m >= 100.0 else 0.0

    # ----- time -----------------------------------------------------------------------------------

    def step(self, dt: float, target_speed_kmh: float) -> None:
        """Drive for ``dt`` seconds, aiming to be at ``target_speed_kmh`` at the end of the step."""
        p = self.params
        v0 = self.speed_ms
        v1 = max(target_speed_kmh, 0.0) / 3.6
        accel = (v1 - v0) / dt
        if accel > 0.0 and not self._can_deliver(v0, accel, dt):
            accel = self._max_acceleration(v0, accel, dt)
            v1 = v0 + accel * dt
        v_mean = (v0 + v1) / 2
        # Constant acceleration over the step makes this the exact change of kinetic energy.
        wheel_power = self._traction_force(accel, v_mean) * v_mean

        if wheel_power >= 0.0:
            motor = wheel_power
            self.friction_brake_power_w = 0.0
            battery = motor / p.drivetrain_efficiency
        else:
            motor = max(wheel_power, -p.max_regen_power_w)
            self.friction_brake_power_w = wheel_power - motor
            battery = motor * p.regen_efficiency
        battery += p.aux_power_w

        self.friction_brake_decel_ms2 = -self.friction_brake_power_w / (v_mean * p.mass_kg) if v_mean > 0 else 0.0
        self.speed_ms = v1
        self.acceleration_ms2 = accel
        self.motor_power_w = motor
        self._draw(battery, dt)
        distance = v_mean * dt
        self.odometer_m += distance
        self.trip_m += distance
        self.trip_time_s += dt
        self.trip_energy_wh += battery * dt / 3600.0
        self._track_consumption(distance, battery * dt / 3600.0)

    def charge(self, dt: float, power_w: float) -> None:
        """Charge at standstill (a charging stop); the trip does not count it."""
        self.speed_ms = self.acceleration_ms2 = self.motor_power_w = self.friction_brake_power_w = 0.0
        self.friction_brake_decel_ms2 = 0.0
        self._draw(-power_w, dt)

    def reset_trip(self) -> None:
        self.trip_m = self.trip_energy_wh = self.trip_time_s = 0.0

    # ----- internals ------------------------------------------------------------------------------

    def _traction_force(self, accel: float, v_mean: float) -> float:
        p = self.params
        return p.rotating_mass_factor * p.mass_kg * accel + p.resistance_n(v_mean)

    def _can_deliver(self, v0: float, accel: float, dt: float) -> bool:
        v_mean = v0 + accel * dt / 2
        force = self._traction_force(accel, v_mean)
        return force <= self.params.max_traction_force_n and force * v_mean <= self.params.max_motor_power_w

    def _max_acceleration(self, v0: float, wanted: float, dt: float) -> float:
        """The largest acceleration the motor's torque and power limits allow (both grow with it)."""
        lo, hi = 0.0, wanted
        for _ in range(40):
            mid = (lo + hi) / 2
            if self._can_deliver(v0, mid, dt):
                lo = mid
            else:
                hi = mid
        return lo

    def _draw(self, battery_power_w: float, dt: float) -> None:
        p = self.params
        self.battery_power_w = battery_power_w
        self.energy_wh = min(max(self.energy_wh - battery_power_w * dt / 3600.0, 0.0), p.battery_capacity_wh)
        heat = p.battery_heat_fraction * abs(battery_power_w) / p.battery_heat_capacity_j_per_k
        cooling = (self.battery_temp_c - p.battery_coolant_c) / p.battery_cooling_time_s
        self.battery_temp_c += (heat - cooling) * dt

    def _track_consumption(self, distance_m: float, energy_wh: float) -> None:
        self._slice_m += distance_m
        self._slice_wh += energy_wh
        if self._slice_m < _CONSUMPTION_SLICE_M:
            return
        km = self._slice_m / 1000.0
        weight = min(km / self.params.consumption_window_km, 1.0)
        self.recent_consumption_wh_per_km += (self._slice_wh / km - self.recent_consumption_wh_per_km) * weight
        self._slice_m = self._slice_wh = 0.0
