"""Warning messages (issue 15): the table, the queue's order, timeouts, acknowledgement and re-raise on
a clock the test steps; the store fed by a SignalStore with catalogue values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem

from cockpit.vehicle import warnings as w
from cockpit.vehicle.catalogue import Catalogue
from cockpit.vehicle.units import DisplayUnits

RL = w.TIRE["rearLeft"]


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def reader(values: dict):
    return lambda path: values.get(path)


def make():
    clock = Clock()
    return clock, w.WarningQueue(clock)


def test_every_path_of_the_table_is_in_the_catalogue():
    catalogue = Catalogue.load()
    assert [p for p in sorted(w.PATHS) if p not in catalogue] == []


def test_every_card_has_a_symbol_drawn():
    import re

    from cockpit.resources import QML_DIR

    icons = (QML_DIR / "Cockpit" / "Controls" / "TelltaleIcons.qml").read_text(encoding="utf-8")
    drawn = set(re.findall(r"^        (\w+): \{", icons, flags=re.MULTILINE))
    assert {rule.icon for rule in w.WARNINGS} - drawn == set()


def test_safety_cards_may_not_be_acknowledged_and_roles_follow_severity():
    for rule in w.WARNINGS:
        assert rule.severity in w.RANK
        if rule.severity == w.SAFETY:
            assert not rule.acknowledgeable and rule.role == "danger"
    assert w.ROLES["battery12v"] == "warning"  # one colour for the 12 V fault, cluster and Vehicle page
    assert w.ROLES["forwardCollision"] == "danger"  # the collision warning's telltale is red, as its card


def test_highest_severity_first_then_newest():
    clock, q = make()
    values = {w.LV_VOLTAGE: 11.2}
    q.update(reader(values))
    assert q.current().id == "lowVoltage"
    clock.t += 5
    values[w.ABS_FAULT] = True
    q.update(reader(values))
    assert q.current().id == "absFault"  # same severity, newer
    clock.t += 5
    values[w.DRIVER_BELT] = False
    q.update(reader(values))
    assert q.current().id == "seatBelt"  # safety beats newer-but-lower
    assert q.current().text == "Seat belt not fastened"
    assert [a.id for a in q.active()] == ["seatBelt", "absFault", "lowVoltage"]
    values[w.DRIVER_BELT] = True  # cleared when the condition clears
    q.update(reader(values))
    assert q.current().id == "absFault"
    assert "seatBelt" not in [a.id for a in q.active()]


def test_safety_card_cannot_be_dismissed_while_its_condition_holds():
    clock, q = make()
    values = {w.DOORS["rear left"]: True}
    q.update(reader(values))
    assert q.current().text == "Door open: rear left"
    assert q.acknowledge() is False
    clock.t += 3600
    q.update(reader(values))
    assert q.current().id == "doorOpen"
    values[w.OPENINGS["trunk"]] = True
    q.update(reader(values))
    assert q.current().text == "Open: rear left door, trunk"
    values[w.DOORS["rear left"]] = False
    q.update(reader(values))
    assert q.current().text == "Trunk open"
    values[w.OPENINGS["trunk"]] = False
    q.update(reader(values))
    assert q.current() is None


def test_information_card_times_out_but_stays_in_the_list():
    clock, q = make()
    values = {w.SERVICE_DUE: True}
    q.update(reader(values))
    assert q.current().id == "serviceDue"
    assert q.next_change() == pytest.approx(1008.0)
    clock.t += 7.9
    assert q.current().id == "serviceDue"
    clock.t += 0.2
    assert q.current() is None
    assert [a.id for a in q.active()] == ["serviceDue"]


def test_acknowledged_tire_re_raises_after_a_further_10_kpa_or_30_minutes():
    clock, q = make()
    values = {RL + "IsPressureLow": True, RL + "Pressure": 182}
    q.update(reader(values))
    card = q.current()
    assert card.text == "Rear-left tire 182 kPa — check pressure"
    assert q.acknowledge() is True
    assert q.current() is None
    values[RL + "Pressure"] = 175  # only 7 kPa further: stays acknowledged
    clock.t += 60
    q.update(reader(values))
    assert q.current() is None
    values[RL + "Pressure"] = 172  # 10 kPa below the acknowledged figure
    q.update(reader(values))
    assert q.current().text == "Rear-left tire 172 kPa — check pressure"
    q.acknowledge()
    assert q.next_change() == pytest.approx(clock.t + 30 * 60)
    clock.t += 30 * 60 - 1
    q.tick()
    assert q.current() is None
    clock.t += 1
    q.tick()
    assert q.current().id == "tire.rearLeft"


def test_tire_text_in_the_drivers_units():
    _, q = make()
    q.update(reader({RL + "IsPressureLow": True, RL + "Pressure": 182}), DisplayUnits(pressure="PSI"))
    assert q.current().text == "Rear-left tire 26 psi — check pressure"
    q.update(reader({RL + "IsPressureLow": True, RL + "Pressure": 182}), DisplayUnits(pressure="BAR"))
    assert q.current().text == "Rear-left tire 1.82 bar — check pressure"


def test_forward_collision_is_red_first_and_stays_while_it_lasts():
    clock, q = make()
    values = {w.DRIVER_BELT: True, w.FCW_STAGE: "NONE", w.FRONT_WARNING: False, w.EBA_ENGAGED: False}
    q.update(reader(values))
    assert q.current() is None
    values[w.FCW_STAGE] = "WARNING"
    q.update(reader(values))
    card = q.current()
    assert (card.id, card.text, card.severity, card.rule.role) == (
        "forwardCollision", "Vehicle ahead — brake", "safety", "danger")
    assert q.acknowledge() is False
    values[w.FCW_STAGE] = "URGENT"
    q.update(reader(values))
    assert q.current().text == "Brake now — collision risk"
    # a newer safety card does not push the collision warning aside
    clock.t += 1
    values[w.DRIVER_BELT] = False
    q.update(reader(values))
    assert q.current().id == "forwardCollision"
    # the car brakes for the driver: the same card says so
    values[w.EBA_ENGAGED] = True
    q.update(reader(values))
    assert q.current().text == "Emergency braking — press the brake"
    assert [a.id for a in q.active()] == ["forwardCollision", "seatBelt"]
    values[w.FCW_STAGE] = "NONE"  # no longer closing in, still braking
    q.update(reader(values))
    assert q.current().text == "Emergency braking — press the brake"
    values[w.EBA_ENGAGED] = False
    q.update(reader(values))
    assert q.current().id == "seatBelt"


def test_vss_front_warning_alone_warns_and_the_blind_spot_raises_no_card():
    _, q = make()
    rear = "Vehicle.ADAS.ObstacleDetection.Rear."
    q.update(reader({rear + "Left.IsWarning": True, rear + "Left.WarningType": "BLIND_SPOT"}))
    assert q.current() is None  # the mirror's lamp and the cluster's road scene show it
    q.update(reader({w.FRONT_WARNING: True}))  # a car whose radar has no stage: the first stage's words
    assert q.current().text == "Vehicle ahead — brake"


def test_parking_brake_warns_only_when_moving():
    _, q = make()
    q.update(reader({w.PARKING_BRAKE: True, w.SPEED: 0.0}))
    assert q.current() is None
    q.update(reader({w.PARKING_BRAKE: True, w.SPEED: 20.0}))
    assert q.current().id == "parkingBrake"


# ----- the store, driven by a SignalStore ------------------------------------------------------------


def test_store_from_signal_store(qapp):
    from cockpit.hmi.warnings_store import WarningsStore
    from cockpit.vehicle.store import SignalStore

    clock = Clock()
    signals = SignalStore(clock=clock)
    store = WarningsStore(signals)
    feed = signals.changes()

    def put(values):
        for path, value in values.items():
            assert signals.update(path, value), path
        store.apply(feed.drain())

    put({RL + "Pressure": 182, RL + "IsPressureLow": True, w.LV_VOLTAGE: 12.6,
         "Vehicle.Cabin.Infotainment.HMI.TirePressureUnit": "PSI"})
    assert store.property("hasCard")
    assert store.property("cardText") == "Rear-left tire 26 psi — check pressure"
    assert store.property("cardRole") == "warning" and store.property("cardCanAcknowledge")
    put({w.DRIVER_BELT: False})
    assert store.property("cardText") == "Seat belt not fastened"
    assert store.property("cardSeverity") == "safety" and store.property("cardRole") == "danger"
    assert store.acknowledge() is False
    assert [e["id"] for e in store.property("active")] == ["seatBelt", "tire.rearLeft"]
    put({w.DRIVER_BELT: True})
    assert store.acknowledge() is True  # the tire card
    assert not store.property("hasCard")
    assert [e["text"] for e in store.property("active")] == ["Rear-left tire 26 psi — check pressure"]
    put({w.LV_VOLTAGE: 11.4})
    assert store.property("cardText") == "12 V battery low (11.4 V) — have it checked"
    put({w.LV_VOLTAGE: 12.4})
    assert not store.property("hasCard")
    feed.close()


# ----- rendered: the cluster's card and the Vehicle page, same words, same colour ----------------------


def _texts(window, name: str) -> list[str]:
    """The texts of the visible items called ``name``, in the order drawn (delegates included)."""
    found: list[str] = []

    def walk(item) -> None:  # noqa: ANN001
        if not item.isVisible():
            return
        if item.objectName() == name:
            found.append(item.property("text"))
        for child in item.childItems():
            walk(child)

    walk(window.contentItem())
    return found


def _views(c):
    """(cluster image, card texts, Vehicle page image, its warning texts)."""
    from .screens import shot

    cluster = shot(c, "cluster")
    card = _texts(c.windows["cluster"], "warningText")
    if "center" not in c.windows:
        c.load("center")
    c.windows["center"].setProperty("page", "vehicle")
    center = shot(c, "center")
    return cluster, card, center, _texts(c.windows["center"], "vehicleWarningText")


def test_cluster_card_and_vehicle_page_agree_in_words_and_colour(cockpits, qml_warnings, qtbot):
    from .screens import DRIVING, count_colour

    # the same car without a fault: red needles, no amber
    plain = cockpits(DRIVING)
    telltale = plain.theme.group("color")["telltale"]
    cluster0, card0, center0, listed0 = _views(plain)
    assert card0 == [] and listed0 == []

    def more(image, base, colour: str) -> int:
        return count_colour(image, telltale[colour]) - count_colour(base, telltale[colour])

    # a low 12 V battery: amber in the cluster (it was red) and on the Vehicle page, in the same words
    c = cockpits({**DRIVING, w.LV_VOLTAGE: 11.3})
    cluster, card, center, listed = _views(c)
    assert card == ["12 V battery low (11.3 V) — have it checked"]
    assert listed == card
    assert more(cluster, cluster0, "danger") == 0
    assert more(cluster, cluster0, "warning") > 1500  # telltale, the card's symbol and outline
    assert more(center, center0, "danger") == 0
    assert more(center, center0, "warning") > 1000  # the status line, the listed warning

    # an unfastened belt (safety) goes first and is red on both screens; OK does not dismiss it
    c.signals.update(w.DRIVER_BELT, False)
    c.bridge.flush()
    cluster, card, center, listed = _views(c)
    assert card == ["Seat belt not fastened"]
    assert listed == ["Seat belt not fastened", "12 V battery low (11.3 V) — have it checked"]
    assert more(cluster, cluster0, "danger") > 1500
    assert more(center, center0, "danger") > 1000
    window = c.windows["cluster"]
    window.requestActivate()
    qtbot.keyClick(window, "\r")
    assert _views(c)[1] == ["Seat belt not fastened"]

    # fastened: the 12 V card is back; the steering wheel's OK key acknowledges it, the list keeps it
    c.signals.update(w.DRIVER_BELT, True)
    c.bridge.flush()
    assert _views(c)[1] == ["12 V battery low (11.3 V) — have it checked"]
    window.requestActivate()
    qtbot.keyClick(window, "\r")
    cluster, card, center, listed = _views(c)
    assert card == []
    assert listed == ["12 V battery low (11.3 V) — have it checked"]
    assert 0 < more(cluster, cluster0, "warning") < 1500  # the telltale stays lit, the card is gone


def test_the_cluster_shows_the_collision_card_in_red_over_the_others(cockpits, qml_warnings):
    from cockpit.gallery import STATES

    from .screens import DRIVING, count_colour, shot

    low_12v = {**DRIVING, w.LV_VOLTAGE: 11.3}
    plain = cockpits(low_12v)
    telltale = plain.theme.group("color")["telltale"]
    before = shot(plain, "cluster")
    collision = {k: v for k, v in STATES["forward-collision"].values.items() if k != w.EBA_ENGAGED}
    c = cockpits({**low_12v, **collision})
    cluster, card, _, listed = _views(c)
    assert card == ["Brake now — collision risk"]
    assert listed == ["Brake now — collision risk", "12 V battery low (11.3 V) — have it checked"]
    # the card's outline turns from amber to red
    assert count_colour(cluster, telltale["danger"]) - count_colour(before, telltale["danger"]) > 1500
    assert count_colour(before, telltale["warning"]) - count_colour(cluster, telltale["warning"]) > 1500
    c.signals.update(w.EBA_ENGAGED, True)
    c.bridge.flush()
    assert _views(c)[1] == ["Emergency braking — press the brake"]


def test_store_information_card_times_out_on_the_vehicle_clock(qapp):
    from cockpit.hmi.warnings_store import WarningsStore
    from cockpit.vehicle.store import SignalStore

    clock = Clock()
    signals = SignalStore(clock=clock)
    store = WarningsStore(signals)
    feed = signals.changes()
    assert signals.update(w.SERVICE_DUE, True)
    store.apply(feed.drain())
    assert store.property("cardText") == "Service due — book a visit"
    assert store.property("cardSeverity") == "information" and store._wake.isActive()
    clock.t += 7.5
    store.tick()
    assert store.property("hasCard")
    clock.t += 1.0
    store.tick()
    assert not store.property("hasCard")
    assert [e["text"] for e in store.property("active")] == ["Service due — book a visit"]
    feed.close()


def test_a_tap_acknowledges_the_card(cockpits, qml_warnings, qtbot):
    from PySide6.QtCore import QPoint

    from .screens import DRIVING, shot

    c = cockpits({**DRIVING, RL + "IsPressureLow": True, RL + "Pressure": 182})
    shot(c, "cluster")
    window = c.windows["cluster"]
    assert _texts(window, "warningText") == ["Rear-left tire 182 kPa — check pressure"]
    card = window.findChild(QQuickItem, "warningCard")
    centre = card.mapToScene(card.boundingRect().center()).toPoint()
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    shot(c, "cluster")
    assert _texts(window, "warningText") == []
    assert c.warnings.property("active")[0]["id"] == "tire.rearLeft"  # acknowledged, still listed
