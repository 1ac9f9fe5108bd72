"""Qt runs offscreen in every test; a QML warning at run time fails the test that caused it."""

import os
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# caches (road graphs, map tiles) in a folder of the test run's own, not the user's
os.environ["XDG_CACHE_HOME"] = __import__("tempfile").mkdtemp(prefix="cockpit-test-cache-")
# and the car's data (profiles, history, health journal, consents) too: a demo a test starts writes there
os.environ["COCKPIT_DATA_DIR"] = __import__("tempfile").mkdtemp(prefix="cockpit-test-data-")

import pytest  # noqa: E402

if TYPE_CHECKING:
    from cockpit.app import Cockpit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"  # third-party reference data, origin and licence in NOTICE


@pytest.fixture
def qml_warnings():
    """The QML warnings raised during the test; the test fails if any remain unclaimed."""
    from cockpit.app import messages

    start = len(messages.warnings)
    seen: list[str] = []
    yield seen
    new = messages.warnings[start:]
    unexpected = [w for w in new if w not in seen]
    assert not unexpected, "QML warnings:\n" + "\n".join(unexpected)


@pytest.fixture
def cockpits(qapp):
    """make(values, theme="dark"): a Cockpit showing ``values`` (tests/screens.py); all closed at teardown."""
    from .screens import cockpit_with

    made: list[Cockpit] = []

    def make(values: dict, theme: str = "dark") -> "Cockpit":
        made.append(cockpit_with(values, theme))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture
def sim():
    from cockpit.sources.simulator import SimulatorSource

    return SimulatorSource(seed=1)


@pytest.fixture
def car(cockpits, sim):
    """A driving cockpit fed by ``sim``, stepped by hand: requests stay pending until ``sim.step``."""
    from .screens import DRIVING

    cockpit = cockpits(DRIVING)
    sim.attach(cockpit.signals)
    cockpit.bridge.flush()
    return cockpit


@pytest.fixture
def processes():
    """Start child processes (tests.zenoh_helpers.Process) that are killed when the test ends."""
    started = []

    def start(process):  # noqa: ANN001, ANN202
        started.append(process)
        return process

    yield start
    for p in started:
        p.kill()
