"""Actuator limits are stated once, in the catalogue: the climate store, the profiles' check and the
kiosk's tour all follow it."""

import dataclasses

import pytest

from cockpit.hmi.climate_store import ClimateStore
from cockpit.profiles.schema import ProfileFormatError, default_profile, validate
from cockpit.vehicle.catalogue import SETPOINT, Catalogue, default_catalogue, setpoint_limits
from cockpit.vehicle.store import SignalStore


def _narrow(lo: float, hi: float, step: float) -> Catalogue:
    """The shipped catalogue with another setpoint range for every zone (another car's HVAC)."""
    specs = [dataclasses.replace(s, min=lo, max=hi, step=step) if s.path.endswith("Row1.Driver.Temperature")
             or s.path.endswith("Row1.Passenger.Temperature") else s for s in default_catalogue()]
    return Catalogue(specs)


def test_the_climate_store_clamps_to_and_shows_the_catalogues_range(qapp):
    signals = SignalStore(catalogue=_narrow(18.0, 26.0, 1.0))
    asked = []
    signals.on_request(lambda path, value: asked.append(value))
    climate = ClimateStore(signals)
    assert (climate.property("temperatureMin"), climate.property("temperatureMax")) == (18.0, 26.0)
    climate.setTemperature("driver", 30.0)
    climate.setTemperature("passenger", 21.4)
    assert asked == [26.0, 21.0]  # clamped to 26, and on this car's whole-degree step
    shipped = ClimateStore(SignalStore())
    assert (shipped.property("temperatureMin"), shipped.property("temperatureMax")) == (16.0, 28.0)


def test_profiles_and_tours_check_temperatures_against_the_catalogue(tmp_path):
    lo, hi, step = setpoint_limits()
    assert (lo, hi, step) == (default_catalogue()[SETPOINT].min, default_catalogue()[SETPOINT].max, 0.5)
    doc = default_profile("Ana")
    doc["climate"]["driver"]["temperature"] = hi + step
    with pytest.raises(ProfileFormatError, match=r"profile.climate.driver.temperature"):
        validate(doc)
    from cockpit.kiosk.tour import TourError, load_tour

    tour = tmp_path / "tour.yaml"
    tour.write_text('steps:\n  - {at: 0, caption: "Warm", climate: {zone: driver, temperature: 29}}\n')
    with pytest.raises(TourError, match=r"step 1: .climate.temperature.: 29.0 is above the maximum 28 \(°C: 16 to 28 "):
        load_tour(tour)
