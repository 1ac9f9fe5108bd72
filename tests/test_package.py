"""The built wheel carries everything the cockpit reads at run time (CI installs it and runs it)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import version

import pytest

from cockpit.resources import ASSETS_DIR, PACKAGE_DIR, QML_DIR, THEMES_DIR

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = out.glob("cockpit-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_qml_theme_and_asset_file(wheel):
    names = set(wheel.namelist())
    data = [p for d in (QML_DIR, THEMES_DIR, ASSETS_DIR) for p in d.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]
    assert len(data) > 80  # the QML modules, four themes, fonts, cycles, DBC, kiosk files
    missing = [str(p.relative_to(PACKAGE_DIR.parent)) for p in data
               if str(p.relative_to(PACKAGE_DIR.parent)) not in names]
    assert not missing, missing
    assert "cockpit/vehicle/signals.toml" in names
    assert any(n.startswith("voice/sentences/en/") for n in names)


def test_the_wheel_leaves_out_tests_and_their_third_party_data(wheel):
    assert not [n for n in wheel.namelist() if n.startswith("tests/") or n.endswith("vss-6.0.json")]


def test_version_is_the_distributions():
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "--version"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"cockpit {version('cockpit')}"
