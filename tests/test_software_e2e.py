"""End to end on the live cockpit: a theme update published by the maker (TUF repository served on
127.0.0.1), found, downloaded, verified and installed from the Software page by the real service, and
shown without a restart; a bad one refused with the reason, the car staying on what it had; a rollback."""

from cockpit.gallery import simulated
from cockpit.updates import repository
from cockpit.updates.bundle import Manifest, make_bundle
from cockpit.updates.car import CarUpdates, setup
from cockpit.updates.live import InstalledContent
from tests.update_helpers import Server, dark_refresh


def publish_dark(tmp_path, repo, version, accent, text="#ffffff"):  # noqa: ANN001
    """The shipped dark theme with another accent (a brand refresh) as bundle ``version`` for the suv."""
    manifest = Manifest("theme", "dark", version, summary=f"Dark, refreshed ({accent})", variants=("suv",))
    content = dark_refresh(tmp_path / f"dark-{version}", accent, text)
    repository.add(repo, make_bundle(manifest, content, tmp_path / "bundles"))
    repository.publish(repo)


def test_a_theme_update_goes_from_the_maker_to_the_screen_without_a_restart(qapp, qtbot, tmp_path):
    from cockpit.app import Cockpit

    repo, data = tmp_path / "repo", tmp_path / "car"
    repository.init(repo)
    publish_dark(tmp_path, repo, "1.1", "#2fb8a6")
    signals, source = simulated()  # parked at the start of the drive cycle
    with Server(repo) as server:
        setup(server.url, repo / "metadata" / "1.root.json", data)
        cockpit = Cockpit(theme="dark", signals=signals,
                          updates=CarUpdates("suv", data, parked=lambda: True, read_timeout=5))
        try:
            source.run_for(signals, 1.0)
            cockpit.bridge.flush()
            installed = InstalledContent(cockpit, data)
            cockpit.software.applied.connect(installed.changed)
            software = cockpit.software

            def state():  # noqa: ANN202
                return software.property("state")

            assert cockpit.theme.group("color")["accent"].lower() != "#2fb8a6"
            software.check()
            qtbot.waitUntil(lambda: state() == "idle" and bool(software.property("offers")), timeout=30_000)
            (offer,) = software.property("offers")
            assert (offer["name"], offer["version"]) == ("dark", "1.1")
            assert software.install(offer["index"]) == ""
            qtbot.waitUntil(lambda: state() in ("done", "failed"), timeout=60_000)
            assert state() == "done", software.property("message")
            assert cockpit.theme.group("color")["accent"].lower() == "#2fb8a6"  # on screen, no restart

            publish_dark(tmp_path, repo, "1.2", "#e94f3d", text="#20242a")  # unreadable text: refused
            software.check()
            qtbot.waitUntil(lambda: state() == "idle" and bool(software.property("offers")), timeout=30_000)
            assert software.install(software.property("offers")[0]["index"]) == ""
            qtbot.waitUntil(lambda: state() in ("done", "failed"), timeout=60_000)
            assert state() == "failed"
            assert "contrast" in software.property("message") and "still on 1.1" in software.property("message")
            assert cockpit.theme.group("color")["accent"].lower() == "#2fb8a6"
            assert software.rollback("theme", "dark") == ""  # asked; 1.1 had nothing before it: refused in words
            qtbot.waitUntil(lambda: state() in ("rolledBack", "failed"), timeout=30_000)
            assert state() == "failed" and "no earlier version" in software.property("message")
        finally:
            cockpit.close()
