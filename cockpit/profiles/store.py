"""The profile database: SQLite (WAL) in the user data folder, every driver's data encrypted.

``ProfileDatabase`` is synchronous and belongs to one thread (the cockpit runs it on a worker,
see ``service.py``; the CLI calls it directly). Each change is one transaction, so a process
killed mid-save leaves the last committed profile as it was. ``open()`` checks everything before
trusting it — the key file, SQLite's ``integrity_check``, the layout version, a key-check value,
and every row's authentication tag — and moves what fails aside (``profiles.db.corrupt-<time>``)
instead of crashing or deleting it; the report says what happened.

The database also records which profile the cockpit last switched to (``set_active``): tools started
beside the cockpit, such as ``cockpit voice … --profile``, default to that driver's names.

Files in the data folder (``COCKPIT_DATA_DIR``, else the platform's user data folder):
``profiles.db`` (+ ``-wal``, ``-shm``), ``profiles.key`` and ``profiles.keyring`` (0600),
``exports/`` (files the driver exported from the center screen), and any ``*.corrupt-<time>`` kept
for recovery.

Several processes may open one folder (the cockpit, ``cockpit profiles``): whatever must not be
decided twice — a PIN attempt counted, a name claimed, the keyring rewritten — happens inside one
``BEGIN IMMEDIATE`` transaction, SQLite's write lock across processes. Erasing destroys the
profile's secret in the keyring (crypto-shredding, see ``crypto.py``), then rebuilds the database
and checks that its write-ahead log was folded in and truncated, or says what holds it.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import struct
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cockpit.files import aside_name

from .crypto import (
    SCRYPT_N,
    CryptoError,
    KdfParamsError,
    KeyFileError,
    check_kdf,
    new_key,
    new_salt,
    open_sealed,
    pin_key,
    pin_verifier,
    profile_key,
    read_key_file,
    seal,
    tries_mac,
    write_private,
)
from .keyring import KeyringError, check_mode, read_keyring, write_keyring
from .schema import (
    ProfileFormatError,
    char_name,
    default_profile,
    export_bytes,
    load_document,
    parse_export,
    validate,
    validate_key_fob,
    validate_name,
)

log = logging.getLogger(__name__)

DB_NAME = "profiles.db"
KEY_NAME = "profiles.key"
KEYRING_NAME = "profiles.keyring"
EXPORTS = "exports"
DB_LAYOUT = 2  # PRAGMA user_version of the table layout below (the documents carry their own schema)
DEFAULT_LOCKOUT_S = 300.0  # after MAX_PIN_TRIES wrong PINs
MAX_PIN_TRIES = 3
ENV_DATA_DIR = "COCKPIT_DATA_DIR"
_PIN = re.compile(r"[0-9]{4}")  # fullmatch: "1234\n" is not a PIN (re's $ would let it through)
_KEYCHECK = b"cockpit profiles key check v1"

_LAYOUT = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE profiles (
    id TEXT PRIMARY KEY,              -- random, says nothing about the driver
    position INTEGER NOT NULL,        -- order in the picker
    label BLOB NOT NULL,              -- sealed with the profile's label key: name, key fob, guest flag
    wrapped_key BLOB NOT NULL,        -- the data key (first sealed with the PIN key if any), sealed with the
                                      -- profile's wrap key; its associated data binds pin_salt and pin_n
    pin_salt BLOB,                    -- NULL: no PIN
    pin_n INTEGER,                    -- scrypt cost the PIN key was derived with
    doc BLOB NOT NULL,                -- sealed with the data key: the profile document (JSON)
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0,
    tries_mac BLOB                    -- crypto.tries_mac over id, failures, locked_until
);
"""
_COLUMNS = ["id", "position", "label", "wrapped_key", "pin_salt", "pin_n", "doc", "failures", "locked_until",
            "tries_mac"]  # layout 1 had all but the last


def data_dir(folder: Path | str | None = None) -> Path:
    """Where profiles live: ``folder``, else $COCKPIT_DATA_DIR, else the user data folder."""
    if folder is not None:
        return Path(folder)
    if env := os.environ.get(ENV_DATA_DIR):
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("cockpit", appauthor=False)


# --- errors ------------------------------------------------------------------------------------


class ProfileError(Exception):
    """A profile operation that cannot be done; the message is for the driver or the CLI user."""


class NotFound(ProfileError):
    pass


class NameTaken(ProfileError):
    pass


class PinRequired(ProfileError):
    pass


class BadPin(ProfileError):
    """Not a 4-digit PIN (not counted as a try)."""


class WrongPin(ProfileError):
    def __init__(self, tries_left: int):
        self.tries_left = tries_left
        super().__init__(f"wrong PIN; {tries_left} {'try' if tries_left == 1 else 'tries'} left")


class LockedOut(ProfileError):
    def __init__(self, seconds_left: float, reason: str = "too many wrong PINs"):
        self.seconds_left = max(0.0, seconds_left)
        m, s = divmod(int(self.seconds_left + 0.999), 60)
        super().__init__(f"{reason}; locked for {m}:{s:02d}")


class ProfileCorrupt(ProfileError):
    """A stored profile failed authentication or validation after it was opened."""


class StoreError(ProfileError):
    """The database could not be read or written (disk full, read-only, locked)."""


class LogHeld(StoreError):
    """An erase destroyed the keys and rebuilt the database, but a reader kept SQLite from folding the
    write-ahead log in and truncating it: the message says who holds it and what to do."""


_EDITED = "the wrong-PIN count was changed outside the cockpit"


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileSummary:
    """What the picker may show without unlocking: no document, no key."""

    id: str
    name: str
    has_pin: bool
    guest: bool
    key_fob: str | None
    failures: int
    locked_until: float

    @property
    def initial(self) -> str:
        return self.name[:1].upper()


@dataclass
class Profile:
    """An unlocked profile: its document and (never shown) data key, to save it back."""

    id: str
    doc: dict[str, Any]
    key_fob: str | None = None
    guest: bool = False
    has_pin: bool = False
    data_key: bytes = field(default=b"", repr=False)

    @property
    def name(self) -> str:
        return self.doc["name"]


@dataclass(frozen=True)
class Tries:
    """Wrong PINs in a row, and until when the PIN is not even tried (epoch s)."""

    failures: int = 0
    locked_until: float = 0.0


@dataclass
class OpenReport:
    problems: list[str] = field(default_factory=list)  # something was wrong and has been set aside
    warnings: list[str] = field(default_factory=list)  # worth saying, nothing lost
    moved: list[Path] = field(default_factory=list)  # files kept aside for recovery
    dropped: list[str] = field(default_factory=list)  # profile ids removed from the live database

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        return "; ".join(self.problems + self.warnings) or "ok"


class _Unusable(Exception):
    """The database file as a whole cannot be trusted (set aside and started afresh)."""


def _aad(kind: str, profile_id: str) -> bytes:
    return f"{kind}|{profile_id}".encode()


def _wrap_aad(profile_id: str, salt: bytes | None, n: int | None) -> bytes:
    """The wrapped key's associated data names the PIN settings too: changed, it no longer opens —
    before scrypt runs, and without the PIN, so a tampered cost is told apart from a wrong PIN."""
    return _aad("key", profile_id) + f"|{n!r}|".encode() + (b"-" if salt is None else salt)


def _problem(exc: Exception, name: str | None = None) -> str:
    """Why a stored row cannot be used, for the open report."""
    who = f"{name!r}: " if name else ""
    if isinstance(exc, CryptoError):
        return f"{who}failed authentication"
    if isinstance(exc, KdfParamsError):
        return f"{who}its PIN settings are damaged or tampered with ({exc})"
    return f"{who}invalid ({exc})"


def _check_label(info: dict) -> None:
    """A stored label holds what ``create`` let in: the picker and the CLI show it as it is."""
    validate_name(info["name"])
    if info.get("keyFob") is not None:
        validate_key_fob(info["keyFob"])


def _quote(text: str, limit: int = 60) -> str:
    """What someone typed, quoted for a message: escaped, and cut short (a 100 kB argument is not echoed)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "…"


# --- the database ------------------------------------------------------------------------------


class ProfileDatabase:
    def __init__(self, folder: Path | str | None = None, *, clock: Callable[[], float] = time.time,
                 lockout_s: float = DEFAULT_LOCKOUT_S, max_tries: int = MAX_PIN_TRIES, scrypt_n: int = SCRYPT_N):
        check_kdf(new_salt(), scrypt_n)  # never write a cost that would be refused when read back
        self.folder = data_dir(folder)
        self.path = self.folder / DB_NAME
        self.key_path = self.folder / KEY_NAME
        self.ring_path = self.folder / KEYRING_NAME
        self.exports = self.folder / EXPORTS
        self.clock = clock
        self.lockout_s = lockout_s
        self.max_tries = max_tries
        self.scrypt_n = scrypt_n
        self.report = OpenReport()
        self._conn: sqlite3.Connection | None = None
        self._key = b""

    # ----- opening and checking ---------------------------------------------------------------

    def open(self) -> OpenReport:
        """Open (creating if needed) and check the database; never raises for bad files."""
        report = OpenReport()
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for stale in self.folder.glob(f".{KEY_NAME}.*.tmp"):  # a key write cut short: never the key
                stale.unlink(missing_ok=True)
            self._key = self._load_key(report)
            try:
                self._conn = self._connect()
                layout = self._check_layout()
                self._check_key(report)
                if layout == 1:
                    self._migrate_v1(report)
                self._check_keyring(report)
            except _Unusable as exc:
                self._close_quietly()
                moved = self._move_aside(self.path)
                report.problems.append(f"{self.path.name}: {exc}; kept aside as {moved[0].name}, starting afresh"
                                       if moved else f"{self.path.name}: {exc}")
                report.moved += moved
                self._conn = self._connect()
                self._check_layout()
            self._check_rows(report)
        except (OSError, sqlite3.Error, _Unusable, ProfileError) as exc:
            # Not even a fresh database can be made here (read-only disk, a folder in the way):
            # the cockpit runs with a guest profile only and says why.
            self._close_quietly()
            report.problems.append(f"profiles are unavailable: {exc}")
        self.report = report
        for line in report.problems:
            log.error("profiles: %s", line)
        for line in report.warnings:
            log.warning("profiles: %s", line)
        return report

    def close(self) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _load_key(self, report: OpenReport) -> bytes:
        if self.key_path.exists():
            try:
                key, warnings = read_key_file(self.key_path)
                report.warnings += warnings
                return key
            except KeyFileError as exc:
                report.moved += self._move_aside(self.key_path, companions=False)
                problem = str(exc)
                if self.path.exists():
                    report.moved += self._move_aside(self.path)
                    problem += f"; the database it opened was kept aside as {report.moved[-1].name}"
                report.problems.append(problem)
        elif self._has_data(self.path):
            report.moved += (moved := self._move_aside(self.path))
            report.problems.append(f"{self.key_path.name} is missing, so {self.path.name} cannot be read; "
                                   f"kept aside as {moved[0].name}")
        key = new_key()
        write_private(self.key_path, key)
        return key

    @staticmethod
    def _has_data(path: Path) -> bool:
        return path.exists() and path.stat().st_size > 0

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        try:
            os.chmod(self.path, 0o600)
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                raise _Unusable(f"cannot use write-ahead logging (journal mode {mode})")
            conn.execute("PRAGMA synchronous=FULL")  # a commit survives power loss, not only a crash
            conn.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed, not left readable
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _Unusable(f"not a readable SQLite database ({exc})") from None
        if rows != [("ok",)]:
            conn.close()
            raise _Unusable("SQLite integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3]))
        return conn

    def _check_layout(self) -> int:
        """The layout version (1 is migrated once the key is known to open it)."""
        c = self._conn
        try:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version == 0 and not tables:
                # One transaction: a half-created database never exists. The key check makes a
                # wrong key file detectable later.
                c.executescript("BEGIN IMMEDIATE;" + _LAYOUT + f"PRAGMA user_version={DB_LAYOUT};")
                try:
                    c.execute("INSERT INTO meta VALUES ('keycheck', ?)", (seal(self._key, _KEYCHECK, b"keycheck"),))
                    c.execute("COMMIT")
                except BaseException:
                    c.execute("ROLLBACK")
                    raise
                return DB_LAYOUT
            if version > DB_LAYOUT:
                raise _Unusable(f"written by a newer cockpit (layout {version}, this one knows {DB_LAYOUT})")
            if version not in (1, DB_LAYOUT) or not {"meta", "profiles"} <= tables:
                raise _Unusable(f"not a profiles database (layout {version}, tables {', '.join(sorted(tables))})")
            columns = [r[1] for r in c.execute("PRAGMA table_info(profiles)")]
            if columns != (_COLUMNS[:-1] if version == 1 else _COLUMNS):
                raise _Unusable("the profiles table has unexpected columns")
            return version
        except sqlite3.DatabaseError as exc:
            raise _Unusable(f"cannot read its layout ({exc})") from None

    def _check_key(self, report: OpenReport) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key='keycheck'").fetchone()
        try:
            if row is None or open_sealed(self._key, row[0], b"keycheck") != _KEYCHECK:
                raise CryptoError("no key check")
        except CryptoError:
            # The database may be fine but not for this key: keep both aside, for recovery.
            moved = self._move_aside(self.key_path, companions=False)
            report.moved += moved
            self._key = new_key()
            write_private(self.key_path, self._key)
            raise _Unusable(f"{self.key_path.name} does not open it (a wrong or replaced key, kept aside as "
                            f"{moved[0].name})") from None

    def _migrate_v1(self, report: OpenReport) -> None:
        """Layout 1 -> 2, in one transaction: every row gets a secret in the keyring; its label and
        wrapped key are sealed again under keys derived from it; its lockout counter gets a MAC. A
        PIN profile's old wrapping (device key + PIN) becomes the inner layer as it is: no PIN needed."""
        ring, bad = {}, []
        with self._tx() as c:
            if c.execute("PRAGMA user_version").fetchone()[0] != 1:
                return  # another process opening it at the same moment has migrated it
            c.execute("ALTER TABLE profiles ADD COLUMN tries_mac BLOB")
            rows = c.execute("SELECT id, label, wrapped_key, pin_salt, pin_n, failures, locked_until "
                             "FROM profiles").fetchall()
            for pid, label, wrapped, salt, n, failures, locked_until in rows:
                info = None
                try:
                    info = json.loads(open_sealed(self._key, label, _aad("label", pid)))
                    _check_label(info)
                    if salt is None:
                        inner = open_sealed(self._key, wrapped, _aad("key", pid))
                    else:
                        check_kdf(salt, n)
                        inner = wrapped
                except (CryptoError, ValueError, TypeError, KeyError) as exc:
                    bad.append((pid, _problem(exc, info.get("name") if isinstance(info, dict) else None)))
                    continue
                ring[pid] = secret = new_key()
                plain = type(failures) is int and type(locked_until) in (int, float)
                tries = Tries(failures, float(locked_until)) if plain else self._locked_now()
                c.execute("UPDATE profiles SET label=?, wrapped_key=?, failures=?, locked_until=?, tries_mac=? "
                          "WHERE id=?", (self._label(pid, secret, info["name"], info.get("keyFob"),
                                                     bool(info.get("guest"))),
                                         self._seal_wrapped(pid, secret, inner, salt, n), tries.failures,
                                         tries.locked_until, self._mac(pid, tries), pid))
            if self._meta("valet") is not None:
                failures, until = self._meta("valet_failures"), self._meta("valet_locked_until")
                try:
                    tries = Tries(int(failures or 0), float(until or 0))
                except ValueError:
                    tries = self._locked_now()
                self._put_valet_tries(tries)
            c.execute("DELETE FROM meta WHERE key IN ('valet_failures', 'valet_locked_until')")
            c.execute(f"PRAGMA user_version={DB_LAYOUT}")
            self._write_ring(ring)
        self._set_aside(bad, report)
        self._compact_quietly(report, "the profiles, migrated to layout 2, are kept")

    def _check_keyring(self, report: OpenReport) -> None:
        try:
            ring = read_keyring(self.ring_path)
        except KeyringError as exc:
            raise _Unusable(f"{self.ring_path.name} is {exc}, so the profiles cannot be opened") from None
        if ring is None and self._conn.execute("SELECT 1 FROM profiles LIMIT 1").fetchone():
            raise _Unusable(f"{self.ring_path.name} is missing, so the profiles cannot be opened")
        report.warnings += check_mode(self.ring_path)

    def _check_rows(self, report: OpenReport) -> None:
        """Every row authenticates (and every unlocked document validates) or is set aside."""
        bad: list[tuple[str, str]] = []
        # Under the write lock: the keyring then matches the rows (secrets are added before a row is
        # committed and removed after it is deleted, both under this lock).
        with self._tx() as c:
            ring = self._ring()
            for pid, label, wrapped, salt, n, doc in c.execute(
                    "SELECT id, label, wrapped_key, pin_salt, pin_n, doc FROM profiles").fetchall():
                if pid not in ring:
                    bad.append((pid, "its secret is not in the keyring"))
                    continue
                info = None
                try:
                    info = self._open_label(pid, ring[pid], label)
                    if salt is not None:
                        check_kdf(salt, n)
                    key = self._open_wrapped(pid, ring[pid], wrapped, salt, n)
                    if salt is None:
                        load_document(json.loads(open_sealed(key, doc, _aad("doc", pid))))
                except (CryptoError, ValueError, TypeError, KeyError) as exc:
                    bad.append((pid, _problem(exc, info and info["name"])))
        self._set_aside(bad, report)
        self._prune_ring()

    def _set_aside(self, bad: list[tuple[str, str]], report: OpenReport) -> None:
        """Rows that cannot be used: a copy of the whole database is kept aside, they leave the live one."""
        if not bad:
            return
        copy = self._backup_aside()
        report.moved.append(copy)
        with self._tx():
            self._conn.executemany("DELETE FROM profiles WHERE id=?", [(pid,) for pid, _ in bad])
        self._compact_quietly(report, "the damaged profiles are removed")
        report.dropped += [pid for pid, _ in bad]
        report.problems.append(f"{len(bad)} stored profile(s) damaged or tampered with "
                               f"({'; '.join(why for _, why in bad[:3])}); the database as it was is kept "
                               f"as {copy.name}, the other profiles are fine")

    # ----- the keyring ------------------------------------------------------------------------

    def _ring(self) -> dict[str, bytes]:
        try:
            return read_keyring(self.ring_path) or {}
        except KeyringError as exc:
            raise ProfileCorrupt(f"{self.ring_path.name} is {exc}") from None

    def _write_ring(self, ring: dict[str, bytes]) -> None:
        """Only inside a write transaction: the lock keeps two writers from losing each other's secrets."""
        try:
            write_keyring(self.ring_path, ring)
        except OSError as exc:
            raise StoreError(f"{self.ring_path}: cannot write the keyring: {exc.strerror or exc}") from None

    def _add_secret(self, pid: str, secret: bytes) -> None:
        self._write_ring({**self._ring(), pid: secret})

    def _prune_ring(self) -> None:
        """Destroy the secret of every profile no longer in the database (erased, wiped, set aside, or an
        erase cut short): the moment a profile's other copies become undecryptable."""
        with self._tx() as c:
            ids = {r[0] for r in c.execute("SELECT id FROM profiles")}
            ring = self._ring()
            for stale in self.folder.glob(f".{KEYRING_NAME}.*.tmp"):  # a write cut short; none runs now
                stale.unlink(missing_ok=True)
            if set(ring) - ids:
                self._write_ring({pid: s for pid, s in ring.items() if pid in ids})

    def _secret(self, pid: str) -> bytes:
        secret = self._ring().get(pid)
        if secret is None:
            raise NotFound("that profile no longer exists (erased?)")
        return secret

    # ----- files aside ------------------------------------------------------------------------

    def _move_aside(self, path: Path, companions: bool = True) -> list[Path]:
        """Rename ``path`` (and its -wal/-shm, and for the database the keyring that opens it) to
        ``<name>.corrupt-<time>``; nothing is deleted."""
        if not path.exists():
            return []
        target = aside_name(path)
        moved = []
        os.replace(path, target)
        moved.append(target)
        if companions:
            sides = [(path.with_name(path.name + s), target.with_name(target.name + s)) for s in ("-wal", "-shm")]
            if path == self.path:
                sides.append((self.ring_path, target.with_name(target.name.replace(DB_NAME, KEYRING_NAME, 1))))
            for side, aside in sides:
                if side.exists():
                    os.replace(side, aside)
                    moved.append(aside)
        return moved

    def _backup_aside(self) -> Path:
        """A copy of the database (not of the keyring: a profile erased later is then unreadable here too)."""
        target = aside_name(self.path)
        dest = sqlite3.connect(target)
        try:
            self._conn.backup(dest)
        finally:
            dest.close()
        os.chmod(target, 0o600)
        return target

    def recovery_files(self) -> list[Path]:
        return sorted(p for p in self.folder.glob("*.corrupt-*") if p.is_file())

    # ----- transactions -----------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: all of it is committed or none of it (also when killed)."""
        if self._conn is None:
            raise StoreError("the profiles database is not open")
        c = self._conn
        began = False
        try:
            if not c.in_transaction:
                c.execute("BEGIN IMMEDIATE")
                began = True
            yield c
            if began:
                c.execute("COMMIT")
        except BaseException as exc:
            if began and c.in_transaction:
                c.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"profiles database: {exc}") from None
            raise

    def _compact(self, done: str) -> None:
        """Make deleted data gone from disk: rebuild the file, fold the WAL in and truncate it — and check
        that it was (a reader's open transaction keeps old frames in the WAL; SQLite only says so)."""
        if self._conn is None:
            raise StoreError("the profiles database is not open")
        try:
            self._conn.execute("VACUUM")
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"{done}, but the database could not be rebuilt: {exc}") from None
        wal = self.path.with_name(self.path.name + "-wal")
        if busy or (wal.exists() and wal.stat().st_size):
            raise LogHeld(f"{done}, but {self._holders()} holds a read transaction open on {self.path}, so its "
                          f"write-ahead log could not be folded in and truncated: old pages (encrypted under "
                          f"destroyed keys) are still in {wal.name}. Close it, then finish with "
                          "'cockpit profiles erase --finish'")

    def _compact_quietly(self, report: OpenReport, done: str) -> None:
        try:
            self._compact(done)
        except StoreError as exc:
            report.warnings.append(str(exc))

    def _holders(self) -> str:
        """Who else has the database open, to name in a message (Linux: /proc; this user's processes)."""
        ours = {str(self.path.resolve()) + suffix for suffix in ("", "-wal", "-shm")}
        found = []
        for proc in Path("/proc").glob("[0-9]*"):
            if proc.name == str(os.getpid()):
                continue
            try:
                if any(os.readlink(fd) in ours for fd in (proc / "fd").iterdir()):
                    found.append(f"{(proc / 'comm').read_text().strip()} (pid {proc.name})")
            except OSError:  # gone meanwhile, or not ours to look at
                continue
        return ", ".join(found) or "another connection"

    def finish_erase(self) -> None:
        """What an erase does last, again: after ``LogHeld``, once the reader has gone."""
        self._compact("the erased profiles' keys were already destroyed")

    # ----- reading ----------------------------------------------------------------------------

    def _rows(self) -> list[tuple]:
        if self._conn is None:
            raise StoreError("the profiles database is not open")
        return self._conn.execute(
            "SELECT id, label, pin_salt, failures, locked_until, tries_mac FROM profiles ORDER BY position").fetchall()

    def _open_label(self, pid: str, secret: bytes, label: bytes) -> dict:
        info = json.loads(open_sealed(profile_key(self._key, secret, "label", pid), label, _aad("label", pid)))
        _check_label(info)
        return info

    def _summary(self, row: tuple, secret: bytes) -> ProfileSummary:
        pid, label, salt, failures, locked_until, mac = row
        try:
            info = self._open_label(pid, secret, label)
        except (CryptoError, ValueError, TypeError, KeyError):
            raise ProfileCorrupt("a stored profile failed authentication (tampered with?)") from None
        tries = Tries()
        if salt is not None:
            tries = self._tries(pid, failures, locked_until, mac) or self._locked_now()
        return ProfileSummary(pid, info["name"], salt is not None, bool(info.get("guest")), info.get("keyFob"),
                              tries.failures, tries.locked_until)

    def summaries(self, guests: bool = True) -> list[ProfileSummary]:
        rows = self._rows()
        ring = self._ring()  # read after the rows: a committed row's secret is already there
        # A row whose secret is gone is being erased by another process right now.
        out = [self._summary(r, ring[r[0]]) for r in rows if r[0] in ring]
        return out if guests else [s for s in out if not s.guest]

    def find(self, ident: str) -> ProfileSummary:
        """A profile by id, or by name (case, and how accents were typed, do not matter)."""
        all_ = self.summaries()
        for s in all_:
            if s.id == ident:
                return s
        wanted = unicodedata.normalize("NFC", ident).casefold()
        for s in all_:
            if s.name.casefold() == wanted:
                return s
        raise NotFound(f"no profile named {_quote(ident)}")

    def find_key_fob(self, fob: str) -> ProfileSummary | None:
        return next((s for s in self.summaries() if s.key_fob and s.key_fob == fob), None)

    # ----- wrong-PIN counts -------------------------------------------------------------------

    def _mac(self, subject: str, tries: Tries) -> bytes:
        return tries_mac(self._key, subject, tries.failures, tries.locked_until)

    def _tries(self, subject: str, failures: Any, locked_until: Any, mac: Any) -> Tries | None:
        """The stored count, or None if its MAC does not verify (edited, or written by something else)."""
        try:
            ok = hmac.compare_digest(mac, tries_mac(self._key, subject, failures, locked_until))
        except (TypeError, struct.error):
            ok = False
        return Tries(failures, locked_until) if ok else None

    def _locked_now(self) -> Tries:
        return Tries(self.max_tries, self.clock() + self.lockout_s)

    def _count_try(self, tries: Tries | None, now: float) -> tuple[Tries, ProfileError | None]:
        """An attempt is counted before its PIN is checked (in the caller's write transaction), so N
        attempts at once use N tries, and killing the process during scrypt does not undo one. The
        count that reaches the limit locks at once; a right PIN then unlocks. Returns what to store,
        and why the PIN must not even be tried."""
        if tries is None:
            return self._locked_now(), LockedOut(self.lockout_s, _EDITED)
        if tries.locked_until > now:
            return tries, LockedOut(tries.locked_until - now)
        failures = 1 if tries.failures >= self.max_tries else tries.failures + 1
        return Tries(failures, now + self.lockout_s if failures >= self.max_tries else 0.0), None

    def _wrong_pin(self, tries: Tries) -> ProfileError:
        if tries.failures >= self.max_tries:
            return LockedOut(self.lockout_s)
        return WrongPin(self.max_tries - tries.failures)

    def _put_tries(self, pid: str, tries: Tries) -> None:
        self._conn.execute("UPDATE profiles SET failures=?, locked_until=?, tries_mac=? WHERE id=?",
                           (tries.failures, tries.locked_until, self._mac(pid, tries), pid))

    # ----- creating, unlocking, saving --------------------------------------------------------

    def _check_pin_format(self, pin: str) -> None:
        if isinstance(pin, str) and _PIN.fullmatch(pin):
            return
        if isinstance(pin, str) and (bad := re.search("[^0-9]", pin[:5])):
            raise BadPin(f"a PIN is 4 digits: {char_name(bad.group())} at position {bad.start() + 1} is not one of 0-9")
        raise BadPin("a PIN is 4 digits" + (f", not {len(pin)}" if isinstance(pin, str) else ""))

    def _check_name_free(self, name: str, except_id: str | None = None) -> None:
        """Inside the write transaction that stores the name: two processes cannot both find it free."""
        for s in self.summaries(guests=False):
            if s.name.casefold() == name.casefold() and s.id != except_id:
                raise NameTaken(f"there is already a profile named {s.name!r}")

    def _label(self, pid: str, secret: bytes, name: str, key_fob: str | None, guest: bool) -> bytes:
        info = {"name": name, "keyFob": key_fob, "guest": guest}
        return seal(profile_key(self._key, secret, "label", pid), json.dumps(info).encode(), _aad("label", pid))

    def _seal_doc(self, profile: Profile) -> bytes:
        return seal(profile.data_key, json.dumps(profile.doc, ensure_ascii=False).encode(), _aad("doc", profile.id))

    def _seal_wrapped(self, pid: str, secret: bytes, inner: bytes, salt: bytes | None, n: int | None) -> bytes:
        return seal(profile_key(self._key, secret, "wrap", pid), inner, _wrap_aad(pid, salt, n))

    def _wrap(self, pid: str, secret: bytes, data_key: bytes,
              pin: str | None) -> tuple[bytes, bytes | None, int | None]:
        """The wrapped data key, salt and cost (scrypt runs here: call it outside any transaction)."""
        if pin is None:
            return self._seal_wrapped(pid, secret, data_key, None, None), None, None
        salt = new_salt()
        inner = seal(pin_key(self._key, pin, salt, self.scrypt_n), data_key, _aad("key", pid))
        return self._seal_wrapped(pid, secret, inner, salt, self.scrypt_n), salt, self.scrypt_n

    def _open_wrapped(self, pid: str, secret: bytes, wrapped: bytes, salt: bytes | None, n: int | None) -> bytes:
        """The data key, or for a PIN profile the inner layer the PIN key opens."""
        return open_sealed(profile_key(self._key, secret, "wrap", pid), wrapped, _wrap_aad(pid, salt, n))

    def create(self, name: str, *, pin: str | None = None, key_fob: str | None = None,
               doc: dict[str, Any] | None = None, guest: bool = False) -> Profile:
        try:
            name = validate_name(name, "profile name")
            if key_fob is not None:
                key_fob = validate_key_fob(key_fob)
            doc = validate({**(doc or default_profile(name)), "name": name})
        except ProfileFormatError as exc:
            raise ProfileError(str(exc)) from None
        if pin is not None:
            self._check_pin_format(pin)
        if not guest:
            self._check_name_free(name)  # early, before scrypt; checked again under the lock below
        profile = Profile(secrets.token_hex(16), doc, key_fob, guest, pin is not None, secrets.token_bytes(32))
        secret = new_key()
        wrapped, salt, n = self._wrap(profile.id, secret, profile.data_key, pin)
        with self._tx() as c:
            if not guest:
                self._check_name_free(name)
            if key_fob:
                self._unlink_fob(key_fob)
            self._add_secret(profile.id, secret)
            position = c.execute("SELECT coalesce(max(position), 0) + 1 FROM profiles").fetchone()[0]
            c.execute("INSERT INTO profiles (id, position, label, wrapped_key, pin_salt, pin_n, doc, tries_mac) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (profile.id, position, self._label(profile.id, secret, name, key_fob, guest), wrapped, salt, n,
                       self._seal_doc(profile), self._mac(profile.id, Tries())))
        return profile

    def _unlink_fob(self, fob: str) -> None:
        """One key opens one profile: take the key away from whoever had it (inside a transaction)."""
        ring = self._ring()
        for s in self.summaries():
            if s.key_fob == fob:
                self._conn.execute("UPDATE profiles SET label=? WHERE id=?",
                                   (self._label(s.id, ring[s.id], s.name, None, s.guest), s.id))

    def link_key_fob(self, ident: str, fob: str | None) -> None:
        if fob is not None:
            try:
                fob = validate_key_fob(fob)
            except ProfileFormatError as exc:
                raise ProfileError(str(exc)) from None
        s = self.find(ident)
        with self._tx() as c:
            if fob:
                self._unlink_fob(fob)
            c.execute("UPDATE profiles SET label=? WHERE id=?",
                      (self._label(s.id, self._secret(s.id), s.name, fob, s.guest), s.id))

    def lockout_left(self, ident: str) -> float:
        s = self.find(ident)
        return max(0.0, s.locked_until - self.clock())

    def unlock(self, ident: str, pin: str | None = None) -> Profile:
        """The profile's document; raises PinRequired / BadPin / WrongPin / LockedOut for PIN profiles,
        ProfileCorrupt for a row that fails authentication or holds PIN settings this cockpit never writes."""
        s = self.find(ident)
        pid = s.id
        if s.has_pin:
            if pin is None:
                raise PinRequired(f"{s.name} is protected by a PIN")
            self._check_pin_format(pin)  # a malformed PIN is not an attempt
        tries = refusal = None
        # A PIN attempt reads and counts in one write transaction; a profile without a PIN writes nothing.
        with self._tx() if s.has_pin else nullcontext(self._conn) as c:
            row = c.execute("SELECT wrapped_key, pin_salt, pin_n, doc, failures, locked_until, tries_mac "
                            "FROM profiles WHERE id=?", (pid,)).fetchone()
            if row is None:
                raise NotFound(f"profile {s.name!r} no longer exists (erased?)")
            wrapped, salt, n, doc, failures, locked_until, mac = row
            if (salt is not None) != s.has_pin:
                raise ProfileError(f"the PIN of {s.name!r} was changed meanwhile; try again")
            try:
                if salt is not None:
                    check_kdf(salt, n)  # before any memory or time is spent on them
                inner = self._open_wrapped(pid, self._secret(pid), wrapped, salt, n)
            except KdfParamsError as exc:
                raise ProfileCorrupt(f"the stored profile {s.name!r} cannot be opened: its PIN settings are "
                                     f"damaged or tampered with ({exc})") from None
            except CryptoError:
                raise ProfileCorrupt(f"the stored profile {s.name!r} failed authentication (its key or PIN "
                                     "settings were changed outside the cockpit?)") from None
            if salt is not None:
                stored = self._tries(pid, failures, locked_until, mac)
                tries, refusal = self._count_try(stored, self.clock())  # the time once the lock is ours
                if tries != stored:
                    self._put_tries(pid, tries)
        if refusal is not None:
            raise refusal
        key = inner
        if salt is not None:
            try:
                key = open_sealed(pin_key(self._key, pin, salt, n), inner, _aad("key", pid))
            except CryptoError:
                raise self._wrong_pin(tries) from None
            with self._tx():
                self._put_tries(pid, Tries())
        raw = self._open_or_corrupt(key, doc, _aad("doc", pid))
        try:
            document = load_document(json.loads(raw))
        except (ValueError, ProfileFormatError) as exc:
            raise ProfileCorrupt(f"the stored profile {s.name!r} is invalid: {exc}") from None
        return Profile(pid, document, s.key_fob, s.guest, salt is not None, key)

    @staticmethod
    def _open_or_corrupt(key: bytes, blob: bytes, aad: bytes) -> bytes:
        try:
            return open_sealed(key, blob, aad)
        except CryptoError:
            raise ProfileCorrupt("a stored profile failed authentication (tampered with?)") from None

    def save(self, profile: Profile, create: bool = False) -> None:
        """Write the profile back: one transaction, the previous version stays until it commits.

        ``create``: insert it if it is not stored yet (a guest made in memory, saved on first change).
        """
        try:
            profile.doc = validate(profile.doc)
        except ProfileFormatError as exc:
            raise ProfileError(f"not saved: {exc}") from None
        with self._tx() as c:
            if not profile.guest:
                self._check_name_free(profile.name, except_id=profile.id)
            secret = self._ring().get(profile.id)
            if secret is not None:
                cur = c.execute("UPDATE profiles SET label=?, doc=? WHERE id=?",
                                (self._label(profile.id, secret, profile.name, profile.key_fob, profile.guest),
                                 self._seal_doc(profile), profile.id))
                if cur.rowcount == 1:
                    return
            if not create or profile.has_pin:
                raise NotFound(f"profile {profile.name!r} no longer exists (erased?)")
            secret = new_key()
            self._add_secret(profile.id, secret)
            position = c.execute("SELECT coalesce(max(position), 0) + 1 FROM profiles").fetchone()[0]
            c.execute("INSERT INTO profiles (id, position, label, wrapped_key, doc, tries_mac) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      (profile.id, position, self._label(profile.id, secret, profile.name, None, profile.guest),
                       self._seal_wrapped(profile.id, secret, profile.data_key, None, None), self._seal_doc(profile),
                       self._mac(profile.id, Tries())))

    def set_pin(self, ident: str, old_pin: str | None, new_pin: str | None) -> None:
        """Add, change or remove a profile's PIN (the old one is needed if there is one)."""
        profile = self.unlock(ident, old_pin)
        if new_pin is not None:
            self._check_pin_format(new_pin)
        wrapped, salt, n = self._wrap(profile.id, self._secret(profile.id), profile.data_key, new_pin)
        with self._tx() as c:
            c.execute("UPDATE profiles SET wrapped_key=?, pin_salt=?, pin_n=?, failures=0, locked_until=0, "
                      "tries_mac=? WHERE id=?", (wrapped, salt, n, self._mac(profile.id, Tries()), profile.id))

    # ----- erasing ----------------------------------------------------------------------------

    def erase(self, ident: str) -> str:
        """Delete a profile, destroy its secret (no copy of it anywhere opens again), and make its bytes
        gone from the database and WAL files; its name. LogHeld if a reader kept the WAL from folding in."""
        s = self.find(ident)
        with self._tx() as c:
            c.execute("DELETE FROM profiles WHERE id=?", (s.id,))
            c.execute("DELETE FROM meta WHERE key='active' AND value=?", (s.id.encode(),))
        self._prune_ring()
        for f in self.exports.glob(f"profile-{s.id[:12]}-*.json"):
            f.unlink(missing_ok=True)
        self._compact(f"{s.name!r} is erased and its key destroyed")
        return s.name

    def wipe_guests(self) -> int:
        """The end of a drive (or the start of the next one): guest data is gone. Nobody asked for this
        one, so a reader holding the log is logged, not raised: the keys are destroyed either way, and
        the cockpit must still start."""
        guests = [s.id for s in self.summaries() if s.guest]
        if guests:
            with self._tx() as c:
                c.executemany("DELETE FROM profiles WHERE id=?", [(g,) for g in guests])
            self._prune_ring()
            try:
                self._compact("the guest data is erased and its key destroyed")
            except LogHeld as exc:
                log.warning("profiles: %s", exc)
        return len(guests)

    def erase_all(self) -> list[Path]:
        """Every profile, the valet PIN, exports made in the car and recovery copies; a new device
        key (so nothing encrypted with the old one can be opened again). The files removed."""
        with self._tx() as c:
            c.execute("DELETE FROM profiles")
            c.execute("DELETE FROM meta WHERE key != 'keycheck'")
        self._prune_ring()
        self._key = new_key()
        try:
            write_private(self.key_path, self._key, scrub_old=True)
        except OSError as exc:
            raise StoreError(f"{self.key_path}: cannot write a new device key: {exc.strerror or exc}") from None
        with self._tx() as c:
            c.execute("UPDATE meta SET value=? WHERE key='keycheck'", (seal(self._key, _KEYCHECK, b"keycheck"),))
        removed = self.recovery_files() + sorted(self.exports.glob("*.json"))
        for f in removed:
            f.unlink(missing_ok=True)
        self._compact("all profiles are erased and the device key renewed")
        return removed

    # ----- export and import ------------------------------------------------------------------

    def export(self, ident: str, pin: str | None = None) -> bytes:
        return export_bytes(self.unlock(ident, pin).doc)

    def export_to_folder(self, ident: str, pin: str | None = None, profile: Profile | None = None) -> Path:
        """Export into ``exports/`` (the center screen's export); the file is named by id, not name."""
        profile = profile or self.unlock(ident, pin)
        self.exports.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.exports / f"profile-{profile.id[:12]}-{stamp}.json"
        write_private(target, export_bytes(profile.doc))
        return target

    def import_(self, data: bytes | str, source: str = "the file", name: str | None = None) -> Profile:
        """A new profile from an export file's content; ProfileFormatError names what is wrong."""
        doc = parse_export(data, source)
        if name is not None:
            doc["name"] = name
        return self.create(doc["name"], doc=doc)

    # ----- the active driver ------------------------------------------------------------------

    def set_active(self, ident: str | None) -> None:
        """Record the profile the cockpit now drives with (None: a guest, whose data ends with the drive).
        Only its random id is stored, outside any profile: it says nothing about the driver."""
        with self._tx() as c:
            if ident is None:
                c.execute("DELETE FROM meta WHERE key='active'")
            else:
                c.execute("INSERT OR REPLACE INTO meta VALUES ('active', ?)", (self.find(ident).id.encode(),))

    def active(self) -> ProfileSummary | None:
        """The profile the cockpit last switched to, or None (never one, a guest, or since erased)."""
        if self._conn is None:
            raise StoreError("the profiles database is not open")
        recorded = self._meta("active")
        return next((s for s in self.summaries(guests=False) if s.id.encode() == recorded), None)

    # ----- valet mode -------------------------------------------------------------------------

    def _meta(self, key: str) -> bytes | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def valet_active(self) -> bool:
        return self._meta("valet") is not None

    def _valet_tries(self) -> Tries | None:
        blob = self._meta("valet_tries")  # missing while valet mode is on: deleted, so not trusted either
        if not isinstance(blob, bytes) or len(blob) != 48:
            return None
        failures, locked_until = struct.unpack(">qd", blob[:16])
        return self._tries("valet", failures, locked_until, blob[16:])

    def _put_valet_tries(self, tries: Tries) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('valet_tries', ?)",
                           (struct.pack(">qd", tries.failures, tries.locked_until) + self._mac("valet", tries),))

    def start_valet(self, pin: str) -> None:
        self._check_pin_format(pin)
        salt = new_salt()
        record = {"salt": salt.hex(), "n": self.scrypt_n,
                  "verifier": pin_verifier(self._key, pin, salt, self.scrypt_n).hex()}
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES ('valet', ?)",
                      (seal(self._key, json.dumps(record).encode(), b"valet"),))
            self._put_valet_tries(Tries())

    def end_valet(self, pin: str) -> None:
        """Leave valet mode with its PIN; WrongPin / LockedOut as for profiles (counted the same way)."""
        self._check_pin_format(pin)
        with self._tx():
            blob = self._meta("valet")
            if blob is None:
                return
            try:
                record = json.loads(open_sealed(self._key, blob, b"valet"))
                salt, n, expected = bytes.fromhex(record["salt"]), record["n"], bytes.fromhex(record["verifier"])
                check_kdf(salt, n)
            except (CryptoError, ValueError, TypeError, KeyError):
                raise ProfileCorrupt("the valet record failed authentication (tampered with?)") from None
            stored = self._valet_tries()
            tries, refusal = self._count_try(stored, self.clock())
            if tries != stored:
                self._put_valet_tries(tries)
        if refusal is not None:
            raise refusal
        if not secrets.compare_digest(pin_verifier(self._key, pin, salt, n), expected):
            raise self._wrong_pin(tries)
        with self._tx() as c:
            c.execute("DELETE FROM meta WHERE key IN ('valet', 'valet_tries')")
