"""The profile database without Qt: encryption at rest, PINs, damage detection, erase, export."""

import json
import os
import sqlite3
import stat

import pytest

from cockpit.profiles.schema import ProfileFormatError, default_profile, parse_export
from cockpit.profiles.store import (
    LockedOut,
    NameTaken,
    NotFound,
    PinRequired,
    ProfileDatabase,
    ProfileError,
    WrongPin,
)

FAST = 2**10  # scrypt cost for tests (the product uses 2**14)


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def anna() -> dict:
    doc = default_profile("Annabelle Quist")
    doc["places"]["home"] = {"label": "Home", "address": "17 Zinnober Lane", "latitude": 48.2082,
                             "longitude": 16.3738}
    doc["places"]["work"] = {"label": "Work", "address": "Quellenhof Campus", "latitude": None, "longitude": None}
    doc["contacts"] = [{"name": "Xaver Oberholzer", "phone": "+43 660 1234567"}]
    doc["media"]["favourites"] = [{"title": "Morgenjournal Zwanzig", "source": "radio:oe1"}]
    doc["history"]["destinations"] = [{"label": "Dentist", "address": "Wurmsergasse 9", "latitude": None,
                                       "longitude": None}]
    return doc


PERSONAL = [b"Annabelle", b"Quist", b"Zinnober", b"Quellenhof", b"Xaver", b"Oberholzer", b"1234567",
            b"Morgenjournal", b"Wurmsergasse", b"Dentist", b"48.2082"]


def opened(folder, **kw) -> ProfileDatabase:
    db = ProfileDatabase(folder, scrypt_n=FAST, **kw)
    report = db.open()
    assert report.ok, report
    return db


def disk_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and "profiles.db" in p.name)


def test_profiles_round_trip_and_survive_a_reopen(tmp_path):
    db = opened(tmp_path)
    a = db.create("Annabelle Quist", doc=anna(), key_fob="fob-7")
    db.create("Bo", pin="2468")
    a.doc["display"]["distanceUnit"] = "MILES"
    db.save(a)
    db.close()
    db = opened(tmp_path)
    assert [s.name for s in db.summaries()] == ["Annabelle Quist", "Bo"]
    back = db.unlock("annabelle quist")
    assert back.doc["display"]["distanceUnit"] == "MILES" and back.doc["contacts"] == anna()["contacts"]
    assert db.find_key_fob("fob-7").name == "Annabelle Quist"
    with pytest.raises(PinRequired):
        db.unlock("Bo")
    assert db.unlock("Bo", "2468").name == "Bo"
    with pytest.raises(NameTaken):
        db.create("BO")


def test_no_personal_field_is_on_disk_in_plain_text(tmp_path):
    db = opened(tmp_path)
    db.create("Annabelle Quist", doc=anna())
    pinned = anna()
    pinned["name"] = "Quist Junior"
    db.create("Quist Junior", doc=pinned, pin="1357")
    # before any checkpoint: the bytes are in the write-ahead log
    assert (tmp_path / "profiles.db-wal").stat().st_size > 0
    raw = disk_bytes(tmp_path)
    assert not [w for w in PERSONAL if w in raw]
    db._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = disk_bytes(tmp_path)
    assert not [w for w in PERSONAL if w in raw]
    # and the other files of the folder are no better
    assert not [w for w in PERSONAL if w in (tmp_path / "profiles.key").read_bytes()]


def test_the_key_file_is_owner_only_and_tightened_if_loosened(tmp_path):
    db = opened(tmp_path)
    db.close()
    key = tmp_path / "profiles.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "profiles.db").stat().st_mode) == 0o600
    os.chmod(key, 0o644)
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert report.ok and "readable by others" in report.warnings[0]
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_pin_lockout_after_three_wrong_tries_for_the_configured_time(tmp_path):
    clock = Clock()
    db = opened(tmp_path, clock=clock, lockout_s=120)
    db.create("Bo", pin="2468")
    with pytest.raises(WrongPin) as first:
        db.unlock("Bo", "0000")
    assert first.value.tries_left == 2
    with pytest.raises(WrongPin):
        db.unlock("Bo", "1111")
    with pytest.raises(LockedOut) as locked:
        db.unlock("Bo", "2222")
    assert locked.value.seconds_left == 120
    clock.now += 60
    with pytest.raises(LockedOut) as still:  # even the right PIN is not tried while locked
        db.unlock("Bo", "2468")
    assert still.value.seconds_left == pytest.approx(60)
    db.close()
    db = opened(tmp_path, clock=clock, lockout_s=120)  # a restart does not lift the lockout
    with pytest.raises(LockedOut):
        db.unlock("Bo", "2468")
    clock.now += 61
    assert db.unlock("Bo", "2468").name == "Bo"
    with pytest.raises(WrongPin) as fresh:  # tries start over after a success
        db.unlock("Bo", "9999")
    assert fresh.value.tries_left == 2
    with pytest.raises(ProfileError, match="4 digits"):
        db.unlock("Bo", "12")


def test_a_pin_profile_needs_the_pin_and_not_only_the_key_file(tmp_path):
    db = opened(tmp_path)
    db.create("Bo", pin="2468")
    wrapped = db._conn.execute("SELECT wrapped_key FROM profiles").fetchone()[0]
    from cockpit.profiles.crypto import CryptoError, open_sealed

    with pytest.raises(CryptoError):  # the device key alone does not unwrap the data key
        open_sealed(db._key, wrapped, b"key|" + db.summaries()[0].id.encode())
    db.set_pin("Bo", "2468", None)
    assert db.unlock("Bo").name == "Bo"


def test_a_tampered_row_is_detected_reported_and_kept_aside(tmp_path):
    db = opened(tmp_path)
    db.create("Annabelle Quist", doc=anna())
    db.create("Bo")
    db.close()
    with sqlite3.connect(tmp_path / "profiles.db") as c:  # flip one bit of Anna's document
        pid, doc = c.execute("SELECT id, doc FROM profiles ORDER BY position LIMIT 1").fetchone()
        c.execute("UPDATE profiles SET doc=? WHERE id=?", (doc[:40] + bytes([doc[40] ^ 1]) + doc[41:], pid))
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert not report.ok and "tampered" in report.problems[0] and report.dropped == [pid]
    assert [s.name for s in db.summaries()] == ["Bo"]  # the others are fine
    aside = report.moved[0]
    assert aside.name.startswith("profiles.db.corrupt-") and aside.exists()
    with sqlite3.connect(aside) as c:  # the damaged row is still there for recovery
        assert c.execute("SELECT count(*) FROM profiles").fetchone()[0] == 2


def test_a_row_moved_to_another_row_fails_authentication(tmp_path):
    db = opened(tmp_path)
    db.create("Annabelle Quist", doc=anna())
    db.create("Bo")
    rows = db._conn.execute("SELECT id, doc, wrapped_key FROM profiles ORDER BY position").fetchall()
    db._conn.execute("UPDATE profiles SET doc=?, wrapped_key=? WHERE id=?", (rows[0][1], rows[0][2], rows[1][0]))
    db.close()
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    assert db.open().dropped == [rows[1][0]]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed-pages"])
def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_starts(tmp_path, damage):
    db = opened(tmp_path)
    for i in range(30):
        db.create(f"Driver {i}", doc={**anna(), "name": f"Driver {i}"})
    db._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    path = tmp_path / "profiles.db"
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(data[:8192] + bytes(4096) + data[12288:])
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()  # never raises
    assert not report.ok
    assert any(p.name.startswith("profiles.db.corrupt-") for p in report.moved)
    kept = next(p for p in report.moved if p.name.startswith("profiles.db.corrupt-") and p.suffix != "-wal")
    assert kept.stat().st_size > 0  # the damaged file is kept as it was, for recovery
    assert db.summaries() == []  # a fresh database, which works
    db.create("New")
    assert "New" in [s.name for s in db.summaries()]


def test_a_wrong_or_missing_key_is_detected_and_both_files_kept(tmp_path):
    db = opened(tmp_path)
    db.create("Bo")
    db.close()
    (tmp_path / "profiles.key").write_bytes(os.urandom(32))  # replaced
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert "does not open it" in report.problems[0]
    names = sorted(p.name.split(".corrupt-")[0] for p in report.moved)
    assert names == ["profiles.db", "profiles.key", "profiles.keyring"]  # the keyring goes with its database
    assert db.summaries() == []
    db.create("Cy")
    db.close()
    (tmp_path / "profiles.key").unlink()  # missing
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert "missing" in report.problems[0] and db.summaries() == []
    (tmp_path / "profiles.key").write_bytes(b"short")  # malformed
    db.close()
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    assert "not 32" in db.open().problems[0]


def test_a_database_from_a_newer_cockpit_is_not_touched_but_kept(tmp_path):
    db = opened(tmp_path)
    db._conn.execute("PRAGMA user_version=7")
    db.close()
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert "newer cockpit" in report.problems[0]
    with sqlite3.connect(report.moved[0]) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 7


def test_an_unusable_folder_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    db = ProfileDatabase(blocker / "profiles", scrypt_n=FAST)
    report = db.open()
    assert "unavailable" in report.problems[0]


def test_erase_leaves_no_trace_in_the_database_or_its_log(tmp_path):
    db = opened(tmp_path)
    a = db.create("Annabelle Quist", doc=anna())
    db.create("Bo")
    for i in range(3):  # several versions of the row in the WAL
        a.doc["seat"]["position"] = 100 + i
        db.save(a)
    blobs = [r[0] for r in db._conn.execute("SELECT doc FROM profiles WHERE id=?", (a.id,))]
    blobs += [r[0] for r in db._conn.execute("SELECT label FROM profiles WHERE id=?", (a.id,))]
    raw = disk_bytes(tmp_path)
    assert all(b[13:45] in raw for b in blobs)
    db.erase("Annabelle Quist")
    raw = disk_bytes(tmp_path)
    assert not any(b[13:45] in raw for b in blobs)
    assert not (tmp_path / "profiles.db-wal").exists() or (tmp_path / "profiles.db-wal").stat().st_size == 0
    assert [s.name for s in db.summaries()] == ["Bo"]


def test_erase_all_removes_profiles_valet_recovery_copies_and_renews_the_key(tmp_path):
    db = opened(tmp_path)
    db.create("Annabelle Quist", doc=anna())
    db.start_valet("1111")
    (tmp_path / "profiles.db.corrupt-20240101T000000Z").write_bytes(b"old")
    exported = db.export_to_folder("Annabelle Quist")
    old_key = (tmp_path / "profiles.key").read_bytes()
    removed = db.erase_all()
    assert exported in removed and not exported.exists()
    assert not list(tmp_path.glob("*.corrupt-*"))
    assert db.summaries() == [] and not db.valet_active()
    assert (tmp_path / "profiles.key").read_bytes() != old_key
    db.close()
    assert opened(tmp_path).summaries() == []  # the new key opens the emptied database


def test_export_erase_import_round_trip(tmp_path):
    db = opened(tmp_path)
    original = db.create("Annabelle Quist", doc=anna(), pin="2468", key_fob="fob-7")
    data = db.export("Annabelle Quist", "2468")
    exported = json.loads(data)
    assert exported["format"] == "cockpit.profile" and exported["profile"]["places"]["home"]["address"]
    assert "2468" not in data.decode() and "fob-7" not in data.decode()  # PIN and key stay in the car
    db.erase("Annabelle Quist")
    other_car = opened(tmp_path / "other")
    imported = other_car.import_(data)
    assert imported.doc == original.doc and not imported.has_pin
    with pytest.raises(NameTaken):
        other_car.import_(data)
    assert other_car.import_(data, name="Anna 2").name == "Anna 2"


def test_v1_profiles_are_migrated_on_import(tmp_path):
    v1 = {"version": 1, "name": "Old Timer", "units": "imperial", "theme": "light", "temperature": 22.5,
          "home": "5 Elm Row", "work": None, "contacts": [{"name": "Dot", "phone": "555 0199"}], "voice": False}
    db = opened(tmp_path)
    profile = db.import_(json.dumps({"format": "cockpit.profile", "profile": v1}))
    doc = profile.doc
    assert doc["schema"] == 2
    d = doc["display"]
    assert (d["distanceUnit"], d["temperatureUnit"], d["pressureUnit"], d["theme"]) == ("MILES", "F", "PSI", "light")
    assert doc["climate"]["driver"]["temperature"] == doc["climate"]["passenger"]["temperature"] == 22.5
    assert doc["places"]["home"] == {"label": "Home", "address": "5 Elm Row", "latitude": None, "longitude": None}
    assert doc["places"]["work"] is None and doc["voice"]["enabled"] is False
    assert doc["contacts"] == [{"name": "Dot", "phone": "555 0199"}]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not text", "not UTF-8"),
    (b"{\"format\": \"cockpit.profile\",", "not valid JSON at line 1"),
    (b"[]", "expected a JSON object"),
    (b'{"format": "something else"}', "not a cockpit profile export"),
    (b'{"format": "cockpit.profile", "profile": {"schema": 9}}', "newer than this cockpit"),
    (b'{"format": "cockpit.profile", "profile": {"schema": 2}}', "required but missing"),
    (b'{"format": "cockpit.profile", "profile": {"version": 1, "name": "X", "units": "nautical"}}',
     "profile.units"),
    (b'{"format": "cockpit.profile", "profile": {"version": 1, "name": "X", "temperature": 40}}',
     "profile.climate.driver.temperature: 40 is outside 16..28"),
    (b'{"format": "cockpit.profile", "profile": {"version": 1, "name": "X", "temperature": NaN}}',
     "NaN is not a number JSON allows"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, content, message):
    db = opened(tmp_path)
    with pytest.raises(ProfileFormatError, match=message.replace("(", r"\(").replace(".", r"\.")):
        db.import_(content, source="bad.json")
    assert db.summaries() == []


@pytest.mark.parametrize("field, value, message", [
    (("display", "distanceUnit"), "LEAGUES", "profile.display.distanceUnit"),
    (("climate", "driver", "temperature"), 21.3, "not a multiple of 0.5"),
    (("seat", "position"), 9000, "profile.seat.position: 9000 is outside 0..400"),
    (("ambientLight", "color"), "orange", "#RRGGBB"),
    (("contacts",), [{"name": "A", "phone": "call me"}], "not a phone number"),
    (("voice", "enabled"), "yes", "expected true or false"),
    (("name",), "", "must not be empty"),
])
def test_validation_names_the_field(field, value, message):
    doc = default_profile("X")
    target = doc
    for key in field[:-1]:
        target = target[key]
    target[field[-1]] = value
    data = json.dumps({"format": "cockpit.profile", "profile": doc})
    with pytest.raises(ProfileFormatError, match=message.replace(".", r"\.")):
        parse_export(data)


def test_guests_are_wiped(tmp_path):
    db = opened(tmp_path)
    db.create("Guest", guest=True, doc=anna() | {"name": "Guest"})
    db.create("Bo")
    assert db.wipe_guests() == 1
    assert [s.name for s in db.summaries()] == ["Bo"]
    assert not [w for w in PERSONAL if w in disk_bytes(tmp_path)]


def test_valet_pin_with_lockout(tmp_path):
    clock = Clock()
    db = opened(tmp_path, clock=clock, lockout_s=30)
    db.start_valet("4321")
    assert db.valet_active()
    db.close()
    db = opened(tmp_path, clock=clock, lockout_s=30)
    assert db.valet_active()  # a restart does not end valet mode
    for _ in range(2):
        with pytest.raises(WrongPin):
            db.end_valet("0000")
    with pytest.raises(LockedOut):
        db.end_valet("0000")
    with pytest.raises(LockedOut):
        db.end_valet("4321")
    clock.now += 31
    db.end_valet("4321")
    assert not db.valet_active()


def test_the_active_profile_is_recorded_for_other_processes_and_forgotten_with_it(tmp_path):
    db = opened(tmp_path)
    db.create("Annabelle Quist", doc=anna())
    db.create("Bo")
    assert db.active() is None  # the cockpit never switched to anyone yet
    db.set_active("annabelle quist")
    other = opened(tmp_path)  # another process (the CLI) reads it
    assert other.active().name == "Annabelle Quist"
    db.set_active(None)  # a guest drives: nobody's names
    assert other.active() is None
    with pytest.raises(NotFound):
        db.set_active("Nobody")
    db.set_active("Bo")
    assert other.active().name == "Bo"
    assert db._meta("active") == db.find("Bo").id.encode()  # the random id only, nothing of the driver
    db.erase("Bo")
    assert other.active() is None and db._meta("active") is None
    db.set_active("Annabelle Quist")
    db.erase_all()
    assert db.active() is None and db._meta("active") is None
