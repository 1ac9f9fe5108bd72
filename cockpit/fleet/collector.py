"""The fleet's side: take the cars' summaries off Zenoh, keep them in SQLite, aggregate per variant.

Every message is an attacker's until proved otherwise: its size is looked at before its bytes are
copied, its key must be ``cockpit/fleet/v1/summary/<variant>/<pseudonym>`` and name the variant and
pseudonym its body names, and the body must pass ``summary.validate``. A refusal is counted by its
kind (a fixed few words, so counting costs no memory whatever is sent) and logged at most once a
minute per kind.

Messages arrive on Zenoh's threads; they only validate and queue. One writer thread owns the
database and writes in batches (one transaction per batch): one row per car per day, a repeat
replacing it. The queue is bounded; a message that finds it full is refused as "collector busy".

Why SQLite of our own rather than a Zenoh router's storage plugin: the plugin stores whatever
arrives on its key expression, before anyone validated it, keyed by the Zenoh key only (one value per
car, not per car and day), and needs a router process with plugins loaded; the statistics need
SQL over validated rows, which a storage would have to be queried back into anyway (docs/fleet.md).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from .summary import ALARMS, KEY_PREFIX, MAX_BYTES, VARIANT, VEHICLE, WHEELS, Summary, SummaryError, validate

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
QUEUE_MAX = 20_000  # summaries waiting for the writer (about 10 MB at most)
BATCH = 1000  # rows per transaction
LOG_EVERY_S = 60.0
AGE_BUCKET_YEARS = 2
PUNCTURE_KPA_PER_DAY = 1.0  # healthy seepage is 0.05-0.3 kPa a day; above this a wheel leaks
_COLUMNS = ("vehicle", "day", "variant", "software", "age_years", "soh", "leak_fl", "leak_fr", "leak_rl", "leak_rr",
            "lv_drop", "pad_km", "alarms", "received")
_CREATE = """
CREATE TABLE IF NOT EXISTS summaries (
    vehicle TEXT NOT NULL, day TEXT NOT NULL, variant TEXT NOT NULL, software TEXT NOT NULL, age_years INTEGER,
    soh REAL, leak_fl REAL, leak_fr REAL, leak_rl REAL, leak_rr REAL, lv_drop REAL, pad_km REAL,
    alarms TEXT NOT NULL, received REAL NOT NULL,
    PRIMARY KEY (vehicle, day)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS summaries_variant ON summaries (variant);
CREATE TABLE IF NOT EXISTS refused (kind TEXT PRIMARY KEY, count INTEGER NOT NULL);
"""


class CollectorError(RuntimeError):
    """The database cannot be used (not SQLite, another schema, not writable)."""


def connect(db: Path) -> sqlite3.Connection:
    """The collector's database, made if new; CollectorError when it is another kind of file."""
    try:
        conn = sqlite3.connect(db, timeout=10)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version != SCHEMA_VERSION and (version or tables):
            conn.close()
            raise CollectorError(f"{db}: not a fleet collector's database (schema {version}, expected "
                                 f"{SCHEMA_VERSION})")
        conn.execute("PRAGMA journal_mode=WAL")  # `cockpit fleet report` reads while the collector writes
        conn.executescript(_CREATE)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return conn
    except sqlite3.DatabaseError as exc:
        raise CollectorError(f"{db}: cannot use it as the collector's database ({exc})") from None


class Collector:
    """Validates and stores summaries into ``db``. ``offer(key, payload)`` is the whole path of a
    message (Zenoh's callback calls it); ``subscribe(session)`` connects it to the bus."""

    def __init__(self, db: Path, *, queue_max: int = QUEUE_MAX, batch: int = BATCH):
        self.db = Path(db).absolute()  # the writer thread opens it: whatever the working folder is then
        connect(self.db).close()  # a bad file is an error now, not in the writer thread
        self.batch = batch
        self.received = 0
        self.stored = 0
        self.refused: Counter[str] = Counter()
        self.last_refusal = ""
        self._queue: queue.Queue[Summary | None] = queue.Queue(queue_max)
        self._lock = threading.Lock()
        self._written = threading.Condition(self._lock)
        self._pending = 0  # offered and not yet committed
        self._unsaved: Counter[str] = Counter()  # refusals the database has not counted yet
        self._logged: dict[str, float] = {}
        self._subscriber: Any = None
        self._writer = threading.Thread(target=self._write, name="fleet-writer", daemon=True)
        self._writer.start()

    def subscribe(self, session: Any) -> None:
        self._subscriber = session.declare_subscriber(KEY_PREFIX + "**", self._on_sample)

    def _on_sample(self, sample: Any) -> None:
        payload = sample.payload
        size = len(payload)  # before copying it out of Zenoh
        self.offer(str(sample.key_expr), payload.to_bytes() if size <= MAX_BYTES else size)

    def offer(self, key: str, payload: bytes | int) -> bool:
        """Validate one message (``payload``: its bytes, or only its size when that is already too
        large) and queue it for the writer; False when refused (and counted)."""
        with self._lock:
            self.received += 1
        try:
            if isinstance(payload, int):
                raise SummaryError("too large", f"{payload:,} bytes, more than {MAX_BYTES:,}")
            variant, _, vehicle = key.removeprefix(KEY_PREFIX).partition("/")
            if not key.startswith(KEY_PREFIX) or not VARIANT.fullmatch(variant) or not VEHICLE.fullmatch(vehicle):
                raise SummaryError("bad key", f"{key[:120]!r} is not {KEY_PREFIX}<variant>/<pseudonym>")
            summary = validate(payload)
            if (summary.variant, summary.vehicle) != (variant, vehicle):
                raise SummaryError("key mismatch", f"the key names {variant}/{vehicle}, the summary "
                                   f"{summary.variant}/{summary.vehicle}")
        except SummaryError as exc:
            self._refuse(exc)
            return False
        with self._lock:
            self._pending += 1
        try:
            self._queue.put_nowait(summary)
        except queue.Full:
            with self._lock:
                self._pending -= 1
            self._refuse(SummaryError("collector busy", "the writer's queue is full"))
            return False
        return True

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until everything offered so far is committed; False if not within ``timeout``."""
        with self._written:
            return self._written.wait_for(lambda: self._pending == 0, timeout)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {"received": self.received, "stored": self.stored, "refused": dict(self.refused),
                    "last_refusal": self.last_refusal}

    def close(self) -> None:
        """Stop taking messages, write what is queued, stop the writer."""
        if self._subscriber is not None:
            self._subscriber.undeclare()
            self._subscriber = None
        self._queue.put(None)
        self._writer.join(timeout=30)

    def _refuse(self, exc: SummaryError) -> None:
        now = time.monotonic()
        with self._lock:
            self.refused[exc.kind] += 1
            self._unsaved[exc.kind] += 1
            self.last_refusal = str(exc)[:300]
            tell = now - self._logged.get(exc.kind, -LOG_EVERY_S) >= LOG_EVERY_S
            if tell:
                self._logged[exc.kind] = now
        if tell:
            log.warning("fleet summary refused: %s", str(exc)[:300])

    def _write(self) -> None:
        conn = connect(self.db)
        try:
            done = False
            while not done:
                items = [self._queue.get()]
                while len(items) < self.batch:
                    try:
                        items.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                done = None in items
                rows = [_row(s) for s in items if s is not None]
                with self._lock:
                    refusals, self._unsaved = self._unsaved, Counter()
                with conn:
                    conn.executemany(f"INSERT OR REPLACE INTO summaries ({', '.join(_COLUMNS)}) "
                                     f"VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
                    conn.executemany("INSERT INTO refused VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET "
                                     "count = count + excluded.count", refusals.items())
                with self._written:
                    self.stored += len(rows)
                    self._pending -= len(rows)
                    self._written.notify_all()
        except sqlite3.Error:
            log.exception("the fleet collector's database failed: no more summaries are stored")
        finally:
            conn.close()


def _row(s: Summary) -> tuple:
    leaks = [s.tire_leak_kpa_per_day[w] for w in WHEELS]
    return (s.vehicle, s.day, s.variant, s.software, s.age_years, s.battery_soh_percent, *leaks,
            s.lv_drop_mv_per_day, s.pad_remaining_km, "\n".join(s.alarms), time.time())


# ----- the statistics ----------------------------------------------------------------------------


def aggregate(db: Path) -> dict[str, Any]:
    """Per variant, over each car's latest summary: how many cars; state of health (median and
    10th/90th percentiles) overall and per age bucket; the tire leak rates' distribution over every
    wheel; the 12 V trend; the pads' remaining distance; the share of cars with each alarm. Plus the
    refused messages by kind."""
    conn = connect(db)
    try:
        rows = conn.execute(f"""
            SELECT {', '.join('s.' + c for c in _COLUMNS)} FROM summaries s
            JOIN (SELECT vehicle, max(day) AS day FROM summaries GROUP BY vehicle) latest
            ON s.vehicle = latest.vehicle AND s.day = latest.day ORDER BY s.variant""").fetchall()
        days = conn.execute("SELECT min(day), max(day), count(*) FROM summaries").fetchone()
        refused = dict(conn.execute("SELECT kind, count FROM refused ORDER BY kind").fetchall())
    finally:
        conn.close()
    variants: dict[str, list[dict]] = {}
    for row in rows:
        r = dict(zip(_COLUMNS, row, strict=True))
        variants.setdefault(r["variant"], []).append(r)
    return {"summaries": days[2], "first_day": days[0], "last_day": days[1], "refused": refused,
            "variants": {name: _variant(cars) for name, cars in variants.items()}}


def _variant(cars: list[dict]) -> dict[str, Any]:
    buckets: dict[str, list[float]] = {}
    for c in cars:
        if c["soh"] is not None:
            age = c["age_years"]
            lo = None if age is None else age // AGE_BUCKET_YEARS * AGE_BUCKET_YEARS
            buckets.setdefault("unknown" if lo is None else f"{lo}-{lo + AGE_BUCKET_YEARS - 1} years", []).append(
                c["soh"])
    leaks = [c[col] for c in cars for col in ("leak_fl", "leak_fr", "leak_rl", "leak_rr") if c[col] is not None]
    alarms = Counter(a for c in cars for a in set(filter(None, c["alarms"].split("\n"))))
    return {
        "cars": len(cars),
        "soh_percent": _spread([c["soh"] for c in cars if c["soh"] is not None]),
        "soh_percent_by_age": {k: _spread(v) for k, v in sorted(buckets.items(), key=lambda kv: _bucket_order(kv[0]))},
        "tire_leak_kpa_per_day": {**_spread(leaks, (50, 90, 99)), "max": max(leaks, default=None),
                                  "share_over_1_kpa": _share(sum(v > PUNCTURE_KPA_PER_DAY for v in leaks),
                                                             len(leaks))},
        "lv_drop_mv_per_day": _spread([c["lv_drop"] for c in cars if c["lv_drop"] is not None]),
        "pad_remaining_km": _spread([c["pad_km"] for c in cars if c["pad_km"] is not None]),
        "alarm_share": {a: _share(alarms[a], len(cars)) for a in ALARMS},
    }


def _spread(values: list[float], percentiles: tuple[int, ...] = (10, 50, 90)) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(values)}
    qs = np.percentile(values, percentiles) if values else [None] * len(percentiles)
    for p, q in zip(percentiles, qs, strict=True):
        out[f"p{p}"] = None if q is None else round(float(q), 2)
    return out


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


def _bucket_order(name: str) -> int:
    return int(name.split("-")[0]) if name[0].isdigit() else 10**6
