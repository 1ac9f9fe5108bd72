"""Someone with write access to the database edits what is not encrypted: the wrong-PIN count (bound by
a MAC under the device key) and the PIN's key-derivation settings (bound to the wrapped key, refused
outside the costs this cockpit writes). Either way: locked or refused with the reason, never a reset
count, a traceback, or minutes of scrypt."""

import hashlib
import sqlite3

import pytest

from cockpit.profiles.store import LockedOut, ProfileCorrupt, ProfileDatabase, WrongPin

from .test_profiles_cli import profiles
from .test_profiles_store import FAST, Clock, opened


def edit(folder, sql: str, *args) -> None:
    """The attacker's own connection (sqlite3's, not the cockpit's)."""
    with sqlite3.connect(folder / "profiles.db") as c:
        c.execute(sql, args)


@pytest.mark.parametrize("sql", [
    "UPDATE profiles SET failures=0",
    "UPDATE profiles SET failures=0, locked_until=0",
    "UPDATE profiles SET tries_mac=NULL",
    "UPDATE profiles SET failures=0, tries_mac=(SELECT tries_mac FROM profiles WHERE rowid=1)",  # Anna's zero
])
def test_an_edited_wrong_pin_count_locks_instead_of_resetting(tmp_path, sql):
    clock = Clock()
    db = opened(tmp_path, clock=clock, lockout_s=120)
    db.create("Anna", pin="1357")
    db.create("Bo", pin="2468")
    for _ in range(2):
        with pytest.raises(WrongPin):
            db.unlock("Bo", "0000")
    edit(tmp_path, sql + " WHERE id=?", db.find("Bo").id)
    assert db.find("Bo").locked_until > clock.now  # the picker shows it locked too
    with pytest.raises(LockedOut, match="changed outside the cockpit") as locked:
        db.unlock("Bo", "2468")  # even the right PIN
    assert locked.value.seconds_left == 120
    clock.now += 60
    with pytest.raises(LockedOut):
        db.unlock("Bo", "2468")
    clock.now += 61  # the lockout runs its course, then the right PIN works and the count is sound again
    assert db.unlock("Bo", "2468").name == "Bo"
    with pytest.raises(WrongPin) as fresh:
        db.unlock("Bo", "0000")
    assert fresh.value.tries_left == 2
    assert db.unlock("Anna", "1357").name == "Anna"  # the other profile's count was not touched


def test_a_lockout_shortened_in_the_database_still_holds(tmp_path):
    clock = Clock()
    db = opened(tmp_path, clock=clock, lockout_s=300)
    db.create("Bo", pin="2468")
    for _ in range(3):
        with pytest.raises((WrongPin, LockedOut)):
            db.unlock("Bo", "0000")
    edit(tmp_path, "UPDATE profiles SET failures=0, locked_until=?", clock.now - 1)
    with pytest.raises(LockedOut):
        db.unlock("Bo", "2468")


def test_a_deleted_valet_count_locks_the_valet_pin(tmp_path):
    db = opened(tmp_path)
    db.start_valet("2468")
    with pytest.raises(WrongPin):
        db.end_valet("0000")
    edit(tmp_path, "DELETE FROM meta WHERE key='valet_tries'")
    with pytest.raises(LockedOut, match="changed outside the cockpit"):
        db.end_valet("2468")
    assert db.valet_active()


def test_cli_an_edited_count_is_refused_with_the_reason(tmp_path):
    data = tmp_path / "car"
    assert profiles(data, "create", "Bo", "--pin", "2468").returncode == 0
    assert profiles(data, "show", "Bo", "--pin", "0000").returncode == 2
    edit(data, "UPDATE profiles SET failures=0")
    shown = profiles(data, "show", "Bo", "--pin", "2468")
    assert shown.returncode == 2 and "changed outside the cockpit; locked for 5:00" in shown.stderr


@pytest.mark.parametrize(("column", "value", "why"), [
    ("pin_n", 2**30, "scrypt cost n=1073741824 is not one this cockpit uses"),
    ("pin_n", 2**19, "scrypt cost n=524288 is not one this cockpit uses"),
    ("pin_n", 3, "scrypt cost n=3 is not one"),
    ("pin_n", 0, "scrypt cost n=0 is not one"),
    ("pin_n", "lots", "scrypt cost n='lots' is not one"),
    ("pin_n", None, "scrypt cost n=None is not one"),
    ("pin_n", 2**14, "failed authentication"),  # a cost this cockpit writes, but not the one it was made with
    ("pin_salt", "salt as text", "the PIN salt is not 16 bytes"),
    ("pin_salt", b"short", "the PIN salt is not 16 bytes"),
    ("pin_salt", bytes(16), "failed authentication"),
])
def test_tampered_pin_settings_are_refused_before_scrypt_runs(tmp_path, monkeypatch, column, value, why):
    db = opened(tmp_path)
    db.create("Bo", pin="2468")
    edit(tmp_path, f"UPDATE profiles SET {column}=?", value)  # while the cockpit has it open

    def no_scrypt(*args, **kwargs):
        raise AssertionError("scrypt ran on tampered settings")

    monkeypatch.setattr(hashlib, "scrypt", no_scrypt)
    with pytest.raises(ProfileCorrupt, match=why) as refused:
        db.unlock("Bo", "2468")
    assert "'Bo'" in str(refused.value)
    assert db.find("Bo").failures == 0  # not counted as a wrong PIN: the driver's PIN was right


def test_cli_tampered_pin_settings_name_the_profile_and_the_reason(tmp_path):
    data = tmp_path / "car"
    assert profiles(data, "create", "Bo", "--pin", "2468").returncode == 0
    assert profiles(data, "create", "Anna").returncode == 0
    edit(data, "UPDATE profiles SET pin_n=? WHERE position=1", 2**30)
    shown = profiles(data, "show", "Bo", "--pin", "2468")
    assert shown.returncode == 2 and "Traceback" not in shown.stderr
    assert "'Bo': its PIN settings are damaged or tampered with (scrypt cost n=1073741824" in shown.stderr
    assert "kept as profiles.db.corrupt-" in shown.stderr  # set aside like any tampered row
    assert profiles(data, "show", "Anna").returncode == 0  # the others carry on


def test_a_scrypt_cost_this_cockpit_would_refuse_is_never_written():
    with pytest.raises(ValueError, match="scrypt cost n=1048576"):
        ProfileDatabase(scrypt_n=2**20)
    assert ProfileDatabase(scrypt_n=FAST).scrypt_n == FAST
