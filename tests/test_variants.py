"""Vehicle variants as data: the shipped files check, a bad file is refused in one line naming the
key, and a variant decides which windows exist and which modules are created."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cockpit.cli import main
from cockpit.variant import VARIANTS_DIR, VariantError, check_can, load_variant, variant_names

from .screens import DRIVING

THEMES = ["dark", "light", "city-dark", "city-light", "grand-dark"]


def write(tmp_path: Path, change: dict | None = None, drop: str | None = None, text: str | None = None,
          name: str = "mine") -> Path:
    """The SUV's file with ``change`` merged in (dotted keys) or ``drop`` removed, as tmp_path/NAME.yaml."""
    data = yaml.safe_load((VARIANTS_DIR / "suv.yaml").read_text())
    for key, value in (change or {}).items():
        *parents, last = key.split(".")
        node = data
        for p in parents:
            node = node[p]
        node[last] = value
    if drop:
        *parents, last = drop.split(".")
        node = data
        for p in parents:
            node = node[p]
        del node[last]
    f = tmp_path / f"{name}.yaml"
    f.write_text(text if text is not None else yaml.safe_dump(data))
    return f


def test_the_shipped_variants_check_and_differ_in_what_they_have(capsys):
    assert main(["variants", "check"]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(variant_names()) >= 3
    cars = {n: load_variant(n, THEMES) for n in variant_names()}
    for v in cars.values():
        check_can(v)  # the mapping reads against its DBC
    assert cars["city"].displays.windows == ("center",) and cars["city"].displays.integrated
    assert cars["suv"].displays.windows == ("cluster", "center", "hud")
    assert cars["premium"].displays.windows == ("cluster", "center", "hud", "passenger")
    assert cars["city"].modules.voice == () and not cars["city"].modules.profiles


@pytest.mark.parametrize("change, drop, text, expected", [
    ({"displays.hud": "yes"}, None, None, "'displays.hud' must be true or false, got 'yes'"),
    ({"displays.cluster": "dials"}, None, None, "'displays.cluster' must be screen"),
    ({"displays.cluster": "integrated"}, None, None, "an integrated cluster needs 320 to 640 px"),
    ({"displays.center": {"width": 1700}}, None, None, "without an integrated cluster the center screen is 1280"),
    ({"displays.center": {"width": 12.5}}, None, None, "'displays.center.width' must be a whole number"),
    ({"displays.rear": True}, None, None, "unknown key 'displays.rear'; known: center, cluster, hud, passenger"),
    ({"colour": "red"}, None, None, "unknown key 'colour'"),
    (None, "modules.voice", None, "'modules.voice' is missing"),
    ({"modules.adas": 3}, None, None, "'modules.adas' must be a level: 0 none;"),
    ({"modules.adas": True}, None, None, "'modules.adas' must be a level"),
    ({"modules.voice": "en"}, None, None, "'modules.voice' must be a list of language codes"),
    ({"modules.voice": ["english"]}, None, None, "'modules.voice' must be a list of language codes"),
    ({"themes": ["dark", "neon"]}, None, None, "'themes[1]' 'neon' is not a theme here; there are: dark, light"),
    ({"theme": "city-dark"}, None, None, "'theme' 'city-dark' is not one of 'themes' (dark, light)"),
    ({"themes": []}, None, None, "'themes' must be a list of 1 to 20 theme names"),
    ({"can": "../../etc/passwd"}, None, None, "'can' '../../etc/passwd' is not a shipped DBC with its mapping; "
                                              "there are: demo-ev"),
    ({"can": "tesla-model3"}, None, None, "is not a shipped DBC with its mapping"),  # its DBC is not shipped
    ({"units.distance": "FURLONGS"}, None, None, "'units.distance' must be one of KILOMETERS, MILES"),
    ({"locale": "english"}, None, None, "'locale' 'english' is not a locale like en_GB"),
    ({"brand": "x" * 200}, None, None, "'brand' must be a text of 1 to 60 characters"),
    ({"model": ["a"]}, None, None, "'model' must be a text"),
    (None, None, "- just\n- a list\n", "must be a mapping of brand, can, displays"),
    (None, None, "brand: [unclosed\n", "not valid YAML"),
    (None, None, "a: &a [*a]\n", "alias *a stands for a value that contains it"),
])
def test_a_bad_variant_is_refused_in_one_line_naming_the_key(tmp_path, change, drop, text, expected):
    f = write(tmp_path, change, drop, text)
    with pytest.raises(VariantError) as err:
        load_variant(f, THEMES)
    assert str(err.value).startswith(f"variant {f}: ") and "\n" not in str(err.value)
    assert expected in str(err.value)


def test_variants_check_names_the_bad_file_and_exits_2(tmp_path):
    good, bad = write(tmp_path, name="good"), write(tmp_path, {"displays.hud": 1}, name="bad")
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "variants", "check", str(good), str(bad)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert f"variant {good}: ok" in out.stdout
    assert out.stderr.strip() == f"cockpit: variant {bad}: 'displays.hud' must be true or false, got 1"


def test_a_variant_file_name_is_its_name_and_must_be_one(tmp_path):
    f = write(tmp_path, name="My Car")
    with pytest.raises(VariantError, match="the file's name must be lower case"):
        load_variant(f, THEMES)
    with pytest.raises(VariantError, match="no such variant; the shipped ones are city, premium, suv"):
        load_variant("limousine")


def _cockpit(name: str, qapp):  # noqa: ANN001, ANN202
    from cockpit.app import Cockpit
    from cockpit.vehicle.store import SignalStore

    signals = SignalStore(clock=lambda: 0.0)
    signals.update_many(list(DRIVING.items()))
    return Cockpit(signals=signals, variant=load_variant(name))


def test_a_car_without_a_hud_creates_no_hud_window_and_refuses_one(qapp, qtbot, qml_warnings):
    city = _cockpit("city", qapp)
    try:
        city.start()
        assert set(city.windows) == {"center"}
        with pytest.raises(ValueError, match=r"the Volta Pico \(city\) has no hud screen; its screens: center"):
            city.load("hud")
        assert set(city.windows) == {"center"}
    finally:
        city.close()
    suv = _cockpit("suv", qapp)
    try:
        suv.start()
        assert set(suv.windows) == {"cluster"}  # first; the other screens follow its first frame
        qtbot.waitUntil(lambda: set(suv.windows) == {"cluster", "center", "hud"}, timeout=10000)
    finally:
        suv.close()


def test_modules_a_car_leaves_out_are_never_created(qapp, qml_warnings):
    from PySide6.QtCore import QObject

    from cockpit.app import render

    city = _cockpit("city", qapp)
    try:
        assert city.voice is None and city.voice_actions is None and city.navigation is None
        image = render(city, "center")
        assert (image.width(), image.height()) == (1640, 800)  # the pages and the cluster beside them
        window = city.windows["center"]
        panel = window.findChild(QObject, "clusterPanel")
        assert panel is not None and panel.property("width") == 360
        assert not window.findChild(QObject, "talkButton").property("visible")  # no assistant, no microphone
        assert window.findChild(QObject, "routeSummary").property("visible") is False
        window.setProperty("page", "driver")  # no profiles in this car: there is no Driver page to show
        assert window.property("pageName") == "home"
    finally:
        city.close()


def test_the_premium_car_has_a_passenger_screen_whose_climate_asks_the_car(qapp, qml_warnings):
    from PySide6.QtCore import QObject

    from cockpit.app import render

    grand = _cockpit("premium", qapp)
    try:
        image = render(grand, "passenger")
        assert (image.width(), image.height()) == (1280, 720)
        zone = grand.windows["passenger"].findChild(QObject, "passengerZone")
        assert zone.property("zone") == "passenger"
        asked = []
        grand.signals.on_request(lambda path, value: asked.append((path, value)))
        grand.climate.stepTemperature("passenger", 2)
        assert asked == [("Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature", 23.0)]
    finally:
        grand.close()


def test_the_settings_page_offers_the_cars_own_themes(qapp, qml_warnings):
    city, suv = _cockpit("city", qapp), _cockpit("suv", qapp)
    try:
        assert [t["name"] for t in city.settings.property("themes")] == ["city-dark", "city-light"]
        assert [t["name"] for t in suv.settings.property("themes")] == ["dark", "light"]
        assert city.theme.property("name") == "city-dark"
    finally:
        city.close()
        suv.close()


def test_a_screenshot_of_a_screen_the_variant_lacks_is_refused(tmp_path, capsys):
    assert main(["screenshot", "--variant", "city", "--view", "hud", "--out", str(tmp_path / "x.png")]) == 2
    assert "the Volta Pico (city) has no hud screen; its screens: center" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_the_city_cars_column_fits_a_three_digit_speed_and_its_set_speed(qapp, qml_warnings):
    from cockpit.app import render
    from cockpit.gallery import visual_items

    city = _cockpit("city", qapp)
    try:
        for path, value in {"Vehicle.Speed": 128.0, "Vehicle.ADAS.CruiseControl.IsEnabled": True,
                            "Vehicle.ADAS.CruiseControl.IsActive": True,
                            "Vehicle.ADAS.CruiseControl.SpeedSet": 130.0}.items():
            assert city.signals.update(path, value)
        city.bridge.flush()
        window = city.load("center")
        render(city, "center")
        readout = next(i for i in visual_items(window.contentItem()) if i.objectName() == "panelSpeed")
        panel = readout.parentItem()
        # the digits and the unit with the set speed beside it, as drawn (scaled to fit), in the
        # column's coordinates: inside it, left and right
        shown = readout.mapRectToItem(panel, readout.childrenRect())
        assert 0 <= shown.left() and shown.right() <= panel.width(), (shown, panel.width())
    finally:
        city.close()
