"""The daily health journal: what the health models read, one row per day, kept on the car.

The models (``cockpit.health.report``) take daily ``Observations``: rest-point states of charge, the
ampere-hours counted between them, the 12 V battery's morning voltage, the friction brakes' energy,
the distance, and tire readings a few times a day. The signal history thins its samples with age;
this journal keeps those few numbers a day for years, so a leak or a fading battery can be seen
over months. It is written by the live summariser (``cockpit.health.daily``) at each day's end, or
by ``cockpit sim age``; it belongs to the "vehicle-health" category of the privacy center.

SQLite, ``health.db`` in the data folder. Days are keyed by their number (a new row for a day
replaces the old one), tire readings by their time; at most ``MAX_DAYS`` days are kept, the oldest
go first. A file that cannot be read is moved aside as the signal history does and a new one
started. Every call opens its own connection, so any thread may call (the Health page reads on a
worker while the summariser writes). See docs/health-history.md.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from cockpit.profiles.store import data_dir
from cockpit.sim.aging import Observations

from .history import Unusable, check_layout, damaged, move_aside, wipe

log = logging.getLogger(__name__)

DB_NAME = "health.db"
CATEGORY = "vehicle-health"
LAYOUT = 1  # PRAGMA user_version of the tables below
MAX_DAYS = 5 * 366  # five years of days; older rows are trimmed on write
MAX_TIRE_READINGS = MAX_DAYS * 48  # a reading every 30 minutes for as long

DAY_FIELDS = ("soc_morning", "soc_evening", "drive_ah", "charge_ah", "lv_rest_v", "friction_mj", "distance_km")
CAR_FIELDS = ("car_type", "nominal_capacity_ah", "placard_kpa", "pad_mm_at_service")

_SCHEMA = f"""
CREATE TABLE car (                    -- the car's constants, one row
    id INTEGER PRIMARY KEY CHECK (id = 1),
    car_type TEXT,                    -- the brake model's wear class (compact, suv)
    nominal_capacity_ah REAL,         -- the traction battery when new
    placard_kpa REAL,                 -- the cold tire pressure on the door placard
    pad_mm_at_service REAL            -- pad thickness the workshop measured when the journal began
);
CREATE TABLE days (                   -- NULL: not known that day
    day INTEGER PRIMARY KEY,          -- days since the epoch (UTC) for a live car; 0.. for a simulated one
    {", ".join(f"{f} REAL" for f in DAY_FIELDS)}
);
CREATE TABLE tires (
    t REAL PRIMARY KEY,               -- in days, on the same count as days.day
    kpa1 REAL, kpa2 REAL, kpa3 REAL, kpa4 REAL,   -- gauge pressure: front left, front right, rear left, rear right
    c1 REAL, c2 REAL, c3 REAL, c4 REAL,           -- the air inside each tire
    ambient_c REAL
);
"""
_TABLES = {"car", "days", "tires"}
_TIRE_COLUMNS = ("t", "kpa1", "kpa2", "kpa3", "kpa4", "c1", "c2", "c3", "c4", "ambient_c")
# the columns of ``export``'s rows, every table's together (a CSV has one header row)
EXPORT_FIELDS = ("category", "table", *dict.fromkeys((*CAR_FIELDS, "day", *DAY_FIELDS, *_TIRE_COLUMNS)))


class JournalError(Exception):
    """A journal operation that cannot be done; the message names the thing and the reason."""


class Journal:
    """The health journal in ``folder`` (default: the data folder, ``health.db``)."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = data_dir(folder)
        self.path = self.folder / DB_NAME
        self.problems: list[str] = []  # what went wrong opening it, in words (also logged)
        self._lock = threading.Lock()  # one writer at a time (SQLite would wait; this keeps it in order)
        self._open()

    # ----- writing -----------------------------------------------------------------------------------

    def write(self, obs: Observations, *, keep_constants: bool = False) -> int:
        """Add ``obs``'s days and tire readings (a day or reading already kept is replaced) and its
        constants (those it knows: a NaN or empty constant keeps the one kept; ``keep_constants``:
        only where none is kept, as the live summariser's pad reading is the one of the journal's
        first day). Returns the rows written. Keeps the newest ``MAX_DAYS`` days."""
        days, tires, car = _rows(obs)
        with self._lock, self._connect() as c:
            try:
                c.execute("BEGIN IMMEDIATE")
                c.execute("INSERT OR IGNORE INTO car (id) VALUES (1)")
                for name, value in car.items():
                    only_new = f" AND {name} IS NULL" if keep_constants else ""
                    c.execute(f"UPDATE car SET {name} = ? WHERE id = 1{only_new}", (value,))
                c.executemany(f"INSERT OR REPLACE INTO days (day, {', '.join(DAY_FIELDS)}) "
                              f"VALUES ({', '.join('?' * (1 + len(DAY_FIELDS)))})", days)
                c.executemany(f"INSERT OR REPLACE INTO tires ({', '.join(_TIRE_COLUMNS)}) "
                              f"VALUES ({', '.join('?' * len(_TIRE_COLUMNS))})", tires)
                newest = c.execute("SELECT max(day) FROM days").fetchone()[0]
                if newest is not None:
                    cut = newest - MAX_DAYS + 1
                    c.execute("DELETE FROM days WHERE day < ?", (cut,))
                    c.execute("DELETE FROM tires WHERE t < ?", (cut,))
                c.execute("DELETE FROM tires WHERE t < (SELECT t FROM tires ORDER BY t DESC LIMIT 1 OFFSET ?)",
                          (MAX_TIRE_READINGS - 1,))
                c.execute("COMMIT")
            except sqlite3.Error as exc:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise JournalError(f"cannot write the health journal {self.path}: {exc}") from None
        return len(days) + len(tires)

    def erase(self) -> int:
        """Delete every row and rebuild the file so the values are gone from the disk (VACUUM, the
        write-ahead log truncated; freed pages are zeroed meanwhile). Returns the rows deleted."""
        with self._lock, self._connect() as c:
            try:
                n, busy = wipe(c, [(f"DELETE FROM {t}", ()) for t in ("days", "tires", "car")])
            except sqlite3.Error as exc:
                raise JournalError(f"erasing the health journal {self.path} failed: {exc}") from None
        if busy:
            raise JournalError(f"the health journal {self.path} was emptied, but a reader holds its write-ahead "
                               "log open, so old pages may remain there until it closes; erase again then")
        log.info("health journal: erased (%d rows)", n)
        return n

    # ----- reading -----------------------------------------------------------------------------------

    def days(self) -> int:
        with self._connect() as c:
            return self._read(c, "SELECT count(*) FROM days")[0][0]

    def observations(self) -> Observations | None:
        """Everything kept, as the models take it; None when nothing is kept yet (a car parked since
        the journal began has tire readings and no days). A value that is not a number (a damaged
        or edited file) reads as NaN, which the models skip."""
        with self._connect() as c:
            days = self._read(c, f"SELECT day, {', '.join(DAY_FIELDS)} FROM days ORDER BY day")
            tires = self._read(c, f"SELECT {', '.join(_TIRE_COLUMNS)} FROM tires ORDER BY t")
            if not days and not tires:
                return None
            car = self._read(c, f"SELECT {', '.join(CAR_FIELDS)} FROM car WHERE id = 1")
        d = _floats(days, 1 + len(DAY_FIELDS))
        t = _floats(tires, len(_TIRE_COLUMNS))
        car_type, *numbers = car[0] if car else ("", None, None, None)
        nominal, placard, pad = (_float(x) for x in numbers)
        return Observations(
            car_type if _name(car_type) else "", nominal, placard, pad,
            d[:, 0].astype(np.int64), *(d[:, 1 + i] for i in range(len(DAY_FIELDS))),
            t[:, 0], t[:, 1:5], t[:, 5:9], t[:, 9])

    def export(self) -> Iterator[dict[str, Any]]:
        """Every row, for the driver's export as JSON or CSV: the car's constants, then each day,
        then each tire reading. Keys: category, table, and the row's columns (NULL as None)."""
        with self._connect() as c:
            rows = {
                "car": (CAR_FIELDS, self._read(c, f"SELECT {', '.join(CAR_FIELDS)} FROM car")),
                "days": (("day", *DAY_FIELDS), self._read(c, f"SELECT day, {', '.join(DAY_FIELDS)} FROM days "
                                                             "ORDER BY day")),
                "tires": (_TIRE_COLUMNS, self._read(c, f"SELECT {', '.join(_TIRE_COLUMNS)} FROM tires ORDER BY t")),
            }
        for table, (names, values) in rows.items():
            for row in values:
                yield {"category": CATEGORY, "table": table, **dict(zip(names, row, strict=True))}

    def recovery_files(self) -> list[Path]:
        """Files moved aside as unreadable (``health.db.corrupt-*``): they may still hold the
        driver's data, so the privacy center lists them and may delete them."""
        return sorted(p for p in self.folder.glob(f"{DB_NAME}.corrupt-*") if p.is_file())

    # ----- opening -----------------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                self._check()
            except Unusable as exc:
                moved = move_aside(self.path)
                self.problems.append(f"{self.path.name}: {exc}; kept aside as {moved}, a new journal starts")
                log.error("health journal: %s", self.problems[-1])
                self._check()
        except (OSError, sqlite3.Error, Unusable) as exc:
            raise JournalError(f"the health journal is unavailable ({self.path}: {exc})") from None

    def _check(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        try:
            os.chmod(self.path, 0o600)
            conn.execute("PRAGMA journal_mode=WAL")
            check_layout(conn, _SCHEMA, LAYOUT, _TABLES, "a health journal")
        except sqlite3.DatabaseError as exc:
            if damaged(exc):
                raise Unusable(f"not a readable SQLite database ({exc})") from None
            raise
        finally:
            conn.close()

    def _connect(self) -> _Connection:
        return _Connection(self.path)

    def _read(self, c: sqlite3.Connection, sql: str) -> list[tuple]:
        try:
            return c.execute(sql).fetchall()
        except sqlite3.Error as exc:  # damaged after it was opened: a clear error, not SQLite's
            raise JournalError(f"cannot read the health journal {self.path}: {exc}") from None


class _Connection:
    """A connection of its own for one call; secure_delete so freed pages hold no old values."""

    def __init__(self, path: Path):
        self._path = path
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        if not self._path.exists():  # never recreate a file someone removed behind the journal's back
            raise JournalError(f"the health journal {self._path} is gone")
        try:
            self._conn = sqlite3.connect(self._path, isolation_level=None, timeout=30.0)
            self._conn.execute("PRAGMA secure_delete=ON")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise JournalError(f"cannot open the health journal {self._path}: {exc}") from None
        return self._conn

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            self._conn.close()


# ----- checking what is written ---------------------------------------------------------------------

def _name(x: Any) -> bool:
    return isinstance(x, str) and 0 < len(x) <= 40 and x.isprintable()


def _float(x: Any) -> float:
    return float(x) if type(x) in (int, float) and math.isfinite(x) else math.nan


def _floats(rows: list[tuple], width: int) -> np.ndarray:
    return np.array([[_float(x) for x in row] for row in rows], dtype=float).reshape(-1, width)


def _column(obs: Observations, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        a = np.asarray(getattr(obs, name), dtype=float)
    except (AttributeError, TypeError, ValueError):
        raise JournalError(f"observations: {name} is not an array of numbers") from None
    if a.shape != shape:
        raise JournalError(f"observations: {name} has shape {a.shape}, expected {shape}")
    return a


def _sql(a: np.ndarray) -> list:
    """Numbers as SQLite takes them; NaN and infinities as NULL."""
    return [float(x) if math.isfinite(x) else None for x in a]


def _rows(obs: Observations) -> tuple[list[tuple], list[tuple], dict[str, Any]]:
    """Check ``obs`` and turn it into rows (days, tire readings) and the constants it knows."""
    day = _column(obs, "day", np.shape(getattr(obs, "day", None)))
    if day.ndim != 1:
        raise JournalError("observations: day must be one-dimensional")
    n = len(day)
    if not np.all(np.isfinite(day)) or not np.all(day == np.round(day)) or np.any(np.abs(day) > 10_000_000):
        raise JournalError("observations: day must hold whole day numbers")
    if len(np.unique(day)) != n:
        raise JournalError("observations: a day is given twice")
    cols = [_column(obs, f, (n,)) for f in DAY_FIELDS]
    t = _column(obs, "tire_time_days", np.shape(getattr(obs, "tire_time_days", None)))
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(np.abs(t) > 10_000_000):
        raise JournalError("observations: tire_time_days must be finite times in days")
    if len(np.unique(t)) != len(t):
        raise JournalError("observations: a tire reading time is given twice")
    m = len(t)
    kpa = _column(obs, "tire_kpa", (m, 4))
    temp = _column(obs, "tire_temp_c", (m, 4))
    amb = _column(obs, "ambient_c", (m,))
    days = [(int(d), *_sql(np.array([c[i] for c in cols]))) for i, d in enumerate(day)]
    tires = [(float(t[i]), *_sql(np.concatenate([kpa[i], temp[i], amb[i:i + 1]]))) for i in range(m)]
    car: dict[str, Any] = {}
    car_type = getattr(obs, "car_type", None)
    if isinstance(car_type, str) and car_type:
        if not _name(car_type):
            raise JournalError(f"observations: car type {car_type[:40]!r} is not a short name")
        car["car_type"] = car_type
    for name in CAR_FIELDS[1:]:
        value = getattr(obs, name, None)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            car[name] = float(value)
    return days, tires, car
