"""What travels on the bus: keys and JSON payloads for signal readings and actuator requests.

Readings: key = VSS path with ``/`` for ``.`` (``Vehicle/Speed``, project extensions under
``Cockpit/...``), payload ``{"value": 88.0, "status": "AVAILABLE", "ts": 1764000000.123, "seq": N}``
plus ``"target"`` while an actuator request is pending at the gateway. ``ts`` is the source's time
of the value (epoch seconds); ``value`` and ``ts`` are null only for a signal the gateway never had.
``seq`` counts the gateway's samples of that key, from the gateway's start time in microseconds
(so it also grows across gateway restarts): a receiver drops a sample no newer than one it has
(a replay, or a query reply overtaken by a live sample).

Requests: key ``cockpit/request/<requester>/`` + the signal's key, payload ``{"value": 21.5}``. The
requester is the display's name (``center``); in secure mode Zenoh's access control lets a
certificate query only under its own name, so the gateway can trust it (``cockpit.bus.secure``).

Decoding checks everything a receiver relies on, the value included, and raises ``PayloadError``
naming the key and the reason: a bad payload never reaches a store.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from cockpit.vehicle.catalogue import Catalogue, default_catalogue
from cockpit.vehicle.store import Reading, Status

# The signals' key expressions: VSS proper and the project's own extensions.
SIGNAL_KEYS = ("Vehicle/**", "Cockpit/**")
# Lower case on purpose: project machinery, never mistaken for a signal (keys are case sensitive).
REQUEST_PREFIX = "cockpit/request/"
REQUEST_KEYS = REQUEST_PREFIX + "**"
# A display's name: the common name of its certificate and its part of the request keys.
NAME = re.compile(r"[a-z][a-z0-9-]{0,31}")
# Declared by a running gateway; displays watch it to know when its values can be trusted.
GATEWAY_ALIVE_KEY = "cockpit/gateway/alive"

_STATUSES = {s.name: s for s in Status}
# Bytes: a reading is under 100 and a string signal holds a short name; anything larger is not ours
MAX_PAYLOAD = 4096
_FAR_FUTURE = 1e11  # epoch seconds, year 5138: a larger ts is garbage (and NaN fails any comparison)
_MAX_SEQ = 2**53  # the largest integer every JSON reader keeps exactly


class PayloadError(ValueError):
    """A payload that cannot be accepted; the message names the key and the reason."""

    def __init__(self, key: str, reason: str):
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


class Update(NamedTuple):
    path: str
    value: Any
    status: Status
    ts: float | None
    seq: int


class Request(NamedTuple):
    requester: str  # the display's name
    path: str
    value: Any


def key_of(path: str) -> str:
    """``Vehicle.Speed`` -> ``Vehicle/Speed``."""
    return path.replace(".", "/")


def signal_path(key: str, catalogue: Catalogue) -> str | None:
    """``Vehicle/Speed`` -> ``Vehicle.Speed``; None for a key that is no known signal's (one
    spelled with dots, ``Vehicle/Cabin.Door/...``, is not: a signal has exactly one key)."""
    path = key.replace("/", ".")
    return path if "." not in key and path in catalogue else None


def path_of(key: str, catalogue: Catalogue | None = None) -> str:
    """``Vehicle/Speed`` -> ``Vehicle.Speed``; PayloadError for a key that is no known signal."""
    path = signal_path(key, catalogue or default_catalogue())
    if path is None:
        raise PayloadError(key, "not the key of a known signal")
    return path


def encode(path: str, reading: Reading, seq: int) -> bytes:
    body: dict[str, Any] = {"value": reading.value, "status": reading.status.name, "ts": reading.source_ts,
                            "seq": seq}
    if reading.target is not None:
        body["target"] = reading.target
    return json.dumps(body, allow_nan=False, separators=(",", ":")).encode()


def decode(key: str, payload: bytes, catalogue: Catalogue | None = None) -> Update:
    """The reading a payload carries; PayloadError when anything about it is wrong."""
    catalogue = catalogue or default_catalogue()
    key = str(key)
    path = path_of(key, catalogue)
    body = _json_object(key, payload)
    missing = [f for f in ("value", "status", "ts", "seq") if f not in body]
    if missing:
        raise PayloadError(key, f"missing {', '.join(missing)}")
    status = _STATUSES.get(body["status"]) if isinstance(body["status"], str) else None
    if status is None:
        raise PayloadError(key, f"status {body['status']!r} is not one of {', '.join(_STATUSES)}")
    value, ts, seq = body["value"], body["ts"], body["seq"]
    if type(seq) is not int or not 0 < seq < _MAX_SEQ:
        raise PayloadError(key, f"seq {seq!r} is not a positive integer below 2**53")
    if ts is not None and (type(ts) not in (int, float) or not 0 <= ts < _FAR_FUTURE):
        raise PayloadError(key, f"ts {ts!r} is not a time in epoch seconds")
    if (value is None) != (ts is None):
        raise PayloadError(key, f"value {value!r} with ts {ts!r}: both are null (a signal never received) or neither")
    if value is None:
        if status is Status.AVAILABLE:
            raise PayloadError(key, "an AVAILABLE reading without a value")
    else:
        _check(catalogue, path, key, value)
    return Update(path, value, status, ts, seq)


def request_key(requester: str, path: str) -> str:
    """``center``, ``Vehicle.Speed`` -> ``cockpit/request/center/Vehicle/Speed``."""
    return f"{REQUEST_PREFIX}{requester}/{key_of(path)}"


def encode_request(value: Any) -> bytes:
    return json.dumps({"value": value}, allow_nan=False).encode()


def decode_request(key: str, payload: bytes | None, catalogue: Catalogue | None = None) -> Request:
    """Who asks for which value of which signal; PayloadError when it is no valid request."""
    catalogue = catalogue or default_catalogue()
    key = str(key)
    requester, _, signal = key.removeprefix(REQUEST_PREFIX).partition("/")
    if not key.startswith(REQUEST_PREFIX) or not NAME.fullmatch(requester):
        raise PayloadError(key, f"a request key is {REQUEST_PREFIX}<display name>/<signal key>")
    path = path_of(signal, catalogue)
    body = _json_object(key, payload or b"")
    if "value" not in body:
        raise PayloadError(key, "missing value")
    _check(catalogue, path, key, body["value"])
    return Request(requester, path, body["value"])


def _check(catalogue: Catalogue, path: str, key: str, value: Any) -> None:
    if (why := catalogue[path].check(value)) is not None:
        raise PayloadError(key, f"bad value: {why}")


def _json_object(key: str, payload: bytes) -> dict[str, Any]:
    if len(payload) > MAX_PAYLOAD:
        raise PayloadError(key, f"{len(payload):,} bytes, more than the {MAX_PAYLOAD:,} a payload may have")
    try:
        body = json.loads(payload)
    except RecursionError:  # a peer's '[[[[…': json recurses once per level
        raise PayloadError(key, "not JSON (nested too deep)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise PayloadError(key, f"not JSON ({exc})") from None
    if not isinstance(body, dict):
        raise PayloadError(key, f"expected a JSON object, got {type(body).__name__}")
    return body
