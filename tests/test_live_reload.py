"""Designer live reload: token edits repaint in place, QML errors keep the last good UI."""

import json
import shutil

import pytest
from PySide6.QtGui import QImage

from cockpit.app import Cockpit, render
from cockpit.resources import QML_DIR, THEMES_DIR
from cockpit.theming.live import LiveReload
from cockpit.theming.theme import Theme
from cockpit.vehicle.store import SignalStore

from .screens import DRIVING, count_colour, differing


@pytest.fixture
def workspace(tmp_path):
    """A designer's copy of the themes and the QML."""
    themes, qml = tmp_path / "themes", tmp_path / "qml"
    shutil.copytree(THEMES_DIR, themes)
    shutil.copytree(QML_DIR, qml)
    return themes, qml


@pytest.fixture
def dev(qapp, workspace):
    themes, qml = workspace
    c = Cockpit(signals=SignalStore(clock=lambda: 0.0), theme_dirs=[themes], qml_dir=qml)
    for path, value in DRIVING.items():
        c.signals.update(path, value)
    c.load("cluster").show()
    live = LiveReload(c)
    yield c, live, themes, qml
    c.close()


def shot(c: Cockpit) -> QImage:
    return render(c, "cluster").convertToFormat(QImage.Format.Format_ARGB32)


def edit_json(file, change):
    data = json.loads(file.read_text())
    change(data)
    file.write_text(json.dumps(data, indent=2))


def test_a_token_edit_repaints_without_restarting(dev, qtbot, qml_warnings):
    c, live, themes, _ = dev
    engine, window = c.engine, c.windows["cluster"]
    before = shot(c)
    new_bg = "#203040"
    assert count_colour(before, new_bg) == 0
    with qtbot.waitSignal(live.reloaded, timeout=3000) as applied:
        edit_json(themes / "dark.tokens.json",
                  lambda d: d["color"]["background"].__setitem__("base", {"$value": new_bg}))
    assert applied.args[0] == "theme"
    after = shot(c)
    assert c.engine is engine and c.windows["cluster"] is window  # same engine, same window
    assert count_colour(after, new_bg) > after.width() * after.height() // 4


def test_a_broken_token_edit_keeps_the_last_good_theme_and_says_why(dev, qtbot, qml_warnings):
    c, live, themes, _ = dev
    before = shot(c)
    (themes / "dark.tokens.json").write_text('{"color": {')
    qtbot.waitUntil(lambda: c.error_shown is not None, timeout=3000)
    title, message = c.error_shown
    assert "dark.tokens.json" in message and "line 1" in message
    assert c.theme.property("name") == "dark"
    after = shot(c)
    lower = (0, 300, before.width(), before.height() - 300)  # below the banner: the same UI as before
    assert differing(before.copy(*lower), after.copy(*lower)) == 0
    assert differing(before, after) > 10_000  # and the banner is there


@pytest.mark.parametrize("content, reason", [
    ('{"color": ' + "[" * 100_000, "line 1, column 74: nested deeper than 64 levels"),  # was a RecursionError
    (b'{"color": "\xff"}', "line 1, column 12: not UTF-8 text (byte 0xff)"),
    ('{"$extensions": {"org.cockpit": {"extends": "../../secret.tokens.json"}}}', "'extends' must name a theme file"),
    ('{"n": {"$type": "number", "$value": NaN}}', "NaN is not a number JSON has"),
])
def test_a_bad_file_saved_over_a_theme_keeps_the_last_good_one(dev, qtbot, qml_warnings, content, reason):
    c, live, themes, _ = dev
    colours = c.theme.group("color")
    (themes / "dark.tokens.json").write_bytes(content if isinstance(content, bytes) else content.encode())
    qtbot.waitUntil(lambda: c.error_shown is not None, timeout=3000)
    assert f"dark.tokens.json: {reason}" in c.error_shown[1]
    assert c.theme.property("name") == "dark" and c.theme.group("color") == colours


def test_a_qml_syntax_error_keeps_the_previous_ui_and_shows_where(dev, qtbot, qml_warnings):
    c, live, _, qml = dev
    window = c.windows["cluster"]
    view = qml / "Cockpit" / "Cluster" / "ClusterView.qml"
    good = view.read_text()
    before = shot(c)
    view.write_text(good.replace("Item {", "Item { oops oops", 1))
    qtbot.waitUntil(lambda: c.error_shown is not None, timeout=3000)
    title, message = c.error_shown
    assert "ClusterView.qml:" in message and "last good cluster" in title
    assert c.windows["cluster"] is window  # the running window was not replaced
    error_red = c.theme.group("color")["state"]["error"]
    assert count_colour(shot(c), error_red) > count_colour(before, error_red)  # the banner is drawn
    qml_warnings.extend(w for w in __import__("cockpit.app").app.messages.warnings if "oops" in w)

    with qtbot.waitSignal(live.reloaded, timeout=3000):
        view.write_text(good.replace('"--"', '"··"'))  # fixed, and visibly edited
    assert c.windows["cluster"] is not window and c.error_shown is None


def test_a_broken_theme_at_start_falls_back_to_the_default_visibly(qapp, tmp_path, caplog, qml_warnings):
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path)
    (tmp_path / "brand.tokens.json").write_text('{"color": {"$type": "color", "text": {"$value": "{nope}"}}}')
    c = Cockpit(theme="brand", theme_dirs=[tmp_path], signals=SignalStore(clock=lambda: 0.0))
    try:
        image = render(c, "cluster")
        assert c.theme.property("name") == "dark"
        title, message = c.error_shown
        assert "brand.tokens.json" in message and "unknown reference {nope}" in message
        assert "brand.tokens.json" in caplog.text
        assert not image.isNull()
    finally:
        c.close()


def test_without_a_loadable_default_any_theme_that_loads_is_used(qapp, tmp_path):
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path)
    shutil.copy(THEMES_DIR / "light.tokens.json", tmp_path)
    (tmp_path / "dark.tokens.json").write_text("{ broken")
    theme = Theme(folders=[tmp_path])
    assert theme.property("name") == "light"
    assert "dark.tokens.json: line 1" in theme.property("error")
    assert theme.group("color")["text"]["primary"]


def test_a_broken_default_theme_still_leaves_a_readable_cluster(qapp, tmp_path, qml_warnings):
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path)
    (tmp_path / "dark.tokens.json").write_text("{ broken")  # shadows the shipped default
    c = Cockpit(theme_dirs=[tmp_path], signals=SignalStore(clock=lambda: 0.0))
    try:
        for path, value in DRIVING.items():
            c.signals.update(path, value)
        image = render(c, "cluster").convertToFormat(QImage.Format.Format_ARGB32)
        assert c.theme.property("name") == "dark"  # the shipped dark, found after the broken one
        assert "dark.tokens.json: line 1" in c.error_shown[1]
        text = c.theme.group("color")["text"]["primary"]
        assert count_colour(image, text) > 500  # digits drawn in the theme's text colour
    finally:
        c.close()
