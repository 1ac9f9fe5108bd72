"""A simulated drive: the EV model follows a looping drive cycle while the scenario plays around it.

``DriveSimulation.advance(dt)`` moves simulated time on and returns the ``(VSS path, value)``
changes to publish, typed exactly as the catalogue wants them. It has no threads and no clock:
the caller decides how fast simulated time runs.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterable
from typing import Any

from cockpit.vehicle.catalogue import Catalogue, ChangeMode, default_catalogue

from .aging import PAD_REPLACE_MM, PAD_WEAR_MM_PER_MJ
from .cycles import DriveCycle, load_cycle
from .ev import EvModel, EvParameters
from .route_drive import RouteTrack
from .scenario import Scenario, ScenarioEvent, Value
from .surroundings import Driver, Surroundings

# The physics step: the cycles are 1 Hz traces with straight lines between samples.
MAX_STEP_S = 0.1

# Actuators the simulated car acts on, and how long it takes to report the new value.
ACTUATOR_DELAYS_S: dict[str, float] = {
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature": 0.8,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature": 0.8,
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed": 0.8,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed": 0.8,
    "Vehicle.Cabin.HVAC.IsAirConditioningActive": 0.8,
    "Vehicle.Cabin.HVAC.IsRecirculationActive": 0.8,
    "Vehicle.Cabin.HVAC.IsFrontDefrosterActive": 0.8,
    "Vehicle.Cabin.HVAC.IsRearDefrosterActive": 0.8,
    "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling": 0.5,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling": 0.5,
    "Vehicle.Chassis.SteeringWheel.HeatingCooling": 0.5,
    "Vehicle.Cabin.Infotainment.HMI.DistanceUnit": 0.0,
    "Vehicle.Cabin.Infotainment.HMI.TemperatureUnit": 0.0,
    "Vehicle.Cabin.Infotainment.HMI.TirePressureUnit": 0.0,
    "Vehicle.Cabin.Infotainment.HMI.DayNightMode": 0.0,
    "Vehicle.Cabin.Infotainment.Media.Volume": 0.0,
    "Vehicle.Cabin.Infotainment.HMI.Brightness": 0.0,
    "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling": 0.1,
    "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling": 0.1,
    "Vehicle.Body.Lights.Hazard.IsSignaling": 0.1,
    "Vehicle.Body.Lights.Beam.Low.IsOn": 0.1,
    "Vehicle.Body.Lights.Beam.High.IsOn": 0.1,
    "Vehicle.Body.Lights.Fog.Front.IsOn": 0.1,
    "Vehicle.Body.Lights.Fog.Rear.IsOn": 0.1,
    "Vehicle.Body.Lights.Parking.IsOn": 0.1,
    "Vehicle.ADAS.CruiseControl.IsEnabled": 0.2,
    "Vehicle.ADAS.CruiseControl.IsActive": 0.2,
    "Vehicle.ADAS.CruiseControl.SpeedSet": 0.2,
    "Vehicle.ADAS.LaneDepartureDetection.IsEnabled": 0.1,
    "Vehicle.ADAS.CruiseControl.AdaptiveIntervalSet": 0.1,
    "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked": 0.3,
    "Vehicle.TripMeterReading": 0.0,  # only a reset to 0
    # driver profiles: seat, mirrors and steering column take a while to travel
    "Vehicle.Cabin.Seat.Row1.DriverSide.Position": 2.0,
    "Vehicle.Cabin.Seat.Row1.DriverSide.Height": 2.0,
    "Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline": 2.0,
    "Vehicle.Body.Mirrors.DriverSide.Yaw": 1.0,
    "Vehicle.Body.Mirrors.DriverSide.Tilt": 1.0,
    "Vehicle.Body.Mirrors.PassengerSide.Yaw": 1.0,
    "Vehicle.Body.Mirrors.PassengerSide.Tilt": 1.0,
    "Vehicle.Chassis.SteeringWheel.Tilt": 1.5,
    "Vehicle.Chassis.SteeringWheel.Extension": 1.5,
    "Vehicle.Powertrain.Transmission.PerformanceMode": 0.2,
    "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color": 0.1,
}
# Cruise control engages only above this speed, as in most cars.
CRUISE_MIN_ENGAGE_KMH = 30.0

# Values the car starts with that the scenario does not script (actuators keep requested values).
_DEFAULTS: dict[str, Value] = {
    "Vehicle.Body.Lights.Hazard.IsSignaling": False,
    "Vehicle.Body.Lights.Beam.Low.IsOn": True,
    "Vehicle.Body.Lights.Fog.Front.IsOn": False,
    "Vehicle.Body.Lights.Fog.Rear.IsOn": False,
    "Vehicle.Body.Lights.Parking.IsOn": False,
    "Vehicle.ADAS.ABS.IsError": False,
    "Vehicle.ADAS.ESC.IsError": False,
    "Vehicle.ADAS.ESC.IsEngaged": False,
    "Vehicle.ADAS.TCS.IsEngaged": False,
    "Vehicle.ADAS.LaneDepartureDetection.IsEnabled": True,
    "Vehicle.ADAS.CruiseControl.IsAdaptive": True,
    "Vehicle.ADAS.CruiseControl.AdaptiveIntervalSet": 2,
    "Vehicle.Service.IsServiceDue": False,
    "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked": False,
    "Vehicle.Body.Trunk.Rear.IsOpen": False,
    "Vehicle.Body.Trunk.Front.IsOpen": False,
    "Vehicle.Body.Hood.IsOpen": False,
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature": 21.0,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature": 21.0,
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed": 40,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed": 40,
    "Vehicle.Cabin.HVAC.IsAirConditioningActive": True,
    "Vehicle.Cabin.HVAC.IsRecirculationActive": False,
    "Vehicle.Cabin.HVAC.IsFrontDefrosterActive": False,
    "Vehicle.Cabin.HVAC.IsRearDefrosterActive": False,
    "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling": 0,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling": 0,
    "Vehicle.Chassis.SteeringWheel.HeatingCooling": 0,
    "Vehicle.Cabin.Infotainment.HMI.DistanceUnit": "KILOMETERS",
    "Vehicle.Cabin.Infotainment.HMI.TemperatureUnit": "C",
    "Vehicle.Cabin.Infotainment.HMI.TirePressureUnit": "KPA",
    "Vehicle.Cabin.Infotainment.HMI.DayNightMode": "DAY",
    "Vehicle.Cabin.Infotainment.Media.Volume": 30,
    "Vehicle.Cabin.Seat.Row1.DriverSide.Position": 200,
    "Vehicle.Cabin.Seat.Row1.DriverSide.Height": 40,
    "Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline": 20.0,
    "Vehicle.Body.Mirrors.DriverSide.Yaw": 0,
    "Vehicle.Body.Mirrors.DriverSide.Tilt": 0,
    "Vehicle.Body.Mirrors.PassengerSide.Yaw": 0,
    "Vehicle.Body.Mirrors.PassengerSide.Tilt": 0,
    "Vehicle.Chassis.SteeringWheel.Tilt": 50,
    "Vehicle.Chassis.SteeringWheel.Extension": 50,
    "Vehicle.Powertrain.Transmission.PerformanceMode": "NORMAL",
    "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color": "#FFB020",
    "Cockpit.Key.Identity": "key-1",  # the simulated driver's key fob
    "Vehicle.Cabin.Infotainment.HMI.Brightness": 80.0,
}

_TRIP_METER = "Vehicle.TripMeterReading"
_LATITUDE = "Vehicle.CurrentLocation.Latitude"
_LONGITUDE = "Vehicle.CurrentLocation.Longitude"
_HEADING = "Vehicle.CurrentLocation.Heading"
_CRUISE_ENABLED = "Vehicle.ADAS.CruiseControl.IsEnabled"
_CRUISE_ACTIVE = "Vehicle.ADAS.CruiseControl.IsActive"
_CRUISE_SPEED = "Vehicle.ADAS.CruiseControl.SpeedSet"
_GAP_BARS = "Vehicle.ADAS.CruiseControl.AdaptiveIntervalSet"
_LANE_ASSIST = "Vehicle.ADAS.LaneDepartureDetection.IsEnabled"
_INDICATORS = {"left": "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling",
               "right": "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"}
_SETPOINTS = (
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
)
_FANS = (
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed",
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed",
)

# Cabin air follows the HVAC setpoint while a fan runs, else it drifts to the outside temperature.
_CABIN_HVAC_TIME_S = 300.0
_CABIN_SOAK_TIME_S = 1800.0
# Tires: the air inside warms with speed (flexing rubber) toward this many kelvin above the outside
# per km/h (+15 K at 100 km/h, as TPMS logs show after a drive) and follows with this time constant.
_TIRE_WARM_K_PER_KMH = 0.15
_TIRE_TIME_S = 900.0
_WHEEL_PATHS = [f"Vehicle.Chassis.Axle.{r}.Wheel.{s}" for r in ("Row1", "Row2") for s in ("Left", "Right")]
# Brake pads wear with the energy the friction brakes take (the aging model's coefficient for this
# compact car), from new to the replacement thickness; the rear axle does less of the braking.
PAD_NEW_MM = 11.0
_PAD_SHARE = (1.0, 1.0, 0.5, 0.5)  # wear rate of each wheel's pads relative to the front's
# A charging stop when a lap ends with the battery this low: DC fast charge back up.
RECHARGE_BELOW_PERCENT = 10.0
RECHARGE_TO_PERCENT = 80.0
CHARGE_POWER_W = 100_000.0
# The trip computer's consumption figure is shown within the catalogue's range, as a display would.
_CONSUMPTION_LIMIT_WH_PER_KM = 999.9
_NEVER = object()


class DriveSimulation:
    """The whole simulated car. Not thread-safe: one thread calls ``advance`` and ``request``."""

    def __init__(
        self,
        cycle: str | DriveCycle | RouteTrack = "wltc",
        *,
        seed: int = 1,
        loop: bool = True,
        params: EvParameters | None = None,
        soc_percent: float = 80.0,
        odometer_km: float = 12_480.0,
        catalogue: Catalogue | None = None,
        traffic_events: bool = True,
    ):
        # a route on the map: driven once, from its start to its end, with the car's position
        self.track = cycle if isinstance(cycle, RouteTrack) else None
        if self.track is not None:
            cycle, loop = self.track.cycle, False
        self.cycle = load_cycle(cycle) if isinstance(cycle, str) else cycle
        self.seed = seed
        self.loop = loop
        self.traffic_events = traffic_events  # False: nothing happens on the road (the EV model's own tests)
        self.ev = EvModel(params, soc_percent=soc_percent, odometer_km=odometer_km)
        self._route_start_m = self.ev.odometer_m
        self.catalogue = catalogue or default_catalogue()
        # Continuous signals are republished every period x this (the source shrinks it in slow
        # motion, because staleness is judged on the wall clock).
        self.publish_scale = 1.0
        self.time_s = 0.0
        self.lap = 0
        self.lap_time_s = 0.0
        self.charging = False
        self.finished = False  # a non-looping cycle came to its end; the car stays parked
        weather = random.Random(f"{seed}/weather")
        self.exterior_temp_c = round(weather.uniform(8.0, 24.0) * 2) / 2
        self.cabin_temp_c = self.exterior_temp_c + 6.0  # parked in the sun
        self.tire_air_c = [self.exterior_temp_c] * 4  # the car stood long enough to cool down
        front = random.Random(f"{seed}/pads").uniform(10.0, 60.0)  # the pads' wear (percent) at the start
        self.pad_wear_percent = [front * share for share in _PAD_SHARE]
        self._state: dict[str, Value] = dict(_DEFAULTS)
        self._pending: list[tuple[float, int, str, Value]] = []  # (due, seq, path, value) heap
        self._seq = 0
        self._published: dict[str, Any] = {}
        self._next_due: dict[str, float] = {}
        self.scenario = Scenario(self.cycle, seed, 0)
        self.surroundings = self._surroundings()
        self._apply_events(self.scenario.initial())
        self._left_to_driver: frozenset[str] = frozenset()

    def leave_to_driver(self, paths: Iterable[str]) -> None:
        """From now on the scenario no longer moves ``paths``: someone else drives them through
        requests (the kiosk tour scripts cruise control and the indicators). A lap still starts
        them where the scenario does."""
        self._left_to_driver = frozenset(paths)

    # ----- time -----------------------------------------------------------------------------------

    def advance(self, dt: float) -> list[tuple[str, Value]]:
        """Simulate ``dt`` more seconds; return what changed or is due for republishing."""
        if not dt >= 0.0:
            raise ValueError(f"cannot advance by {dt} s")
        end = self.time_s + dt
        while end - self.time_s > 1e-9:
            h = min(MAX_STEP_S, end - self.time_s)
            if not (self.charging or self.finished):
                h = min(h, self.cycle.duration - self.lap_time_s)
            self._step(h)
        # Requests take effect at the end of the advance in which they fall due, so that what they
        # set (a trip reset to 0 included) is exactly what gets published.
        self._apply_due_requests()
        return self._changes()

    def snapshot(self) -> list[tuple[str, Value]]:
        """Every value the car publishes, as it is now (for a fresh or restarted store)."""
        self._published.clear()
        return self._changes()

    @property
    def published_paths(self) -> frozenset[str]:
        return frozenset(self._published)

    def _step(self, h: float) -> None:
        if self.charging:
            self.ev.charge(h, CHARGE_POWER_W)
            if self.ev.soc_percent >= RECHARGE_TO_PERCENT:
                self.charging = False
                self._start_lap()
        elif self.finished:
            self.ev.step(h, 0.0)
        else:
            t0 = self.lap_time_s
            self.lap_time_s = t0 + h
            self.ev.step(h, self.surroundings.step(h, t0, self._driver()))
            self._apply_events(e for e in self.scenario.between(t0, self.lap_time_s)
                               if e.path not in self._left_to_driver)
            if self.cycle.duration - self.lap_time_s <= 1e-9:
                self._end_lap()
        self._update_cabin(h)
        self._update_tires_and_pads(h)
        self.time_s += h

    def _end_lap(self) -> None:
        if not self.loop:
            self.finished = True
        elif self.ev.soc_percent < RECHARGE_BELOW_PERCENT:
            self.charging = True
        else:
            self._start_lap()

    def _start_lap(self) -> None:
        self.lap += 1
        self.lap_time_s = 0.0
        self.scenario = Scenario(self.cycle, self.seed, self.lap)
        self.surroundings = self._surroundings()
        self._apply_events(self.scenario.initial())

    def _surroundings(self) -> Surroundings:
        """This lap's traffic; on a route, the map's lanes and limits where the car is."""
        road = self.track.road_at if self.track is not None else None
        return Surroundings(self.cycle, self.seed, self.lap, road, events=self.traffic_events)

    def _driver(self) -> Driver:
        s = self._state
        indicator = next((side for side, path in _INDICATORS.items() if s[path]), "")
        return Driver(cruise=bool(s[_CRUISE_ENABLED] and s[_CRUISE_ACTIVE]),
                      set_speed_kmh=float(s.get(_CRUISE_SPEED, 0.0)), gap_bars=int(s[_GAP_BARS]),
                      indicator=indicator, lane_assist=bool(s[_LANE_ASSIST]))

    def _apply_events(self, events: Iterable[ScenarioEvent]) -> None:
        for e in events:
            self._state[e.path] = e.value

    def _update_cabin(self, h: float) -> None:
        if any(self._state[f] for f in _FANS):
            target = sum(float(self._state[s]) for s in _SETPOINTS) / len(_SETPOINTS)
            tau = _CABIN_HVAC_TIME_S
        else:
            target, tau = self.exterior_temp_c, _CABIN_SOAK_TIME_S
        self.cabin_temp_c += (target - self.cabin_temp_c) * (1.0 - math.exp(-h / tau))

    def _update_tires_and_pads(self, h: float) -> None:
        target = self.exterior_temp_c + _TIRE_WARM_K_PER_KMH * self.ev.speed_kmh
        k = 1.0 - math.exp(-h / _TIRE_TIME_S)
        self.tire_air_c = [t + (target - t) * k for t in self.tire_air_c]
        friction_mj = -self.ev.friction_brake_power_w * h / 1e6
        if friction_mj > 0.0:
            per_mj = 100.0 * PAD_WEAR_MM_PER_MJ["compact"] / (PAD_NEW_MM - PAD_REPLACE_MM)
            self.pad_wear_percent = [min(w + per_mj * share * friction_mj, 100.0)
                                     for w, share in zip(self.pad_wear_percent, _PAD_SHARE, strict=True)]

    # ----- actuator requests --------------------------------------------------------------------

    def request(self, path: str, value: Value) -> bool:
        """Take an actuator target; the new value is reported after the actuator's delay.

        Returns False for a request the car does not act on (the store then rolls it back).
        """
        delay = ACTUATOR_DELAYS_S.get(path)
        if delay is None or not self._accepts(path, value):
            return False
        heapq.heappush(self._pending, (self.time_s + delay, self._seq, path, value))
        self._seq += 1
        return True

    def _accepts(self, path: str, value: Value) -> bool:
        if path == _TRIP_METER:
            return value == 0
        cruise_on = bool(self._state[_CRUISE_ENABLED]) and self.ev.speed_kmh >= CRUISE_MIN_ENGAGE_KMH
        if path == _CRUISE_SPEED:
            return cruise_on
        if path == _CRUISE_ACTIVE and value:
            return cruise_on
        return True

    def _apply_due_requests(self) -> None:
        while self._pending and self._pending[0][0] <= self.time_s + 1e-9:
            _, _, path, value = heapq.heappop(self._pending)
            if path == _TRIP_METER:
                self.ev.reset_trip()
                continue
            self._state[path] = value
            if path == _CRUISE_ENABLED and not value:
                self._state[_CRUISE_ACTIVE] = False

    # ----- publishing -----------------------------------------------------------------------------

    def values(self) -> dict[str, Value]:
        """Every signal's current value, typed as the catalogue wants it."""
        ev = self.ev
        capacity_kwh = round(ev.params.battery_capacity_wh / 1000)
        consumption = ev.trip_consumption_wh_per_km
        consumption = max(-_CONSUMPTION_LIMIT_WH_PER_KM, min(consumption, _CONSUMPTION_LIMIT_WH_PER_KM))
        values: dict[str, Value] = {
            "Vehicle.Speed": round(ev.speed_kmh, 2),
            "Vehicle.Powertrain.ElectricMotor.Speed": round(ev.motor_rpm, 1),
            "Vehicle.Powertrain.ElectricMotor.Power": round(ev.motor_power_w / 1000),
            # VSS counts battery power positive into the battery: the model's sign flipped
            "Vehicle.Powertrain.TractionBattery.CurrentPower": round(-ev.battery_power_w, 1),
            "Vehicle.Powertrain.TractionBattery.CurrentVoltage": round(ev.pack_voltage_v, 1),
            "Vehicle.Powertrain.TractionBattery.CurrentCurrent": round(-ev.pack_current_a, 1),  # VSS: + into it
            "Vehicle.Chassis.Brake.PedalPosition": round(ev.brake_pedal_percent),
            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": round(ev.soc_percent, 2),
            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": float(round(ev.soc_percent)),
            "Vehicle.Powertrain.TractionBattery.Range": round(ev.range_m),
            "Vehicle.Powertrain.Range": round(ev.range_m),
            "Vehicle.Powertrain.TractionBattery.NetCapacity": capacity_kwh,
            "Vehicle.Powertrain.TractionBattery.Charging.IsCharging": self.charging,
            "Vehicle.Powertrain.TractionBattery.Temperature.Average": round(ev.battery_temp_c, 1),
            "Vehicle.TraveledDistance": int(ev.odometer_m),
            _TRIP_METER: int(ev.trip_m),
            "Vehicle.AverageSpeed": round(ev.trip_average_speed_kmh, 1),
            "Vehicle.Acceleration.Longitudinal": round(ev.acceleration_ms2, 2),
            "Vehicle.Exterior.AirTemperature": self.exterior_temp_c,
            "Vehicle.Cabin.HVAC.AmbientAirTemperature": round(self.cabin_temp_c, 1),
            "Cockpit.Trip.Energy": round(ev.trip_energy_wh / 1000, 3),
            "Cockpit.Trip.AverageConsumption": round(consumption, 1),
        }
        for wheel, air_c, wear in zip(_WHEEL_PATHS, self.tire_air_c, self.pad_wear_percent, strict=True):
            values[f"{wheel}.Tire.AirTemperature"] = round(air_c, 1)
            values[f"{wheel}.Brake.PadWear"] = int(wear)  # 0 new ... 100 worn: a whole percent shown as reached
        if self.track is not None:
            lat, lon, heading = self.track.locate(ev.odometer_m - self._route_start_m)
            values[_LATITUDE], values[_LONGITUDE] = round(lat, 7), round(lon, 7)
            values[_HEADING] = round(heading, 1)
        values.update(self.surroundings.values(self.lap_time_s))
        values.update(self._state)
        return values

    def _changes(self) -> list[tuple[str, Value]]:
        out = []
        for path, value in self.values().items():
            spec = self.catalogue.get(path)
            if spec is None:  # a trimmed catalogue: publish only what it knows
                continue
            continuous = spec.change is ChangeMode.CONTINUOUS and spec.period_s
            due = continuous and self.time_s >= self._next_due.get(path, 0.0) - 1e-9
            if due or self._published.get(path, _NEVER) != value:
                out.append((path, value))
                self._published[path] = value
                if continuous:
                    self._next_due[path] = self.time_s + spec.period_s * self.publish_scale
        return out
