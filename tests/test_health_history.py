"""The signal history on the car: real SQLite in a temporary folder, a real SignalStore fed by the
simulator, time stepped by hand (the history's clock and the store's clock follow the simulation)."""

import csv
import functools
import io
import json
import logging
import math
import shutil
import sqlite3
import struct
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.health.history import (
    CATEGORIES,
    DAY,
    DB_NAME,
    SIGNALS,
    Category,
    History,
    HistoryError,
)
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

from .conftest import DATA

T0 = 1_800_000_000.0  # 2027-01-15 08:00 UTC: the simulated drive's start
SPEED = "Vehicle.Speed"
PRESSURE = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure"
VOLTAGE = "Vehicle.LowVoltageBattery.CurrentVoltage"
LAT = "Vehicle.CurrentLocation.Latitude"
LON = "Vehicle.CurrentLocation.Longitude"


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def history(tmp_path, clock):
    made = []

    def make(**kw):
        kw.setdefault("clock", clock)
        kw.setdefault("maintain_every_s", 0)  # the tests call maintain() unless they test the schedule
        made.append(History(tmp_path, **kw))
        return made[-1]

    yield make
    for h in made:
        h.close()


def on_disk(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(DB_NAME) and p.is_file())


def test_records_a_simulated_drive_from_a_live_store(history):
    sim = SimulatorSource(seed=3)
    store = SignalStore(clock=lambda: sim.sim.time_s)
    h = history(clock=lambda: T0 + sim.sim.time_s)
    recorded = h.attach(store)
    assert SPEED in recorded and PRESSURE in recorded
    assert set(recorded) == {p for p in SIGNALS if p in store.catalogue}  # the rest wait for a source
    sim.run_for(store, 120.0)
    h.flush()
    s = h.series(SPEED, resolution="raw")
    assert len(s.t) >= 1100  # 10 Hz for two minutes
    assert s.t[0] >= T0 and s.t[-1] == pytest.approx(T0 + 120.0)
    assert np.all(np.diff(s.t) >= 0)
    assert s.mean[-1] == pytest.approx(store.value(SPEED))
    assert s.max.max() > 10  # it drove
    p = h.series(PRESSURE)
    assert 20 <= len(p.t) <= 30 and p.mean[-1] == store.value(PRESSURE)  # every 5 s
    assert h.dropped == 0 and h.skipped == 0
    minutes = h.series(SPEED, resolution="minute")
    assert list(minutes.t) == [T0, T0 + 60, T0 + 120]
    assert minutes.count.sum() == (s.count == 1).sum()
    assert minutes.mean[0] == pytest.approx(np.nanmean(s.mean[s.t < T0 + 60]))

    h.detach()
    n = h.written + h.queued
    sim.run_for(store, 10.0)
    h.flush()
    assert h.written == n  # detached: nothing more


def test_a_value_that_is_not_available_is_a_gap_never_a_number(history, clock):
    store = SignalStore(clock=lambda: clock.t - T0)
    h = history()
    h.attach(store)
    store.update(VOLTAGE, 12.6)
    clock.t += 1
    store.update(VOLTAGE, 12.5)
    clock.t += 10  # silent: the store calls it stale
    store.sweep()
    clock.t += 1
    store.update(VOLTAGE, 12.4)
    clock.t += 1
    store.mark_unavailable([VOLTAGE])
    h.flush()
    s = h.series(VOLTAGE, resolution="raw")
    assert list(s.count) == [1, 1, 0, 1, 0]
    assert np.isnan(s.mean[2]) and np.isnan(s.mean[4])
    m = h.series(VOLTAGE, resolution="minute")
    assert list(m.count) == [3] and m.mean[0] == pytest.approx(12.5)
    assert (m.min[0], m.max[0]) == (pytest.approx(12.4), pytest.approx(12.6))


def test_downsampling_with_age_then_retention_per_category(history, clock):
    h = history()
    # one sample a second for 10 minutes, of a health and a driving signal
    for i in range(600):
        clock.t = T0 + i
        h.record(PRESSURE, 250 - i // 60)  # 250, 249, ... one kPa a minute
        h.record(SPEED, float(i % 60))
    h.flush()
    assert len(h.series(PRESSURE, resolution="raw").t) == 600

    clock.t = T0 + 0.5 * DAY
    assert h.maintain().rolled_raw == 0  # younger than a day: kept raw

    clock.t = T0 + 2 * DAY
    done = h.maintain()
    assert done.rolled_raw == 1200 and done.expired == 0
    assert len(h.series(PRESSURE, resolution="raw").t) == 0
    m = h.series(PRESSURE)  # as stored: minute aggregates
    assert list(m.t) == [T0 + 60 * k for k in range(10)]
    assert list(m.mean) == [250 - k for k in range(10)] and list(m.count) == [60] * 10
    sp = h.series(SPEED)
    assert list(sp.min) == [0] * 10 and list(sp.max) == [59] * 10 and sp.mean[0] == pytest.approx(29.5)

    clock.t = T0 + 40 * DAY
    done = h.maintain()
    assert done.rolled_minutes == 20
    hour = h.series(PRESSURE)
    assert list(hour.t) == [T0] and list(hour.count) == [600]
    assert hour.mean[0] == pytest.approx(245.5) and (hour.min[0], hour.max[0]) == (241, 250)

    clock.t = T0 + 91 * DAY  # past driving's 90 days, not vehicle health's two years
    assert h.maintain().expired == 1
    assert len(h.series(SPEED).t) == 0 and len(h.series(PRESSURE).t) == 1
    clock.t = T0 + 731 * DAY
    h.maintain()
    assert all(c.rows == 0 for c in h.categories())


def test_the_writer_maintains_on_its_own_as_time_passes(history, clock):
    h = history(maintain_every_s=3600)
    h.record(PRESSURE, 250)
    h.flush()  # the first batch: maintenance runs at start
    assert h.last_maintenance is not None and h.last_maintenance.rolled_raw == 0
    clock.t += 2 * DAY
    h.record(PRESSURE, 249)
    h.flush()  # a day later the writer rolled the first sample into a minute
    assert h.last_maintenance.rolled_raw == 1
    s = h.series(PRESSURE)
    assert list(s.count) == [1, 1] and list(s.mean) == [250, 249]


def test_a_category_over_its_row_cap_loses_its_oldest_rows_first(history, clock):
    cats = {**CATEGORIES, "driving": Category("driving", "test", retention_days=90, max_rows=100)}
    h = history(categories=cats)
    for i in range(250):
        clock.t = T0 + i
        h.record(SPEED, float(i))
        h.record(PRESSURE, 250)
    h.flush()
    done = h.maintain()
    assert done.capped == 150
    s = h.series(SPEED)
    assert list(s.mean) == [float(i) for i in range(150, 250)]
    assert len(h.series(PRESSURE).t) == 250  # another category's rows are not touched
    info = {c.name: c for c in h.categories()}
    assert info["driving"].rows == 100 and info["driving"].oldest == T0 + 150
    assert info["driving"].bytes > 0 and info["location"].bytes == 0
    with sqlite3.connect(h.path) as db:
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)  # freed pages go back: the file shrinks


def test_location_is_not_recorded_unless_the_driver_agreed(history, clock):
    store = SignalStore(clock=lambda: clock.t - T0)
    h = history()
    h.attach(store)
    assert not h.recording("location")
    store.update_many([(LAT, 60.1699), (LON, 24.9384), (SPEED, 50.0)])
    assert h.record(LAT, 60.17) is False
    h.flush()
    assert len(h.series(LAT).t) == 0 and len(h.series(SPEED).t) == 1
    assert next(c for c in h.categories() if c.name == "location").rows == 0

    h.set_consent("location", True)
    clock.t += 1
    store.update_many([(LAT, 60.1700), (LON, 24.9385)])
    h.flush()
    assert list(h.series(LAT).mean) == [60.17]
    info = next(c for c in h.categories() if c.name == "location")
    assert info.recording and info.needs_consent and info.rows == 2

    h.set_consent("location", False)  # withdrawn: stops at once
    clock.t += 1
    store.update_many([(LAT, 60.1701), (LON, 24.9386)])
    h.flush()
    assert list(h.series(LAT).mean) == [60.17]


def test_erase_removes_the_values_from_the_file(history, tmp_path, clock):
    h = history(consent=["location"])
    secret = 60.123456789012
    for i in range(500):
        clock.t = T0 + i
        h.record(LAT, secret + i * 1e-9)
        h.record(VOLTAGE, 12.345678901 + i * 1e-9)
    h.flush()
    clock.t = T0 + 3 * DAY
    h.maintain()  # some of it aggregated too
    for _ in range(100):
        clock.t += 1
        h.record(LAT, secret)
    h.flush()
    assert struct.pack(">d", secret) in on_disk(tmp_path)  # SQLite keeps REALs as big-endian doubles

    assert h.erase("location") == 100 + 9  # raw rows + the minute buckets of the first 500 s
    assert list(h.export("location")) == [] and len(h.series(LAT).t) == 0
    assert len(h.series(VOLTAGE).t) == 9  # the other categories stay
    h.close()
    data = on_disk(tmp_path)
    assert struct.pack(">d", secret) not in data
    assert not any(struct.pack(">d", secret + i * 1e-9) in data for i in range(0, 500, 7))


def test_export_round_trip_as_json_and_csv(history, clock):
    h = history()
    for i in range(200):
        clock.t = T0 + 30 * i
        h.record(PRESSURE, 250 - i * 0.01)
        h.record(VOLTAGE, None if i == 100 else 12.6)
    h.flush()
    clock.t = T0 + 30 * 200 + 0.5 * DAY + 3600
    h.maintain()  # nothing to roll: all younger than a day ...
    clock.t = T0 + 1.02 * DAY
    h.maintain()  # ... now the first ~half hour is older than a day
    rows = list(h.export("vehicle-health"))
    assert {r["resolution"] for r in rows} == {"raw", "minute"}
    back = json.loads(json.dumps(rows))
    assert back == rows
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    parsed = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(parsed) == len(rows)
    for path in (PRESSURE, VOLTAGE):
        s = h.series(path)
        mine = [r for r in parsed if r["path"] == path]
        assert [float(r["t"]) for r in mine] == list(s.t)
        assert [float(r["mean"]) if r["mean"] else math.nan for r in mine] == pytest.approx(list(s.mean), nan_ok=True)
        assert [int(r["count"]) for r in mine] == list(s.count)
    assert all(r["time"].endswith("+00:00") for r in rows)


def test_a_corrupt_database_is_moved_aside_and_a_new_one_started(history, tmp_path, caplog):
    garbage = b"this is not SQLite at all" * 400
    (tmp_path / DB_NAME).write_bytes(garbage)
    with caplog.at_level(logging.ERROR, "cockpit.health.history"):
        h = history()
    assert h.available and len(h.problems) == 1
    assert "not a readable SQLite database" in h.problems[0] and "kept aside as history.db.corrupt-" in h.problems[0]
    assert "kept aside" in caplog.text
    aside = list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert h.recovery_files() == aside  # the privacy center can show and delete it
    assert h.record(PRESSURE, 250)
    h.flush()
    assert len(h.series(PRESSURE).t) == 1


def test_a_database_of_something_else_is_moved_aside(history, tmp_path):
    other = sqlite3.connect(tmp_path / DB_NAME)
    other.execute("CREATE TABLE songs (title TEXT)")
    other.commit()
    other.close()
    h = history()
    assert h.available and "not a signal history" in h.problems[0]
    assert len(list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))) == 1


def test_without_a_usable_folder_the_car_runs_without_history(tmp_path, clock):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    h = History(blocker, clock=clock)
    try:
        assert not h.available and "the car runs without it" in h.problems[0]
        assert h.record(PRESSURE, 250) is False  # no exception: the car keeps running
        store = SignalStore()
        h.attach(store)
        store.update(PRESSURE, 250)
        with pytest.raises(HistoryError, match="unavailable"):
            h.series(PRESSURE)
    finally:
        h.close()


def test_a_path_not_in_the_table_is_refused_with_a_clear_error(history):
    h = history()
    with pytest.raises(HistoryError, match=r"'Vehicle.Cabin.Infotainment.Media.Volume' is not in the history's table"):
        h.record("Vehicle.Cabin.Infotainment.Media.Volume", 30)
    with pytest.raises(HistoryError, match="not in the history's table"):
        h.series("Vehicle.Nope")
    with pytest.raises(HistoryError, match="resolution 'daily' is not one of"):
        h.series(SPEED, resolution="daily")
    with pytest.raises(HistoryError, match="'voice' is not a history category"):
        h.erase("voice")
    with pytest.raises(HistoryError, match="'voice' is not a history category"):
        h.set_consent("voice", True)
    with pytest.raises(HistoryError, match="categories that do not exist: media"):
        History(h.folder, signals={"Vehicle.Speed": "media"})
    assert h.record(SPEED, "fast") is False and h.skipped == 1  # not a number: counted, not stored
    assert h.record(SPEED, math.inf) is False and h.record(SPEED, 10**400) is False and h.skipped == 3


def test_the_writer_never_blocks_the_caller_and_the_queue_stays_bounded(history, tmp_path):
    h = history(queue_max=1000, flush_interval_s=0.01)
    h.flush()
    blocker = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the disk is "stuck": the writer waits for this lock
    total = 20_000
    peak = []

    def produce():
        for i in range(total):
            h.record(SPEED, float(i % 250), t=T0 + i)
            if i % 1000 == 999:
                peak.append(h.queued)

    caller = threading.Thread(target=produce)
    caller.start()
    caller.join(30)
    try:
        assert not caller.is_alive()  # every record() returned while the writer was stuck
        assert max(peak) <= 1000
        assert h.dropped >= total - 2000  # at most one batch in the writer's hands, one queue-full waiting
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    h.flush()
    assert h.written + h.dropped == total and h.queued == 0
    s = h.series(SPEED, resolution="raw")
    assert len(s.t) == h.written
    assert list(s.t[-1000:]) == [T0 + i for i in range(total - 1000, total)]  # the newest kept, the oldest dropped


def test_close_writes_what_is_queued(tmp_path, clock):
    h = History(tmp_path, clock=clock, flush_interval_s=3600, batch_rows=10_000)
    for i in range(300):
        h.record(VOLTAGE, 12.0 + i / 1000, t=T0 + i)
    h.close()
    with pytest.raises(HistoryError, match="closed"):
        h.flush()
    again = History(tmp_path, clock=clock)
    try:
        s = again.series(VOLTAGE)
        assert len(s.t) == 300 and s.mean[-1] == pytest.approx(12.299)
        assert again.problems == []
    finally:
        again.close()


def test_the_table_names_numeric_vss_signals_in_known_categories():
    vss = json.loads((DATA / "vss-6.0.json").read_text())

    def leaf(path):
        node = {"children": vss}
        for part in path.split("."):
            node = node["children"][part]
        return node

    for path, category in SIGNALS.items():
        assert category in CATEGORIES
        assert leaf(path)["datatype"] in {"float", "double", "boolean", "uint8", "uint16", "uint32", "int8"}, path
    assert [c.name for c in CATEGORIES.values() if c.needs_consent] == ["location"]


@functools.cache
def a_history_file() -> bytes:
    """The bytes of a small real history (the WAL folded in)."""
    clock = Clock()
    folder = Path(tempfile.mkdtemp(prefix="cockpit-history-"))
    with History(folder, clock=clock, maintain_every_s=0) as h:
        for i in range(300):
            h.record(PRESSURE, 250 - i / 100, t=T0 + i)
            h.record(SPEED, float(i % 90), t=T0 + i)
        h.flush()
        clock.t = T0 + 2 * DAY
        h.maintain()
        for i in range(50):
            h.record(VOLTAGE, 12.5, t=T0 + 2 * DAY + i)
    data = (folder / DB_NAME).read_bytes()
    shutil.rmtree(folder)
    return data


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_damage_to_the_file_gives_a_clear_error_or_a_fresh_start(tmp_path_factory, data):
    """Bytes flipped, cut off or replaced: opening never raises, and the car records afterwards;
    reading what survived gives its values or a HistoryError, nothing else."""
    kind = data.draw(st.sampled_from(["flip", "cut", "noise"]))
    raw = bytearray(a_history_file())
    if kind == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, len(raw) - 1))] ^= data.draw(st.integers(1, 255))
    elif kind == "cut":
        raw = raw[:data.draw(st.integers(0, len(raw) - 1))]
    else:
        raw = raw[:100] + bytearray(data.draw(st.binary(min_size=0, max_size=3000)))
    folder = tmp_path_factory.mktemp("damaged")
    (folder / DB_NAME).write_bytes(bytes(raw))
    clock = Clock(T0 + 3 * DAY)
    h = History(folder, clock=clock, maintain_every_s=0)
    try:
        assert h.available
        for path in (PRESSURE, SPEED):
            try:
                h.series(path)
            except HistoryError as exc:
                assert str(h.path) in str(exc)
        assert h.record(VOLTAGE, 12.4)
        h.flush()
    finally:
        h.close()
