"""Signal history on the car: a bounded time series of selected signals, kept in the data folder.

What is recorded, and in which category, is one table (``SIGNALS``); what each category is for,
how long it is kept and how large it may grow is another (``CATEGORIES``). A category that needs
the driver's agreement (location) records nothing until ``set_consent`` says so.

One writer thread owns the database (SQLite, WAL). Callers — a source's thread through ``attach``,
or ``record`` — only append to a bounded queue and never wait for the disk: when the queue is
full the oldest sample is dropped and counted (``dropped``). The writer inserts in batches, and
from time to time (``maintain_every_s`` on the history's clock) rolls raw samples older than a
day into 1-minute aggregates (min/mean/max/count), minute aggregates older than 30 days into
hourly ones, deletes what passed its category's retention, and the oldest rows of a category
over its row cap. ``erase`` deletes a category and rebuilds the file (VACUUM, WAL truncated;
``secure_delete`` zeroes freed pages meanwhile), so the values are gone from the disk.

A database that cannot be read is moved aside (``history.db.corrupt-<time>``) and a new one
started; if not even that works the car runs without history. Either way ``problems`` and the
log say so. Times are seconds since the epoch from ``clock`` (the wall clock by default: history
outlives a boot, the SignalStore's monotonic clock does not); tests and benchmarks step it.
See docs/health-history.md.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from cockpit.files import aside_name
from cockpit.profiles.store import data_dir
from cockpit.vehicle.store import Reading, SignalStore, Status

log = logging.getLogger(__name__)

DB_NAME = "history.db"
LAYOUT = 1  # PRAGMA user_version of the tables below
MINUTE = 60
HOUR = 3600
DAY = 86400.0
RAW_KEEP_S = DAY  # raw samples for the last day ...
MINUTE_KEEP_S = 30 * DAY  # ... then 1-minute aggregates for 30 days, then hourly ones until retention
DEFAULT_QUEUE_MAX = 50_000  # samples waiting for the writer (~ 6 min of the whole catalogue at full rate)
RESOLUTIONS = {"auto": None, "raw": 0, "minute": MINUTE, "hour": HOUR}


@dataclass(frozen=True)
class Category:
    name: str
    purpose: str  # in the driver's words: what the Privacy page says it is kept for
    retention_days: float
    max_rows: int  # raw and aggregated rows together; the oldest go first
    needs_consent: bool = False  # recorded only after the driver agreed (set_consent)


CATEGORIES: dict[str, Category] = {c.name: c for c in (
    Category("vehicle-health", "to see wear and failures coming: tires, traction battery, 12 V battery, brakes",
             retention_days=730, max_rows=3_000_000),
    Category("driving", "how the car was driven (speed, gear, braking), the load behind the wear",
             retention_days=90, max_rows=3_000_000),
    Category("location", "where the car was; only when the driver has agreed to keep it",
             retention_days=30, max_rows=1_000_000, needs_consent=True),
)}

_WHEELS = [f"Vehicle.Chassis.Axle.Row{r}.Wheel.{s}" for r in (1, 2) for s in ("Left", "Right")]
# Path -> category. VSS 6.0 paths; those the car's catalogue lacks are simply not recorded (attach
# says which), so a catalogue that gains a signal starts its history without touching this table.
SIGNALS: dict[str, str] = {
    **{f"{w}.Tire.Pressure": "vehicle-health" for w in _WHEELS},
    **{f"{w}.Tire.AirTemperature": "vehicle-health" for w in _WHEELS},
    **{f"{w}.Brake.PadWear": "vehicle-health" for w in _WHEELS},
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": "vehicle-health",
    "Vehicle.Powertrain.TractionBattery.CurrentVoltage": "vehicle-health",
    "Vehicle.Powertrain.TractionBattery.CurrentCurrent": "vehicle-health",
    "Vehicle.Powertrain.TractionBattery.CurrentPower": "vehicle-health",
    "Vehicle.Powertrain.TractionBattery.Temperature.Average": "vehicle-health",
    "Vehicle.Powertrain.TractionBattery.Charging.IsCharging": "vehicle-health",
    "Vehicle.LowVoltageBattery.CurrentVoltage": "vehicle-health",
    "Vehicle.Exterior.AirTemperature": "vehicle-health",
    "Vehicle.TraveledDistance": "vehicle-health",
    "Vehicle.Speed": "driving",
    "Vehicle.Powertrain.Transmission.CurrentGear": "driving",
    "Vehicle.Acceleration.Longitudinal": "driving",
    "Vehicle.Chassis.Brake.PedalPosition": "driving",
    "Vehicle.CurrentLocation.Latitude": "location",
    "Vehicle.CurrentLocation.Longitude": "location",
}

_SCHEMA = """
CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,        -- VSS path
    category TEXT NOT NULL            -- its category when it was last recorded
);
CREATE TABLE raw (                    -- every sample of the last day
    sid INTEGER NOT NULL,
    t REAL NOT NULL,                  -- seconds since the epoch
    v REAL                            -- NULL: no valid value from then on (stale, unavailable, error)
);
CREATE INDEX raw_sid_t ON raw (sid, t);
CREATE TABLE agg (                    -- older samples, aggregated
    sid INTEGER NOT NULL,
    res INTEGER NOT NULL,             -- 60: one minute, 3600: one hour
    t REAL NOT NULL,                  -- the bucket's start
    vmin REAL NOT NULL,
    vmean REAL NOT NULL,
    vmax REAL NOT NULL,
    n INTEGER NOT NULL                -- valid samples in the bucket
);
CREATE UNIQUE INDEX agg_key ON agg (sid, res, t);
"""
_TABLES = {"signals", "raw", "agg"}

# Fold aggregates into a bucket that already has some (samples that arrived late): weighted mean.
_MERGE = """ON CONFLICT (sid, res, t) DO UPDATE SET
    vmean = (vmean * n + excluded.vmean * excluded.n) / (n + excluded.n),
    vmin = min(vmin, excluded.vmin), vmax = max(vmax, excluded.vmax), n = n + excluded.n"""


class HistoryError(Exception):
    """A history operation that cannot be done; the message names the thing and the reason."""


class Unusable(Exception):
    """The database file cannot be used as it is (moved aside, a new one started)."""


class Series(NamedTuple):
    """One signal over time, oldest first. Raw samples have min = mean = max and count 1; a gap
    (no valid value from then on) is NaN with count 0."""

    t: np.ndarray  # seconds since the epoch (a bucket's start for aggregates)
    mean: np.ndarray
    min: np.ndarray
    max: np.ndarray
    count: np.ndarray


class CategoryInfo(NamedTuple):
    """What the Privacy page shows about one category."""

    name: str
    purpose: str
    retention_days: float
    needs_consent: bool
    recording: bool  # new samples are being kept (consent given, or none needed)
    rows: int
    oldest: float | None  # seconds since the epoch
    newest: float | None
    bytes: int  # its share of the file, estimated from SQLite's page counts


class Maintenance(NamedTuple):
    rolled_raw: int  # raw samples folded into minute aggregates
    rolled_minutes: int  # minute aggregates folded into hourly ones
    expired: int  # rows past their category's retention
    capped: int  # oldest rows over a category's row cap


class History:
    """The signal history in ``folder`` (default: the data folder, ``history.db``)."""

    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        signals: dict[str, str] = SIGNALS,
        categories: dict[str, Category] = CATEGORIES,
        consent: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
        queue_max: int = DEFAULT_QUEUE_MAX,
        batch_rows: int = 5_000,
        flush_interval_s: float = 1.0,
        maintain_every_s: float = HOUR,
        raw_keep_s: float = RAW_KEEP_S,
        minute_keep_s: float = MINUTE_KEEP_S,
    ):
        unknown = {c for c in signals.values() if c not in categories}
        if unknown:
            raise HistoryError(f"the signal table names categories that do not exist: {', '.join(sorted(unknown))}")
        if queue_max < 1:
            raise HistoryError(f"queue_max must be at least 1, got {queue_max}")
        self.folder = data_dir(folder)
        self.path = self.folder / DB_NAME
        self.signals = dict(signals)
        self._categories = dict(categories)
        self._clock = clock
        self._queue_max = queue_max
        self._batch_rows = min(batch_rows, queue_max)
        self._flush_interval_s = flush_interval_s
        self._maintain_every_s = maintain_every_s
        self._raw_keep_s = raw_keep_s
        self._minute_keep_s = minute_keep_s
        self.problems: list[str] = []  # what went wrong opening it, in words (also logged)
        self.written = 0  # samples stored
        self.dropped = 0  # oldest samples dropped because the queue was full
        self.skipped = 0  # values that are not numbers (strings) offered for a recorded path
        self.write_errors = 0
        self.last_maintenance: Maintenance | None = None
        self._consent: set[str] = set()
        self._recording: frozenset[str] = frozenset()
        for name in consent:
            self._category(name)
            self._consent.add(name)
        self._set_consent(None, False)
        self._cond = threading.Condition()
        self._queue: deque[tuple[int, float, float | None]] = deque()
        self._commands: list[tuple[Callable[[], Any], Future]] = []
        self._closing = False
        self._store: SignalStore | None = None
        self._unlisten: Callable[[], None] | None = None
        self._live: dict[str, int] = {}
        self._last_maintenance = -math.inf
        self._sids: dict[str, int] = {}
        self._conn = self._open()
        self._writer: threading.Thread | None = None
        if self._conn is not None:
            self._writer = threading.Thread(target=self._run, name="health-history", daemon=True)
            self._writer.start()

    @property
    def available(self) -> bool:
        """False when no database could be opened or made: the car runs without history."""
        return self._conn is not None

    @property
    def queued(self) -> int:
        return len(self._queue)

    # ----- consent ---------------------------------------------------------------------------------

    def set_consent(self, category: str, agreed: bool) -> None:
        """The driver agreed (or no longer agrees) to keep ``category``; withdrawing stops it at once
        (samples still queued are dropped). What was kept stays until its retention or ``erase``."""
        sids = self._category_sids(self._category(category).name)
        with self._cond:
            self._set_consent(category, agreed)
            if not agreed:
                self._queue = deque(s for s in self._queue if s[0] not in sids)

    def _set_consent(self, category: str | None, agreed: bool) -> None:
        if category is not None:
            self._category(category)
            (self._consent.add if agreed else self._consent.discard)(category)
        self._recording = frozenset(c.name for c in self._categories.values()
                                    if not c.needs_consent or c.name in self._consent)

    def recording(self, category: str) -> bool:
        return self._category(category).name in self._recording

    # ----- writing -----------------------------------------------------------------------------------

    def record(self, path: str, value: Any, t: float | None = None) -> bool:
        """Queue one sample (``None``: no valid value from now on). Never waits for the disk.

        Returns False when it is not kept: no consent for its category, not a number, or no database.
        Raises HistoryError for a path that is not in the table."""
        category = self.signals.get(path)
        if category is None:
            raise HistoryError(f"{path!r} is not in the history's table of signals, so it is not recorded")
        if category not in self._recording or self._conn is None or self._closing:
            return False
        v: float | None = None
        if value is not None:
            try:
                v = float(value) if type(value) in (bool, int, float) else math.nan
            except OverflowError:  # an int beyond any float
                v = math.nan
            if not math.isfinite(v):
                self.skipped += 1
                return False
        return self._put(category, self._sids[path], self._clock() if t is None else float(t), v)

    def _put(self, category: str, sid: int, t: float, v: float | None) -> bool:
        with self._cond:
            if category not in self._recording:  # consent withdrawn meanwhile (checked under the lock)
                return False
            if len(self._queue) >= self._queue_max:
                self._queue.popleft()
                self.dropped += 1
            self._queue.append((sid, t, v))
            if len(self._queue) >= self._batch_rows:
                self._cond.notify()
        return True

    def attach(self, store: SignalStore) -> list[str]:
        """Record the table's signals from ``store`` (their current values first, then every change).

        Returns the paths recorded: those of the table the store's catalogue has. A reading that is
        not AVAILABLE is kept as a gap, never as a number."""
        if self._store is not None and self._store is not store:
            raise HistoryError("the history already records another SignalStore; detach() it first")
        if self._store is store:
            return list(self._live)
        self._live = {p: sid for p, sid in self._sids.items() if p in store.catalogue}
        missing = [p for p in self.signals if p not in store.catalogue]
        if missing:
            log.info("history: the catalogue has no %s; not recorded", ", ".join(missing))
        self._store = store
        self._unlisten = store.listen(self._on_change)
        for path in self._live:
            r = store.get(path)
            if r.recv_ts is not None:
                self._on_change(path, r)
        return list(self._live)

    def detach(self) -> None:
        """Stop recording the store (what is queued is still written)."""
        if self._unlisten is not None:
            self._unlisten()
        self._unlisten = None
        self._store = None
        self._live = {}

    def _on_change(self, path: str, r: Reading) -> None:
        # On the source's thread, for every change of every signal: be quick.
        if path in self._live:
            self.record(path, r.value if r.status is Status.AVAILABLE else None)

    def flush(self) -> None:
        """Wait until everything queued so far is on disk."""
        self._call(lambda: None)

    def close(self) -> None:
        """Detach, write what is queued, and close the database."""
        self.detach()
        if self._writer is not None and self._writer.is_alive():
            with self._cond:
                self._closing = True
                self._cond.notify()
            self._writer.join()
        self._closing = True
        if self._conn is not None:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
            except sqlite3.Error as exc:
                log.warning("history: closing %s: %s", self.path, exc)
            self._conn = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- maintenance and erasure (run on the writer) --------------------------------------------

    def maintain(self, now: float | None = None) -> Maintenance:
        """Downsample, expire and cap now (the writer also does it every ``maintain_every_s``)."""
        return self._call(lambda: self._maintain(self._clock() if now is None else now))

    def erase(self, category: str) -> int:
        """Delete everything of ``category`` (queued samples too) and rebuild the file so the values
        are gone from the disk. Returns the rows deleted."""
        self._category(category)
        sids = self._category_sids(category)
        with self._cond:
            self._queue = deque(s for s in self._queue if s[0] not in sids)
        return self._call(lambda: self._erase(category))

    def _call(self, fn: Callable[[], Any]) -> Any:
        if self._writer is None or not self._writer.is_alive():
            raise HistoryError("the signal history is closed" if self._closing else "the signal history is unavailable")
        if threading.current_thread() is self._writer:
            return fn()
        fut: Future = Future()
        with self._cond:
            if self._closing:
                raise HistoryError("the signal history is closed")
            self._commands.append((fn, fut))
            self._cond.notify()
        return fut.result()

    def _run(self) -> None:
        try:
            self._loop()
        except Exception:
            log.exception("history: the writer failed; the car runs without history from now on")
        finally:
            with self._cond:
                self._closing = True
                commands, self._commands = self._commands, []
            for _, fut in commands:
                if not fut.done():
                    fut.set_exception(HistoryError("the signal history's writer stopped"))

    def _loop(self) -> None:
        while True:
            with self._cond:
                if len(self._queue) < self._batch_rows and not self._commands and not self._closing:
                    self._cond.wait(self._flush_interval_s)
                batch, self._queue = self._queue, deque()
                commands, self._commands = self._commands, []
                closing = self._closing
            if batch:
                self._write(batch)
            if self._maintain_every_s and self._clock() - self._last_maintenance >= self._maintain_every_s:
                try:
                    self._maintain(self._clock())
                except HistoryError as exc:
                    log.error("history: %s", exc)
            for fn, fut in commands:
                try:
                    fut.set_result(fn())
                except Exception as exc:  # handed to the caller
                    fut.set_exception(exc)
            if closing:
                with self._cond:
                    if not self._queue and not self._commands:
                        return

    def _write(self, batch: deque[tuple[int, float, float | None]]) -> None:
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
            c.executemany("INSERT INTO raw (sid, t, v) VALUES (?, ?, ?)", batch)
            c.execute("COMMIT")
            self.written += len(batch)
        except sqlite3.Error as exc:
            self.write_errors += 1
            if c.in_transaction:
                c.execute("ROLLBACK")
            level = logging.ERROR if self.write_errors <= 5 else logging.DEBUG
            log.log(level, "history: %d samples lost, %s could not be written: %s", len(batch), self.path, exc)

    def _maintain(self, now: float) -> Maintenance:
        self._last_maintenance = now
        raw_cut = math.floor((now - self._raw_keep_s) / MINUTE) * MINUTE  # whole buckets only
        minute_cut = math.floor((now - self._minute_keep_s) / HOUR) * HOUR
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
            c.execute(f"""INSERT INTO agg (sid, res, t, vmin, vmean, vmax, n)
                SELECT sid, {MINUTE}, CAST(t / {MINUTE} AS INTEGER) * {MINUTE}, min(v), avg(v), max(v), count(v)
                FROM raw WHERE t < ? GROUP BY 1, 3 HAVING count(v) > 0 {_MERGE}""", (raw_cut,))
            rolled_raw = c.execute("DELETE FROM raw WHERE t < ?", (raw_cut,)).rowcount
            c.execute(f"""INSERT INTO agg (sid, res, t, vmin, vmean, vmax, n)
                SELECT sid, {HOUR}, CAST(t / {HOUR} AS INTEGER) * {HOUR}, min(vmin), sum(vmean * n) / sum(n),
                       max(vmax), sum(n)
                FROM agg WHERE res = {MINUTE} AND t < ? GROUP BY 1, 3 {_MERGE}""", (minute_cut,))
            rolled_minutes = c.execute(f"DELETE FROM agg WHERE res = {MINUTE} AND t < ?", (minute_cut,)).rowcount
            expired = capped = 0
            known = list(self._categories)
            marks = ",".join("?" * len(known))
            # a category no table knows any more has no stated retention: nothing of it is kept
            for table in ("raw", "agg"):
                expired += c.execute(f"DELETE FROM {table} WHERE sid IN "
                                     f"(SELECT id FROM signals WHERE category NOT IN ({marks}))", known).rowcount
            for cat in self._categories.values():
                sids = "SELECT id FROM signals WHERE category = ?"
                cut = now - cat.retention_days * DAY
                for table in ("raw", "agg"):
                    expired += c.execute(f"DELETE FROM {table} WHERE sid IN ({sids}) AND t < ?",
                                         (cat.name, cut)).rowcount
                excess = sum(c.execute(f"SELECT count(*) FROM {table} WHERE sid IN ({sids})", (cat.name,)).fetchone()[0]
                             for table in ("raw", "agg")) - cat.max_rows
                for table in ("agg", "raw"):  # aggregates hold the oldest times
                    if excess > 0:
                        n = c.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "
                                      f"WHERE sid IN ({sids}) ORDER BY t LIMIT ?)", (cat.name, excess)).rowcount
                        capped += n
                        excess -= n
            c.execute("COMMIT")
            c.executescript("PRAGMA incremental_vacuum;")  # one page a step: executescript runs it to the end
            c.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as exc:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise HistoryError(f"maintenance of {self.path} failed: {exc}") from None
        self.last_maintenance = Maintenance(rolled_raw, rolled_minutes, expired, capped)
        return self.last_maintenance

    def _erase(self, category: str) -> int:
        c = self._conn
        sids = "SELECT id FROM signals WHERE category = ?"
        try:
            n, busy = wipe(c, [(f"DELETE FROM {t} WHERE sid IN ({sids})", (category,)) for t in ("raw", "agg")])
        except sqlite3.Error as exc:
            raise HistoryError(f"erasing {category} from {self.path} failed: {exc}") from None
        if busy:
            raise HistoryError(f"{category} was deleted from {self.path}, but a reader holds its write-ahead log "
                               "open, so old pages may remain there until it closes; erase again then")
        log.info("history: erased %s (%d rows)", category, n)
        return n

    # ----- reading -----------------------------------------------------------------------------------

    def series(self, path: str, since: float | None = None, until: float | None = None,
               resolution: str = "auto") -> Series:
        """``path`` between ``since`` and ``until`` (seconds since the epoch; until excluded).

        resolution: "raw" (the last day's samples, gaps as NaN), "minute" or "hour" (aggregated to
        at least that bucket; older, coarser rows stay as they are), "auto" (as stored: raw for the
        last day, then minutes, then hours). What is still queued is not included (``flush``)."""
        if path not in self.signals:
            raise HistoryError(f"{path!r} is not in the history's table of signals")
        if resolution not in RESOLUTIONS:
            raise HistoryError(f"resolution {resolution!r} is not one of {', '.join(RESOLUTIONS)}")
        bucket = RESOLUTIONS[resolution]
        lo = -math.inf if since is None else since
        hi = math.inf if until is None else until
        raw = "SELECT t, v AS lo, v AS mean, v AS hi, v IS NOT NULL AS n, 0 AS res FROM raw r " \
              "JOIN signals s ON s.id = r.sid WHERE s.path = :p AND t >= :lo AND t < :hi"
        agg = "SELECT t, vmin, vmean, vmax, n, res FROM agg a " \
              "JOIN signals s ON s.id = a.sid WHERE s.path = :p AND t >= :lo AND t < :hi"
        if bucket == 0:
            sql = f"SELECT t, mean, lo, hi, n FROM ({raw}) ORDER BY t"
        elif bucket is None:
            sql = f"SELECT t, mean, lo, hi, n FROM ({raw} UNION ALL {agg}) ORDER BY t"
        else:
            sql = f"""SELECT CASE WHEN res >= {bucket} THEN t ELSE CAST(t / {bucket} AS INTEGER) * {bucket} END AS b,
                             sum(mean * n) / sum(n), min(lo), max(hi), sum(n)
                      FROM ({raw} AND v IS NOT NULL UNION ALL {agg}) GROUP BY b ORDER BY b"""
        with self._reader() as c:
            rows = c.execute(sql, {"p": path, "lo": lo, "hi": hi}).fetchall()
        a = np.array(rows, dtype=float).reshape(-1, 5)
        return Series(a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4].astype(np.int64))

    def categories(self) -> list[CategoryInfo]:
        """Each category with its rows, oldest and newest time and bytes on disk (what is written)."""
        with self._reader() as c:
            per: dict[tuple[str, str], tuple[int, float | None, float | None]] = {}
            for table in ("raw", "agg"):
                for cat, n, oldest, newest in c.execute(
                        f"SELECT s.category, count(*), min(x.t), max(x.t) FROM {table} x "
                        "JOIN signals s ON s.id = x.sid GROUP BY s.category"):
                    per[cat, table] = (n, oldest, newest)
            table_bytes = self._table_bytes(c)
        table_rows = {t: sum(v[0] for (_, tt), v in per.items() if tt == t) for t in ("raw", "agg")}
        out = []
        for cat in self._categories.values():
            parts = [per[cat.name, t] for t in ("raw", "agg") if (cat.name, t) in per]
            rows = sum(p[0] for p in parts)
            size = sum(table_bytes.get(t, 0) * per[cat.name, t][0] / table_rows[t]
                       for t in ("raw", "agg") if (cat.name, t) in per and table_rows[t])
            out.append(CategoryInfo(
                cat.name, cat.purpose, cat.retention_days, cat.needs_consent, cat.name in self._recording, rows,
                min((p[1] for p in parts), default=None), max((p[2] for p in parts), default=None), round(size)))
        return out

    def export(self, category: str) -> Iterator[dict[str, Any]]:
        """Every row of ``category`` (after writing what is queued), by path then time: for the
        driver's export as JSON or CSV. Keys: category, path, resolution (raw/minute/hour), time
        (ISO 8601, UTC), t (seconds since the epoch), min, mean, max, count."""
        self._category(category)
        if self.available:
            self.flush()
        return self._export(category)

    def _export(self, category: str) -> Iterator[dict[str, Any]]:
        names = {0: "raw", MINUTE: "minute", HOUR: "hour"}
        with self._reader() as c:
            cur = c.execute("""SELECT path, 0, t, v, v, v, v IS NOT NULL FROM raw r JOIN signals s ON s.id = r.sid
                                 WHERE s.category = :c
                               UNION ALL
                               SELECT path, res, t, vmin, vmean, vmax, n FROM agg a JOIN signals s ON s.id = a.sid
                                 WHERE s.category = :c
                               ORDER BY 1, 3""", {"c": category})
            for path, res, t, lo, mean, hi, n in cur:
                yield {"category": category, "path": path, "resolution": names.get(res, str(res)),
                       "time": datetime.fromtimestamp(t, UTC).isoformat(), "t": t,
                       "min": lo, "mean": mean, "max": hi, "count": n}

    def recovery_files(self) -> list[Path]:
        """Files moved aside as unreadable (``history.db.corrupt-*``): they may still hold the driver's
        data, so the privacy center lists them and may delete them."""
        return sorted(p for p in self.folder.glob(f"{DB_NAME}.corrupt-*") if p.is_file())

    # ----- opening -----------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                return self._connect()
            except Unusable as exc:
                moved = self._move_aside()
                self._problem(f"{self.path.name}: {exc}; kept aside as {moved}, a new history starts")
                return self._connect()
        except (OSError, sqlite3.Error, Unusable) as exc:
            self._problem(f"the signal history is unavailable ({self.path}: {exc}); the car runs without it")
            return None

    def _problem(self, text: str) -> None:
        self.problems.append(text)
        log.error("history: %s", text)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
        try:
            os.chmod(self.path, 0o600)
            conn.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect on a new file only
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                raise Unusable(f"cannot use write-ahead logging (journal mode {mode})")
            conn.execute("PRAGMA synchronous=NORMAL")  # a crash loses the last batches at most, never the file
            conn.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed, not left readable
            check_layout(conn, _SCHEMA, LAYOUT, _TABLES, "a signal history")
            self._sids = self._register(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if damaged(exc):
                raise Unusable(f"not a readable SQLite database ({exc})") from None
            raise  # the folder or the disk (read-only, locked by another program): nothing to move aside
        except Unusable:
            conn.close()
            raise
        return conn

    def _register(self, conn: sqlite3.Connection) -> dict[str, int]:
        """Every path of the table gets its id (and its current category)."""
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO signals (path, category) VALUES (?, ?) "
                         "ON CONFLICT (path) DO UPDATE SET category = excluded.category", self.signals.items())
        conn.execute("COMMIT")
        return {p: i for i, p in conn.execute("SELECT id, path FROM signals") if p in self.signals}

    def _move_aside(self) -> str:
        return move_aside(self.path)

    # ----- helpers -----------------------------------------------------------------------------------

    def _category(self, name: str) -> Category:
        cat = self._categories.get(name)
        if cat is None:
            raise HistoryError(f"{name!r} is not a history category (one of {', '.join(self._categories)})")
        return cat

    def _category_sids(self, category: str) -> set[int]:
        return {sid for p, sid in self._sids.items() if self.signals[p] == category}

    def _reader(self) -> _Reader:
        if self._conn is None:
            raise HistoryError(f"the signal history is unavailable: {'; '.join(self.problems) or 'closed'}")
        return _Reader(self.path)

    @staticmethod
    def _table_bytes(c: sqlite3.Connection) -> dict[str, int]:
        """Bytes of each table with its index (SQLite's dbstat), else the file shared out by rows."""
        owner = {"raw": "raw", "raw_sid_t": "raw", "agg": "agg", "agg_key": "agg"}
        try:
            out: dict[str, int] = {}
            for name, size in c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
                if name in owner:
                    out[owner[name]] = out.get(owner[name], 0) + size
            return out
        except sqlite3.Error:
            pages = c.execute("PRAGMA page_count").fetchone()[0] * c.execute("PRAGMA page_size").fetchone()[0]
            rows = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("raw", "agg")}
            total = sum(rows.values()) or 1
            return {t: pages * n // total for t, n in rows.items()}


def check_layout(conn: sqlite3.Connection, schema: str, layout: int, tables: set[str], what: str) -> None:
    """SQLite's check of the whole file, then its tables: ``schema`` made (as ``layout``) in a new,
    empty file; a file of another layout or another program's is ``Unusable`` (``what`` names the
    kind of file it should be)."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise Unusable("SQLite's check failed: " + "; ".join(str(r[0]) for r in rows[:3]))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if version == 0 and not found:
        conn.executescript(f"BEGIN IMMEDIATE; {schema} PRAGMA user_version={layout}; COMMIT;")
    elif version != layout or not tables <= found:
        names = ", ".join(sorted(found)) or "none"
        raise Unusable(f"not {what} (layout {version}, tables {names})")


def wipe(c: sqlite3.Connection, deletes: list[tuple[str, tuple]]) -> tuple[int, bool]:
    """Run ``deletes`` in one transaction, then rebuild the file (VACUUM) and empty the write-ahead
    log, so what was deleted is gone from the disk: (rows deleted, whether a reader kept the log
    from being emptied). An error rolls back and is raised."""
    try:
        c.execute("BEGIN IMMEDIATE")
        n = sum(c.execute(sql, params).rowcount for sql, params in deletes)
        c.execute("COMMIT")
    except sqlite3.Error:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise
    c.execute("VACUUM")
    return n, bool(c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])


def move_aside(path: Path) -> str:
    """Move an unusable database (and its -wal/-shm) to ``<name>.corrupt-<time>``; returns the new name."""
    target = aside_name(path)
    os.replace(path, target)
    for side in ("-wal", "-shm"):
        if (p := path.with_name(path.name + side)).exists():
            os.replace(p, target.with_name(target.name + side))
    return target.name


def damaged(exc: sqlite3.DatabaseError) -> bool:
    """The file itself is bad (not SQLite, corrupt), as opposed to the folder or a lock."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or type(exc) is sqlite3.DatabaseError


class _Reader:
    """A read-only connection of its own for one read (WAL: readers never wait for the writer)."""

    def __init__(self, path: Path):
        self._path = path
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._conn = sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0)
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot read {self._path}: {exc}") from None
        return self._conn

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if self._conn is not None:
            self._conn.close()
        if isinstance(exc, sqlite3.Error):  # damaged after it was opened: a clear error, not SQLite's
            raise HistoryError(f"cannot read {self._path}: {exc}") from None
