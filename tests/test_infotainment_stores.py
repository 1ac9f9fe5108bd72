"""The simulated media and phone stores, the voice assistant's actions carried out
through the stores, and the facts it may read about the car."""

from __future__ import annotations

import pytest

from cockpit.hmi.voice_actions import NO_PROFILES
from cockpit.hmi.voice_facts import VehicleFacts

SPEED = "Vehicle.Speed"
ODO = "Vehicle.TraveledDistance"
VOLUME = "Vehicle.Cabin.Infotainment.Media.Volume"
HVAC = "Vehicle.Cabin.HVAC."


def settle(car, sim, seconds: float = 1.0) -> None:
    sim.step(car.signals, seconds)
    car.bridge.flush()


# ----- media ------------------------------------------------------------------------------------------


def test_media_walks_the_playlist_and_plays_on_skip(car):
    media = car.media
    first = media.property("track")
    assert not media.property("playing")
    media.next()
    assert media.property("track") != first and media.property("playing")
    media.previous()
    assert media.property("track") == first
    media.previous()  # wraps around
    assert media.property("track") != first
    media.pause()
    assert not media.property("playing")
    media.togglePlay()
    assert media.property("playing")


def test_media_source_must_be_one_the_car_has(car):
    refused: list[str] = []
    car.media.failed.connect(refused.append)
    assert car.media.setSource("Radio") == ""
    assert car.media.property("sourceTitle") == "Radio"
    assert car.media.setSource("cassette") == refused[0] == "no media source called 'cassette'"
    assert car.media.property("source") == "radio"


def test_media_volume_is_a_vss_actuator(car, sim):
    volume = car.media.volume
    assert car.media.setVolume(55) == ""
    car.bridge.flush()
    assert volume.property("pending") and volume.property("target") == 55
    settle(car, sim)
    assert volume.property("value") == 55 and not volume.property("pending")
    assert car.signals.value(VOLUME) == 55


# ----- phone ------------------------------------------------------------------------------------------


def test_a_call_goes_idle_in_call_idle(car):
    phone = car.phone
    assert phone.call("anna") == ""
    assert phone.property("callState") == "inCall" and phone.property("contact") == "Anna"
    assert phone.call("Ben") == "already in a call"
    assert phone.hangUp() == ""
    assert phone.property("callState") == "idle" and phone.property("contact") == ""


def test_an_incoming_call_rings_until_answered(car):
    phone = car.phone
    refused: list[str] = []
    phone.failed.connect(refused.append)
    assert phone.answer() == "no call to answer"
    phone.ring("Carla")
    assert phone.property("callState") == "ringing" and phone.property("contact") == "Carla"
    phone.answer()
    assert phone.property("callState") == "inCall"
    assert phone.call("Nobody") == "no contact called 'Nobody'"
    assert refused == ["no call to answer", "no contact called 'Nobody'"]


# ----- voice actions through the stores -------------------------------------------------------------


@pytest.mark.parametrize("name, args, path, target", [
    ("climate.set_temperature", {"zone": "driver", "celsius": 23.5}, HVAC + "Station.Row1.Driver.Temperature", 23.5),
    ("climate.set_temperature", {"zone": "passenger", "celsius": 40}, HVAC + "Station.Row1.Passenger.Temperature",
     28.0),
    ("climate.set_fan", {"zone": "driver", "level": 7}, HVAC + "Station.Row1.Driver.FanSpeed", 100),
    ("climate.set_ac", {"on": False}, HVAC + "IsAirConditioningActive", False),
    ("climate.set_defrost", {"which": "rear", "on": True}, HVAC + "IsRearDefrosterActive", True),
    ("climate.set_seat_heat", {"zone": "passenger", "level": 3}, "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling",
     100),
    ("media.set_volume", {"percent": 20}, VOLUME, 20),
    ("settings.set_units", {"distance": "MILES"}, "Vehicle.Cabin.Infotainment.HMI.DistanceUnit", "MILES"),
    ("settings.set_units", {"temperature": "fahrenheit"}, "Vehicle.Cabin.Infotainment.HMI.TemperatureUnit", "F"),
    ("settings.set_brightness", {"percent": 35}, "Vehicle.Cabin.Infotainment.HMI.Brightness", 35.0),
])
def test_actions_become_actuator_requests(car, sim, name, args, path, target):
    assert car.voice_actions.run(name, args) == ""
    assert car.signals.get(path).target == target or car.signals.get(path).value == target
    settle(car, sim)
    assert car.signals.get(path).value == target


def test_both_zones_and_relative_temperatures(car, sim):
    assert car.voice_actions.run("climate.set_temperature", {"zone": "both", "celsius": 19}) == ""
    settle(car, sim)
    assert car.voice_actions.run("climate.adjust_temperature", {"zone": "passenger", "delta_c": 2}) == ""
    settle(car, sim)
    assert car.signals.value(HVAC + "Station.Row1.Driver.Temperature") == 19.0
    assert car.signals.value(HVAC + "Station.Row1.Passenger.Temperature") == 21.0


def test_relative_fan_volume_and_brightness_step_from_what_was_last_asked(car, sim):
    run = car.voice_actions.run
    fan = HVAC + "Station.Row1.Driver.FanSpeed"
    brightness = "Vehicle.Cabin.Infotainment.HMI.Brightness"
    assert run("climate.set_fan", {"zone": "both", "level": 3}) == "" and run("media.set_volume", {"percent": 30}) == ""
    assert run("settings.set_brightness", {"percent": 95}) == ""
    # before the car has confirmed: the steps go from the targets, as a second tap would
    assert run("climate.adjust_fan", {"zone": "both", "steps": 1}) == ""
    assert run("media.adjust_volume", {"step": 10}) == ""
    assert run("settings.adjust_brightness", {"step": 10}) == ""
    settle(car, sim)
    assert car.signals.value(fan) == round(4 * 100 / 7)
    assert car.signals.value(VOLUME) == 40
    assert car.signals.value(brightness) == 100.0  # not past the top
    for _ in range(9):  # "fan down" stops at 1: it is not "fan off"
        run("climate.adjust_fan", {"zone": "both", "steps": -1})
    run("media.adjust_volume", {"step": -10})
    settle(car, sim)
    assert car.signals.value(fan) == round(100 / 7) and car.signals.value(VOLUME) == 30


def test_media_navigation_and_phone_actions(car):
    run = car.voice_actions.run
    assert run("media.play", {}) == "" and car.media.property("playing")
    track = car.media.property("track")
    assert run("media.next", {}) == "" and car.media.property("track") != track
    assert run("media.previous", {}) == "" and car.media.property("track") == track
    assert run("media.pause", {}) == "" and not car.media.property("playing")
    assert run("media.set_source", {"source": "bluetooth"}) == "" and car.media.property("source") == "bluetooth"
    assert run("phone.call", {"contact": "Mum"}) == "" and car.phone.property("callState") == "inCall"
    assert run("phone.hang_up", {}) == "" and car.phone.property("callState") == "idle"
    car.phone.ring("David")
    assert run("phone.answer", {}) == "" and car.phone.property("callState") == "inCall"


def test_theme_by_name_and_unknown_themes_refused_without_a_banner(car):
    assert car.voice_actions.run("settings.set_theme", {"theme": "light"}) == ""
    assert car.settings.property("theme") == "light"
    assert car.voice_actions.run("settings.set_theme", {"theme": "disco"}) == "there is no theme called disco"
    assert car.settings.property("theme") == "light" and car.error_shown is None


def test_profiles_are_declined_until_the_application_provides_them(car):
    switched: list[str] = []
    car.voice_actions.switch_profile = None
    assert car.voice_actions.run("profile.switch", {"name": "Anna"}) == NO_PROFILES
    car.voice_actions.switch_profile = lambda name: switched.append(name) or ""
    assert car.voice_actions.run("profile.switch", {"name": "Anna"}) == ""
    assert switched == ["Anna"]


def test_malformed_and_unknown_actions_do_nothing(car):
    before = {p: r.target for p, r in car.signals.snapshot().items()}
    assert car.voice_actions.run("climate.set_temperature", {"zone": "driver"}) == "the request was incomplete"
    assert car.voice_actions.run("climate.set_fan", {"zone": "roof", "level": 3}) == "there is no zone called roof"
    assert car.voice_actions.run("car.self_destruct", {}) == "I can't do that yet"
    assert {p: r.target for p, r in car.signals.snapshot().items()} == before


# ----- what the assistant may read ------------------------------------------------------------------


def test_facts_are_in_vss_units_and_missing_ones_are_none(car, sim):
    from cockpit.gallery import load_map

    car.settings.setUnit("distanceUnit", "MILES")
    settle(car, sim, 0.1)
    load_map(car)
    assert car.navigation.go("Unioninkatu") == ""
    facts = VehicleFacts.snapshot(car.signals, car.navigation)
    assert facts.fact("range_km") == pytest.approx(car.signals.value("Vehicle.Powertrain.Range") / 1000)
    assert facts.fact("soc_percent") == car.signals.value("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
    assert set(facts.fact("tire_kpa")) == {"FL", "FR", "RL", "RR"}
    assert facts.fact("doors_locked") in (True, False)
    assert facts.fact("eta_min") == car.navigation.property("etaMinutes")
    assert facts.fact("units") == {"distance": "MILES", "temperature": "C", "pressure": "KPA"}
    assert facts.fact("no such fact") is None
    car.signals.mark_unavailable(["Vehicle.Exterior.AirTemperature"])
    assert VehicleFacts.snapshot(car.signals, car.navigation).fact("outside_c") is None
