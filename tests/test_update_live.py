"""Installed content in the running cockpit: a theme update shows without a restart (and its rollback),
an installed theme is offered to the driver, installed voice sentences restart the recognizer with them."""

from cockpit.updates.bundle import Manifest, make_bundle
from cockpit.updates.live import InstalledContent
from cockpit.updates.slots import install, rollback
from tests.fake_voice import fake_reading
from tests.update_helpers import dark_refresh, theme_bundle


def dark_update(tmp_path, version, accent):  # noqa: ANN001
    """The shipped dark theme with another accent, as the maker would ship a brand refresh of it."""
    content = dark_refresh(tmp_path / f"dark-{version}", accent)
    return make_bundle(Manifest("theme", "dark", version), content, tmp_path / "bundles")


def accent(cockpit):  # noqa: ANN001
    return cockpit.theme.group("color")["accent"].lower()


def test_a_theme_update_shows_at_once_and_so_does_its_rollback(cockpits, tmp_path):
    data = tmp_path / "car"
    assert install(dark_update(tmp_path, "1.0", "#3d9be9"), parked=True, data_dir=data).ok
    cockpit = cockpits({})
    assert accent(cockpit) != "#3d9be9"  # the shipped one, before the installed content joins
    content = InstalledContent(cockpit, data)
    assert accent(cockpit) == "#3d9be9"

    assert install(dark_update(tmp_path, "1.1", "#2fb8a6"), parked=True, data_dir=data).ok
    assert content.changed("theme")
    assert accent(cockpit) == "#2fb8a6" and cockpit.theme.property("name") == "dark"
    assert rollback("theme", "dark", data_dir=data).ok
    content.changed("theme")
    assert accent(cockpit) == "#3d9be9"


def test_an_installed_theme_is_offered_to_the_driver(cockpits, tmp_path):
    data = tmp_path / "car"
    assert install(theme_bundle(tmp_path, "1.0"), parked=True, data_dir=data).ok  # "nordic"
    cockpit = cockpits({})
    cockpit.settings.offered = ("dark", "light")  # the variant's own
    cockpit.theme.changed.emit()

    def offered():  # noqa: ANN202
        return [t["name"] for t in cockpit.settings.property("themes")]

    assert "nordic" not in offered()
    InstalledContent(cockpit, data)
    assert "nordic" in offered() and {"dark", "light"} <= set(offered())
    assert cockpit.settings.setTheme("nordic") == "" and cockpit.theme.property("name") == "nordic"


def test_other_kinds_wait_for_the_next_start(cockpits, tmp_path):
    content = InstalledContent(cockpits({}), tmp_path / "car")
    assert not content.changed("map") and not content.changed("cockpit")


def test_installed_sentences_restart_the_recognizer_with_them(car, qtbot, tmp_path):
    car.voice.use(fake_reading, None)
    qtbot.waitUntil(lambda: car.voice.property("engine") == "fake with 0 installed sentence folder(s)",
                    timeout=30_000)
    first = car.voice._worker.pid
    sentences = tmp_path / "sentences" / "en"
    sentences.mkdir(parents=True)
    car.voice.use_sentences([tmp_path / "sentences"])
    qtbot.waitUntil(lambda: car.voice.property("engine") == "fake with 1 installed sentence folder(s)",
                    timeout=30_000)
    assert car.voice._worker.pid != first
