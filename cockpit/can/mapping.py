"""The DBC-to-VSS mapping file: which DBC signal feeds which VSS path, and how its value converts.

Modelled on the ``dbc2vss`` entries of Eclipse KUKSA's CAN provider, in YAML, keyed by VSS path::

    Vehicle.Powertrain.Transmission.SelectedGear:
      message: ID118DriveSystemStatus   # DBC message name (or its frame id, e.g. 0x118)
      signal: DI_gear                   # DBC signal in that message
      table: {DI_GEAR_P: 126, DI_GEAR_R: -1, DI_GEAR_N: 0, DI_GEAR_D: 127, DI_GEAR_SNA: null}
      min_interval_ms: 100
      bus: 0                            # only frames of this bus (channel number or name); default: any

Keys of ``table`` and items of ``sna`` are raw DBC values or the names of the DBC's value table;
``null`` in a table drops the value. ``scale``/``offset`` apply after the DBC's own scaling. The
whole format is described in docs/can.md. Everything is checked against the DBC and the catalogue
when the file loads, so that decoding never meets a surprise it could have known about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cantools
from cantools.database.can import Database, Message, Signal

from cockpit.documents import DocumentError, load_yaml, plain, shown
from cockpit.vehicle.catalogue import Catalogue, SignalSpec, default_catalogue

Value = bool | int | float | str

KEYS = ("message", "signal", "table", "sna", "scale", "offset", "min_interval_ms", "bus")
_REQUIRED = ("message", "signal")
_DBC_EXTENDED_FLAG = 1 << 31
# A bus named by text: an interface or channel name such as can1, vcan0 or PCAN_USBBUS1.
_MAX_BUS_NAME = 64
_MAX_BUS_NUMBER = 1 << 16


class MappingError(ValueError):
    """A DBC or mapping file cannot be used; the message names the file, the entry and the reason."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class MappingEntry:
    path: str  # the VSS path this entry feeds
    message: str  # DBC message name
    signal: str  # DBC signal name
    table: dict[int, Value | None] | None  # raw DBC value -> VSS value (None: drop)
    sna: frozenset[int]  # raw values meaning "signal not available": dropped
    scale: float  # applied after the DBC's scaling: vss = dbc * scale + offset
    offset: float
    min_interval_s: float  # forward this path at most this often (0: every frame)
    bus: int | str | None = None  # only frames of this channel (python-can's msg.channel); None: any


def load_dbc(file: Path | str) -> Database:
    """Read a DBC (or any format cantools knows); real-world files need the lenient parser."""
    try:
        return cantools.database.load_file(str(file), strict=False)
    except Exception as exc:  # cantools raises a different error type per file format and parser
        raise MappingError([f"{file}: cannot read the CAN database: {exc}"]) from exc


def raw_range(signal: Signal) -> tuple[int, int] | None:
    """The raw integer values a signal can carry, or None for an IEEE float signal."""
    if signal.is_float:
        return None
    if signal.is_signed:
        return -(1 << (signal.length - 1)), (1 << (signal.length - 1)) - 1
    return 0, (1 << signal.length) - 1


def load_mapping(file: Path | str, db: Database, catalogue: Catalogue | None = None) -> list[MappingEntry]:
    """Read and check a mapping file against ``db`` and the catalogue; raise MappingError listing every problem."""
    catalogue = catalogue or default_catalogue()
    try:
        data = load_yaml(file)  # bounded: size, nesting, aliases; a key given twice is refused
    except DocumentError as exc:
        raise MappingError([f"{file}: cannot read the mapping: {exc}"]) from None
    if not isinstance(data, dict) or not data:
        raise MappingError([f"{file}: expected a mapping of VSS paths to entries, got {type(data).__name__}"])
    entries: list[MappingEntry] = []
    errors: list[str] = []
    for path, raw in data.items():
        try:
            entries.append(_entry(path, raw, db, catalogue))
        except _EntryError as exc:
            errors.append(f"{file}: {plain(path)}: {exc}")
    if errors:
        raise MappingError(errors)
    return entries


class _EntryError(Exception):
    pass


def _entry(path: Any, raw: Any, db: Database, catalogue: Catalogue) -> MappingEntry:
    spec = catalogue.get(path) if isinstance(path, str) else None
    if spec is None:
        raise _EntryError("unknown VSS path (not in the cockpit's signal catalogue)")
    if not isinstance(raw, dict):
        raise _EntryError(f"expected an entry with {', '.join(_REQUIRED)}, got {shown(raw)}")
    unknown = sorted(set(map(str, raw)) - set(KEYS))
    if unknown:
        raise _EntryError(f"unknown key {', '.join(map(plain, unknown))} (allowed: {', '.join(KEYS)})")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _EntryError(f"missing {', '.join(missing)}")
    message = _message(raw["message"], db)
    signal = _signal(raw["signal"], message, db)
    table = raw.get("table")
    scale = _number(raw.get("scale", 1.0), "scale")
    offset = _number(raw.get("offset", 0.0), "offset")
    if scale == 0:
        raise _EntryError("scale must not be 0")
    scaled = "scale" in raw or "offset" in raw
    if table is not None and scaled:
        raise _EntryError("a table gives final VSS values: scale and offset do not apply to it")
    if table is None and spec.datatype == "string":
        raise _EntryError("a string signal needs a table of its values")
    if spec.datatype == "boolean" and scaled:
        raise _EntryError("scale and offset make no sense for a boolean")
    interval_ms = _number(raw.get("min_interval_ms", 0), "min_interval_ms")
    if interval_ms < 0:
        raise _EntryError(f"min_interval_ms must be 0 or more, got {interval_ms:g}")
    sna = raw.get("sna", [])
    sna_items = sna if isinstance(sna, list) else [sna]
    return MappingEntry(
        path=path,
        message=message.name,
        signal=signal.name,
        table=None if table is None else _table(table, signal, spec),
        sna=frozenset(_raw_value(v, signal, "sna") for v in sna_items),
        scale=scale,
        offset=offset,
        min_interval_s=interval_ms / 1000,
        bus=_bus(raw["bus"]) if "bus" in raw else None,
    )


def _message(ref: Any, db: Database) -> Message:
    if isinstance(ref, str):
        for message in db.messages:
            if message.name == ref:
                return message
    elif isinstance(ref, int) and not isinstance(ref, bool):
        # DBC files write extended ids with bit 31 set; candump and cantools without it
        extended_only = bool(ref & _DBC_EXTENDED_FLAG)
        for message in db.messages:
            if message.frame_id == ref & ~_DBC_EXTENDED_FLAG and (message.is_extended_frame or not extended_only):
                return message
    raise _EntryError(f"message {hex(ref) if isinstance(ref, int) else shown(ref)} is not in the DBC")


def _signal(name: Any, message: Message, db: Database) -> Signal:
    if isinstance(name, str):
        for signal in message.signals:
            if signal.name == name:
                return signal
        elsewhere = [m.name for m in db.messages if any(s.name == name for s in m.signals)]
        if elsewhere:
            raise _EntryError(f"signal {shown(name)} is not in message {message.name} but in {', '.join(elsewhere)}")
    raise _EntryError(f"signal {shown(name)} is not in message {message.name}")


def _bus(value: Any) -> int | str:
    """A channel as python-can reports it: a number (Vector, PEAK logs) or a name (candump, SocketCAN)."""
    number = value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        number = int(value)  # "1" and 1 are one bus: python-can reports numbered channels as int
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number < _MAX_BUS_NUMBER:
        return number
    if isinstance(value, str) and 0 < len(value) <= _MAX_BUS_NAME and value.isascii() and value.isprintable() \
            and not value.isdigit() and not any(c.isspace() for c in value):
        return value
    raise _EntryError(f"bus must be a channel number (0, 1, ...) or name (can1), got {shown(value)}")


def _number(value: Any, key: str) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise _EntryError(f"{key} must be a finite number, got {shown(value)}")
    return float(value)


def _raw_value(ref: Any, signal: Signal, what: str) -> int:
    """A raw DBC value given as a number or as a name from the signal's value table."""
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise _EntryError(f"{what}: {shown(ref)} is neither a raw value nor a value name of {signal.name}")
    if isinstance(ref, str):
        names = {str(name): raw for raw, name in (signal.choices or {}).items()}
        if ref not in names:
            known = ", ".join(names) or "it has no value table"
            raise _EntryError(f"{what}: {shown(ref)} is not a value name of {signal.name} ({known})")
        return names[ref]
    bounds = raw_range(signal)
    if bounds is not None and not bounds[0] <= ref <= bounds[1]:
        raise _EntryError(f"{what}: {ref} cannot occur in the {signal.length}-bit signal {signal.name}")
    return ref


def _table(table: Any, signal: Signal, spec: SignalSpec) -> dict[int, Value | None]:
    if not isinstance(table, dict) or not table:
        raise _EntryError(f"table must map DBC values to VSS values, got {shown(table)}")
    out: dict[int, Value | None] = {}
    for ref, value in table.items():
        raw = _raw_value(ref, signal, "table")
        if raw in out:
            raise _EntryError(f"table: raw value {raw} is given twice")
        if value is not None:
            if spec.datatype in ("float", "double") and type(value) is int:
                value = float(value)
            why = spec.check(value)
            if why is not None:
                raise _EntryError(f"table: {shown(ref)} -> {shown(value)}: {why}")
        out[raw] = value
    return out
