"""The table of what a driver may do on the screens in each driving state (CarUxRestrictions-like),
checked page by page and state by state, and against the pages' QML: every control it names is on
its page."""

from __future__ import annotations

import pytest

from cockpit.resources import QML_DIR
from cockpit.vehicle.driving import driving_state
from cockpit.vehicle.restrictions import CONTROLS, LIST_CAP, list_cap, restriction

PAGES = {"driver": "DriverPage.qml", "navigation": "NavigationPage.qml"}
STATES = {"parked": (126, 0.0), "idling": (127, 0.0), "moving": (127, 42.0), "unknown": (None, 42.0)}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("control", sorted(CONTROLS))
def test_each_control_in_each_driving_state(control, state):
    gear, speed = STATES[state]
    assert driving_state(gear, speed) == state  # the states come from the signals
    r = restriction(control, state)
    kind = CONTROLS[control]
    if state == "parked":
        assert not r.locked and r.why == ""
    elif state == "idling":
        assert r.locked == (kind == "video")  # standing at a light: everything but video
    else:  # moving, or not known (fail safe): no typing, no setup, short lists, no video
        assert r.locked and r.why
        assert ("Park" in r.why) or ("parked" in r.why)


def test_lists_are_capped_only_while_the_car_may_move():
    assert list_cap("parked") is None and list_cap("idling") is None
    assert list_cap("moving") == list_cap("unknown") == LIST_CAP == 6
    assert "first 6" in restriction("navigation.whereTo", "moving").why


@pytest.mark.parametrize("control", sorted(CONTROLS))
def test_every_control_in_the_table_is_on_its_page(control):
    page, name = control.split(".")
    qml = next(QML_DIR.rglob(PAGES[page])).read_text(encoding="utf-8")
    assert f'objectName: "{name}"' in qml


@pytest.mark.parametrize(("gear", "speed", "locked"), [(126, 0.0, False), (127, 0.0, False), (127, 50.0, True)])
def test_a_locked_control_looks_disabled_says_why_and_does_nothing(cockpits, qtbot, qml_warnings, gear, speed, locked):
    from PySide6.QtCore import Qt

    from cockpit.gallery import visual_items

    from .screens import DRIVING, shot

    car = cockpits({**DRIVING, "Vehicle.Powertrain.Transmission.SelectedGear": gear, "Vehicle.Speed": speed})
    window = car.load("center")
    window.setProperty("page", "driver")
    shot(car, "center")
    button = next(i for i in visual_items(window.contentItem()) if i.objectName() == "startValet")
    assert (button.property("lockedReason") != "") == locked
    toast = next(i for i in visual_items(window.contentItem()) if i.objectName() == "toast")
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=button.mapToScene(button.boundingRect().center()).toPoint())
    if locked:  # says why, and no PIN pad opens
        assert toast.property("shown") and toast.property("text") == restriction("driver.startValet", "moving").why
        assert toast.property("tone") == "info" and car.profiles.property("pinPrompt") == ""
    else:  # parked or standing at a light: the PIN pad for valet mode opens
        assert car.profiles.property("pinPrompt") == "valetStart"
