"""Theme switches at run time: both windows repaint in the new colours, every token QML reads
follows, a broken theme leaves the last good one with a banner, and a theme parsed once is parsed
again after any edit of its file or of the file it extends."""

import json
import shutil

import pytest
from PySide6.QtQml import QQmlComponent

from cockpit.resources import THEMES_DIR
from cockpit.theming.theme import GROUPS
from cockpit.theming.tokens import TokenError, load_theme, load_theme_cached

from .screens import DRIVING, shot

DARK, LIGHT = (load_theme(THEMES_DIR / f"{n}.tokens.json") for n in ("dark", "light"))


def corner(image) -> str:  # noqa: ANN001
    return image.pixelColor(2, image.height() - 2).name()


def test_a_switch_repaints_both_windows_in_the_new_theme_and_back(cockpits, qml_warnings):
    c = cockpits(DRIVING)
    views = ("cluster", "center")
    painted = {view: corner(shot(c, view)) for view in views}
    # the token each window's corner is painted with (background.base, or surface under a bar)
    token = {view: {n for n, v in DARK.tokens.items() if n.startswith("color.background.") and v == painted[view]}
             for view in views}
    assert all(token.values()), painted
    for theme in (LIGHT, DARK):
        assert c.theme.use(theme.name)
        for view in views:
            assert corner(shot(c, view)) in {theme.tokens[n] for n in token[view]}, (theme.name, view)
    assert corner(shot(c, "center")) != LIGHT.tokens[next(iter(token["center"]))]


def test_every_token_a_binding_reads_follows_a_switch(cockpits, qml_warnings):
    c = cockpits({})
    reads = QQmlComponent(c.engine)
    reads.setData(("import QtQuick\nimport Cockpit.Theme\nQtObject {\n"
                   + "".join(f"    property string {g}: JSON.stringify(Theme.{g})\n" for g in GROUPS)
                   + "}\n").encode(), "")
    bound = reads.create()
    assert bound is not None, reads.errors()
    try:
        for theme in (LIGHT, DARK, LIGHT):
            assert c.theme.use(theme.name)
            nested = theme.nested()
            for group in GROUPS:
                assert json.loads(bound.property(group)) == c.theme.group(group), group
            assert {g: c.theme.group(g) for g in GROUPS if g != "font"} == {
                g: nested.get(g, {}) for g in GROUPS if g != "font"}
    finally:
        bound.deleteLater()


def test_a_broken_theme_keeps_the_last_good_one_with_a_banner(cockpits, qml_warnings, tmp_path):
    for name in ("base", "dark", "light"):
        shutil.copy(THEMES_DIR / f"{name}.tokens.json", tmp_path)
    c = cockpits(DRIVING)
    c.theme.add_folders([tmp_path])
    assert c.theme.use("light") and c.theme.use("dark")  # both parsed once already
    (tmp_path / "light.tokens.json").write_text('{"color": {')
    assert c.theme.use("light") is False
    assert c.theme.property("name") == "dark" and c.theme.group("color") == DARK.nested()["color"]
    assert c.error_shown is not None and "light.tokens.json" in c.error_shown[1]
    assert corner(shot(c, "cluster")) == DARK.tokens["color.background.base"]
    shutil.copy(THEMES_DIR / "light.tokens.json", tmp_path)  # fixed: it loads again, the banner goes
    assert c.theme.use("light") and c.error_shown is None


def test_a_parsed_theme_is_parsed_again_after_any_edit(tmp_path):
    base, child = tmp_path / "base.tokens.json", tmp_path / "child.tokens.json"

    def write(file, colour, extends=None):  # noqa: ANN001, ANN202
        data = {"color": {"$type": "color", "bg": {"$value": colour}}}
        if extends:
            data["$extensions"] = {"org.cockpit": {"extends": extends}}
        file.write_text(json.dumps(data))

    write(base, "#111111")
    child.write_text(json.dumps({"$extensions": {"org.cockpit": {"extends": "base.tokens.json"}},
                                 "color": {"$type": "color", "fg": {"$value": "#eeeeee"}}}))
    first = load_theme_cached(child)
    assert first.tokens["color.bg"] == "#111111"
    assert load_theme_cached(child) is first  # unchanged: not parsed again
    write(base, "#222222")  # the file it extends, same size, within the same clock tick
    assert load_theme_cached(child).tokens["color.bg"] == "#222222"
    child.write_text('{"color": {')
    for _ in range(2):  # a broken file is reported every time, never served from before
        with pytest.raises(TokenError, match="child.tokens.json"):
            load_theme_cached(child)
