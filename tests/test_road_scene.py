"""The cluster's road scene, rendered: the lead car at its true gap through the scene's camera,
a collision risk in red, the blind-spot band on its side only, the speed limit sign, adaptive
cruise's gap bars only in a car that has it, and nothing drawn without lane data or assistance."""

import pytest
from PySide6.QtCore import QRect

from cockpit.gallery import ROAD, STATES, visual_items

from .screens import DRIVING, cockpit_with, count_colour, shot

A = "Vehicle.ADAS."
X = "Cockpit.ADAS."
CALM = {**DRIVING, **ROAD, "Vehicle.Speed": 95.0, A + "CruiseControl.IsEnabled": False,
        A + "CruiseControl.IsActive": False}


def lead(metres: float) -> dict:
    return {X + "Lead.IsDetected": True, A + "ObstacleDetection.Front.Center.Distance": metres, X + "Lead.Speed": 95.0}


def item(car, name: str):  # noqa: ANN001, ANN201
    return next((i for i in visual_items(car.windows["cluster"].contentItem()) if i.objectName() == name), None)


def colour(car, group: str, name: str) -> str:  # noqa: ANN001
    return car.theme.group("color")[group][name]


def scene_image(car):  # noqa: ANN001, ANN201
    """The cluster rendered, cropped to the road scene (the readout, dials and telltales left out;
    the warning card, which may overlap the road's near end, hidden: it has tests of its own)."""
    shot(car, "cluster")
    item(car, "warningCard").setProperty("visible", False)
    image = shot(car, "cluster")
    scene = item(car, "roadScene")
    corner = scene.mapToScene(scene.boundingRect().topLeft())
    return image.copy(QRect(round(corner.x()), round(corner.y()), round(scene.width()), round(scene.height())))


def halves(image, hex_colour: str) -> tuple[int, int]:  # noqa: ANN001
    w, h = image.width(), image.height()
    return (count_colour(image.copy(QRect(0, 0, w // 2, h)), hex_colour),
            count_colour(image.copy(QRect(w // 2, 0, w - w // 2, h)), hex_colour))


def test_the_lead_car_stands_at_its_true_gap(cockpits, qml_warnings):
    """Its bumper's ground point is where the scene's pinhole camera puts that many metres, so it
    climbs toward the horizon as the gap grows, ever more slowly (1/distance), not by steps."""
    ys = []
    for metres in (8.0, 15.0, 30.0, 60.0, 120.0):
        car = cockpits({**CALM, **lead(metres)})
        shot(car, "cluster")
        scene, lead_car = item(car, "roadScene"), item(car, "leadCar")
        assert lead_car.isVisible()
        f, h, back, horizon = (scene.property(p) for p in ("focal", "cameraHeight", "cameraBack", "horizonY"))
        ground = lead_car.y() + lead_car.height()
        assert ground == pytest.approx(horizon + f * h / (back + metres), abs=2)
        # and its width is a car's (1.85 m) at that distance
        assert lead_car.width() == pytest.approx(f * 1.85 / (back + metres), abs=1)
        ys.append(ground)
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)
    steps = [a - b for a, b in zip(ys, ys[1:], strict=False)]
    assert steps[0] > steps[-1] > 0  # perspective: the far metres are the short ones


def test_a_collision_risk_turns_the_lead_amber_then_red_with_a_word(cockpits, qml_warnings):
    calm = cockpits({**CALM, **lead(20.0)})
    red, amber = colour(calm, "telltale", "danger"), colour(calm, "telltale", "warning")
    quiet = scene_image(calm)
    assert count_colour(quiet, red) == 0 and count_colour(quiet, amber) == 0
    assert not item(calm, "collisionWord").isVisible()

    warning = cockpits({**CALM, **lead(20.0), X + "ForwardCollision.Stage": "WARNING"})
    assert count_colour(scene_image(warning), amber) > 300 and count_colour(scene_image(warning), red) == 0
    assert not item(warning, "collisionWord").isVisible()  # amber is enough; the card says the words

    urgent = cockpits({**CALM, **lead(20.0), X + "ForwardCollision.Stage": "URGENT"})
    assert count_colour(scene_image(urgent), red) > 1000  # the car and the word
    word = item(urgent, "collisionWord")
    assert word.isVisible() and word.childItems()[0].property("text") == "Brake!"

    braking = cockpits({**STATES["forward-collision"].values, **DRIVING, **{
        k: v for k, v in STATES["forward-collision"].values.items() if k not in DRIVING}})
    shot(braking, "cluster")
    assert item(braking, "collisionWord").childItems()[0].property("text") == "Emergency braking"


@pytest.mark.parametrize("side", ["Left", "Right"])
def test_the_blind_spot_band_is_on_its_side_only(cockpits, qml_warnings, side):
    values = {**CALM, A + f"ObstacleDetection.Rear.{side}.IsWarning": True,
              A + f"ObstacleDetection.Rear.{side}.WarningType": "BLIND_SPOT",
              X + f"Neighbour.{side}.IsDetected": True, X + f"Neighbour.{side}.Distance": -3.0,
              A + "LaneDepartureDetection.IsEnabled": False}
    car = cockpits(values)
    amber = colour(car, "telltale", "warning")
    left, right = halves(scene_image(car), amber)
    assert (left, right)[side == "Right"] > 500 and (left, right)[side == "Left"] == 0
    assert item(car, f"{side.lower()}Car").isVisible()  # the car there, beside ours
    # wholly behind the car but in the blind spot: still drawn beside it, where the driver must look
    behind = cockpits({**values, X + f"Neighbour.{side}.Distance": -7.0})
    shot(behind, "cluster")
    assert item(behind, f"{side.lower()}Car").isVisible()
    gone = cockpits({**values, X + f"Neighbour.{side}.Distance": -7.0,
                     A + f"ObstacleDetection.Rear.{side}.IsWarning": False})
    shot(gone, "cluster")
    assert not item(gone, f"{side.lower()}Car").isVisible()
    # indicating toward it: red
    signalling = cockpits({**values, f"Vehicle.Body.Lights.DirectionIndicator.{side}.IsSignaling": True})
    assert count_colour(scene_image(signalling), colour(car, "telltale", "danger")) > 500


def test_lane_departure_paints_its_side_and_lane_keeping_shows_the_way_back(cockpits, qml_warnings):
    car = cockpits({**CALM, **STATES["lane-departure"].values, **{k: v for k, v in DRIVING.items()
                                                                  if k not in STATES["lane-departure"].values}})
    amber = colour(car, "telltale", "warning")
    left, right = halves(scene_image(car), amber)
    assert right > 300 and left == 0
    hint = item(car, "steerHint")
    assert hint.isVisible() and hint.property("pointsLeft") is True
    # lane keeping on: the car's lines in the accent; off: neutral
    assert count_colour(scene_image(cockpits(CALM)), colour(car, "road", "lineActive")) > 300
    off = cockpits({**CALM, A + "LaneDepartureDetection.IsEnabled": False})
    assert count_colour(scene_image(off), colour(car, "road", "lineActive")) == 0


def test_the_speed_limit_sign_shows_the_number_and_an_amber_ring_over_it(cockpits, qml_warnings):
    car = cockpits(CALM)  # 95 in a 100
    shot(car, "cluster")
    sign = item(car, "clusterLimit")
    assert sign.isVisible() and sign.property("limit") == 100 and sign.property("over") is False
    texts = [i.property("text") for i in visual_items(sign)]
    assert "100" in texts
    assert count_colour(shot(car, "cluster"), colour(car, "sign", "ring")) > 500
    fast = cockpits({**CALM, "Vehicle.Speed": 110.0})
    shot(fast, "cluster")
    assert item(fast, "clusterLimit").property("over") is True and item(fast, "overLimitCue").isVisible()
    none = cockpits({**CALM, X + "SpeedLimit": 0})
    shot(none, "cluster")
    assert not item(none, "clusterLimit").isVisible()


def test_adaptive_cruise_gap_bars_only_with_acc(cockpits, qml_warnings):
    following = STATES["acc-following"].values
    car = cockpits({**DRIVING, **{k: v for k, v in following.items() if k not in ("Vehicle.Speed",)},
                    "Vehicle.Speed": 95.0})
    green = colour(car, "road", "follow")
    lit = count_colour(scene_image(car), green)
    assert lit > 500  # two bars and the car it follows
    assert item(car, "leadCar").property("tone").name() == green
    assert [item(car, f"gapBar{i}").property("color").name() == green for i in range(4)] == [True, True, False, False]
    # a car with warnings only (ADAS level 1): no bars, the lead not highlighted
    item(car, "clusterView").setProperty("adasLevel", 1)
    assert count_colour(scene_image(car), green) == 0


def test_no_lanes_or_no_assistance_no_scene(cockpits, qml_warnings):
    without_lanes = cockpits({k: v for k, v in {**CALM, **lead(20.0)}.items() if k != X + "Lane.Count"})
    shot(without_lanes, "cluster")
    assert item(without_lanes, "roadScene") is None and item(without_lanes, "speedometer").isVisible()

    car = cockpits({**CALM, **lead(20.0)})
    shot(car, "cluster")
    assert item(car, "roadScene").isVisible() and item(car, "speedometer") is None
    item(car, "clusterView").setProperty("adasLevel", 0)
    shot(car, "cluster")
    assert item(car, "roadScene") is None and item(car, "speedometer").isVisible()


def test_a_stale_radar_draws_no_car_and_lost_lanes_draw_nothing_at_once(qapp, qml_warnings):
    now = [0.0]
    car = cockpit_with({**CALM, **lead(20.0)}, clock=lambda: now[0])
    try:
        shot(car, "cluster")
        assert item(car, "leadCar").isVisible() and item(car, "egoCar").isVisible()
        now[0] = 5.0  # the radar silent for 5 s: its distance is stale, so no car ahead is drawn
        car.signals.sweep()
        car.bridge.flush()
        shot(car, "cluster")
        assert not item(car, "leadCar").isVisible() and item(car, "egoCar").isVisible()
        # a lane count the car cannot have is rejected (ERROR): lanes unknown, nothing drawn, while
        # the layout holds a moment (lane lines lost for a second do not swap it)
        assert not car.signals.update(X + "Lane.Count", 9)
        car.bridge.flush()
        shot(car, "cluster")
        assert item(car, "roadScene") is not None and not item(car, "egoCar").isVisible()
    finally:
        car.close()


def test_the_city_cars_column_shows_the_speed_limit_sign(qapp, qml_warnings):
    """The one-screen car's cluster column has no room for the road; its limit sign sits between the
    telltales and the battery."""
    from cockpit.app import Cockpit
    from cockpit.variant import load_variant
    from cockpit.vehicle.store import SignalStore

    car = Cockpit(signals=SignalStore(clock=lambda: 0.0), variant=load_variant("city"))
    try:
        for path, value in {**CALM, **lead(20.0)}.items():
            assert car.signals.update(path, value)
        car.bridge.flush()
        image = shot(car, "center")
        sign = next(i for i in visual_items(car.windows["center"].contentItem()) if i.objectName() == "panelLimit")
        assert sign.isVisible() and sign.property("limit") == 100
        assert count_colour(image, colour(car, "sign", "ring")) > 300
    finally:
        car.close()
