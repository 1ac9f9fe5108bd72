"""The bus payload format: readings and requests round-trip; anything malformed is a PayloadError
that names the key and the reason."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.bus.codec import (
    PayloadError,
    decode,
    decode_request,
    encode,
    encode_request,
    key_of,
    path_of,
    request_key,
)
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import Reading, SignalStore, Status

CATALOGUE = default_catalogue()
SPEED = "Vehicle/Speed"
DOOR = "Vehicle/Cabin/Door/Row1/DriverSide/IsOpen"


def body(**fields) -> bytes:
    return json.dumps({"value": 88.0, "status": "AVAILABLE", "ts": 1_764_000_000.5, "seq": 7, **fields}).encode()


def test_keys_are_vss_paths_with_slashes():
    assert key_of("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature") == (
        "Vehicle/Cabin/HVAC/Station/Row1/Driver/Temperature")
    assert path_of("Cockpit/Trip/Energy") == "Cockpit.Trip.Energy"
    for spec in CATALOGUE:
        assert path_of(key_of(spec.path)) == spec.path


def test_every_simulated_reading_round_trips():
    store = SignalStore()
    SimulatorSource(seed=3).run_for(store, 120)
    store.request("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", 24.5)  # a pending target too
    store.mark_unavailable(["Vehicle.Body.Hood.IsOpen"])
    for seq, (path, r) in enumerate(store.snapshot().items(), 1):
        payload = encode(path, r, seq)
        assert decode(key_of(path), payload) == (path, r.value, r.status, r.source_ts, seq)
        assert ("target" in json.loads(payload)) == (r.target is not None)


def test_a_signal_never_received_travels_without_value_or_time():
    payload = encode("Vehicle.Speed", Reading(status=Status.ERROR), 1)
    assert decode(SPEED, payload) == ("Vehicle.Speed", None, Status.ERROR, None, 1)


@pytest.mark.parametrize(
    "key, payload, reason",
    [
        (SPEED, b"\xff\xfe", "not JSON"),
        (SPEED, b"{value: 1}", "not JSON"),
        (SPEED, b"[" * 4000, "not JSON (nested too deep)"),
        (SPEED, b"[" * 100_000, "100,000 bytes, more than the 4,096 a payload may have"),
        (SPEED, body(value="x" * 5000), "more than the 4,096"),
        (SPEED, b"[88.0]", "expected a JSON object, got list"),
        (SPEED, b'"88"', "expected a JSON object, got str"),
        ("Vehicle/Warp", body(), "not the key of a known signal"),
        ("Vehicle.Speed", body(), "not the key of a known signal"),
        (SPEED, json.dumps({"value": 88.0, "ts": 1.0, "seq": 1}).encode(), "missing status"),
        (SPEED, json.dumps({"status": "AVAILABLE"}).encode(), "missing value, ts, seq"),
        (SPEED, body(seq=0), "seq 0 is not a positive integer"),
        (SPEED, body(seq=1.5), "seq 1.5 is not a positive integer"),
        (SPEED, body(seq=True), "seq True is not a positive integer"),
        (SPEED, body(seq=2**53), "seq 9007199254740992 is not a positive integer below 2**53"),
        (SPEED, body(status="FINE"), "status 'FINE' is not one of AVAILABLE, STALE, UNAVAILABLE, ERROR"),
        (SPEED, body(status=0), "status 0 is not one of"),
        (SPEED, body(ts="now"), "ts 'now' is not a time"),
        (SPEED, body(ts=-1), "ts -1 is not a time"),
        (SPEED, body(ts=True), "ts True is not a time"),
        (SPEED, b'{"value": 88.0, "status": "AVAILABLE", "ts": NaN, "seq": 1}', "ts nan is not a time"),
        (SPEED, body(value=None), "value None with ts 1764000000.5: both are null"),
        (SPEED, body(value=None, status="UNAVAILABLE"), "value None with ts 1764000000.5: both are null"),
        (SPEED, body(value=88.0, ts=None), "value 88.0 with ts None: both are null"),
        (SPEED, body(value=None, ts=None), "an AVAILABLE reading without a value"),
        (SPEED, body(value=-5.0), "bad value: -5.0 is below the minimum 0"),
        (SPEED, body(value="88"), "bad value: expected float, got str"),
        (SPEED, body(value=10**400), "bad value: an integer of 401 digits is too large for float"),
        (SPEED, b'{"value": Infinity, "status": "STALE", "ts": 1, "seq": 1}', "bad value: inf is not a finite number"),
        (DOOR, body(value=1), "bad value: expected boolean, got int"),
    ],
)
def test_malformed_payloads_are_rejected_with_the_reason(key, payload, reason):
    with pytest.raises(PayloadError) as err:
        decode(key, payload)
    assert err.value.key == key
    assert reason in err.value.reason
    assert str(err.value).startswith(key + ": ")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([s.path for s in CATALOGUE]), st.binary(max_size=64)
       | st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                          st.sampled_from(["value", "status", "ts", "seq", "target", "x"]), inner, max_size=6),
                      max_leaves=8).map(lambda v: json.dumps(v).encode()))
def test_any_payload_decodes_to_a_valid_reading_or_a_payload_error(path, payload):
    try:
        update = decode(key_of(path), payload)
    except PayloadError:
        return
    assert update.path == path
    assert update.value is None or CATALOGUE[path].check(update.value) is None
    assert update.ts is None or (update.ts >= 0 and math.isfinite(update.ts))
    assert type(update.seq) is int and update.seq > 0


def test_requests_round_trip_and_bad_ones_say_why():
    temperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
    key = request_key("center", temperature)
    assert key == "cockpit/request/center/Vehicle/Cabin/HVAC/Station/Row1/Driver/Temperature"
    assert decode_request(key, encode_request(21.5)) == ("center", temperature, 21.5)
    for payload, reason in [(b"", "not JSON"), (b"{}", "missing value"), (encode_request(21.7), "multiple of 0.5"),
                            (encode_request(40.0), "above the maximum 28")]:
        with pytest.raises(PayloadError, match=reason):
            decode_request(key, payload)
    with pytest.raises(PayloadError, match="not the key of a known signal"):
        decode_request("cockpit/request/center/Vehicle/Warp", encode_request(1))
    for nameless in ("cockpit/request/Vehicle/Speed", "cockpit/request//Vehicle/Speed",
                     "cockpit/request/Center/Vehicle/Speed", "cockpit/request/" + "x" * 33 + "/Vehicle/Speed"):
        with pytest.raises(PayloadError, match="a request key is cockpit/request/<display name>/<signal key>"):
            decode_request(nameless, encode_request(1.0))
