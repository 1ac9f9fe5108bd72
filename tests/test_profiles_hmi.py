"""Driver profiles in the live cockpit: switching applies everything, the parked-only rule, PINs,
guest and valet mode, a damaged database at start, and the profile screens (rendered)."""

import copy
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit
from cockpit.hmi.profiles_store import ProfilesStore
from cockpit.profiles.apply import AMBIENT_COLOUR, DRIVE_MODE, KEY_IDENTITY
from cockpit.profiles.schema import default_profile
from cockpit.profiles.service import ProfileService
from cockpit.profiles.store import ProfileDatabase
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.driving import GEAR, SPEED
from cockpit.vehicle.store import SignalStore

from .screens import DRIVING, count_colour, differing, shot
from .test_profiles_erase import HOLDER

FAST = 2**10
HMI = "Vehicle.Cabin.Infotainment.HMI."
SEAT = "Vehicle.Cabin.Seat.Row1.DriverSide."
DRIVER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
PASSENGER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature"
HARDWARE = [SEAT + "Position", SEAT + "Height", SEAT + "Backrest.Recline", "Vehicle.Body.Mirrors.DriverSide.Yaw",
            "Vehicle.Body.Mirrors.DriverSide.Tilt", "Vehicle.Body.Mirrors.PassengerSide.Yaw",
            "Vehicle.Body.Mirrors.PassengerSide.Tilt", "Vehicle.Chassis.SteeringWheel.Tilt",
            "Vehicle.Chassis.SteeringWheel.Extension"]
PARK, DRIVE = 126, 127


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


class Car:
    """Takes actuator requests as a car would; ``confirm()`` reports every target as reached."""

    def __init__(self, signals: SignalStore):
        self.signals = signals
        self.requests: list[tuple[str, object]] = []
        signals.on_request(lambda path, value: self.requests.append((path, value)))

    def requested(self) -> set[str]:
        return {p for p, _ in self.requests}

    def confirm(self) -> None:
        for path, value in self.requests:
            assert self.signals.update(path, value), path
        self.requests.clear()


def anna() -> dict:
    doc = default_profile("Anna")
    doc["display"].update(distanceUnit="MILES", temperatureUnit="F", pressureUnit="PSI", language="de",
                          theme="light", clusterLayout="bar")
    doc["climate"]["driver"].update(temperature=23.5, fanSpeed=71, seatHeating=67)
    doc["climate"]["passenger"].update(temperature=19.0, fanSpeed=14, seatHeating=0)
    doc["climate"]["steeringWheelHeating"] = 100
    doc["seat"].update(position=312, height=22, recline=27.5)
    doc["mirrors"]["driver"].update(yaw=-12, tilt=8)
    doc["mirrors"]["passenger"].update(yaw=15, tilt=-4)
    doc["steeringWheel"].update(tilt=64, extension=38)
    doc["places"]["home"] = {"label": "Home", "address": "17 Zinnober Lane", "latitude": None, "longitude": None}
    doc["contacts"] = [{"name": "Xaver", "phone": "+43 660 1234567"}]
    doc["media"]["favourites"] = [{"title": "Morning show", "source": "radio:fm4"}]
    doc["voice"].update(enabled=False, speechRate=1.25)
    doc["driveMode"] = "SPORT"
    doc["ambientLight"]["color"] = "#3DDC84"
    return doc


@pytest.fixture
def make(qapp, tmp_path):
    """make(profiles={name: (doc, pin, key)}, signals=…, clock=…) -> (cockpit, service, database folder)."""
    made = []

    def build(profiles=None, signals=None, clock=None, folder=None, lockout_s=300.0, theme="dark"):
        folder = folder or tmp_path / "data"
        if profiles:
            setup = ProfileDatabase(folder, scrypt_n=FAST)
            setup.open()
            for name, (doc, pin, key) in profiles.items():
                setup.create(name, doc=copy.deepcopy(doc), pin=pin, key_fob=key)
            setup.close()
        clock = clock or Clock()
        service = ProfileService(ProfileDatabase(folder, scrypt_n=FAST, clock=clock, lockout_s=lockout_s))
        cockpit = Cockpit(theme=theme, signals=signals or SignalStore(clock=lambda: 0.0), profiles=service)
        # the store's own clock (lockout countdown) is the database's
        cockpit.profiles._clock = clock
        made.append(cockpit)
        cockpit.profiles.wait_idle()
        return cockpit, service, folder

    yield build
    for c in made:
        c.close()


def settle(cockpit: Cockpit) -> None:
    cockpit.profiles.wait_idle()
    cockpit.bridge.flush()
    cockpit.profiles.wait_idle()


def set_values(cockpit: Cockpit, values: dict) -> None:
    for path, value in values.items():
        assert cockpit.signals.update(path, value), path
    settle(cockpit)


def find(window, name: str) -> QObject:
    item = window.findChild(QQuickItem, name)
    assert item is not None, name
    return item


def test_a_key_selects_its_profile_at_start_and_every_setting_reaches_the_live_cockpit(make, qml_warnings):
    cockpit, _, _ = make({"Anna": (anna(), None, "key-1"), "Bo": (default_profile("Bo"), None, "key-2")})
    before_cluster = shot(cockpit, "cluster")
    cockpit.load("center").setProperty("page", "settings")
    before_center = shot(cockpit, "center")
    dark_bg = cockpit.theme.group("color")["background"]["base"]

    sim = SimulatorSource(seed=1)  # parked, and the simulated driver's key is "key-1"
    sim.attach(cockpit.signals)
    settle(cockpit)
    assert cockpit.profiles.property("activeName") == "Anna"
    sim.run_for(cockpit.signals, 3.0)  # the seat takes 2 s to travel
    settle(cockpit)

    s = cockpit.signals
    assert [s.value(HMI + u) for u in ("DistanceUnit", "TemperatureUnit", "TirePressureUnit")] == ["MILES", "F", "PSI"]
    assert cockpit.theme.property("name") == "light"
    assert cockpit.language.property("language") == "de" and cockpit.engine.uiLanguage() == "de_DE"  # numbers too
    assert cockpit.cluster.property("layout") == "bar" and cockpit.cluster.property("speedUnit") == "mph"
    assert (s.value(DRIVER_TEMP), s.value(PASSENGER_TEMP)) == (23.5, 19.0)
    assert cockpit.climate.driverTemp.property("value") == pytest.approx(74.3)  # shown in °F
    assert cockpit.climate.driverFan.property("value") == 5 and cockpit.climate.driverSeat.property("value") == 2
    assert cockpit.climate.steeringHeat.property("value") == 3
    assert [s.value(p) for p in HARDWARE] == [312, 22, 27.5, -12, 8, 15, -4, 64, 38]
    assert (s.value(DRIVE_MODE), s.value(AMBIENT_COLOUR)) == ("SPORT", "#3DDC84")
    p = cockpit.profiles
    assert p.property("voiceEnabled") is False and p.property("speechRate") == 1.25
    assert [x["address"] for x in p.property("places")] == ["17 Zinnober Lane"]
    assert p.property("contacts")[0]["name"] == "Xaver" and p.property("mediaFavourites")[0]["title"] == "Morning show"
    assert p.property("pendingHardware") == ""

    # the rendered screens changed with it: light theme, bar layout in mph, °F on the settings page
    after_cluster = shot(cockpit, "cluster")
    light_bg = cockpit.theme.group("color")["background"]["base"]
    assert light_bg != dark_bg
    assert count_colour(after_cluster, light_bg) > after_cluster.width() * after_cluster.height() // 4
    assert differing(before_cluster, after_cluster) > after_cluster.width() * after_cluster.height() // 4
    readout = find(cockpit.windows["cluster"], "speedReadout")
    assert readout.property("unit") == "mph"
    after_center = shot(cockpit, "center")
    assert differing(before_center, after_center) > after_center.width() * after_center.height() // 4
    assert find(cockpit.windows["center"], "temperatureUnit").property("current") == "F"


def test_hardware_waits_until_parked_and_the_driver_is_told(make, qml_warnings):
    cockpit, _, _ = make({"Anna": (anna(), None, None)})
    car = Car(cockpit.signals)
    set_values(cockpit, {**DRIVING, GEAR: DRIVE, SPEED: 50.0, **{p: 0 for p in HARDWARE[3:]},
                         SEAT + "Position": 200, SEAT + "Height": 40, SEAT + "Backrest.Recline": 20.0})
    notices = []
    cockpit.profiles.notice.connect(notices.append)
    cockpit.profiles.select("Anna")
    settle(cockpit)
    # comfort settings went out at once
    assert {HMI + "DistanceUnit", DRIVER_TEMP, DRIVE_MODE, AMBIENT_COLOUR} <= car.requested()
    assert cockpit.theme.property("name") == "light"
    # nothing that moves did
    assert not car.requested() & set(HARDWARE)
    message = cockpit.profiles.property("pendingHardware")
    assert message == "Seat, mirrors and steering wheel will move when the car is in P"
    assert any("when the car is in P" in n for n in notices)
    cockpit.load("center").setProperty("page", "driver")
    shot(cockpit, "center")
    assert find(cockpit.windows["center"], "pendingHardware").property("visible")
    car.confirm()

    set_values(cockpit, {SPEED: 0.0})  # idling at a light is not parked
    assert not car.requested() & set(HARDWARE)
    set_values(cockpit, {GEAR: PARK})
    assert car.requested() == set(HARDWARE)
    assert cockpit.profiles.property("pendingHardware") == ""
    assert any(n.startswith("Parked") for n in notices)
    car.confirm()
    settle(cockpit)
    assert [cockpit.signals.value(p) for p in HARDWARE] == [312, 22, 27.5, -12, 8, 15, -4, 64, 38]


def test_hardware_moves_at_once_when_parked_and_never_without_a_gear_reading(make, qml_warnings):
    cockpit, _, _ = make({"Anna": (anna(), None, None)})
    car = Car(cockpit.signals)
    cockpit.profiles.select("Anna")  # no gear reading at all: not assumed parked
    settle(cockpit)
    assert not car.requested() & set(HARDWARE)
    set_values(cockpit, {GEAR: PARK, SPEED: 0.0})
    assert set(HARDWARE) <= car.requested()


def test_pin_lockout_in_the_picker(make, qml_warnings):
    clock = Clock()
    cockpit, _, _ = make({"Bo": (default_profile("Bo"), "2468", None)}, clock=clock, lockout_s=90)
    p = cockpit.profiles
    p.select("Bo")
    assert p.property("pinPrompt") == "profile" and p.property("pinTitle") == "PIN for Bo"
    for attempt, left in (("0000", 2), ("1111", 1)):
        p.enterPin(attempt)
        settle(cockpit)
        assert p.property("pinError") == f"Wrong PIN — {left} {'try' if left == 1 else 'tries'} left"
    p.enterPin("2222")
    settle(cockpit)
    assert p.property("pinLockedOut") and p.property("pinError") == "Too many wrong PINs — try again in 1:30"
    p.enterPin("2468")  # refused while locked: the right PIN is not even tried
    settle(cockpit)
    assert p.property("activeName") != "Bo"
    cockpit.load("center").setProperty("page", "driver")
    shot(cockpit, "center")
    pad = find(cockpit.windows["center"], "pinPad")
    assert pad.property("visible") and pad.property("locked")
    clock.now += 91
    p.enterPin("2468")
    settle(cockpit)
    assert p.property("activeName") == "Bo" and p.property("pinPrompt") == ""
    assert not pad.property("visible")


def test_a_guest_is_wiped_at_the_end_of_the_drive_and_at_the_next_start(make, qml_warnings):
    cockpit, service, folder = make({"Anna": (anna(), None, None)})
    car = Car(cockpit.signals)
    set_values(cockpit, {GEAR: PARK, SPEED: 0.0})
    assert cockpit.profiles.property("guest") and not car.requests  # the start-up guest applies nothing
    cockpit.profiles.useGuest()  # choosing Guest applies its defaults
    assert {HMI + "DistanceUnit", SEAT + "Position"} <= car.requested()
    car.confirm()
    settle(cockpit)
    cockpit.settings.setUnit("distanceUnit", "MILES")  # the guest changes something: it is saved
    car.confirm()
    settle(cockpit)
    cockpit.profiles._save_now()
    settle(cockpit)
    assert [s.name for s in service.call(lambda db: db.summaries()).result() if s.guest] == ["Guest"]

    set_values(cockpit, {GEAR: DRIVE, SPEED: 30.0})  # a drive …
    set_values(cockpit, {SPEED: 0.0})
    notices = []
    cockpit.profiles.notice.connect(notices.append)
    set_values(cockpit, {GEAR: PARK})  # … ends in P
    assert "End of drive: guest data erased" in notices
    assert not [s for s in service.call(lambda db: db.summaries()).result() if s.guest]

    cockpit.profiles.close()  # the app stops (its service with it)
    # a guest left behind by a crash is wiped when the cockpit next starts
    crashed = ProfileDatabase(folder, scrypt_n=FAST)
    crashed.open()
    crashed.create("Guest", guest=True)
    crashed.close()
    again, service2, _ = make(folder=folder)
    assert not [s for s in service2.call(lambda db: db.summaries()).result() if s.guest]
    assert [s["name"] for s in again.profiles.property("profiles")] == ["Anna"]


def test_valet_mode_hides_personal_data_warns_on_the_cluster_and_needs_its_pin(make, qml_warnings):
    clock = Clock()
    cockpit, _, _ = make({"Anna": (anna(), None, "key-1")}, clock=clock)
    car = Car(cockpit.signals)
    set_values(cockpit, {**DRIVING, KEY_IDENTITY: "key-1"})
    car.confirm()  # Anna's units: miles
    settle(cockpit)
    p = cockpit.profiles
    assert p.property("activeName") == "Anna" and p.property("places")
    p.requestValet()
    p.enterPin("4321")
    settle(cockpit)
    assert p.property("valet")
    for personal in ("places", "contacts", "mediaFavourites", "recentDestinations", "privacy"):
        assert p.property(personal) == [], personal
    assert p.property("activeName") == ""
    failures = []
    p.failed.connect(failures.append)
    p.select("Anna")
    p.exportProfile(p.property("activeId"))
    assert len(failures) == 2 and all("Valet mode" in f for f in failures)

    # the cluster says so, and warns above the cap (in the driver's units)
    assert cockpit.cluster.property("valet") and cockpit.cluster.property("speedCap") == pytest.approx(49.7, abs=0.1)
    set_values(cockpit, {SPEED: 100.0})
    assert cockpit.cluster.property("overSpeedCap")
    banner = find(cockpit.load("cluster"), "valetBanner")
    shot(cockpit, "cluster")
    assert banner.property("visible") and banner.property("over")

    p.requestEndValet()
    p.enterPin("0000")
    settle(cockpit)
    assert p.property("valet") and p.property("pinError").startswith("Wrong PIN")
    p.enterPin("4321")
    settle(cockpit)
    assert not p.property("valet") and p.property("places") and not cockpit.cluster.property("valet")


def test_a_damaged_database_starts_the_cockpit_as_guest_and_says_so(make, tmp_path, qml_warnings):
    folder = tmp_path / "broken"
    make({"Anna": (anna(), None, None)}, folder=folder)[0].profiles.close()
    (folder / "profiles.db").write_bytes(b"this is not a database" * 100)
    (folder / "profiles.db-wal").unlink(missing_ok=True)
    cockpit, _, _ = make(folder=folder)
    p = cockpit.profiles
    assert p.property("guest") and p.property("available")
    assert "kept aside as profiles.db.corrupt-" in p.property("problem")
    assert list(folder.glob("profiles.db.corrupt-*"))
    cockpit.load("center").setProperty("page", "driver")
    shot(cockpit, "center")  # the picker shows the problem; no warnings


def test_what_the_driver_changes_is_remembered_once_the_switch_is_confirmed(make, qml_warnings):
    cockpit, service, _ = make({"Anna": (anna(), None, None), "Bo": (default_profile("Bo"), None, None)})
    car = Car(cockpit.signals)
    set_values(cockpit, {GEAR: PARK, SPEED: 0.0})
    cockpit.profiles.select("Anna")
    settle(cockpit)
    car.confirm()
    settle(cockpit)
    cockpit.settings.setUnit("distanceUnit", "KILOMETERS")  # Anna changes her mind
    cockpit.climate.setTemperature("driver", 24.0)
    car.confirm()
    settle(cockpit)
    cockpit.profiles.select("Bo")  # switching saves Anna's changes first, and does not copy them to Bo
    settle(cockpit)
    car.confirm()
    settle(cockpit)
    stored = {s.name: service.call(lambda db, i=s.id: db.unlock(i).doc).result()
              for s in service.call(lambda db: db.summaries()).result()}
    assert stored["Anna"]["display"]["distanceUnit"] == "KILOMETERS"
    assert stored["Anna"]["climate"]["driver"]["temperature"] == 24.0
    assert stored["Bo"] == default_profile("Bo")


def test_export_and_erase_from_the_privacy_page(make, qml_warnings):
    cockpit, service, folder = make({"Anna": (anna(), None, None)})
    p = cockpit.profiles
    p.select("Anna")
    settle(cockpit)
    window = cockpit.load("center")
    window.setProperty("page", "driver")
    shot(cockpit, "center")
    page = find(window, "driverPage")
    page.setProperty("mode", "privacy")
    shot(cockpit, "center")
    sections = [row["section"] for row in p.property("privacy")]
    assert sections[:2] == ["Name", "Key and PIN"] and "Favourite places" in sections
    notices = []
    p.notice.connect(notices.append)
    p.exportProfile(p.property("activeId"))
    settle(cockpit)
    exported = list((folder / "exports").glob("profile-*.json"))
    assert len(exported) == 1 and "Anna" not in exported[0].name and b"Zinnober" in exported[0].read_bytes()
    page.setProperty("confirming", "profile")
    shot(cockpit, "center")
    find(window, "confirmErase")  # asked first
    p.eraseProfile(p.property("activeId"))
    settle(cockpit)
    assert p.property("profiles") == [] and p.property("guest")
    assert not exported[0].exists()  # its exports in the car go with it
    raw = b"".join(f.read_bytes() for f in folder.iterdir() if f.is_file() and f.name.startswith("profiles.db"))
    assert b"Zinnober" not in raw and "Anna erased from this car" in notices[-1]



def test_an_erase_a_reader_holds_up_still_leaves_the_profile_and_says_what_waits(make, qml_warnings):
    cockpit, service, folder = make({"Anna": (anna(), None, None)})
    p = cockpit.profiles
    p.select("Anna")
    settle(cockpit)
    failed = []
    p.failed.connect(failed.append)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder / "profiles.db")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        p.eraseProfile(p.property("activeId"))
        settle(cockpit)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert p.property("profiles") == [] and p.property("guest")  # gone, as far as anyone can tell
    assert f"pid {holder.pid}" in failed[-1] and "key destroyed" in failed[-1]

def test_profile_screens_render_cleanly_with_touch_targets(make, qml_warnings):
    cockpit, _, _ = make({"Anna": (anna(), None, "key-1"), "Bo": (default_profile("Bo"), "2468", None)})
    set_values(cockpit, {**DRIVING, KEY_IDENTITY: "key-1"})
    window = cockpit.load("center")
    window.setProperty("page", "driver")
    touch = cockpit.theme.group("size")["touchTarget"]

    def targets() -> list[QQuickItem]:
        names = ("profile_", "openPrivacy", "startValet", "privacyBack", "exportProfile", "eraseProfile",
                 "eraseAll", "endValet", "pinKey_", "confirmCancel", "confirmAction")
        return [i for i in window.findChildren(QQuickItem) if i.isVisible() and i.objectName().startswith(names)]

    for mode, extra in (("picker", None), ("privacy", None), ("picker", "pin"), ("privacy", "confirm"),
                        ("picker", "valet")):
        page = find(window, "driverPage")
        page.setProperty("mode", mode)
        if extra == "pin":
            cockpit.profiles.select("Bo")
        if extra == "confirm":
            page.setProperty("confirming", "all")
        if extra == "valet":
            cockpit.profiles.cancelPin()
            cockpit.profiles.startValet("1212")
        settle(cockpit)
        shot(cockpit, "center")
        shown = targets()
        assert shown, (mode, extra)
        small = [(i.objectName(), i.width(), i.height()) for i in shown if min(i.width(), i.height()) < touch]
        assert not small, small
        page.setProperty("confirming", "")


def test_without_a_database_there_is_an_unapplied_guest(qapp, qml_warnings):
    cockpit = Cockpit(signals=SignalStore(clock=lambda: 0.0))
    try:
        p: ProfilesStore = cockpit.profiles
        assert p.property("guest") and not p.property("available") and p.property("profiles") == []
        assert cockpit.theme.property("name") == "dark"  # nothing was applied on its own
        assert cockpit.voice_actions.switch_profile("nobody") == "there is no profile called nobody"
        cockpit.load("center").setProperty("page", "driver")
        shot(cockpit, "center")
    finally:
        cockpit.close()


def test_the_database_file_holds_no_personal_field_after_a_session(make, tmp_path, qml_warnings):
    cockpit, _, folder = make({"Anna": (anna(), None, "key-1")})
    set_values(cockpit, {**DRIVING, GEAR: PARK, KEY_IDENTITY: "key-1"})
    cockpit.profiles.exportProfile(cockpit.profiles.property("activeId"))  # exports are plain, by design
    settle(cockpit)
    cockpit.profiles.close()
    raw = b"".join(f.read_bytes() for f in folder.iterdir() if f.is_file())
    for word in (b"Anna", b"Zinnober", b"Xaver", b"1234567", b"Morning show", b"key-1"):
        assert word not in raw, word
    with sqlite3.connect(folder / "profiles.db") as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_seat_the_car_never_moves_is_reported_once(make, qml_warnings):
    clock = Clock(0.0)
    cockpit, _, _ = make({"Anna": (anna(), None, None)}, signals=SignalStore(clock=clock))
    car = Car(cockpit.signals)
    set_values(cockpit, {GEAR: PARK, SPEED: 0.0, SEAT + "Position": 200})
    failures = []
    cockpit.profiles.failed.connect(failures.append)
    cockpit.profiles.select("Anna")
    settle(cockpit)
    assert SEAT + "Position" in car.requested()  # … and the car never answers
    clock.now += 5.0  # past the actuator timeout
    cockpit.signals.sweep()
    settle(cockpit)
    settle(cockpit)
    said = [f for f in failures if "not confirmed by the car" in f]
    assert said == ["Seat, mirrors, steering wheel, drive mode and ambient light: not confirmed by the car, "
                    "left as they were"]


def test_the_voice_assistant_hears_the_drivers_names_and_the_active_drivers_contacts(make, qtbot, tmp_path):
    import functools

    from voice.assistant import Assistant

    from .fake_voice import HeardAs, a_burst

    cockpit, _, _ = make({"Anna": (anna(), None, None), "Bo": (default_profile("Bo"), None, None)})
    # what is said is not the point here, what is understood is: the real assistant in the recognizer
    # process, with the lists the profiles gave it, on words it is told it heard
    heard = ["call xaver", "switch driver to bo", "call xaver", "call xaver"]
    cockpit.voice.use(functools.partial(Assistant, HeardAs(heard)), None)
    burst = a_burst(tmp_path / "burst.wav")

    def answer() -> str:
        task = cockpit.voice.listen_to_file(burst, 0.0)
        qtbot.waitUntil(task.done, timeout=60_000)
        task.result()
        return cockpit.voice.property("answer")

    assert answer() == "Sorry, that is not one of your contacts."  # the guest has no contact called Xaver
    assert answer() == "Switch to Bo's profile? Seats and mirrors will move."
    cockpit.profiles.select(next(p["id"] for p in cockpit.profiles.property("profiles") if p["name"] == "Anna"))
    settle(cockpit)
    assert answer() == "Call Xaver?"
    assert cockpit.phone.call("Xaver") == "" and cockpit.phone.property("contact") == "Xaver"
    cockpit.phone.hangUp()

    cockpit.profiles.select(next(p["id"] for p in cockpit.profiles.property("profiles") if p["name"] == "Bo"))
    settle(cockpit)
    assert answer() == "Sorry, that is not one of your contacts."  # Anna's contacts left with her
    assert cockpit.phone.call("Xaver") == "no contact called 'Xaver'"


def test_the_driver_switched_to_is_recorded_as_the_data_folders_active_profile(make):
    """What ``cockpit voice … `` defaults to (docs/voice.md): the driver the cockpit last switched to."""
    cockpit, service, folder = make({"Anna": (anna(), None, "key-1"), "Bo": (default_profile("Bo"), None, None)})

    def active() -> str | None:
        settle(cockpit)
        reader = ProfileDatabase(folder, scrypt_n=FAST)  # another process's view
        reader.open()
        try:
            found = reader.active()
            return found.name if found else None
        finally:
            reader.close()

    assert active() is None  # the start-up guest is nobody's choice
    SimulatorSource(seed=1).attach(cockpit.signals)  # the key fob "key-1" selects Anna
    assert active() == "Anna"
    cockpit.profiles.select(next(p["id"] for p in cockpit.profiles.property("profiles") if p["name"] == "Bo"))
    assert active() == "Bo"
    cockpit.profiles.useGuest()
    assert active() is None


def test_a_name_that_looks_like_markup_is_shown_as_typed(make, qml_warnings):
    """Qt's Text guesses rich text from a leading tag: "<i>Bo</i>" would show as an italic "Bo" (and
    "<img src=…>" would load a picture). Names, like every text a driver or a file supplies, are plain."""
    cockpit, _, _ = make({"Bo": (default_profile("Bo"), None, None),
                          "<i>Bo</i>": (default_profile("<i>Bo</i>"), None, None)})
    window = cockpit.load("center")
    window.setProperty("page", "driver")
    shot(cockpit, "center")

    def scene(item: QQuickItem):  # noqa: ANN202 - Repeater delegates are found in the scene, not by findChild
        yield item
        for child in item.childItems():
            yield from scene(child)

    def drawn(name: str) -> QQuickItem:
        tile = next(i for i in scene(window.contentItem()) if i.objectName() == f"profile_{name}")
        return next(i for i in scene(tile) if i.property("text") == name)

    plain, markup = drawn("Bo").property("contentWidth"), drawn("<i>Bo</i>").property("contentWidth")
    assert markup > 3 * plain  # all nine characters drawn, not two


def test_a_key_id_no_profile_can_have_selects_nothing_and_is_reported_escaped(make, caplog, qml_warnings):
    cockpit, _, _ = make({"Anna": (anna(), None, "key-1")})
    with caplog.at_level("WARNING", logger="cockpit.hmi.profiles_store"):
        set_values(cockpit, {**DRIVING, KEY_IDENTITY: "key-1\x1b[2J"})
    assert cockpit.profiles.property("guest")
    said = [r.getMessage() for r in caplog.records if "key no profile can have" in r.getMessage()]
    assert said == ["profiles: the car reported a key no profile can have: key fob id: a control character "
                    "(U+001B) at position 6 is not allowed (letters, digits, '.', '_', ':' and '-' only)"]
    set_values(cockpit, {KEY_IDENTITY: "key-1"})
    assert cockpit.profiles.property("activeName") == "Anna"
