import pytest

from cockpit.vehicle import units
from cockpit.vehicle.units import DisplayUnits


@pytest.mark.parametrize(
    "fn, value, expected",
    [
        (units.kmh_to_mph, 100.0, 62.137),
        (units.km_to_mi, 1.609344, 1.0),
        (units.c_to_f, 0.0, 32.0),
        (units.c_to_f, 100.0, 212.0),
        (units.c_to_f, -40.0, -40.0),
        (units.kpa_to_psi, 250.0, 36.259),
    ],
)
def test_known_conversions(fn, value, expected):
    assert fn(value) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    "there, back",
    [(units.kmh_to_mph, units.mph_to_kmh), (units.km_to_mi, units.mi_to_km),
     (units.c_to_f, units.f_to_c), (units.kpa_to_psi, units.psi_to_kpa)],
)
def test_round_trips(there, back):
    for v in (-40.0, 0.0, 21.5, 250.0, 1234.5):
        assert back(there(v)) == pytest.approx(v)


def test_display_units_follow_the_profile():
    metric, imperial = DisplayUnits(), DisplayUnits("MILES", "F", "PSI")
    assert (metric.speed(100.0), metric.speed_unit()) == (100.0, "km/h")
    assert imperial.speed(100.0) == pytest.approx(62.137, abs=1e-3) and imperial.speed_unit() == "mph"
    assert imperial.temp(20.0) == pytest.approx(68.0) and imperial.temp_unit() == "°F"
    assert imperial.pressure_kpa(250.0) == pytest.approx(36.26, abs=0.01) and imperial.pressure_unit() == "psi"
    assert DisplayUnits(pressure="BAR").pressure_kpa(250.0) == pytest.approx(2.5)
