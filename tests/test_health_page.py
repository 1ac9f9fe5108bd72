"""The Health page against simulated cars aged 60 days (cockpit.sim.aging): the trends it plots, the
predictions with their reasons, warning cards only in P, the empty state, the history read off the GUI
thread, display units, and the page left out of a car without a health source."""

import threading

import numpy as np
import pytest
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit
from cockpit.health import models
from cockpit.health.snapshot import MAX_POINTS, snapshot
from cockpit.hmi.health_store import NO_DATA
from cockpit.sim.aging import Car
from cockpit.vehicle.driving import GEAR, SPEED
from cockpit.vehicle.store import SignalStore

from .screens import DRIVING, shot
from .test_software_page import find, shift, tap

PARK, DRIVE = 126, 127
PUNCTURED = 27  # a slow puncture in the rear right tire from day 49: at day 60 it is 2 days from the warning
HEALTHY = 3  # no fault at all


@pytest.fixture(scope="module")
def punctured():
    return Car(PUNCTURED).age(60)[0]


@pytest.fixture
def car(qapp):
    """make(source, gear=PARK, speed=0.0): a Cockpit whose Health page reads ``source``."""
    made: list[Cockpit] = []

    def make(source, gear: int = PARK, speed: float = 0.0, **values) -> Cockpit:  # noqa: ANN001
        cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0), health=source)
        for path, value in {**DRIVING, GEAR: gear, SPEED: speed, **values}.items():
            assert cockpit.signals.update(path, value), path
        cockpit.bridge.flush()
        made.append(cockpit)
        return cockpit

    yield make
    for cockpit in made:
        cockpit.close()


def loaded(qtbot, store) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not store.property("busy") and store.property("state") != "Reading the car's history…",
                    timeout=10000)


def open_page(cockpit: Cockpit, qtbot):  # noqa: ANN001, ANN201
    window = cockpit.load("center")
    window.setProperty("page", "health")
    shot(cockpit, "center")  # the page opens: it asks for a read
    assert window.property("pageName") == "health"
    loaded(qtbot, cockpit.health)
    shot(cockpit, "center")
    return window


# ----- the trends ---------------------------------------------------------------------------------


def test_the_trends_plot_each_prediction_with_its_line_and_the_puncture_its_forecast(punctured):
    snap = snapshot(punctured)
    trends = {t.key: t for t in snap.trends}
    assert list(trends) == ["battery", "tire-0", "tire-1", "tire-2", "tire-3", "lv", "pads"]
    preds = {p["subject"]: p for p in snap.report["predictions"]}
    for t in trends.values():
        assert t.subject in preds and 2 <= len(t.x) <= MAX_POINTS and len(t.x) == len(t.y)
        assert t.threshold is not None and max(t.x) <= 0 < -min(t.x) <= 60
    assert trends["tire-3"].threshold == models.TIRE_WARNING_FRACTION * punctured.placard_kpa == 200.0
    # the tire's pressure is the one the leak model fits (brought to 20 degC): it ends where the model says
    tire = preds["rear right tire"]
    assert tire["alarm"] and abs(trends["tire-3"].y[-1] - tire["details"]["pressure_kpa"]) < 3
    assert np.std(np.diff(trends["tire-0"].y)) < np.std(np.diff(punctured.tire_kpa[:, 0]))  # no day-night swing
    # the forecast runs from now to the warning line, as many days on as the prediction says
    assert trends["tire-3"].forecast_x == [0.0, pytest.approx(tire["value"], abs=1e-3)]
    assert trends["tire-3"].forecast_y[-1] == 200.0
    assert trends["tire-0"].forecast_x == []  # a healthy tire's line is months away: no forecast
    battery = trends["battery"]
    assert len(battery.low) == len(battery.high) == len(battery.x)
    assert all(lo <= v <= hi for lo, v, hi in zip(battery.low, battery.y, battery.high, strict=True))
    # the last window holds all 60 days: the same estimate as the prediction
    assert battery.y[-1] == pytest.approx(preds["traction battery"]["value"], abs=0.01)


def test_a_long_history_is_downsampled():
    snap = snapshot(Car(PUNCTURED).age(400)[0])
    assert snap.days == 400
    assert all(len(t.x) <= MAX_POINTS for t in snap.trends)
    assert min(min(t.x) for t in snap.trends) < -390


def test_a_malformed_history_leaves_its_trend_out_not_the_rest(punctured):
    broken = {f: getattr(punctured, f) for f in punctured.__dataclass_fields__} | {"tire_kpa": "not numbers"}
    snap = snapshot(broken)
    assert [t.key for t in snap.trends] == ["battery", "lv", "pads"]
    assert len(snap.report["predictions"]) == 7


# ----- the page -----------------------------------------------------------------------------------


def test_the_page_lists_the_predictions_with_their_reasons_the_alarm_first(car, punctured, qtbot, qml_warnings):
    cockpit = car(lambda: punctured)
    window = open_page(cockpit, qtbot)
    store = cockpit.health
    rows = store.property("predictions")
    assert len(rows) == 7 and all(r["reason"] for r in rows)
    assert [r["subject"] for r in rows if r["alarm"]] == ["Rear right tire", "Brake pads"]
    assert rows[0]["subject"] == "Rear right tire" and rows[0]["severity"] == "warning"
    assert rows[0]["valueText"] == "206 kPa" and rows[0]["outlook"] == "Warning in about 2 days"
    assert rows[0]["intervalText"] == "1–3 days"
    assert next(r for r in rows if r["kind"] == "battery_soh")["intervalText"] == "93.5–97.1 %"
    # the first row's trend and reason are shown; a tap on another row shows its own
    assert find(window, "trendTitle").property("text") == "Rear right tire pressure at 20 °C"
    assert find(window, "reason").property("text") == rows[0]["reason"]
    assert find(window, "reason").property("text").startswith("Pressure fell 3.3 kPa a day over 11 days")
    tap(qtbot, window, find(window, "prediction_battery"))
    shot(cockpit, "center")
    assert find(window, "trendTitle").property("text") == "Traction battery state of health"
    assert find(window, "reason").property("text").startswith("Counted charge over")


def test_the_alarm_card_shows_only_when_parked(car, punctured, qtbot, qml_warnings):
    cockpit = car(lambda: punctured)
    window = open_page(cockpit, qtbot)
    store = cockpit.health
    cards = store.property("forecastCards")
    assert [c["text"] for c in cards] == ["Rear right tire is losing air: 200\u00a0kPa in about 2 days",
                                          "Brake pads are thin: about 3.9\u00a0mm"]
    assert cards[0]["action"] == "Inflate to 250\u00a0kPa and have it checked for a puncture"
    assert find(window, "forecastCard_tire-3").property("visible")
    assert not find(window, "forecastsWait").property("visible")

    shift(cockpit, DRIVE, 50 / 3.6)
    shot(cockpit, "center")
    assert cockpit.warnings.property("active") == []
    assert store.property("forecastCards") == [] and store.property("waiting") == 2
    assert find(window, "forecastCard_tire-3") is None
    assert find(window, "forecastsWait").property("visible")
    assert find(window, "reason").property("text") == "Details when parked"  # long text waits too
    shift(cockpit, DRIVE, 0.0)  # stopped at a light: still not parked
    assert store.property("forecastCards") == []

    shift(cockpit, PARK)
    shot(cockpit, "center")
    assert len(store.property("forecastCards")) == 2 and find(window, "forecastCard_tire-3").property("visible")
    assert cockpit.warnings.property("active") == []  # a wear forecast never reaches the cluster's warnings


def test_a_healthy_car_has_no_card(car, qtbot):
    healthy = Car(HEALTHY).age(60)[0]
    store = car(lambda: healthy).health
    store.load()
    loaded(qtbot, store)
    assert store.property("hasData") and store.property("forecastCards") == []
    assert store.property("state") == "Nothing needs attention"
    assert all(r["outlook"] in ("Steady", "Healthy", "Normal for its age") or r["kind"] == "pad_remaining_km"
               for r in store.property("predictions"))


def test_no_history_says_so(car, qtbot, qml_warnings):
    cockpit = car(lambda: None)
    window = open_page(cockpit, qtbot)
    assert not cockpit.health.property("hasData")
    assert find(window, "healthState").property("text") == NO_DATA
    assert NO_DATA.startswith("No health data yet — ")


def test_a_history_that_cannot_be_read_says_why(car, qtbot):
    def broken():  # noqa: ANN202
        raise OSError("database disk image is malformed")

    store = car(broken).health
    store.load()
    loaded(qtbot, store)
    assert store.property("state") == "Could not read the car's history: database disk image is malformed"
    assert not store.property("busy") and not store.property("hasData")


def test_the_history_is_read_off_the_gui_thread(car, punctured, qtbot):
    threads: list[threading.Thread] = []

    def source():  # noqa: ANN202
        threads.append(threading.current_thread())
        return punctured

    store = car(source).health
    assert threads == []  # nothing is read before the page asks
    store.load()
    assert store.property("busy")
    loaded(qtbot, store)
    assert threads and threading.main_thread() not in threads
    assert all(t.name.startswith("health") for t in threads)


def test_pressures_follow_the_drivers_unit(car, punctured, qtbot):
    store = car(lambda: punctured, **{"Vehicle.Cabin.Infotainment.HMI.TirePressureUnit": "PSI"}).health
    store.load()
    loaded(qtbot, store)
    tire = store.property("predictions")[0]
    assert tire["valueText"] == "30 psi" and tire["outlook"] == "Warning in about 2 days"
    trend = next(t for t in store.property("trends") if t["key"] == "tire-3")
    assert trend["unit"] == "psi" and trend["threshold"] == pytest.approx(200 / 6.894757, abs=1e-3)
    assert trend["yMin"] <= min(trend["y"]) and trend["yMax"] >= max(trend["y"])


def test_without_a_health_source_the_page_is_left_out(qapp, qml_warnings):
    cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0))
    try:
        assert cockpit.health is None
        window = cockpit.load("center")
        window.setProperty("page", "health")
        shot(cockpit, "center")
        assert window.property("pageName") == "home"
        icons = [e["icon"] for e in window.findChild(QQuickItem, "navRail").property("model").toVariant()]
        assert "health" not in icons
    finally:
        cockpit.close()


def test_home_says_check_in_p_and_nothing_while_driving(car, punctured, qtbot, qml_warnings):
    cockpit = car(lambda: punctured)
    window = cockpit.load("center")
    shot(cockpit, "center")  # Home: the store's first read starts by itself, no page opened
    loaded(qtbot, cockpit.health)
    shot(cockpit, "center")
    row = window.findChild(QQuickItem, "healthSummary")
    assert row.property("visible") and (row.property("value"), row.property("tone")) == ("Check", "warning")
    cockpit.signals.update(GEAR, DRIVE)
    cockpit.signals.update(SPEED, 50.0)
    cockpit.bridge.flush()
    shot(cockpit, "center")
    assert row.property("value") == "--"


def test_home_says_ok_for_a_healthy_car_and_has_no_row_without_health(car, qtbot, qml_warnings):
    healthy = Car(HEALTHY).age(60)[0]
    cockpit = car(lambda: healthy)
    window = cockpit.load("center")
    loaded(qtbot, cockpit.health)
    shot(cockpit, "center")
    assert window.findChild(QQuickItem, "healthSummary").property("value") == "OK"
    bare = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0))
    try:
        shown = bare.load("center")
        shot(bare, "center")
        assert not shown.findChild(QQuickItem, "healthSummary").property("visible")
    finally:
        bare.close()
