"""``cockpit health`` and ``cockpit sim age``, run in-process on a temporary data folder."""

import json

import pytest

from cockpit.cli import main
from cockpit.health.journal import DB_NAME, Journal


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "car"
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(folder))
    return folder


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_without_data_it_says_how_to_get_some_and_creates_nothing(data, capsys):
    code, out, _ = run(capsys, "health")
    assert code == 0 and out.strip() == "no health data yet (drive, or `cockpit sim age --days 60`)"
    code, out, _ = run(capsys, "health", "--json")
    assert code == 0 and json.loads(out)["predictions"] == [] and "cockpit sim age" in json.loads(out)["note"]
    assert not data.exists()


def test_an_aged_car_with_a_puncture_has_an_alarm_naming_the_tire(data, capsys):
    code, out, _ = run(capsys, "sim", "age", "--days", 60, "--seed", 4, "--fault", "puncture")
    assert code == 0 and "a puncture in the front right tire" in out and "front right now" in out
    truth_soh = float(out.split("battery ")[1].split(" % of new")[0])  # the simulator's truth, printed beside
    assert Journal(data).days() == 60
    code, out, _ = run(capsys, "health", "--json")
    r = json.loads(out)
    assert code == 0 and [a["subject"] for a in r["alarms"]] == ["front right tire"]
    soh = r["predictions"][0]
    assert soh["low"] - 1 <= truth_soh <= soh["high"] + 1
    code, text, _ = run(capsys, "health")
    assert text.startswith("ALARM  front right tire: ") and "traction battery: " in text


def test_a_healthy_car_raises_no_alarm_and_a_weak_12v_battery_does(data, capsys):
    assert run(capsys, "sim", "age", "--days", 60, "--seed", 4, "--fault", "none")[0] == 0
    r = json.loads(run(capsys, "health", "--json")[1])
    assert r["alarms"] == [] and len(r["predictions"]) == 7
    code, out, _ = run(capsys, "sim", "age", "--days", 60, "--seed", 4, "--fault", "weak-12v", "--car-type", "suv",
                       "--replace")
    assert code == 0 and "(suv)" in out and "weakening 12 V battery" in out
    r = json.loads(run(capsys, "health", "--json")[1])
    assert [a["subject"] for a in r["alarms"]] == ["12 V battery"]


def test_a_journal_with_days_is_replaced_only_when_asked(data, capsys):
    assert run(capsys, "sim", "age", "--days", 30)[0] == 0
    code, _, err = run(capsys, "sim", "age", "--days", 10)
    assert code == 2 and "already holds 30 days" in err and "--replace" in err
    assert Journal(data).days() == 30
    assert run(capsys, "sim", "age", "--days", 10, "--replace")[0] == 0
    assert Journal(data).days() == 10


@pytest.mark.parametrize("args", [
    ["sim", "age"],
    ["sim", "age", "--days", "0"],
    ["sim", "age", "--days", "3651"],
    ["sim", "age", "--days", "1e3"],
    ["sim", "age", "--days", "nan"],
    ["sim", "age", "--days", "5", "--seed", "-1"],
    ["sim", "age", "--days", "5", "--seed", str(2**40)],
    ["sim", "age", "--days", "5", "--fault", "flat"],
    ["sim", "age", "--days", "5", "--car-type", "truck"],
    ["sim"],
    ["health", "--days", "5"],
])
def test_bad_arguments_are_one_line_and_exit_2(data, capsys, args):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cockpit") and len(err.strip().splitlines()) == 1
    assert not data.exists()


def test_an_empty_data_folder_name_is_refused(data, capsys):
    for args in (["health"], ["sim", "age", "--days", "3"]):
        with pytest.raises(SystemExit) as e:
            main([*args, "--data-dir", ""])
        assert e.value.code == 2 and "empty path" in capsys.readouterr().err


def test_a_damaged_journal_is_said_and_set_aside(data, capsys):
    data.mkdir()
    (data / DB_NAME).write_bytes(b"not a database at all" * 100)
    code, out, err = run(capsys, "health")
    assert code == 0 and "no health data yet" in out and "kept aside" in err
    assert [p.name.startswith(f"{DB_NAME}.corrupt-") for p in data.iterdir() if "corrupt" in p.name] == [True]
