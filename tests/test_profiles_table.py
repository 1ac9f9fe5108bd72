"""The one table of what a profile sets on the car (cockpit/profiles/apply.py): every row drives a
real actuator with a value the car accepts, and writing the car's value back gives the profile."""

import copy

from cockpit.profiles.apply import BINDINGS, BY_PATH, COMFORT, HARDWARE
from cockpit.profiles.schema import default_profile, validate
from cockpit.vehicle.catalogue import Kind, default_catalogue

CATALOGUE = default_catalogue()


def test_every_row_drives_an_actuator_of_the_catalogue_with_a_value_it_accepts():
    doc = default_profile("Ana")
    assert len(BY_PATH) == len(BINDINGS)  # one row per actuator
    for b in BINDINGS:
        spec = CATALOGUE[b.path]
        assert spec.kind is Kind.ACTUATOR, b.path
        assert spec.check(b.get(doc)) is None, (b.path, b.get(doc))
    assert set(HARDWARE) | set(COMFORT) == set(BINDINGS)
    assert {b.label for b in HARDWARE} == {"Seat", "Mirrors", "Steering wheel"}


def test_what_the_car_reports_is_written_back_and_read_again_the_same():
    doc = default_profile("Ana")
    doc["climate"]["driver"].update(temperature=23.5, fanSpeed=71, seatHeating=67)
    doc["display"]["pressureUnit"] = "BAR"
    doc = validate(doc)  # every value on the car's steps: reading it out and back changes nothing
    for b in BINDINGS:
        copy_ = copy.deepcopy(doc)
        b.put(copy_, b.get(doc))
        assert copy_ == doc, b.path


def test_a_value_off_the_cars_step_becomes_the_nearest_it_takes():
    doc = default_profile("Ana")
    doc["climate"]["passenger"].update(temperature=21.2, fanSpeed=50, seatHeating=10)
    assert BY_PATH["Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature"].get(doc) == 21.0
    assert BY_PATH["Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed"].get(doc) == 57  # level 4 of 7
    assert BY_PATH["Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling"].get(doc) == 0
    cooled = copy.deepcopy(doc)
    BY_PATH["Vehicle.Chassis.SteeringWheel.HeatingCooling"].put(cooled, -50)  # the car cools: not remembered
    assert cooled["climate"]["steeringWheelHeating"] == 0
