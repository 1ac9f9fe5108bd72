"""The daily health journal: real SQLite in a temporary folder, filled by the aging car."""

import dataclasses
import json
import sqlite3
import struct

import numpy as np
import pytest

from cockpit.health import journal as journal_module
from cockpit.health.journal import DB_NAME, MAX_DAYS, Journal, JournalError
from cockpit.health.report import report
from cockpit.sim.aging import Car


@pytest.fixture(scope="module")
def aged():
    return Car(11).age(90)[0]


def on_disk(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(DB_NAME) and p.is_file())


def test_the_models_read_the_same_from_the_journal_as_from_the_car(tmp_path, aged):
    j = Journal(tmp_path)
    assert j.observations() is None and j.days() == 0
    assert j.write(aged) == 90 + len(aged.tire_time_days)
    back = j.observations()
    assert j.days() == 90
    assert back.car_type == aged.car_type
    for f in dataclasses.fields(aged)[1:]:
        assert np.array_equal(getattr(back, f.name), getattr(aged, f.name), equal_nan=True), f.name
    assert json.dumps(report(back)) == json.dumps(report(aged))
    assert oct(j.path.stat().st_mode & 0o777) == "0o600"


def test_a_day_written_again_is_replaced_and_constants_kept_unless_known(tmp_path, aged):
    j = Journal(tmp_path)
    j.write(aged)
    one = dataclasses.replace(aged, car_type="", nominal_capacity_ah=float("nan"), pad_mm_at_service=4.0,
                              day=aged.day[-1:], **{f: getattr(aged, f)[-1:] + 1 for f in (
                                  "soc_morning", "soc_evening", "drive_ah", "charge_ah", "lv_rest_v",
                                  "friction_mj", "distance_km")},
                              tire_time_days=aged.tire_time_days[:0], tire_kpa=aged.tire_kpa[:0],
                              tire_temp_c=aged.tire_temp_c[:0], ambient_c=aged.ambient_c[:0])
    j.write(one, keep_constants=True)
    back = j.observations()
    assert j.days() == 90 and back.distance_km[-1] == aged.distance_km[-1] + 1
    assert back.car_type == aged.car_type and back.nominal_capacity_ah == aged.nominal_capacity_ah
    assert back.pad_mm_at_service == aged.pad_mm_at_service  # kept: one was there
    j.write(one)
    assert j.observations().pad_mm_at_service == 4.0  # replaced
    assert j.observations().car_type == aged.car_type  # unknown ones never erase what is kept


def test_it_keeps_five_years_at_most(tmp_path):
    obs = Car(2).age(MAX_DAYS + 20)[0]
    j = Journal(tmp_path)
    j.write(obs)
    back = j.observations()
    assert j.days() == MAX_DAYS and back.day[0] == 20 and back.day[-1] == MAX_DAYS + 19
    assert back.tire_time_days.min() >= 20


def test_tire_readings_are_capped_too(tmp_path, aged, monkeypatch):
    monkeypatch.setattr(journal_module, "MAX_TIRE_READINGS", 10)  # a reading every few minutes would reach it
    j = Journal(tmp_path)
    j.write(aged)
    assert list(j.observations().tire_time_days) == list(aged.tire_time_days[-10:])


@pytest.mark.parametrize("change, message", [
    ({"day": np.array([1, 1])}, "given twice"),
    ({"day": np.array([0.5])}, "whole day numbers"),
    ({"soc_morning": np.zeros(3)}, "soc_morning has shape"),
    ({"tire_kpa": np.zeros((1, 3))}, "tire_kpa has shape"),
    ({"tire_time_days": np.array([np.inf])}, "finite times"),
    ({"drive_ah": "lots"}, "not an array of numbers"),
    ({"car_type": "x" * 100}, "not a short name"),
])
def test_observations_that_do_not_fit_are_refused_whole(tmp_path, aged, change, message):
    j = Journal(tmp_path)
    small = Car(3).age(1)[0]
    with pytest.raises(JournalError, match=message):
        j.write(dataclasses.replace(small, **change))
    assert j.days() == 0


def test_erase_removes_the_values_from_the_disk(tmp_path, aged):
    j = Journal(tmp_path)
    j.write(aged)
    needle = struct.pack(">d", float(aged.lv_rest_v[5]))  # SQLite stores reals big-endian
    assert needle in on_disk(tmp_path)
    rows = list(j.export())
    assert {r["table"] for r in rows} == {"car", "days", "tires"} and all(r["category"] == "vehicle-health"
                                                                           for r in rows)
    assert j.erase() == len(rows)
    assert needle not in on_disk(tmp_path)
    assert j.observations() is None and list(j.export()) == []


def test_a_damaged_file_is_moved_aside_and_a_new_journal_starts(tmp_path, aged):
    (tmp_path / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    j = Journal(tmp_path)
    assert j.problems and "kept aside" in j.problems[0]
    assert [p.name.startswith(f"{DB_NAME}.corrupt-") for p in j.recovery_files()] == [True]
    j.write(aged)
    assert j.days() == 90


def test_a_value_edited_into_text_reads_as_unknown(tmp_path, aged):
    j = Journal(tmp_path)
    j.write(aged)
    with sqlite3.connect(j.path) as c:
        c.execute("UPDATE days SET lv_rest_v = 'twelve' WHERE day = 3")
        c.execute("UPDATE car SET car_type = ?", ("x" * 10_000,))
    back = j.observations()
    assert np.isnan(back.lv_rest_v[3]) and back.lv_rest_v[4] == aged.lv_rest_v[4]
    assert back.car_type == ""
    report(back)  # the models cope


def test_another_database_in_its_place_is_not_taken_for_a_journal(tmp_path):
    with sqlite3.connect(tmp_path / DB_NAME) as c:
        c.execute("CREATE TABLE other (x)")
    j = Journal(tmp_path)
    assert "not a health journal" in j.problems[0] and j.days() == 0
