"""Installing verified bundles A/B on the car: real bundles, real files, the car's real checks and subprocesses."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cockpit.resources import ASSETS_DIR, THEMES_DIR
from cockpit.updates import checks, installed, slots
from cockpit.updates.bundle import Manifest, make_bundle
from cockpit.updates.slots import SlotError, install, live, needs_park, recover, rollback, status
from tests.update_helpers import theme_bundle, theme_content

ROOT = Path(__file__).resolve().parents[1]


def tour_bundle(tmp: Path, version: str, tour: str | None = None) -> Path:
    content = tmp / "content" / f"tour-{version}"
    content.mkdir(parents=True)
    shutil.copy(ASSETS_DIR / "kiosk" / "set-temperature-22.wav", content)
    if tour is None:
        shutil.copy(ASSETS_DIR / "kiosk" / "tour.yaml", content)
    else:
        (content / "tour.yaml").write_text(tour, encoding="utf-8")
    return make_bundle(Manifest("kiosk-tour", "showroom", version), content, tmp / "bundles")


def payload_of(slot: Path) -> dict[str, bytes]:
    return {p.relative_to(slot).as_posix(): p.read_bytes() for p in sorted(slot.rglob("*")) if p.is_file()}


def content_of(tmp: Path, name: str, version: str) -> dict[str, bytes]:
    return payload_of(tmp / "content" / f"{name}-{version}")


def item(data: Path, kind: str, name: str) -> slots.ItemStatus:
    (found,) = [s for s in status(data) if (s.kind, s.name) == (kind, name)]
    return found


def test_install_makes_the_bundle_active_and_the_cockpit_finds_it(tmp_path):
    data = tmp_path / "car"
    assert status(data) == []
    result = install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    assert (result.ok, result.active, result.reason) == (True, "1.0.0", "")
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot, s.last_good, s.pending, s.failed) == ("1.0.0", "a", None, "", "")
    assert [h["event"] for h in s.history] == ["installed"]
    (slot,) = installed.theme_dirs(data)
    assert slot == data / "updates" / "theme" / "nordic" / "a"
    assert payload_of(slot) == content_of(tmp_path, "nordic", "1.0.0")

    assert install(theme_bundle(tmp_path, "1.1.0"), parked=True, data_dir=data).ok
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot, s.last_good, s.last_good_slot) == ("1.1.0", "b", "1.0.0", "a")
    assert installed.theme_dirs(data) == [data / "updates" / "theme" / "nordic" / "b"]
    assert payload_of(data / "updates" / "theme" / "nordic" / "a") == content_of(tmp_path, "nordic", "1.0.0")


def test_a_theme_with_unreadable_text_is_refused_and_the_previous_stays(tmp_path):
    data = tmp_path / "car"
    install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    install(theme_bundle(tmp_path, "1.1.0"), parked=True, data_dir=data)
    result = install(theme_bundle(tmp_path, "1.2.0", text="#333333"), parked=True, data_dir=data)
    assert not result.ok and result.active == "1.1.0"
    assert "theme 'nordic': text contrast 1.54:1 (color.text.primary on color.background.base), needs 4.5:1" \
        in result.reason
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot) == ("1.1.0", "b")
    assert s.failed.startswith("1.2.0: themes-check: theme 'nordic': text contrast")
    # the failed version went into the rollback target's slot, so no rollback target is left
    assert s.last_good is None and not (data / "updates" / "theme" / "nordic" / "a").exists()
    assert [h["event"] for h in s.history] == ["installed", "installed", "failed"]
    assert payload_of(installed.theme_dirs(data)[0]) == content_of(tmp_path, "nordic", "1.1.0")
    # a good one after it clears the failure
    assert install(theme_bundle(tmp_path, "1.2.1"), parked=True, data_dir=data).ok
    assert item(data, "theme", "nordic").failed == ""


def test_a_tour_that_does_not_parse_is_refused_and_the_previous_stays(tmp_path):
    data = tmp_path / "car"
    assert install(tour_bundle(tmp_path, "1"), parked=False, data_dir=data).ok  # a tour may come while driving
    result = install(tour_bundle(tmp_path, "2", "steps:\n  - at: soon\n    caption: hello\n"), parked=False,
                     data_dir=data)
    assert not result.ok and result.active == "1"
    assert result.reason.startswith("tour-check: tour.yaml: step 1:"), result.reason
    assert "soon" in result.reason
    assert installed.tour_files(data) == [data / "updates" / "kiosk-tour" / "showroom" / "a" / "tour.yaml"]
    result = install(tour_bundle(tmp_path, "3", "steps: [{at: 0, theme: no-such-theme}]\n"), parked=False,
                     data_dir=data)
    assert not result.ok and "no-such-theme" in result.reason


def test_a_tour_may_use_an_installed_theme(tmp_path):
    data = tmp_path / "car"
    tour = "steps: [{at: 0, theme: nordic, caption: Nordic}]\n"
    assert not install(tour_bundle(tmp_path, "1", tour), parked=False, data_dir=data).ok
    install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    assert install(tour_bundle(tmp_path, "2", tour), parked=False, data_dir=data).ok


def test_rollback_returns_to_the_last_good_version_and_refuses_when_there_is_none(tmp_path):
    data = tmp_path / "car"
    with pytest.raises(SlotError, match="not installed; nothing to roll back"):
        rollback("theme", "nordic", data_dir=data)
    install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    with pytest.raises(SlotError, match="no earlier version is kept"):
        rollback("theme", "nordic", data_dir=data)
    install(theme_bundle(tmp_path, "2.0.0"), parked=True, data_dir=data)
    result = rollback("theme", "nordic", data_dir=data, reason="the driver asked")
    assert (result.ok, result.active) == (True, "1.0.0")
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot, s.last_good, s.last_good_slot) == ("1.0.0", "a", "2.0.0", "b")
    assert s.history[-1]["event"] == "rollback" and s.history[-1]["reason"] == "the driver asked"
    assert payload_of(installed.theme_dirs(data)[0]) == content_of(tmp_path, "nordic", "1.0.0")
    # 2.0.0 is newer than the active 1.0.0 again: installing it anew is allowed (into the other slot)
    assert install(theme_bundle(tmp_path / "again", "2.0.0"), parked=True, data_dir=data).ok


def test_a_version_not_newer_than_the_active_one_is_refused(tmp_path):
    data = tmp_path / "car"
    install(theme_bundle(tmp_path, "1.10.0"), parked=True, data_dir=data)
    for version in ("1.10", "1.9.9"):  # 1.10 is 1.10.0; 1.9.9 is older though it sorts after as text
        with pytest.raises(SlotError, match=f"theme 'nordic' {version}: not newer than the active 1.10.0; "
                                            "going back is a rollback"):
            install(theme_bundle(tmp_path / version, version), parked=True, data_dir=data)
    s = item(data, "theme", "nordic")
    assert (s.active, s.failed, len(s.history)) == ("1.10.0", "", 1)


def test_unknown_checks_and_checks_of_another_kind_refuse_the_bundle(tmp_path):
    data = tmp_path / "car"
    with pytest.raises(SlotError, match="asks for check 'run-anything', which this car does not have"):
        install(theme_bundle(tmp_path, "1.0.0", checks_=("run-anything",)), parked=True, data_dir=data)
    content = tmp_path / "tour"
    content.mkdir()
    shutil.copy(ASSETS_DIR / "kiosk" / "tour.yaml", content)
    shutil.copy(ASSETS_DIR / "kiosk" / "set-temperature-22.wav", content)
    bundle = make_bundle(Manifest("kiosk-tour", "t", "1", checks=("first-frame",)), content, tmp_path / "b")
    with pytest.raises(SlotError, match="check 'first-frame' does not apply to a kiosk-tour bundle"):
        install(bundle, parked=True, data_dir=data)
    assert status(data) == []  # nothing was written for either


def test_content_for_the_driving_screens_waits_for_park(tmp_path):
    data = tmp_path / "car"
    with pytest.raises(SlotError, match="changes the driving screens, so it installs only with the car in P"):
        install(theme_bundle(tmp_path, "1.0.0"), parked=False, data_dir=data)
    assert [needs_park(k) for k in ("theme", "can-mapping", "cockpit")] == [True] * 3
    assert [needs_park(k) for k in ("voice-sentences", "map", "kiosk-tour")] == [False] * 3
    assert [k for k in ("theme", "voice-sentences", "can-mapping", "map", "kiosk-tour", "cockpit") if live(k)] \
        == ["theme", "voice-sentences"]


def test_a_bundle_for_another_variant_is_refused(tmp_path):
    content = theme_content(tmp_path / "c", "nordic", "1")
    bundle = make_bundle(Manifest("theme", "nordic", "1", variants=("sedan",)), content, tmp_path / "b")
    with pytest.raises(SlotError, match="is for the sedan variant"):
        install(bundle, parked=True, data_dir=tmp_path / "car", variant="suv")


def test_a_corrupt_state_file_is_reported_left_out_and_set_aside_by_recovery(tmp_path, caplog):
    data = tmp_path / "car"
    install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    install(theme_bundle(tmp_path, "1.1.0"), parked=True, data_dir=data)
    state = data / "updates" / "theme" / "nordic" / "state.json"
    state.write_bytes(state.read_bytes()[:40])  # cut short, as a failing disk might leave it
    s = item(data, "theme", "nordic")
    assert s.active is None and s.failed.startswith("state unreadable, shipped content in use:")
    with caplog.at_level(logging.WARNING, "cockpit.updates.installed"):
        assert installed.theme_dirs(data) == [] and installed.theme_dirs(data) == []
    # once, however often asked
    said = [r.getMessage() for r in caplog.records if "nordic" in r.getMessage()]
    assert len(said) == 1 and "shipped content in use" in said[0] and "state.json: line" in said[0]
    later = theme_bundle(tmp_path, "1.2.0")
    with pytest.raises(SlotError, match="its state file is unreadable .*until recovery at the next start"):
        install(later, parked=True, data_dir=data)

    done = recover(data)
    assert len(done) == 1 and "the state file was unreadable" in done[0] and "state.json.bad" in done[0]
    assert (state.parent / "state.json.bad").exists()
    s = item(data, "theme", "nordic")
    assert (s.active, s.last_good) == (None, None) and "unreadable" in s.failed
    assert install(later, parked=True, data_dir=data).ok

    state.write_text('{"format": 1, "active": {"slot": "c", "version": "1"}}', encoding="utf-8")
    assert "'active' is not {slot: a|b, version}" in item(data, "theme", "nordic").failed


def test_recovery_clears_a_slot_left_half_written(tmp_path):
    data = tmp_path / "car"
    install(theme_bundle(tmp_path, "1.0.0"), parked=True, data_dir=data)
    install(theme_bundle(tmp_path, "1.1.0"), parked=True, data_dir=data)
    folder = data / "updates" / "theme" / "nordic"
    # what a crash halfway through installing 1.2.0 into slot a leaves behind
    (folder / "a.partial").write_text("1.2.0")
    (folder / "a" / "nordic.tokens.json").write_text('{"color": {')
    (folder / "state.json.tmp").write_text('{"form')
    assert item(data, "theme", "nordic").pending == "1.2.0 going into slot a"
    done = recover(data)
    assert done == ["theme 'nordic': removed a state file cut short",
                    "theme 'nordic': install of 1.2.0 into slot a was cut short; slot cleared"]
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot, s.last_good, s.pending) == ("1.1.0", "b", None, "")
    assert sorted(p.name for p in folder.iterdir()) == ["b", "state.json"]
    assert recover(data) == []
    # killed after the commit of 1.2.0, before its marker went: it stays, and an install without a
    # restart in between cleans up first instead of taking the marker for its own
    assert install(theme_bundle(tmp_path, "1.2.0"), parked=True, data_dir=data).ok
    (folder / "a.partial").write_text("1.2.0")
    assert install(theme_bundle(tmp_path, "1.3.0"), parked=True, data_dir=data).ok
    s = item(data, "theme", "nordic")
    assert (s.active, s.slot, s.last_good, s.last_good_slot, s.pending) == ("1.3.0", "b", "1.2.0", "a", "")
    assert payload_of(folder / "a") == content_of(tmp_path, "nordic", "1.2.0")


def test_two_installs_at_once_the_second_is_refused(tmp_path):
    data = tmp_path / "car"
    slow = theme_bundle(tmp_path, "1.0.0", checks_=("first-frame",))  # the first frame keeps it busy
    code = ("import sys; from cockpit.updates.slots import install; "
            "r = install(sys.argv[1], parked=True, data_dir=sys.argv[2]); print(r.ok, r.reason)")
    child = subprocess.Popen([sys.executable, "-c", code, str(slow), str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    marker = data / "updates" / "theme" / "nordic" / "a.partial"
    while not marker.exists() and child.poll() is None:
        time.sleep(0.01)
    assert child.poll() is None, "the first install ended before the second could try"
    later = theme_bundle(tmp_path, "2.0.0")
    with pytest.raises(SlotError, match=rf"another update is under way \(pid {child.pid}\)"):
        install(later, parked=True, data_dir=data)
    with pytest.raises(SlotError, match="another update is under way"):
        rollback("theme", "nordic", data_dir=data)
    assert child.communicate(timeout=300)[0].strip() == "True"
    assert item(data, "theme", "nordic").active == "1.0.0"
    assert install(later, parked=True, data_dir=data).ok  # the lock was let go


def test_first_frame_renders_an_installed_theme(tmp_path):
    data = tmp_path / "car"
    ok = install(theme_bundle(tmp_path, "1.0.0", checks_=("first-frame",)), parked=True, data_dir=data)
    assert ok.ok, ok.reason
    png = tmp_path / "flat.png"
    png.write_bytes(_flat_png(200, 100))
    assert checks.blank_png(png) == "is one flat colour"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    assert checks.blank_png(png) == "is not a PNG"


def test_first_frame_fails_on_a_theme_the_cockpit_cannot_load(tmp_path):
    # passes the token checks as a file, but its base is missing from the slot, so it never loads
    content = tmp_path / "c"
    content.mkdir()
    data = json.loads((THEMES_DIR / "dark.tokens.json").read_text(encoding="utf-8"))
    (content / "nordic.tokens.json").write_text(json.dumps(data), encoding="utf-8")
    bundle = make_bundle(Manifest("theme", "nordic", "1", checks=("first-frame",)), content, tmp_path / "b")
    result = install(bundle, parked=True, data_dir=tmp_path / "car")
    assert not result.ok and result.reason.startswith("themes-check: theme 'nordic': theme file loads")
    assert "base.tokens.json" in result.reason


def test_sentences_join_the_shipped_ones_and_a_broken_template_is_refused(tmp_path):
    from voice.intents import IntentMatcher

    data = tmp_path / "car"
    good = tmp_path / "good" / "sentences" / "en"
    good.mkdir(parents=True)
    (good / "extra.yaml").write_text('language: en\nintents:\n  info.range:\n    data:\n'
                                     '      - sentences:\n          - "how much juice is left"\n', encoding="utf-8")
    bundle = make_bundle(Manifest("voice-sentences", "juice", "1"), tmp_path / "good", tmp_path / "b")
    assert install(bundle, parked=False, data_dir=data).ok
    (folder,) = installed.sentence_dirs(data)
    assert IntentMatcher("en", folders=[folder]).match("how much juice is left").intent == "info.range"
    assert IntentMatcher("en").match("how much juice is left") is None

    bad = tmp_path / "bad" / "sentences" / "en"
    bad.mkdir(parents=True)
    (bad / "extra.yaml").write_text('language: en\nintents:\n  info.range:\n    data:\n'
                                    '      - sentences:\n          - "how much (juice is left"\n', encoding="utf-8")
    result = install(make_bundle(Manifest("voice-sentences", "juice", "2"), tmp_path / "bad", tmp_path / "b"),
                     parked=False, data_dir=data)
    assert not result.ok and result.active == "1"
    assert result.reason.startswith("sentences-check: the en sentences do not compile into a grammar"), result.reason

    klingon = tmp_path / "tlh" / "sentences" / "tlh"
    klingon.mkdir(parents=True)
    (klingon / "a.yaml").write_text("language: tlh\n", encoding="utf-8")
    result = install(make_bundle(Manifest("voice-sentences", "juice", "3"), tmp_path / "tlh", tmp_path / "b"),
                     parked=False, data_dir=data)
    assert "no voice for language(s) tlh on this car" in result.reason


def test_a_can_mapping_loads_against_its_dbc(tmp_path):
    data = tmp_path / "car"
    content = tmp_path / "can"
    content.mkdir()
    shutil.copy(ASSETS_DIR / "can" / "demo-ev.dbc", content)
    shutil.copy(ASSETS_DIR / "can" / "demo-ev.yaml", content)
    assert install(make_bundle(Manifest("can-mapping", "demo", "1"), content, tmp_path / "b"), parked=True,
                   data_dir=data).ok
    assert installed.mapping_dirs(data) == [data / "updates" / "can-mapping" / "demo" / "a"]
    text = (content / "demo-ev.yaml").read_text(encoding="utf-8")
    (content / "demo-ev.yaml").write_text(text.replace("message: VCU_Drive", "message: NoSuchMessage", 1),
                                          encoding="utf-8")
    result = install(make_bundle(Manifest("can-mapping", "demo", "2"), content, tmp_path / "b"), parked=True,
                     data_dir=data)
    assert not result.ok and result.active == "1"
    assert result.reason.startswith("mapping-check: demo-ev.yaml: Vehicle.Speed:"), result.reason
    assert "NoSuchMessage" in result.reason


def _flat_png(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + b"\x20\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))



def hand_wheel(folder: Path, version: str, *, claims: str | None = None, broken_cluster: bool = False) -> Path:
    """A wheel of this checkout's cockpit and voice packages (what ``pip wheel`` packs), built without
    setuptools or a network: ``claims`` is the version its metadata says, ``broken_cluster`` spoils the
    cluster's QML so the cockpit cannot draw."""
    import base64
    import hashlib
    import zipfile

    info = f"cockpit-{claims or version}.dist-info"
    tracked = subprocess.run(["git", "ls-files", "cockpit", "voice"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    files = {n: (ROOT / n).read_bytes() for n in tracked}
    if broken_cluster:
        files["cockpit/qml/Cockpit/Cluster/Cluster.qml"] = b"this is not QML {\n"
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: cockpit\nVersion: {claims or version}\n".encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = "".join(f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()},"
                     f"{len(b)}\n" for n, b in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / f"cockpit-{version}-py3-none-any.whl", "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)
    return folder


def test_a_cockpit_wheel_is_installed_into_its_slot_and_run_from_there(tmp_path):
    data = tmp_path / "car"

    def bundle(version: str, **how) -> Path:
        return make_bundle(Manifest("cockpit", "cockpit", version), hand_wheel(tmp_path / version, version, **how),
                           tmp_path / "b")

    with pytest.raises(SlotError, match="installs only with the car in P"):
        install(bundle("9.0.0"), parked=False, data_dir=data)
    result = install(tmp_path / "b" / "cockpit-cockpit-9.0.0.bundle", parked=True, data_dir=data)
    assert (result.ok, result.active) == (True, "9.0.0"), result.reason
    site = installed.cockpit_site(data)
    assert site == data / "updates" / "cockpit" / "cockpit" / "a" / "site"
    # what the launcher does: the active slot first on PYTHONPATH, from a folder with no cockpit in it
    run = subprocess.run([sys.executable, "-c", "import cockpit.app, importlib.metadata as m; "
                          "print(cockpit.app.__file__); print(m.version('cockpit'))"], cwd=tmp_path,
                         env={**checks._env(python_first=site)}, capture_output=True, text=True, check=True)
    assert run.stdout.split() == [str(site / "cockpit" / "app.py"), "9.0.0"]

    result = install(bundle("9.1.0", broken_cluster=True), parked=True, data_dir=data)
    assert not result.ok and result.active == "9.0.0"
    assert result.reason.startswith("first-frame: cockpit 9.1.0: the cockpit did not render its first frame"), \
        result.reason
    assert "Cluster.qml" in result.reason
    result = install(bundle("9.2.0", claims="9.1.9"), parked=True, data_dir=data)
    assert result.reason == "wheel-import: the slot's cockpit says it is version 9.1.9, the bundle 9.2.0"
    assert installed.cockpit_site(data) == site


def test_a_map_extract_builds_its_road_graph_and_a_broken_one_is_refused(tmp_path):
    data = tmp_path / "car"
    content = tmp_path / "map"
    content.mkdir()
    shutil.copy(ASSETS_DIR / "maps" / "helsinki.osm.pbf", content)
    assert install(make_bundle(Manifest("map", "helsinki", "1"), content, tmp_path / "b"), parked=False,
                   data_dir=data).ok
    assert installed.map_files(data) == [data / "updates" / "map" / "helsinki" / "a" / "helsinki.osm.pbf"]
    whole = (content / "helsinki.osm.pbf").read_bytes()
    (content / "helsinki.osm.pbf").write_bytes(whole[: len(whole) // 3])  # a download cut short, signed anyway
    result = install(make_bundle(Manifest("map", "helsinki", "2"), content, tmp_path / "b"), parked=False,
                     data_dir=data)
    assert not result.ok and result.active == "1"
    assert result.reason.startswith("map-check: helsinki.osm.pbf: "), result.reason
