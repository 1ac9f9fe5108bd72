"""CanDecoder: CAN frames in, ``(VSS path, value)`` pairs out, through a DBC and a mapping file.

Decoding is planned once per frame id when the files load: which bits hold the mapped signals
(only those are extracted, straight from the payload as one integer), how each raw value becomes
its VSS value in the catalogue's type, and the bounds it must fall in. Bad frames never raise and
never reach the store: they are counted in ``stats`` per message and reason, apart from the single
values of good frames that are refused, and logged (the first few loudly).

``min_interval_ms`` throttles on the frames' own clock, so that a log replays the same at any speed;
the last value of a burst is held, not lost: ``due(clock)`` hands it out once its interval has
passed, ``flush()`` at the end of a log.
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


# The summary names the messages with the most drops, this many.
_SUMMARY_DETAILS = 10


class Reason(StrEnum):
    # a whole frame dropped
    UNKNOWN_ID = "unknown id"  # not in the DBC
    WRONG_LENGTH = "wrong length"  # DLC differs from the DBC's message length
    DECODE_FAILED = "decode failed"  # e.g. a multiplexer value the DBC does not know
    ERROR_FRAME = "error frame"
    REMOTE_FRAME = "remote frame"
    MALFORMED_LINE = "malformed line"  # a line of a text log that holds no readable frame
    # one value of a decoded frame dropped
    OUT_OF_RANGE = "out of range"  # the VSS value fails the catalogue check (range, type, step)
    NOT_AVAILABLE = "not available"  # the sender says SNA / invalid (``sna`` or a table's null)
    NOT_IN_TABLE = "not in table"  # a raw value the mapping's table does not list


class CanStats:
    """What the decoder saw, per message name (``0x…`` id for frames the DBC does not know, the file
    name for malformed log lines). Frames that never decoded and values of decoded frames that were
    refused are counted apart."""

    def __init__(self) -> None:
        self.ok: Counter[str] = Counter()  # frames decoded (single values may still be refused: bad_values)
        self.bad_frames: Counter[tuple[str, Reason]] = Counter()  # (message, reason) -> frames dropped whole
        self.unmapped: Counter[str] = Counter()  # frames of DBC messages the mapping does not use (on that bus)
        self.values = 0  # values handed to the store
        self.bad_values: Counter[tuple[str, Reason]] = Counter()  # (message, reason) -> values refused
        self.throttled: Counter[str] = Counter()  # values thinned out by min_interval_ms (a newer one went)
        self.buses: Counter[int | str | None] = Counter()  # frames per channel, when the mapping names buses

    @property
    def frames_ok(self) -> int:
        return sum(self.ok.values())

    @property
    def frames_bad(self) -> int:
        return sum(self.bad_frames.values())

    @property
    def values_bad(self) -> int:
        return sum(self.bad_values.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "frames": {"ok": dict(self.ok), "dropped": _by_message(self.bad_frames), "unmapped": dict(self.unmapped)},
            "values": {"delivered": self.values, "dropped": _by_message(self.bad_values),
                       "throttled": dict(self.throttled)},
            "buses": {str(bus): n for bus, n in self.buses.items()},
        }

    def summary(self) -> str:
        lines = [
            f"frames: {self.frames_ok} decoded, {self.frames_bad} dropped{_reasons(self.bad_frames)}, "
            f"{sum(self.unmapped.values())} of messages the mapping does not use",
            f"values: {self.values} delivered, {self.values_bad} dropped{_reasons(self.bad_values)}, "
            f"{sum(self.throttled.values())} thinned out by min_interval_ms",
        ]
        if self.buses:
            lines.append("frames per bus: " + ", ".join(f"{bus} {n}" for bus, n in self.buses.most_common()))
        details = [(n, message, reason, "frame") for (message, reason), n in self.bad_frames.items()]
        details += [(n, message, reason, "value") for (message, reason), n in self.bad_values.items()]
        details.sort(key=lambda d: (-d[0], d[1], d[2]))
        lines += [f"  {message}: {n} {what}{'s' if n != 1 else ''} × {reason.value}"
                  for n, message, reason, what in details[:_SUMMARY_DETAILS]]
        if len(details) > _SUMMARY_DETAILS:
            lines.append(f"  … and {len(details) - _SUMMARY_DETAILS} more kinds of drop")
        return "\n".join(lines)


def _reasons(counts: Counter[tuple[str, Reason]]) -> str:
    """' (300 × unknown id, 2 × wrong length)' from per-message counts, biggest first."""
    by_reason: Counter[Reason] = Counter()
    for (_, reason), n in counts.items():
        by_reason[reason] += n
    return f" ({', '.join(f'{n} × {reason.value}' for reason, n in by_reason.most_common())})" if by_reason else ""


def _by_message(counts: Counter[tuple[str, Reason]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (message, reason), n in sorted(counts.items()):
        out.setdefault(message, {})[reason.value] = n
    return out


_TABLE, _BOOL, _INT, _FLOAT = range(4)
_MISSING = object()


class _Target:
    """One mapping entry, compiled: raw DBC value -> checked VSS value."""

    __slots__ = ("path", "kind", "table", "sna", "a", "b", "digits", "lo", "hi", "check", "why",
                 "interval", "keep_changes", "last_ts", "last_value", "held", "held_ts")

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
        self.last_ts = -math.inf  # frame time of the last value forwarded
        self.last_value: Any = _MISSING
        self.held: Any = _MISSING  # the latest value held back by the throttle, to go once its interval passed
        self.held_ts = 0.0


class _Field:
    """A mapped DBC signal of a message: where its bits are, and the entries it feeds."""

    __slots__ = ("name", "big", "shift", "mask", "half", "full", "targets")

    def __init__(self, signal: Signal, message_length: int, targets: list[_Target]):
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
        self.targets = targets


class _Plan:
    """Everything needed to decode one frame id."""

    __slots__ = ("name", "length", "fields", "message", "little", "big", "cycle_s", "paths")

    def __init__(self, message: Message, targets: list[tuple[Signal, _Target]]):
        self.name = message.name
        self.length = message.length
        by_signal: dict[str, list[_Target]] = {}
        for signal, target in targets:
            by_signal.setdefault(signal.name, []).append(target)
        self.fields = [_Field(message.get_signal_by_name(name), message.length, ts) for name, ts in by_signal.items()]
        # Multiplexed messages and IEEE-float signals go through cantools; plain bit fields do not.
        generic = message.is_multiplexed() or any(message.get_signal_by_name(f.name).is_float for f in self.fields)
        self.message = message if generic else None
        self.little = any(not f.big for f in self.fields)
        self.big = any(f.big for f in self.fields)
        self.cycle_s = message.cycle_time / 1000 if message.cycle_time else None
        self.paths = frozenset(t.path for f in self.fields for t in f.targets)


class CanDecoder:
    """Decode frames of one DBC into VSS values by one mapping file (see ``cockpit.can.mapping``)."""

    def __init__(self, dbc: Path | str | Database, mapping: Path | str, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or default_catalogue()
        self.db = dbc if isinstance(dbc, Database) else load_dbc(dbc)  # a parsed one saves time (large DBCs)
        self.entries = load_mapping(mapping, self.db, self.catalogue)
        self.stats = CanStats()
        # Entries with a bus key apply to frames of that channel only: a frame of a bus some entry names
        # decodes by the plan for (bus, frame key), holding those entries and the ones for any bus.
        self._plans: dict[int, _Plan] = {}  # by frame key; a plan without fields: the mapping does not use it
        self._bus_plans: dict[tuple[int | str, int], _Plan] = {}
        by_message: dict[str, list[tuple[MappingEntry, Signal, _Target]]] = {}
        for entry in self.entries:
            signal = self.db.get_message_by_name(entry.message).get_signal_by_name(entry.signal)
            by_message.setdefault(entry.message, []).append(
                (entry, signal, _Target(entry, signal, self.catalogue[entry.path])))
        for message in self.db.messages:
            mapped = by_message.get(message.name, [])
            key = message.frame_id | EXTENDED if message.is_extended_frame else message.frame_id
            self._plans[key] = _Plan(message, [(s, t) for e, s, t in mapped if e.bus is None])
            for bus in {e.bus for e, _, _ in mapped if e.bus is not None}:
                self._bus_plans[bus, key] = _Plan(message, [(s, t) for e, s, t in mapped if e.bus in (None, bus)])
        self.paths = frozenset(e.path for e in self.entries)
        self._held: dict[_Target, None] = {}  # targets holding a value back (an ordered set)
        self._next_due = math.inf  # frame time at which the first held value may go

    def message_paths(self) -> dict[int, tuple[str, float | None, frozenset[str]]]:
        """Frame key -> (message name, DBC cycle time in s, VSS paths it feeds on any bus), for mapped messages."""
        out = {k: (p.name, p.cycle_s, p.paths) for k, p in self._plans.items() if p.fields}
        for (_, k), p in self._bus_plans.items():
            _, _, paths = out.get(k, (p.name, p.cycle_s, frozenset()))
            out[k] = (p.name, p.cycle_s, paths | p.paths)
        return out

    def due(self, clock: float) -> list[tuple[str, Value, float]]:
        """``(path, value, frame time)`` of the values held back by ``min_interval_ms`` whose interval
        has passed by ``clock`` (frame time): the last value of a burst arrives late, not never."""
        if clock < self._next_due:
            return []
        out: list[tuple[str, Value, float]] = []
        next_due = math.inf
        for t in list(self._held):
            if clock >= t.last_ts + t.interval:
                out.append((t.path, t.held, t.held_ts))
                t.last_ts, t.last_value, t.held = t.held_ts, t.held, _MISSING
                del self._held[t]
            else:
                next_due = min(next_due, t.last_ts + t.interval)
        self._next_due = next_due
        self.stats.values += len(out)
        return out

    def flush(self) -> list[tuple[str, Value, float]]:
        """Every value still held back (the end of a log: no later frame will come to let it go)."""
        return self.due(math.inf)

    def bad_frame(self, message: str, reason: Reason, detail: str) -> None:
        """Count and log a frame dropped whole (also for sources that find one unreadable, e.g. a log line)."""
        self.stats.bad_frames[message, reason] += 1
        self._log(self.stats.bad_frames[message, reason], message, reason, detail)

    def decode(self, msg: can.Message) -> list[tuple[str, Value]]:
        """The VSS values a frame carries; bad frames and values are counted and dropped, never raised."""
        if self._bus_plans:
            self.stats.buses[msg.channel] += 1
        if msg.is_error_frame:
            self.bad_frame("bus", Reason.ERROR_FRAME, "")
            return []
        key = msg.arbitration_id | EXTENDED if msg.is_extended_id else msg.arbitration_id
        plan = self._plans.get(key)
        if self._bus_plans:
            plan = self._bus_plans.get((msg.channel, key), plan)
        if plan is None:
            self.bad_frame(f"{msg.arbitration_id:#x}", Reason.UNKNOWN_ID, "not in the DBC")
            return []
        if not plan.fields:
            self.stats.unmapped[plan.name] += 1
            return []
        data = msg.data
        if msg.is_remote_frame:
            self.bad_frame(plan.name, Reason.REMOTE_FRAME, "")
            return []
        if len(data) != plan.length:
            self.bad_frame(plan.name, Reason.WRONG_LENGTH, f"{len(data)} bytes, the DBC says {plan.length}")
            return []
        if plan.message is not None:
            try:
                raws = plan.message.decode(bytes(data), decode_choices=False, scaling=False)
            except Exception as exc:  # cantools raises several error types; a bad frame must not end the source
                self.bad_frame(plan.name, Reason.DECODE_FAILED, str(exc))
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
                    self._bad_value(plan.name, Reason.NOT_AVAILABLE, f"{f.name} = {raw} for {t.path}")
                    continue
                kind = t.kind
                if kind == _TABLE:
                    value = t.table.get(raw, _MISSING)
                    if value is None:
                        self._bad_value(plan.name, Reason.NOT_AVAILABLE, f"{f.name} = {raw} for {t.path}")
                        continue
                    if value is _MISSING:
                        self._bad_value(plan.name, Reason.NOT_IN_TABLE, f"{f.name} = {raw} for {t.path}")
                        continue
                elif kind == _BOOL:
                    value = raw != 0
                else:
                    if kind == _INT:
                        try:
                            value = round(raw * t.a + t.b)
                        except (ValueError, OverflowError):  # NaN or infinity from an IEEE float signal
                            self._bad_value(plan.name, Reason.OUT_OF_RANGE, f"{f.name} = {raw} for {t.path}")
                            continue
                    elif t.digits is None:
                        value = raw * t.a + t.b
                    else:
                        value = round(raw * t.a + t.b, t.digits)
                    if not t.lo <= value <= t.hi:
                        self._bad_value(plan.name, Reason.OUT_OF_RANGE,
                                  f"{f.name} = {raw} -> {t.path} = {value!r}: {t.why(value)}")
                        continue
                if t.check is not None:
                    why = t.check(value)
                    if why is not None:
                        self._bad_value(plan.name, Reason.OUT_OF_RANGE,
                                        f"{f.name} = {raw} -> {t.path} = {value!r}: {why}")
                        continue
                if t.interval:
                    if 0 <= ts - t.last_ts < t.interval and not (t.keep_changes and value != t.last_value):
                        if t.keep_changes or t.held is not _MISSING:  # a repeat, or a newer value than the held one
                            self.stats.throttled[plan.name] += 1
                        if not t.keep_changes:
                            self._hold(t, value, ts)
                        continue
                    if t.held is not _MISSING:  # this value is newer than the held one
                        self.stats.throttled[plan.name] += 1
                        t.held = _MISSING
                        del self._held[t]
                    t.last_ts = ts
                    t.last_value = value
                out.append((t.path, value))
        self.stats.values += len(out)
        return out

    def _hold(self, t: _Target, value: Value, ts: float) -> None:
        t.held, t.held_ts = value, ts
        self._held[t] = None
        self._next_due = min(self._next_due, t.last_ts + t.interval)

    def _bad_value(self, message: str, reason: Reason, detail: str) -> None:
        self.stats.bad_values[message, reason] += 1
        self._log(self.stats.bad_values[message, reason], message, reason, detail)

    @staticmethod
    def _log(n: int, message: str, reason: Reason, detail: str) -> None:
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
