"""The navigation page, the cluster's next-turn card and the HUD's arrow, rendered offscreen while the
simulated car drives a route on the Helsinki map: the map's tiles in the theme's colours, the route
line and the car, the cards saying the same maneuver as the store, in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from cockpit.app import Cockpit, render
from cockpit.gallery import visual_items, wait_for_tiles
from cockpit.sim.route_drive import plan

from .screens import count_colour, guided, pixels

THEMES = ("dark", "light", "grand-dark")


@pytest.fixture(scope="module")
def track():
    return plan(None, "Mannerheimintie", "Unioninkatu", seed=3)


@pytest.fixture
def guide(qapp, track):  # noqa: ANN001, ANN201
    """guide(theme, seconds=60): a cockpit guided along ``track`` that far into the drive; closed at teardown."""
    made: list[Cockpit] = []

    def make(theme: str, seconds: float = 60.0) -> Cockpit:
        made.append(guided(track, theme, seconds))
        return made[-1]

    yield make
    for car in made:
        car.close()


def navigation_page(car: Cockpit):  # noqa: ANN201 - the center window, its map drawn
    window = car.load("center")
    window.setProperty("page", "navigation")
    window.show()
    wait_for_tiles(car, window)
    return window


def find(window, name: str):  # noqa: ANN001, ANN201
    return next(i for i in visual_items(window.contentItem()) if i.objectName() == name)


@pytest.mark.parametrize("theme", THEMES)
def test_the_navigation_page_draws_the_map_the_route_and_the_car(qapp, qml_warnings, guide, theme):
    car = guide(theme)
    window = navigation_page(car)
    image = render(car, "center").convertToFormat(QImage.Format.Format_ARGB32)
    colors = car.theme.group("color")
    # the route line and the car in the accent colour, drawn over the tiles
    assert count_colour(image, colors["accent"]) > 2000
    # the map: many colours of its own (roads, buildings, green), none of it blank background
    map_item = find(window, "mapView")
    tiles = [i for i in visual_items(map_item) if i.objectName() == "mapTile"]
    assert tiles and all(t.property("progress") == 1.0 for t in tiles)
    assert len(set(pixels(image))) > 200
    # the card says the store's next maneuver, in words and distance
    card = find(window, "pageManeuver")
    nav = car.navigation
    assert card.isVisible() and card.property("maneuver") == nav.property("maneuver")
    assert card.property("distance") == nav.property("maneuverDistance") != ""
    assert find(window, "carMarker").isVisible() and find(window, "routeLine").isVisible()
    assert find(window, "attribution").property("text") == "© OpenStreetMap contributors"


def test_a_theme_switch_redraws_the_map_in_the_new_colours(qapp, qml_warnings, guide):
    car = guide("dark")
    window = navigation_page(car)
    dark = render(car, "center").convertToFormat(QImage.Format.Format_ARGB32)
    assert car.theme.use("light")
    wait_for_tiles(car, window)
    light = render(car, "center").convertToFormat(QImage.Format.Format_ARGB32)
    # the light map is lighter, tile by tile: mean brightness of the picture
    mean = [sum(QColor(p).lightness() for p in pixels(img)[::97]) / len(pixels(img)[::97]) for img in (dark, light)]
    assert mean[1] > mean[0] + 60


def test_the_cluster_and_the_hud_show_the_next_turn(qapp, qml_warnings, guide):
    car = guide("dark")
    nav = car.navigation
    render(car, "cluster")
    card = find(car.windows["cluster"], "clusterManeuver")
    assert card.isVisible() and card.property("maneuver") == nav.property("maneuver")
    assert card.property("street") == nav.property("maneuverStreet")
    render(car, "hud")
    arrow = find(car.windows["hud"], "hudManeuver")
    assert arrow.isVisible()
    nav.cancel()
    car.bridge.flush()
    render(car, "cluster")
    assert not card.isVisible() and not arrow.isVisible()  # no route: nothing about turns


def test_a_finger_pans_the_map_and_the_buttons_zoom_turn_and_follow_again(qapp, qtbot, qml_warnings, guide):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    car = guide("dark")
    window = navigation_page(car)
    view = find(window, "mapView")
    assert view.property("follow") and view.property("centerX") == pytest.approx(view.property("carX"))
    x0, y0 = view.property("centerX"), view.property("centerY")
    # a drag of 200 px to the left, in steps as a finger moves: the map's middle moves east
    start = view.mapToScene(view.boundingRect().center()).toPoint()
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dx in range(0, 201, 20):
        QTest.mouseMove(window, start - QPoint(dx, 0), 10)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(200, 0))
    assert not view.property("follow")
    moved_px = (view.property("centerX") - x0) * view.property("worldPx") * view.property("tileScale")
    assert 150 < moved_px < 200.5 and view.property("centerY") == pytest.approx(y0)

    def tap(index: int) -> None:
        button = find(window, f"mapButton{index}")
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton,
                         pos=button.mapToScene(button.boundingRect().center()).toPoint())

    zoom = view.property("zoom")
    tap(0)
    assert view.property("zoom") == pytest.approx(zoom + 1)
    tap(1)
    tap(1)
    assert view.property("zoom") == pytest.approx(zoom - 1)
    tap(2)  # heading-up: the map turns so the car points up
    assert view.property("headingUp") and view.property("rotationDeg") == pytest.approx(
        -car.navigation.property("heading"), abs=0.5)
    tap(3)  # follow the car again
    assert view.property("follow") and view.property("centerX") == pytest.approx(view.property("carX"))


def test_guidance_prompts_are_spoken_only_while_the_assistant_is_idle(qapp, qtbot, guide):
    from .fake_voice import FakeSpeaker, fake

    car = guide("dark", seconds=1.0)
    speaker = FakeSpeaker()
    car.voice.use(fake([]), speaker)
    car.navigation.announce.emit("In 200 metres, turn left onto Fabianinkatu")
    qtbot.waitUntil(lambda: speaker.said == ["In 200 metres, turn left onto Fabianinkatu"])
    qtbot.waitUntil(lambda: car.voice.property("state") == "idle")
    car.voice.pushToTalk()  # the driver speaks: a prompt now would talk over them
    car.navigation.announce.emit("Turn left onto Fabianinkatu")
    assert speaker.said == ["In 200 metres, turn left onto Fabianinkatu"]


def test_the_attribution_stays_in_sight_above_the_trip_card(qapp, qml_warnings, guide):
    car = guide("light")
    window = navigation_page(car)
    render(car, "center")
    credit, card = find(window, "attribution"), find(window, "tripCard")
    top = credit.mapToScene(credit.boundingRect().bottomLeft()).y()
    assert card.isVisible() and top <= card.mapToScene(card.boundingRect().topLeft()).y()
