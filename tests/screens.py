"""Helpers for tests that render screens: a hand-filled cockpit and pixel counting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QImage

from cockpit.app import Cockpit, render
from cockpit.vehicle.store import SignalStore

# A plausible driving state, in VSS units.
DRIVING = {
    "Vehicle.Speed": 0.0,
    "Vehicle.Powertrain.ElectricMotor.Power": 25,
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 72.0,
    "Vehicle.Powertrain.Range": 312_000,
    "Vehicle.Powertrain.Transmission.SelectedGear": 127,
    "Vehicle.TraveledDistance": 12_345_000,
    "Vehicle.TripMeterReading": 23_400,
    "Vehicle.Exterior.AirTemperature": 12.5,
    "Vehicle.Cabin.HVAC.AmbientAirTemperature": 21.0,
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature": 21.5,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature": 22.0,
    "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed": 43,
    "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed": 43,
    "Vehicle.Cabin.HVAC.IsAirConditioningActive": True,
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted": True,
    "Vehicle.Body.Lights.Beam.Low.IsOn": True,
    "Vehicle.LowVoltageBattery.CurrentVoltage": 12.6,
    **{f"Vehicle.Chassis.Axle.Row{r}.Wheel.{s}.Tire.Pressure": 250 for r in (1, 2) for s in ("Left", "Right")},
    **{f"Vehicle.Chassis.Axle.Row{r}.Wheel.{s}.Tire.IsPressureLow": False for r in (1, 2) for s in ("Left", "Right")},
}


def cockpit_with(values: dict, theme: str = "dark", clock: Callable[[], float] = lambda: 0.0) -> Cockpit:
    """A Cockpit showing ``values``; its vehicle clock stands still (a still picture: nothing ages,
    nothing flashes) unless ``clock`` is one a test steps."""
    cockpit = Cockpit(theme=theme, signals=SignalStore(clock=clock))
    for path, value in values.items():
        assert cockpit.signals.update(path, value), f"rejected {path}={value!r}"
    cockpit.bridge.flush()
    return cockpit


def shot(cockpit: Cockpit, view: str) -> QImage:
    return render(cockpit, view).convertToFormat(QImage.Format.Format_ARGB32)


def pixels(image: QImage) -> list[int]:
    """Every pixel as 0xAARRGGBB."""
    return memoryview(image.constBits()).cast("I").tolist()


def count_colour(image: QImage, hex_colour: str) -> int:
    """Pixels painted exactly in a token colour ('#rrggbb'), e.g. a telltale's fill."""
    return pixels(image).count(0xFF000000 | int(hex_colour.lstrip("#")[:6], 16))


def differing(a: QImage, b: QImage) -> int:
    return sum(x != y for x, y in zip(pixels(a), pixels(b), strict=True))


def guided(track, theme: str, seconds: float = 60.0) -> Cockpit:  # noqa: ANN001
    """A cockpit whose simulated car drives ``track`` (a RouteTrack) ``seconds`` in, guided to Unioninkatu,
    its end on the Helsinki map."""
    from cockpit.gallery import load_map
    from cockpit.sources.simulator import SimulatorSource

    source = SimulatorSource(cycle=track, seed=3)
    signals = SignalStore(clock=lambda: source.sim.time_s)
    source.attach(signals)
    car = Cockpit(theme=theme, signals=signals)
    load_map(car)
    car.bridge.flush()
    assert car.navigation.go("Unioninkatu") == ""
    source.run_for(signals, seconds)
    car.bridge.flush()
    return car
