"""A database from before the keyring (layout 1) is brought to layout 2 when opened: every profile keeps
opening — a PIN profile without its PIN being needed for the move — and from then on erases for good."""

import json
import multiprocessing
import secrets
import shutil
import sqlite3

import pytest

from cockpit.profiles.crypto import new_key, new_salt, pin_key, pin_verifier, seal, write_private
from cockpit.profiles.schema import default_profile
from cockpit.profiles.store import LockedOut, ProfileDatabase, WrongPin

from .test_profiles_store import FAST, disk_bytes, opened

LAYOUT_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE profiles (id TEXT PRIMARY KEY, position INTEGER NOT NULL, label BLOB NOT NULL,
    wrapped_key BLOB NOT NULL, pin_salt BLOB, pin_n INTEGER, doc BLOB NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, locked_until REAL NOT NULL DEFAULT 0);
PRAGMA user_version=1;
"""


def layout_1(folder, drivers: list[dict], valet_pin: str | None = None, valet_failures: int = 0) -> dict[str, str]:
    """The files as the cockpit wrote them before the keyring: everything sealed under the device key (and
    the PIN). ``drivers``: name, and optionally pin, keyFob, failures, n. Their ids by name."""
    folder.mkdir(exist_ok=True)
    key = new_key()
    write_private(folder / "profiles.key", key)
    c = sqlite3.connect(folder / "profiles.db", isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.executescript(LAYOUT_1)
    c.execute("INSERT INTO meta VALUES ('keycheck', ?)", (seal(key, b"cockpit profiles key check v1", b"keycheck"),))
    ids = {}
    for position, d in enumerate(drivers, 1):
        pid = ids[d["name"]] = secrets.token_hex(16)
        data_key, pin, n = secrets.token_bytes(32), d.get("pin"), d.get("n", FAST)
        salt = new_salt() if pin else None
        label = json.dumps({"name": d["name"], "keyFob": d.get("keyFob"), "guest": False}).encode()
        c.execute("INSERT INTO profiles VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                  (pid, position, seal(key, label, f"label|{pid}".encode()),
                   seal(pin_key(key, pin, salt, FAST) if pin else key, data_key, f"key|{pid}".encode()),
                   salt, n if pin else None,
                   seal(data_key, json.dumps(default_profile(d["name"])).encode(), f"doc|{pid}".encode()),
                   d.get("failures", 0)))
    if valet_pin:
        salt = new_salt()
        record = {"salt": salt.hex(), "n": FAST, "verifier": pin_verifier(key, valet_pin, salt, FAST).hex()}
        c.execute("INSERT INTO meta VALUES ('valet', ?)", (seal(key, json.dumps(record).encode(), b"valet"),))
        c.execute("INSERT INTO meta VALUES ('valet_failures', ?)", (str(valet_failures),))
    c.close()
    return ids


def test_a_layout_1_database_is_migrated_and_every_profile_still_opens(tmp_path):
    ids = layout_1(tmp_path, [{"name": "Anna", "keyFob": "key-1"}, {"name": "Bo", "pin": "2468", "failures": 1}],
                   valet_pin="1111", valet_failures=1)
    with sqlite3.connect(tmp_path / "profiles.db") as c:
        old_blobs = [b for row in c.execute("SELECT label, wrapped_key FROM profiles") for b in row]
    db = opened(tmp_path)
    with sqlite3.connect(tmp_path / "profiles.db") as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 2
    assert sorted(json.loads((tmp_path / "profiles.keyring").read_text())["secrets"]) == sorted(ids.values())
    assert db.unlock("Anna").id == ids["Anna"] and db.find_key_fob("key-1").name == "Anna"
    with pytest.raises(WrongPin) as wrong:  # the count it had is carried over
        db.unlock("Bo", "0000")
    assert wrong.value.tries_left == 1
    assert db.unlock("Bo", "2468").id == ids["Bo"]
    with pytest.raises(WrongPin) as valet_wrong:
        db.end_valet("0000")
    assert valet_wrong.value.tries_left == 1
    db.end_valet("1111")
    raw = disk_bytes(tmp_path)
    assert not any(b[13:45] in raw for b in old_blobs)  # the layout-1 seals are gone from the files too

    # From now on an erase reaches the copies: one kept aside after the move does not open Bo, PIN or not.
    shutil.copytree(tmp_path, tmp_path / "copy", ignore=shutil.ignore_patterns("copy"))
    db.erase("Bo")
    (tmp_path / "copy" / "profiles.keyring").write_bytes((tmp_path / "profiles.keyring").read_bytes())
    copy = ProfileDatabase(tmp_path / "copy", scrypt_n=FAST)
    copy.open()
    assert [s.name for s in copy.summaries()] == ["Anna"]


def test_a_layout_1_row_with_settings_this_cockpit_never_writes_is_set_aside_when_migrated(tmp_path):
    layout_1(tmp_path, [{"name": "Anna"}, {"name": "Bo", "pin": "2468", "n": 2**30}])
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()
    assert "'Bo': its PIN settings are damaged or tampered with (scrypt cost n=1073741824" in str(report)
    assert [s.name for s in db.summaries()] == ["Anna"]


def test_a_layout_1_lockout_still_holds_after_the_move(tmp_path):
    ids = layout_1(tmp_path, [{"name": "Bo", "pin": "2468"}])
    with sqlite3.connect(tmp_path / "profiles.db") as c:
        c.execute("UPDATE profiles SET locked_until=4102444800 WHERE id=?", (ids["Bo"],))  # 2100
    with pytest.raises(LockedOut):
        opened(tmp_path).unlock("Bo", "2468")


def _open(folder, barrier, results):
    db = ProfileDatabase(folder, scrypt_n=FAST)
    barrier.wait(timeout=60)
    results.put(str(db.open()))
    db.close()


def test_processes_opening_a_layout_1_database_at_once_migrate_it_once(tmp_path):
    ids = layout_1(tmp_path, [{"name": f"Driver {i}", "pin": "1234" if i % 2 else None} for i in range(20)])
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    workers = [ctx.Process(target=_open, args=(tmp_path, barrier, results)) for _ in range(4)]
    for w in workers:
        w.start()
    assert [results.get(timeout=120) for _ in workers] == ["ok"] * 4
    for w in workers:
        w.join(timeout=60)
    db = opened(tmp_path)
    assert {s.id for s in db.summaries()} == set(ids.values()) and db.unlock("Driver 1", "1234")
