"""Brand and segment variants: the shipped themes differ in colour, type, radii, motion and the
cluster's layout, all from tokens, and every one of them renders every view without a warning."""

import colorsys
import json
import shutil

import pytest
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit
from cockpit.resources import THEMES_DIR
from cockpit.theming.tokens import load_theme, theme_files

from .screens import DRIVING, differing, shot

THEMES = {t.name: t for t in (load_theme(f) for f in theme_files(THEMES_DIR))}
TELLTALE_ROLES = ("danger", "warning", "on", "highBeam")


def item(cockpit: Cockpit, view: str, name: str) -> QQuickItem | None:
    return cockpit.windows[view].findChild(QQuickItem, name)


def shown(cockpit: Cockpit, name: str) -> bool:
    """A cluster item is there and visible (a Loader hides the item it replaces, deletes it later)."""
    return any(i.isVisible() for i in cockpit.windows["cluster"].findChildren(QQuickItem, name))


def test_four_themes_two_segments_each_in_light_and_dark():
    assert {"dark", "light", "city-dark", "city-light"} <= set(THEMES)
    assert {THEMES[n].mode for n in ("city-dark", "city-light")} == {"dark", "light"}
    assert "city-base" not in THEMES  # the city brand's shared file is not selectable on its own


@pytest.mark.parametrize("city, premium", [("city-dark", "dark"), ("city-light", "light")])
def test_city_differs_from_the_premium_theme_in_colour_type_radii_motion_and_layout(city, premium):
    c, p = THEMES[city].tokens, THEMES[premium].tokens
    for token in ("color.accent", "color.background.base", "font.size.display", "font.size.value",
                  "font.weight.light", "radius.s", "radius.m", "radius.l", "duration.normal",
                  "duration.needle", "layout.cluster"):
        assert c[token] != p[token], token
    # one typeface (Inter) across the brands: the city's type differs in its scale and weights
    assert c["font.family.ui"] == p["font.family.ui"] == "Inter"
    assert (p["layout.cluster"], c["layout.cluster"]) == ("dials", "bar")
    # what must not vary by brand: the telltale colours (ISO 2575); the indicator rate (UN R48) is not
    # a token at all but the ClusterStore's
    assert [c[f"color.telltale.{r}"] for r in TELLTALE_ROLES] == [p[f"color.telltale.{r}"] for r in TELLTALE_ROLES]


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_blue_is_only_the_high_beam_and_text_is_at_least_24_px(theme):
    tokens = THEMES[theme].tokens
    for name, value in tokens.items():
        if name.startswith("color.") and name not in ("color.telltale.highBeam", "color.hud.telltale.highBeam"):
            r, g, b = (int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))
            hue, light, sat = colorsys.rgb_to_hls(r, g, b)
            assert not (200 <= hue * 360 <= 260 and sat > 0.35 and 0.15 < light < 0.9), f"{name} {value} is blue"
        if name.startswith("font.size."):
            assert tokens[name] >= 24, name


@pytest.mark.parametrize("view", ["cluster", "center"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_renders_every_view_without_warnings(cockpits, qml_warnings, theme, view):
    image = shot(cockpits(DRIVING, theme), view)
    assert not image.isNull()


def test_the_city_cluster_is_a_speed_readout_between_straight_meters(cockpits, qml_warnings):
    dials = cockpits(DRIVING, "dark")
    bar = cockpits(DRIVING, "city-dark")
    shot(dials, "cluster"), shot(bar, "cluster")

    assert shown(dials, "dialMeters") and shown(dials, "speedometer")
    assert item(dials, "cluster", "barMeters") is None  # only the variant shown is created
    assert item(bar, "cluster", "dialMeters") is None and item(bar, "cluster", "speedometer") is None
    power, readout, battery = (item(bar, "cluster", n) for n in ("powerBar", "speedReadout", "batteryLevel"))
    assert all(i is not None and i.isVisible() for i in (power, readout, battery))
    # power left of the speed, battery right of it, both straight meters (wide, not round)
    left, mid, right = (i.mapToScene(i.boundingRect().center()) for i in (power, readout, battery))
    assert left.x() < mid.x() < right.x()
    assert abs(mid.x() - 1920 / 2) < 2
    assert power.width() == bar.theme.group("size")["meterLength"] and power.width() > 2 * power.height()


def test_the_layout_token_alone_switches_the_cluster(cockpits, qml_warnings, tmp_path):
    """A theme that differs from dark only in layout.cluster: same colours, different geometry."""
    for f in ("base", "dark"):
        shutil.copy(THEMES_DIR / f"{f}.tokens.json", tmp_path)
    (tmp_path / "dark-bar.tokens.json").write_text(json.dumps({
        "$extensions": {"org.cockpit": {"extends": "dark.tokens.json", "title": "Dark, bar cluster"}},
        "layout": {"cluster": {"$type": "string", "$value": "bar"}},
    }))
    c = cockpits(DRIVING)
    before = shot(c, "cluster")
    c.theme.add_folders([tmp_path])
    assert c.theme.use("dark-bar"), c.theme.error
    after = shot(c, "cluster")
    assert shown(c, "barMeters") and shown(c, "speedReadout") and not shown(c, "speedometer")
    assert differing(before, after) > 20_000  # three dials gone, a readout and two bars instead
    assert c.theme.use("dark")  # and back, at run time, without a restart
    shot(c, "cluster")
    assert shown(c, "speedometer") and not shown(c, "barMeters")


def test_the_bar_cluster_shows_missing_data_honestly(cockpits, qml_warnings):
    c = cockpits({}, "city-light")
    shot(c, "cluster")
    readout = item(c, "cluster", "speedReadout")
    assert readout.property("valid") is False and readout.property("notice") == "No vehicle data"
    assert item(c, "cluster", "powerBar").property("valid") is False
    assert item(c, "cluster", "batteryLevel").property("socValid") is False
