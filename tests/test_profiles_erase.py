"""Erase that erases: no file the cockpit keeps opens an erased profile again, and an erase that could
not fold the write-ahead log in says so instead of reporting success."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from cockpit.profiles.crypto import CryptoError, open_sealed, write_private
from cockpit.profiles.store import ProfileDatabase, ProfileError

from .test_profiles_cli import profiles
from .test_profiles_store import FAST, anna, disk_bytes, opened


def _damage_doc(folder, pid):
    """Flip one bit of a stored document, as a failing flash cell would."""
    with sqlite3.connect(folder / "profiles.db") as c:
        doc = c.execute("SELECT doc FROM profiles WHERE id=?", (pid,)).fetchone()[0]
        c.execute("UPDATE profiles SET doc=? WHERE id=?", (doc[:40] + bytes([doc[40] ^ 1]) + doc[41:], pid))


def _log_empty(folder) -> bool:
    wal = folder / "profiles.db-wal"
    return not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize("pin", [None, "2468"])
def test_an_erased_profile_does_not_open_from_a_copy_set_aside_while_it_existed(tmp_path, pin):
    db = opened(tmp_path)
    erased = db.create("Annabelle Quist", doc=anna(), pin=pin)
    kept = db.create("Bo")
    damaged = db.create("Cy")
    db.close()
    _damage_doc(tmp_path, damaged.id)
    db = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = db.open()  # Cy is set aside: a copy of the whole database, Annabelle's row in it
    aside = next(p for p in report.moved if p.name.startswith("profiles.db.corrupt-"))
    db.erase("Annabelle Quist")
    db.close()

    # The device key no longer opens her label or her wrapped data key in the copy...
    key = (tmp_path / "profiles.key").read_bytes()
    with sqlite3.connect(aside) as c:
        label, wrapped = c.execute("SELECT label, wrapped_key FROM profiles WHERE id=?", (erased.id,)).fetchone()
    for blob, aad in ((label, b"label|"), (wrapped, b"key|")):
        with pytest.raises(CryptoError):
            open_sealed(key, blob, aad + erased.id.encode())
    # ...nor does the cockpit itself, given the copy back with every key file the folder keeps (and the PIN).
    rescue = tmp_path / "rescue"
    rescue.mkdir()
    shutil.copy(aside, rescue / "profiles.db")
    for f in tmp_path.glob("profiles.key*"):
        shutil.copy(f, rescue / f.name)
    recovered = ProfileDatabase(rescue, scrypt_n=FAST)
    recovered.open()
    names = [s.name for s in recovered.summaries()]
    assert "Annabelle Quist" not in names
    assert "Bo" in names and recovered.unlock("Bo").id == kept.id  # the copy still serves what it is kept for
    assert not any(w in disk_bytes(rescue) for w in (b"Annabelle", b"Zinnober"))


def test_erase_leaves_no_trace_in_the_live_files_and_its_key_is_gone_from_the_keyring(tmp_path):
    db = opened(tmp_path)
    a = db.create("Annabelle Quist", doc=anna(), pin="2468")
    db.create("Bo")
    ring = json.loads((tmp_path / "profiles.keyring").read_text())["secrets"]
    secret = bytes.fromhex(ring[a.id])
    db.erase("Annabelle Quist")
    assert a.id not in json.loads((tmp_path / "profiles.keyring").read_text())["secrets"]
    everything = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert secret not in everything and secret.hex().encode() not in everything
    assert _log_empty(tmp_path)


def test_a_replaced_key_file_is_overwritten_in_place_not_only_unlinked(tmp_path):
    path = tmp_path / "profiles.keyring"
    write_private(path, b"S" * 64)
    old = os.open(path, os.O_RDONLY)  # what is left of the old file once it is replaced: its blocks
    try:
        write_private(path, b"new", scrub_old=True)
        assert os.pread(old, 64, 0) == bytes(64)
        assert path.read_bytes() == b"new"
        linked = tmp_path / "elsewhere"  # a file with another name too is not ours alone to overwrite
        os.link(path, linked)
        write_private(path, b"newer", scrub_old=True)
        assert linked.read_bytes() == b"new"
    finally:
        os.close(old)


HOLDER = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT count(*) FROM profiles").fetchone()
print("holding", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def reader():
    """A real second process with a read transaction open on a database, until told to stop."""
    procs = []

    def hold(db_path):
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout.readline().strip() == "holding"
        return proc

    yield hold
    for proc in procs:
        proc.stdin.close()
        proc.wait(timeout=10)


def test_erase_says_it_did_not_finish_while_a_reader_holds_the_log_and_finishes_later(tmp_path, reader):
    db = opened(tmp_path)
    a = db.create("Annabelle Quist", doc=anna())
    db.create("Bo")
    blob = db._conn.execute("SELECT doc FROM profiles WHERE id=?", (a.id,)).fetchone()[0]
    holder = reader(tmp_path / "profiles.db")
    with pytest.raises(ProfileError, match="read transaction") as held:
        db.erase("Annabelle Quist")
    message = str(held.value)
    assert f"pid {holder.pid}" in message and "key destroyed" in message and "erase --finish" in message
    assert blob[13:45] in disk_bytes(tmp_path)  # what it said: old frames are still in the log
    assert [s.name for s in db.summaries()] == ["Bo"]
    holder.stdin.close()
    holder.wait(timeout=10)
    db.finish_erase()
    assert blob[13:45] not in disk_bytes(tmp_path) and _log_empty(tmp_path)


def test_a_guest_wiped_while_a_reader_holds_the_log_is_gone_and_the_wipe_does_not_fail(tmp_path, reader, caplog):
    db = opened(tmp_path)
    guest = db.create("Guest", guest=True)
    holder = reader(tmp_path / "profiles.db")
    assert db.wipe_guests() == 1  # at the cockpit's start too: profiles must stay usable
    assert guest.id not in json.loads((tmp_path / "profiles.keyring").read_text())["secrets"]
    assert f"pid {holder.pid}" in caplog.text and db.summaries() == []


def test_cli_erase_fails_with_who_holds_the_log_and_finish_completes_it(tmp_path, reader):
    data = tmp_path / "car"
    assert profiles(data, "create", "Anna").returncode == 0
    holder = reader(data / "profiles.db")
    held = profiles(data, "erase", "Anna", "--yes")
    assert held.returncode == 2 and "Traceback" not in held.stderr
    assert f"pid {holder.pid}" in held.stderr and "erase --finish" in held.stderr
    assert profiles(data, "erase", "--finish").returncode == 2  # still held: still not done
    holder.stdin.close()
    holder.wait(timeout=10)
    done = profiles(data, "erase", "--finish")
    assert done.returncode == 0 and "truncated" in done.stdout
    assert _log_empty(data)
    assert profiles(data, "erase", "--finish", "--all").returncode == 2  # one thing at a time
