"""The profile database: SQLite (WAL) in the user data folder, every driver's data encrypted.

``ProfileDatabase`` is synchronous and belongs to one thread (the cockpit runs it on a worker,
see ``service.py``; the CLI calls it directly). Each change is one transaction, so a process
killed mid-save leaves the last committed profile as it was. ``open()`` checks everything before
trusting it — the key file, SQLite's ``integrity_check``, the layout version, a key-check value,
and every row's authentication tag — and moves what fails aside (``profiles.db.corrupt-<time>``)
instead of crashing or deleting it; the report says what happened.

Files in the data folder (``COCKPIT_DATA_DIR``, else the platform's user data folder):
``profiles.db`` (+ ``-wal``, ``-shm``), ``profiles.key`` (0600), ``exports/`` (files the driver
exported from the center screen), and any ``*.corrupt-<time>`` kept for recovery.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .crypto import (
    SCRYPT_N,
    CryptoError,
    KeyFileError,
    new_key,
    new_salt,
    open_sealed,
    pin_key,
    pin_verifier,
    read_key_file,
    seal,
    write_private,
)
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
EXPORTS = "exports"
DB_LAYOUT = 1  # PRAGMA user_version of the table layout below (the documents carry their own schema)
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
    label BLOB NOT NULL,              -- sealed with the device key: name, key fob, guest flag
    wrapped_key BLOB NOT NULL,        -- the profile's data key, sealed with the device key or PIN key
    pin_salt BLOB,                    -- NULL: no PIN
    pin_n INTEGER,                    -- scrypt cost the PIN key was derived with
    doc BLOB NOT NULL,                -- sealed with the data key: the profile document (JSON)
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0
);
"""


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
    def __init__(self, seconds_left: float):
        self.seconds_left = max(0.0, seconds_left)
        m, s = divmod(int(self.seconds_left + 0.999), 60)
        super().__init__(f"too many wrong PINs; locked for {m}:{s:02d}")


class ProfileCorrupt(ProfileError):
    """A stored profile failed authentication or validation after it was opened."""


class StoreError(ProfileError):
    """The database could not be read or written (disk full, read-only, locked)."""


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
        self.folder = data_dir(folder)
        self.path = self.folder / DB_NAME
        self.key_path = self.folder / KEY_NAME
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
                self._check_layout()
                self._check_key(report)
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

    def _check_layout(self) -> None:
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
                return
            if version > DB_LAYOUT:
                raise _Unusable(f"written by a newer cockpit (layout {version}, this one knows {DB_LAYOUT})")
            if version != DB_LAYOUT or not {"meta", "profiles"} <= tables:
                raise _Unusable(f"not a profiles database (layout {version}, tables {', '.join(sorted(tables))})")
            columns = [r[1] for r in c.execute("PRAGMA table_info(profiles)")]
            if columns != ["id", "position", "label", "wrapped_key", "pin_salt", "pin_n", "doc", "failures",
                           "locked_until"]:
                raise _Unusable("the profiles table has unexpected columns")
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

    def _check_rows(self, report: OpenReport) -> None:
        """Every row authenticates (and every unlocked document validates) or is set aside."""
        bad: list[tuple[str, str]] = []
        for row in self._conn.execute("SELECT id, label, wrapped_key, pin_salt, doc FROM profiles"):
            pid, label, wrapped, salt, doc = row
            try:
                _check_label(json.loads(open_sealed(self._key, label, _aad("label", pid))))
                if salt is None:
                    key = open_sealed(self._key, wrapped, _aad("key", pid))
                    load_document(json.loads(open_sealed(key, doc, _aad("doc", pid))))
            except (CryptoError, ValueError, TypeError, KeyError) as exc:
                bad.append((pid, "failed authentication" if isinstance(exc, CryptoError) else f"invalid ({exc})"))
        if not bad:
            return
        copy = self._backup_aside()
        report.moved.append(copy)
        with self._tx():
            self._conn.executemany("DELETE FROM profiles WHERE id=?", [(pid,) for pid, _ in bad])
        self._compact()
        report.dropped += [pid for pid, _ in bad]
        report.problems.append(f"{len(bad)} stored profile(s) damaged or tampered with "
                               f"({'; '.join(why for _, why in bad[:3])}); the database as it was is kept "
                               f"as {copy.name}, the other profiles are fine")

    # ----- files aside ------------------------------------------------------------------------

    def _aside_name(self, path: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        return target

    def _move_aside(self, path: Path, companions: bool = True) -> list[Path]:
        """Rename ``path`` (and its -wal/-shm) to ``<name>.corrupt-<time>``; nothing is deleted."""
        if not path.exists():
            return []
        target = self._aside_name(path)
        moved = []
        os.replace(path, target)
        moved.append(target)
        if companions:
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    os.replace(side, target.with_name(target.name + suffix))
                    moved.append(target.with_name(target.name + suffix))
        return moved

    def _backup_aside(self) -> Path:
        target = self._aside_name(self.path)
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

    def _compact(self) -> None:
        """Make deleted data gone from disk: rebuild the file, then fold in and truncate the WAL."""
        try:
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise StoreError(f"profiles database: could not compact after erasing: {exc}") from None

    # ----- reading ----------------------------------------------------------------------------

    def _rows(self) -> list[tuple]:
        if self._conn is None:
            raise StoreError("the profiles database is not open")
        return self._conn.execute(
            "SELECT id, label, pin_salt, failures, locked_until FROM profiles ORDER BY position").fetchall()

    def _summary(self, row: tuple) -> ProfileSummary:
        pid, label, salt, failures, locked_until = row
        try:
            info = json.loads(open_sealed(self._key, label, _aad("label", pid)))
        except CryptoError:
            raise ProfileCorrupt("a stored profile failed authentication (tampered with?)") from None
        return ProfileSummary(pid, info["name"], salt is not None, bool(info.get("guest")), info.get("keyFob"),
                              failures, locked_until)

    def summaries(self, guests: bool = True) -> list[ProfileSummary]:
        out = [self._summary(r) for r in self._rows()]
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

    # ----- creating, unlocking, saving --------------------------------------------------------

    def _check_pin_format(self, pin: str) -> None:
        if isinstance(pin, str) and _PIN.fullmatch(pin):
            return
        if isinstance(pin, str) and (bad := re.search("[^0-9]", pin[:5])):
            raise BadPin(f"a PIN is 4 digits: {char_name(bad.group())} at position {bad.start() + 1} is not one of 0-9")
        raise BadPin("a PIN is 4 digits" + (f", not {len(pin)}" if isinstance(pin, str) else ""))

    def _check_name_free(self, name: str, except_id: str | None = None) -> None:
        for s in self.summaries(guests=False):
            if s.name.casefold() == name.casefold() and s.id != except_id:
                raise NameTaken(f"there is already a profile named {s.name!r}")

    def _label(self, pid: str, name: str, key_fob: str | None, guest: bool) -> bytes:
        info = {"name": name, "keyFob": key_fob, "guest": guest}
        return seal(self._key, json.dumps(info).encode(), _aad("label", pid))

    def _seal_doc(self, profile: Profile) -> bytes:
        return seal(profile.data_key, json.dumps(profile.doc, ensure_ascii=False).encode(), _aad("doc", profile.id))

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
            self._check_name_free(name)
        profile = Profile(secrets.token_hex(16), doc, key_fob, guest, pin is not None, secrets.token_bytes(32))
        salt = new_salt() if pin is not None else None
        wrap_key = pin_key(self._key, pin, salt, self.scrypt_n) if pin is not None else self._key
        wrapped = seal(wrap_key, profile.data_key, _aad("key", profile.id))
        with self._tx() as c:
            if key_fob:
                self._unlink_fob(key_fob)
            position = c.execute("SELECT coalesce(max(position), 0) + 1 FROM profiles").fetchone()[0]
            c.execute("INSERT INTO profiles (id, position, label, wrapped_key, pin_salt, pin_n, doc) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (profile.id, position, self._label(profile.id, name, key_fob, guest), wrapped, salt,
                       self.scrypt_n if pin is not None else None, self._seal_doc(profile)))
        return profile

    def _unlink_fob(self, fob: str) -> None:
        """One key opens one profile: take the key away from whoever had it (inside a transaction)."""
        for s in self.summaries():
            if s.key_fob == fob:
                self._conn.execute("UPDATE profiles SET label=? WHERE id=?",
                                   (self._label(s.id, s.name, None, s.guest), s.id))

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
            c.execute("UPDATE profiles SET label=? WHERE id=?", (self._label(s.id, s.name, fob, s.guest), s.id))

    def lockout_left(self, ident: str) -> float:
        s = self.find(ident)
        return max(0.0, s.locked_until - self.clock())

    def unlock(self, ident: str, pin: str | None = None) -> Profile:
        """The profile's document; raises PinRequired / BadPin / WrongPin / LockedOut for PIN profiles."""
        s = self.find(ident)
        pid = s.id
        wrapped, salt, n, doc = self._conn.execute(
            "SELECT wrapped_key, pin_salt, pin_n, doc FROM profiles WHERE id=?", (pid,)).fetchone()
        if salt is None:
            key = self._open_or_corrupt(self._key, wrapped, _aad("key", pid))
        else:
            if pin is None:
                raise PinRequired(f"{s.name} is protected by a PIN")
            now = self.clock()
            if s.locked_until > now:
                raise LockedOut(s.locked_until - now)
            self._check_pin_format(pin)
            try:
                key = open_sealed(pin_key(self._key, pin, salt, n), wrapped, _aad("key", pid))
            except CryptoError:
                failures = s.failures + 1
                if failures >= self.max_tries:
                    with self._tx() as c:
                        c.execute("UPDATE profiles SET failures=0, locked_until=? WHERE id=?",
                                  (now + self.lockout_s, pid))
                    raise LockedOut(self.lockout_s) from None
                with self._tx() as c:
                    c.execute("UPDATE profiles SET failures=? WHERE id=?", (failures, pid))
                raise WrongPin(self.max_tries - failures) from None
            if s.failures or s.locked_until:
                with self._tx() as c:
                    c.execute("UPDATE profiles SET failures=0, locked_until=0 WHERE id=?", (pid,))
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
        if not profile.guest:
            self._check_name_free(profile.name, except_id=profile.id)
        label = self._label(profile.id, profile.name, profile.key_fob, profile.guest)
        with self._tx() as c:
            cur = c.execute("UPDATE profiles SET label=?, doc=? WHERE id=?",
                            (label, self._seal_doc(profile), profile.id))
            if cur.rowcount == 1:
                return
            if not create or profile.has_pin:
                raise NotFound(f"profile {profile.name!r} no longer exists (erased?)")
            position = c.execute("SELECT coalesce(max(position), 0) + 1 FROM profiles").fetchone()[0]
            c.execute("INSERT INTO profiles (id, position, label, wrapped_key, doc) VALUES (?, ?, ?, ?, ?)",
                      (profile.id, position, label, seal(self._key, profile.data_key, _aad("key", profile.id)),
                       self._seal_doc(profile)))

    def set_pin(self, ident: str, old_pin: str | None, new_pin: str | None) -> None:
        """Add, change or remove a profile's PIN (the old one is needed if there is one)."""
        profile = self.unlock(ident, old_pin)
        if new_pin is not None:
            self._check_pin_format(new_pin)
        salt = new_salt() if new_pin is not None else None
        wrap_key = pin_key(self._key, new_pin, salt, self.scrypt_n) if new_pin is not None else self._key
        with self._tx() as c:
            c.execute("UPDATE profiles SET wrapped_key=?, pin_salt=?, pin_n=?, failures=0, locked_until=0 "
                      "WHERE id=?", (seal(wrap_key, profile.data_key, _aad("key", profile.id)), salt,
                                     self.scrypt_n if new_pin is not None else None, profile.id))

    # ----- erasing ----------------------------------------------------------------------------

    def erase(self, ident: str) -> str:
        """Delete a profile and make its bytes gone from the database and WAL files; its name."""
        s = self.find(ident)
        with self._tx() as c:
            c.execute("DELETE FROM profiles WHERE id=?", (s.id,))
        self._compact()
        for f in self.exports.glob(f"profile-{s.id[:12]}-*.json"):
            f.unlink(missing_ok=True)
        return s.name

    def wipe_guests(self) -> int:
        """The end of a drive (or the start of the next one): guest data is gone."""
        guests = [s.id for s in self.summaries() if s.guest]
        if guests:
            with self._tx() as c:
                c.executemany("DELETE FROM profiles WHERE id=?", [(g,) for g in guests])
            self._compact()
        return len(guests)

    def erase_all(self) -> list[Path]:
        """Every profile, the valet PIN, exports made in the car and recovery copies; a new device
        key (so nothing encrypted with the old one can be opened again). The files removed."""
        with self._tx() as c:
            c.execute("DELETE FROM profiles")
            c.execute("DELETE FROM meta WHERE key != 'keycheck'")
        self._compact()
        self._key = new_key()
        write_private(self.key_path, self._key)
        with self._tx() as c:
            c.execute("UPDATE meta SET value=? WHERE key='keycheck'", (seal(self._key, _KEYCHECK, b"keycheck"),))
        self._compact()
        removed = self.recovery_files() + sorted(self.exports.glob("*.json"))
        for f in removed:
            f.unlink(missing_ok=True)
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

    # ----- valet mode -------------------------------------------------------------------------

    def _meta(self, key: str) -> bytes | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def valet_active(self) -> bool:
        return self._meta("valet") is not None

    def start_valet(self, pin: str) -> None:
        self._check_pin_format(pin)
        salt = new_salt()
        record = {"salt": salt.hex(), "n": self.scrypt_n,
                  "verifier": pin_verifier(self._key, pin, salt, self.scrypt_n).hex()}
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES ('valet', ?)",
                      (seal(self._key, json.dumps(record).encode(), b"valet"),))
            c.execute("DELETE FROM meta WHERE key IN ('valet_failures', 'valet_locked_until')")

    def end_valet(self, pin: str) -> None:
        """Leave valet mode with its PIN; WrongPin / LockedOut as for profiles."""
        blob = self._meta("valet")
        if blob is None:
            return
        now = self.clock()
        locked_until = float(self._meta("valet_locked_until") or 0)
        if locked_until > now:
            raise LockedOut(locked_until - now)
        self._check_pin_format(pin)
        try:
            record = json.loads(open_sealed(self._key, blob, b"valet"))
        except CryptoError:
            raise ProfileCorrupt("the valet record failed authentication (tampered with?)") from None
        expected = bytes.fromhex(record["verifier"])
        if secrets.compare_digest(pin_verifier(self._key, pin, bytes.fromhex(record["salt"]), record["n"]), expected):
            with self._tx() as c:
                c.execute("DELETE FROM meta WHERE key IN ('valet', 'valet_failures', 'valet_locked_until')")
            return
        failures = int(self._meta("valet_failures") or 0) + 1
        with self._tx() as c:
            if failures >= self.max_tries:
                c.execute("INSERT OR REPLACE INTO meta VALUES ('valet_locked_until', ?)", (str(now + self.lockout_s),))
                c.execute("DELETE FROM meta WHERE key='valet_failures'")
            else:
                c.execute("INSERT OR REPLACE INTO meta VALUES ('valet_failures', ?)", (str(failures),))
        if failures >= self.max_tries:
            raise LockedOut(self.lockout_s)
        raise WrongPin(self.max_tries - failures)
