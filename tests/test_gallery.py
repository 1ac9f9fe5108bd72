"""The screenshot gallery: every view × theme × state to PNG, and a contact sheet linking them."""

import re

import pytest
from PySide6.QtGui import QImage

from cockpit.gallery import STATES, make_gallery, night_counterpart, plan

MODES = {"dark": "dark", "light": "light", "city-dark": "dark", "city-light": "light", "odd-light": "light"}


def test_night_shows_a_light_theme_in_its_dark_counterpart():
    assert night_counterpart("light", MODES) == "dark"
    assert night_counterpart("city-light", MODES) == "city-dark"
    assert night_counterpart("city-dark", MODES) == "city-dark"
    assert night_counterpart("odd-light", MODES) == "odd-light"  # no dark sibling: itself
    shots = plan(["cluster"], ["city-light"], [STATES["night"], STATES["driving"]], MODES)
    assert [(s.state, s.shown) for s in shots] == [("night", "city-dark"), ("driving", "city-light")]


def test_the_plan_covers_every_center_page_while_driving():
    shots = plan(["cluster", "center"], ["dark", "light"], [STATES["driving"]], MODES)
    assert len(shots) == 2 * (1 + 5)
    assert {s.page for s in shots if s.view == "center"} == {"home", "climate", "energy", "vehicle", "settings"}
    assert len({s.file for s in shots}) == len(shots)  # no picture overwrites another


def test_gallery_writes_pngs_and_a_contact_sheet_that_links_them_all(qapp, qml_warnings, tmp_path):
    lines: list[str] = []
    summary = make_gallery(tmp_path, views=("cluster", "center"), themes=["city-dark"],
                           states=["parked", "no-data"], progress=lines.append)

    pages = {"parked": STATES["parked"].pages, "no-data": STATES["no-data"].pages}
    expected = {f"cluster/{s}/city-dark.png" for s in pages}
    expected |= {f"center-{p}/{s}/city-dark.png" for s, ps in pages.items() for p in ps}
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.png")}
    assert written == expected
    assert sorted(p.relative_to(tmp_path).as_posix() for p in summary.files) == sorted(expected)
    assert summary.warnings == []
    sizes = {(QImage(str(tmp_path / f)).width(), QImage(str(tmp_path / f)).height()) for f in expected}
    assert sizes == {(1920, 720), (1280, 800)}

    assert len(lines) == len(expected)
    assert lines[0] == f"[1/{len(expected)}] cluster city-dark parked"

    html = summary.index.read_text(encoding="utf-8")
    assert summary.index == tmp_path / "index.html"
    linked = set(re.findall(r'src="([^"]+)"', html))
    assert linked == expected  # every picture, by a relative link
    assert set(re.findall(r'href="([^"#]+)"', html)) == expected
    assert "http" not in html and "<script" not in html  # no external assets
    for caption in ("City Dark", "parked", "no-data", "center · energy"):
        assert caption in html


def test_gallery_refuses_unknown_names_before_rendering(qapp, tmp_path):
    with pytest.raises(ValueError, match="unknown state"):
        make_gallery(tmp_path, states=["sunny"])
    with pytest.raises(ValueError, match="unknown theme"):
        make_gallery(tmp_path, themes=["neon"], states=["parked"])
    with pytest.raises(ValueError, match="unknown view"):
        make_gallery(tmp_path, views=["dashboard"])
    assert not list(tmp_path.rglob("*.png"))
