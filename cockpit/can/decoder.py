"""CanDecoder: CAN frames in, ``(VSS path, value)`` pairs out, through a DBC and a mapping file.

Decoding is planned once per frame id when the files load: which bits hold the mapped signals
(only those are extracted, straight from the payload as one integer), how each raw value becomes
its VSS value in the catalogue's type, and the bounds it must fall in. Bad frames never raise and
never reach the store: they are counted in ``stats`` per message and reason, and logged (the first
few loudly).
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import can
from cantools.database.can import Database, Message, Signal

from cockpit.vehicle.catalogue import Catalogue, ChangeMode, SignalSpec, default_catalogue

from .mapping import MappingEntry, Value, load_dbc, load_mapping

log = logging.getLogger(__name__)

# Per message and reason, this many bad frames are logged as warnings; after that only every
# power of ten, so that a babbling node cannot flood the log.
_LOUD_BAD_FRAMES = 3
# Floats are rounded to the decimals of their resolution (0.08 km/h -> 2), so that binary noise
# like 88.48000000000002 stays out of the store; a resolution with no short decimal form gets this many.
_MAX_DIGITS = 6
# A frame id key: the 29-bit id, plus this bit for extended frames (a standard and an extended
# frame with the same number are different frames).
EXTENDED = 1 << 29


class Reason(StrEnum):
    UNKNOWN_ID = "unknown id"  # not in the DBC
    WRONG_LENGTH = "wrong length"  # DLC differs from the DBC's message length
    DECODE_FAILED = "decode failed"  # e.g. a multiplexer value the DBC does not know
    OUT_OF_RANGE = "out of range"  # the VSS value fails the catalogue check (range, type, step)
    NOT_AVAILABLE = "not available"  # the sender says SNA / invalid (``sna`` or a table's null)
    NOT_IN_TABLE = "not in table"  # a raw value the mapping's table does not list
    ERROR_FRAME = "error frame"
    REMOTE_FRAME = "remote frame"


class CanStats:
    """What the decoder saw, per message name (or ``0x…`` id for frames the DBC does not know)."""

    def __init__(self) -> None:
        self.ok: Counter[str] = Counter()  # frames decoded (single values may still be dropped, see bad)
        self.bad: Counter[tuple[str, Reason]] = Counter()  # (message, reason) -> frames or values dropped
        self.unmapped: Counter[str] = Counter()  # frames of DBC messages the mapping does not use
        self.throttled: Counter[str] = Counter()  # values held back by min_interval_ms, per message

    @property
    def frames_ok(self) -> int:
        return sum(self.ok.values())

    @property
    def frames_bad(self) -> int:
        return sum(self.bad.values())

    def as_dict(self) -> dict[str, Any]:
        bad: dict[str, dict[str, int]] = {}
        for (message, reason), n in sorted(self.bad.items()):
            bad.setdefault(message, {})[reason.value] = n
        return {"ok": dict(self.ok), "bad": bad, "unmapped": dict(self.unmapped), "throttled": dict(self.throttled)}

    def summary(self) -> str:
        lines = [f"{self.frames_ok} frames decoded, {self.frames_bad} dropped, "
                 f"{sum(self.unmapped.values())} of unmapped messages"]
        lines += [f"  {message}: {n} × {reason.value}" for (message, reason), n in sorted(self.bad.items())]
        return "\n".join(lines)


_TABLE, _BOOL, _INT, _FLOAT = range(4)
_MISSING = object()


class _Target:
    """One mapping entry, compiled: raw DBC value -> checked VSS value."""

    __slots__ = ("path", "kind", "table", "sna", "a", "b", "digits", "lo", "hi", "check", "why", "interval",
                 "keep_changes", "last_ts", "last_value")

    def __init__(self, entry: MappingEntry, signal: Signal, spec: SignalSpec):
        self.path = entry.path
        self.table = entry.table
        self.sna = entry.sna
        # DBC scaling and the mapping's scale/offset folded into one: vss = raw * a + b
        self.a = signal.scale * entry.scale
        self.b = signal.offset * entry.scale + entry.offset
        if entry.table is not None:
            self.kind = _TABLE
        elif spec.datatype == "boolean":
            self.kind = _BOOL
        elif spec.datatype in ("float", "double"):
            self.kind = _FLOAT
        else:
            self.kind = _INT
        self.digits = None if signal.is_float else _digits(self.a, self.b)
        # The conversion above already gives the catalogue's type, so a number needs only its bounds
        # compared; the full check is kept for steps (HVAC setpoints) and IEEE floats (NaN).
        lo, hi = _int_range(spec.datatype) if self.kind == _INT else (-math.inf, math.inf)
        self.lo = lo if spec.min is None else max(lo, spec.min)
        self.hi = hi if spec.max is None else min(hi, spec.max)
        self.check: Callable[[Any], str | None] | None = spec.check if spec.step or signal.is_float else None
        self.why = spec.check  # to say why a value is out of bounds
        self.interval = entry.min_interval_s
        # Changes of on-change signals (gear, doors, lamps) pass the throttle at once: it only
        # thins out repeats and continuous signals.
        self.keep_changes = spec.change is ChangeMode.ON_CHANGE
        self.last_ts = -math.inf
        self.last_value: Any = _MISSING


class _Field:
    """A mapped DBC signal of a message: where its bits are, and the entries it feeds."""

    __slots__ = ("name", "big", "shift", "mask", "half", "full", "targets")

    def __init__(self, signal: Signal, message_length: int):
        self.name = signal.name
        self.big = signal.byte_order == "big_endian"
        if self.big:
            # DBC numbers Motorola bits from the MSB of each byte ("sawtooth"); in the payload read
            # as one big-endian integer, the signal's MSB sits at this position from the top.
            msb = signal.start // 8 * 8 + (7 - signal.start % 8)
            self.shift = message_length * 8 - msb - signal.length
        else:
            self.shift = signal.start
        self.mask = (1 << signal.length) - 1
        self.half = (1 << (signal.length - 1)) if signal.is_signed else None  # sign bit, if signed
        self.full = 1 << signal.length
        self.targets: list[_Target] = []


class _Plan:
    """Everything needed to decode one frame id."""

    __slots__ = ("name", "length", "fields", "message", "little", "big", "cycle_s", "paths")

    def __init__(self, message: Message, fields: list[_Field]):
        self.name = message.name
        self.length = message.length
        self.fields = fields
        # Multiplexed messages and IEEE-float signals go through cantools; plain bit fields do not.
        generic = message.is_multiplexed() or any(message.get_signal_by_name(f.name).is_float for f in fields)
        self.message = message if generic else None
        self.little = any(not f.big for f in fields)
        self.big = any(f.big for f in fields)
        self.cycle_s = message.cycle_time / 1000 if message.cycle_time else None
        self.paths = frozenset(t.path for f in fields for t in f.targets)


class CanDecoder:
    """Decode frames of one DBC into VSS values by one mapping file (see ``cockpit.can.mapping``)."""

    def __init__(self, dbc: Path | str | Database, mapping: Path | str, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or default_catalogue()
        self.db = dbc if isinstance(dbc, Database) else load_dbc(dbc)  # a parsed one saves time (large DBCs)
        self.entries = load_mapping(mapping, self.db, self.catalogue)
        self.stats = CanStats()
        self._plans: dict[int, _Plan] = {}  # by frame key; a plan without fields: the mapping does not use it
        by_message: dict[str, dict[str, _Field]] = {}
        for entry in self.entries:
            message = self.db.get_message_by_name(entry.message)
            signal = message.get_signal_by_name(entry.signal)
            fields = by_message.setdefault(entry.message, {})
            field = fields.get(entry.signal) or fields.setdefault(entry.signal, _Field(signal, message.length))
            field.targets.append(_Target(entry, signal, self.catalogue[entry.path]))
        for message in self.db.messages:
            fields = by_message.get(message.name, {})
            key = message.frame_id | EXTENDED if message.is_extended_frame else message.frame_id
            self._plans[key] = _Plan(message, list(fields.values()))
        self.paths = frozenset(e.path for e in self.entries)

    def message_paths(self) -> dict[int, tuple[str, float | None, frozenset[str]]]:
        """Frame key -> (message name, DBC cycle time in s, VSS paths it feeds), for mapped messages."""
        return {k: (p.name, p.cycle_s, p.paths) for k, p in self._plans.items() if p.fields}

    def decode(self, msg: can.Message) -> list[tuple[str, Value]]:
        """The VSS values a frame carries; bad frames and values are counted and dropped, never raised."""
        if msg.is_error_frame:
            self._bad("bus", Reason.ERROR_FRAME, "")
            return []
        plan = self._plans.get(msg.arbitration_id | EXTENDED if msg.is_extended_id else msg.arbitration_id)
        if plan is None:
            self._bad(f"{msg.arbitration_id:#x}", Reason.UNKNOWN_ID, "not in the DBC")
            return []
        if not plan.fields:
            self.stats.unmapped[plan.name] += 1
            return []
        data = msg.data
        if msg.is_remote_frame:
            self._bad(plan.name, Reason.REMOTE_FRAME, "")
            return []
        if len(data) != plan.length:
            self._bad(plan.name, Reason.WRONG_LENGTH, f"{len(data)} bytes, the DBC says {plan.length}")
            return []
        if plan.message is not None:
            try:
                raws = plan.message.decode(bytes(data), decode_choices=False, scaling=False)
            except Exception as exc:  # cantools raises several error types; a bad frame must not end the source
                self._bad(plan.name, Reason.DECODE_FAILED, str(exc))
                return []
        else:
            le = int.from_bytes(data, "little") if plan.little else 0
            be = int.from_bytes(data, "big") if plan.big else 0
        self.stats.ok[plan.name] += 1
        ts = msg.timestamp
        out: list[tuple[str, Value]] = []
        for f in plan.fields:
            if plan.message is not None:
                raw = raws.get(f.name, _MISSING)
                if raw is _MISSING:  # another multiplexer value: this signal is not in this frame
                    continue
            else:
                raw = ((be if f.big else le) >> f.shift) & f.mask
                if f.half is not None and raw >= f.half:
                    raw -= f.full
            for t in f.targets:
                if t.sna and raw in t.sna:
                    self._bad(plan.name, Reason.NOT_AVAILABLE, f"{f.name} = {raw} for {t.path}")
                    continue
                kind = t.kind
                if kind == _TABLE:
                    value = t.table.get(raw, _MISSING)
                    if value is None:
                        self._bad(plan.name, Reason.NOT_AVAILABLE, f"{f.name} = {raw} for {t.path}")
                        continue
                    if value is _MISSING:
                        self._bad(plan.name, Reason.NOT_IN_TABLE, f"{f.name} = {raw} for {t.path}")
                        continue
                elif kind == _BOOL:
                    value = raw != 0
                else:
                    if kind == _INT:
                        try:
                            value = round(raw * t.a + t.b)
                        except (ValueError, OverflowError):  # NaN or infinity from an IEEE float signal
                            self._bad(plan.name, Reason.OUT_OF_RANGE, f"{f.name} = {raw} for {t.path}")
                            continue
                    elif t.digits is None:
                        value = raw * t.a + t.b
                    else:
                        value = round(raw * t.a + t.b, t.digits)
                    if not t.lo <= value <= t.hi:
                        self._bad(plan.name, Reason.OUT_OF_RANGE,
                                  f"{f.name} = {raw} -> {t.path} = {value!r}: {t.why(value)}")
                        continue
                if t.check is not None:
                    why = t.check(value)
                    if why is not None:
                        self._bad(plan.name, Reason.OUT_OF_RANGE, f"{f.name} = {raw} -> {t.path} = {value!r}: {why}")
                        continue
                if t.interval:
                    if 0 <= ts - t.last_ts < t.interval and not (t.keep_changes and value != t.last_value):
                        self.stats.throttled[plan.name] += 1
                        continue
                    t.last_ts = ts
                    t.last_value = value
                out.append((t.path, value))
        return out

    def _bad(self, message: str, reason: Reason, detail: str) -> None:
        key = (message, reason)
        self.stats.bad[key] += 1
        n = self.stats.bad[key]
        # "not available" is the sender's honest report, not a broken frame: worth a note only
        level = logging.INFO if reason is Reason.NOT_AVAILABLE else logging.WARNING
        if n <= _LOUD_BAD_FRAMES:
            log.log(level, "CAN %s: %s%s", message, reason.value, f" ({detail})" if detail else "")
        elif math.log10(n).is_integer():
            log.log(level, "CAN %s: %s, %d times so far", message, reason.value, n)


def _int_range(datatype: str) -> tuple[int, int]:
    """The values of a VSS integer datatype: int8 -> (-128, 127), uint32 -> (0, 4294967295)."""
    bits = int(datatype.removeprefix("u").removeprefix("int"))
    return (0, 2**bits - 1) if datatype.startswith("u") else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def _digits(a: float, b: float) -> int:
    """Decimals that represent every value raw * a + b exactly (within float noise), at most _MAX_DIGITS."""
    for d in range(_MAX_DIGITS + 1):
        k = 10**d
        if all(abs(x * k - round(x * k)) < 1e-6 * max(1.0, abs(x * k)) for x in (a, b)):
            return d
    return _MAX_DIGITS
