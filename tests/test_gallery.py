"""The screenshot gallery: every view × theme × state to PNG, and a contact sheet linking them."""

import re

import pytest
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit
from cockpit.gallery import STATES, make_gallery, night_counterpart, plan, simulated, wait_for_voice
from cockpit.hmi.energy_store import HISTORY_S, MOTOR_POWER
from cockpit.vehicle.store import SignalStore

from .screens import count_colour, shot

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
    assert len(shots) == 2 * (1 + 10)
    assert {s.page for s in shots if s.view == "center"} == {"home", "climate", "energy", "vehicle", "settings",
                                                             "driver", "navigation", "software", "health", "privacy"}
    assert len({s.file for s in shots}) == len(shots)  # no picture overwrites another


# ----- still pictures show a real state --------------------------------------------------------------


def test_the_power_chart_of_a_still_picture_holds_the_simulated_minutes_before(qapp, qml_warnings):
    signals, source = simulated()
    c = Cockpit(signals=signals)
    try:
        source.run_for(signals, 600.0)  # in well under a second of wall time
        c.bridge.flush()
        history = c.energy.property("powerHistory")
        # the same drive, read once a simulated second
        again, step = simulated()
        power = []
        for _ in range(600):
            step.step(again, 1.0)
            power.append(again.value(MOTOR_POWER))
        assert len(history) == HISTORY_S
        assert history == pytest.approx(power[-HISTORY_S:], abs=2.0)
        assert sum(abs(p) > 5 for p in history) > 10  # a picture of something: WLTC's low phase

        window = c.load("center")
        window.setProperty("page", "energy")
        image = shot(c, "center")
        bars = count_colour(image, c.theme.group("color")["chart"]["consumption"])
        regen = count_colour(image, c.theme.group("color")["chart"]["regen"])
        assert bars > 500 and regen > 200
    finally:
        c.close()


def test_a_gap_in_the_power_leaves_no_samples_and_a_long_one_no_more_than_the_chart(qapp):
    clock = type("Clock", (), {"t": 0.0, "__call__": lambda self: self.t})()
    signals = SignalStore(clock=clock)
    c = Cockpit(signals=signals)
    try:
        signals.update(MOTOR_POWER, 10)
        clock.t = 4.5
        signals.update(MOTOR_POWER, 20)  # seconds 0..4 at 10 kW
        clock.t = 6.0
        signals.mark_unavailable([MOTOR_POWER])  # seconds 5, 6 at 20; then nothing is known
        clock.t = 30.0
        c.bridge.flush()
        assert c.energy.property("powerHistory") == [10] * 5 + [20] * 2
        signals.update(MOTOR_POWER, -5)  # back at 30 s: the gap leaves no samples
        clock.t = 80.0
        c.bridge.flush()
        assert c.energy.property("powerHistory") == [10] * 5 + [20] * 2 + [-5] * 51
        clock.t = 1e9  # a store clock that jumps far ahead fills the chart once, in bounded time
        signals.update(MOTOR_POWER, -5)
        c.bridge.flush()
        assert c.energy.property("powerHistory") == [-5] * HISTORY_S
    finally:
        c.close()


def test_a_still_picture_of_the_settings_page_names_the_voice_engine_not_starting(qapp, qml_warnings):
    signals, _ = simulated()
    c = Cockpit(signals=signals)
    try:
        window = c.load("center")
        window.setProperty("page", "settings")
        wait_for_voice(c)
        shot(c, "center")
        text = window.findChild(QQuickItem, "voiceEngine").property("text")
        assert "starting" not in text and (c.voice.property("engine") in text or c.voice.property("error") == text)
    finally:
        c.close()


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
    said = re.search(r"(\d+) pictures of (\d+) screens in 1 theme and 2 states", html)
    assert said and int(said[1]) == len(expected) == html.count("<img ")
    assert int(said[2]) == 1 + len(set(STATES["parked"].pages) | set(STATES["no-data"].pages))
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


def test_the_gallery_help_names_every_state(capsys):
    from cockpit.cli import main

    with pytest.raises(SystemExit):
        main(["gallery", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert [name for name in STATES if name not in said] == []
