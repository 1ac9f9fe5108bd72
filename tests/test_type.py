"""The screens' type: Inter, shipped with the package, in every theme; figures drawn tabular, so a
number that changes keeps its width."""

import re

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QFontDatabase
from PySide6.QtQml import QQmlComponent

from cockpit.app import FONTS_DIR, load_fonts
from cockpit.hmi import qmllint
from cockpit.resources import THEMES_DIR
from cockpit.theming.tokens import load_theme, theme_files

from .conftest import ROOT

THEMES = {t.name: t for t in map(load_theme, theme_files(THEMES_DIR))}


def test_inter_ships_with_its_licence_and_loads(qapp):
    shipped = sorted(p.name for p in FONTS_DIR.glob("Inter-*.otf"))
    assert shipped == ["Inter-Bold.otf", "Inter-ExtraLight.otf", "Inter-Regular.otf", "Inter-SemiBold.otf"]
    assert "SIL Open Font License" in (FONTS_DIR / "LICENSE-Inter.txt").read_text()
    assert "LICENSE-Inter.txt" in (ROOT / "NOTICE").read_text()
    load_fonts()
    assert "Inter" in QFontDatabase.families()


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_writes_and_counts_in_inter(name):
    tokens = THEMES[name].tokens
    assert tokens["font.family.ui"] == "Inter" and tokens["font.family.numeric"] == "Inter"


def _widths(engine, element: str, props: str = "") -> tuple[float, float]:
    component = QQmlComponent(engine)
    component.setData((
        "import QtQuick\nimport Cockpit.Theme\nimport Cockpit.Controls\nRow {\n"
        f"    {element} {{ objectName: 'ones'; text: '111'; {props} }}\n"
        f"    {element} {{ objectName: 'eights'; text: '888'; {props} }}\n"
        "}\n").encode(), "")
    row = component.create()
    assert row is not None, component.errors()
    try:
        widths = tuple(row.findChild(QObject, n).property("contentWidth") for n in ("ones", "eights"))
    finally:
        row.deleteLater()
    return widths


def test_figures_are_tabular_in_themed_text_and_proportional_without_the_feature(cockpits):
    c = cockpits({})
    ones, eights = _widths(c.engine, "ThemedText")
    assert ones == pytest.approx(eights, abs=0.5)
    # guards the guard: Inter's default figures are proportional, a 1 narrower than an 8
    ones, eights = _widths(c.engine, "Text", "font.family: Theme.font.family.numeric; font.pixelSize: 56")
    assert ones < eights - 5


_ELEMENT = re.compile(r"^\s*([A-Z]\w*)\s*\{")


def test_every_text_in_the_numeric_family_asks_for_tabular_figures():
    """A plain Text drawing figures sets font.features tnum itself; ThemedText does it for its users."""
    missing = []
    for path in qmllint.qml_files():
        lines = path.read_text().splitlines()
        for n, line in enumerate(lines):
            if "Theme.font.family.numeric" not in line:
                continue
            depth, start = 0, None  # the element the line belongs to
            for j in range(n - 1, -1, -1):
                depth += lines[j].count("}") - lines[j].count("{")
                if depth < 0:
                    start = j
                    break
            head = _ELEMENT.match(lines[start]) if start is not None else None
            element = head.group(1) if head else ""
            if element == "ThemedText":
                continue
            body, depth = [], 0
            for later in lines[start:]:
                body.append(later)
                depth += later.count("{") - later.count("}")
                if depth <= 0:
                    break
            if not any(re.search(r'font\.features\s*:\s*\{\s*"tnum"\s*:\s*1', b) for b in body):
                missing.append(f"{path.relative_to(ROOT)}:{n + 1} ({element})")
    assert not missing, missing
