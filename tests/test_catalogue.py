"""The catalogue against the official COVESA VSS 6.0 catalogue."""

import json

import pytest

from cockpit.vehicle.catalogue import Catalogue, CatalogueError, ChangeMode, Kind, default_catalogue

from .conftest import DATA

VSS = json.loads((DATA / "vss-6.0.json").read_text())


def vss_node(path: str) -> dict | None:
    node = {"children": VSS}
    for part in path.split("."):
        node = node.get("children", {}).get(part)
        if node is None:
            return None
    return node


CATALOGUE = default_catalogue()
VSS_SPECS = [s for s in CATALOGUE if s.path.startswith("Vehicle.")]


def test_catalogue_is_large_enough_and_covers_the_hmi():
    assert len(VSS_SPECS) >= 60
    for needed in ["Vehicle.Speed", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
                   "Vehicle.Body.Lights.Hazard.IsSignaling", "Vehicle.LowVoltageBattery.CurrentVoltage",
                   "Vehicle.ADAS.CruiseControl.SpeedSet", "Vehicle.Cabin.Infotainment.HMI.DistanceUnit"]:
        assert needed in CATALOGUE


@pytest.mark.parametrize("spec", VSS_SPECS, ids=lambda s: s.path)
def test_every_path_datatype_unit_and_type_match_vss(spec):
    node = vss_node(spec.path)
    assert node is not None, f"{spec.path} is not in VSS 6.0"
    assert node["type"] == spec.kind.value
    assert node["datatype"] == spec.datatype
    assert node.get("unit") == spec.unit
    assert (tuple(node["allowed"]) if "allowed" in node else None) == spec.allowed
    # our bounds may narrow VSS's, never widen them
    if "min" in node:
        assert spec.min is not None and spec.min >= node["min"]
    if "max" in node:
        assert spec.max is not None and spec.max <= node["max"]


def test_extensions_live_outside_the_vehicle_tree():
    extensions = [s for s in CATALOGUE if not s.path.startswith("Vehicle.")]
    assert extensions and all(s.path.startswith("Cockpit.") for s in extensions)


def test_continuous_signals_have_a_period_and_others_do_not():
    for spec in CATALOGUE:
        if spec.change is ChangeMode.CONTINUOUS:
            assert spec.period_s and spec.stale_after_s >= 0.3
        else:
            assert spec.stale_after_s is None


def test_hvac_setpoints_are_quantised():
    spec = CATALOGUE["Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"]
    assert spec.kind is Kind.ACTUATOR
    assert spec.check(21.5) is None
    assert "multiple of 0.5" in spec.check(21.3)
    assert "above the maximum" in spec.check(28.5)


def test_a_broken_catalogue_names_the_signal(tmp_path):
    bad = tmp_path / "signals.toml"
    bad.write_text('[signals]\n"Vehicle.Speed" = ["sensor", "float64", "km/h", 0, 250, "continuous", 100]\n')
    with pytest.raises(CatalogueError, match="Vehicle.Speed.*unknown datatype"):
        Catalogue.load(bad)
