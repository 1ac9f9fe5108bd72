"""Static checks that are part of the suite: qmllint over every QML file, ruff over the Python."""

import importlib.util
import subprocess
import sys

import pytest

from cockpit.hmi import qmllint

from .conftest import ROOT


def test_qml_is_qmllint_clean():
    result = qmllint.run()
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def test_qmllint_catches_a_misspelt_store_property(tmp_path):
    # Guards the guard: qmllint must see the Python stores' types, or it would pass anything.
    bad = tmp_path / "Bad.qml"
    bad.write_text("import QtQuick\nimport Cockpit.Stores\nItem {\n    required property ClusterStore store\n"
                   "    width: store.sped\n}\n")
    result = qmllint.run([bad])
    assert 'Member "sped" not found on type "ClusterStore"' in result.stdout + result.stderr


def test_no_colour_literals_in_qml():
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in qmllint.qml_files()
                 for n, line in enumerate(p.read_text().splitlines(), 1) if '"#' in line]
    assert not offenders, "colours must come from theme tokens: " + ", ".join(offenders)


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff comes with the test extras")
def test_python_is_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "cockpit", "voice", "tests", "benchmarks", "tools"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
