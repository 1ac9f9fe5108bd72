"""Gateway and ZenohSource in one process, over real Zenoh sessions on loopback: values, late
joiners, actuator requests, statuses, a gateway that goes and comes back, malformed payloads."""

import json

import pytest
import zenoh

from cockpit.bus.config import BusError
from cockpit.bus.gateway import Gateway
from cockpit.sources.zenoh import UNKNOWN_KEYS, ZenohSource
from cockpit.vehicle.store import SignalStore, Status

from .zenoh_helpers import free_endpoint, wait_until

SPEED = "Vehicle.Speed"
DOORS = [f"Vehicle.Cabin.Door.Row{r}.{s}.IsOpen" for r in (1, 2) for s in ("DriverSide", "PassengerSide")]
TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"


class Bus:
    """A gateway publishing store ``a``; a display's ZenohSource feeding store ``b`` (started on demand)."""

    def __init__(self):
        self.endpoint = free_endpoint()
        self.a, self.b = SignalStore(), SignalStore()
        self.gateway = Gateway(self.a, listen=[self.endpoint])
        self.source = ZenohSource(connect=[self.endpoint])

    def join(self) -> None:
        self.source.start(self.b)

    def status(self, path: str) -> Status:
        return self.b.get(path).status


@pytest.fixture
def bus():
    bus = Bus()
    bus.gateway.start()
    yield bus
    bus.source.stop()
    bus.gateway.stop()


def test_changes_arrive_with_the_source_time(bus):
    bus.join()
    bus.a.update(SPEED, 42.5, source_ts=1_764_000_000.25)
    wait_until(lambda: bus.b.value(SPEED) == 42.5, 2, "speed on the display")
    r = bus.b.get(SPEED)
    assert (r.status, r.source_ts) == (Status.AVAILABLE, 1_764_000_000.25)


def test_a_late_joiner_gets_current_values_at_once(bus):
    # on-change signals set once, long before the display starts: no further change will come
    bus.a.update_many([(d, i % 2 == 0) for i, d in enumerate(DOORS)])
    bus.a.update(SPEED, 88.0)
    bus.join()
    wait_until(lambda: all(bus.status(d) is Status.AVAILABLE for d in DOORS), 2, "doors from the query")
    assert [bus.b.value(d) for d in DOORS] == [True, False, True, False]
    assert bus.b.value(SPEED) == 88.0


def test_an_actuator_request_reaches_the_gateways_source_and_the_current_value_returns(bus):
    asked = []
    bus.a.on_request(lambda path, value: asked.append((path, value)))
    bus.a.update(TEMP, 20.0)
    bus.join()
    wait_until(lambda: bus.b.value(TEMP) == 20.0, 2, "current temperature")
    assert bus.b.request(TEMP, 21.5) is None
    assert bus.b.get(TEMP).target == 21.5  # pending on the display
    wait_until(lambda: asked, 2, "the request at the gateway's source")
    assert asked == [(TEMP, 21.5)]
    bus.a.update(TEMP, 21.5)  # the vehicle reports its new current value
    wait_until(lambda: bus.b.value(TEMP) == 21.5, 2, "new current temperature")
    assert bus.b.get(TEMP).target is None and bus.source.stats.refused == 0


def test_a_request_the_gateway_cannot_serve_is_refused_counted_and_the_reason_shown(bus):
    bus.a.update(TEMP, 20.0)  # but nothing at the gateway accepts actuator requests
    bus.join()
    wait_until(lambda: bus.b.value(TEMP) == 20.0, 2, "current temperature")
    bus.b.request(TEMP, 22.0)
    wait_until(lambda: bus.source.stats.refused == 1, 2, "the refusal")
    # rolled back at once (not after the 3 s timeout), with the gateway's reason for the control
    wait_until(lambda: bus.b.get(TEMP).target is None, 1, "the target rolled back")
    assert bus.b.get(TEMP).error == "no source accepts actuator requests"
    assert bus.b.value(TEMP) == 20.0


def test_statuses_from_the_gateway_are_mirrored(bus):
    bus.a.update_many([(DOORS[0], True), (DOORS[1], True)])
    bus.join()
    wait_until(lambda: bus.b.value(DOORS[1]) is True, 2, "doors")
    bus.a.mark_unavailable([DOORS[0]])
    bus.a.update(DOORS[1], "ajar")  # rejected at the gateway: its reading turns ERROR
    wait_until(lambda: bus.status(DOORS[0]) is Status.UNAVAILABLE, 2, "UNAVAILABLE mirrored")
    wait_until(lambda: bus.status(DOORS[1]) is Status.UNAVAILABLE, 2, "ERROR shown as UNAVAILABLE")
    bus.a.update(DOORS[0], False)
    wait_until(lambda: bus.b.value(DOORS[0]) is False, 2, "back")


def test_values_turn_unavailable_when_the_gateway_goes_and_recover_when_it_returns(bus):
    bus.a.update_many([(SPEED, 50.0), (DOORS[0], True)])
    bus.join()
    wait_until(lambda: bus.b.value(DOORS[0]) is True, 2, "values")
    bus.gateway.stop()
    wait_until(lambda: bus.status(SPEED) is bus.status(DOORS[0]) is Status.UNAVAILABLE, 1, "UNAVAILABLE")
    assert bus.b.get(DOORS[0]).value is True  # kept, flagged
    bus.gateway = Gateway(bus.a, listen=[bus.endpoint])
    bus.gateway.start()
    wait_until(lambda: bus.status(SPEED) is bus.status(DOORS[0]) is Status.AVAILABLE, 3, "recovered")
    assert bus.source.stats.gateway_lost == 1


def test_a_display_started_before_the_gateway_fills_in_when_it_comes(bus):
    bus.gateway.stop()
    bus.a.update(DOORS[0], True)
    bus.join()
    assert bus.status(DOORS[0]) is Status.UNAVAILABLE
    bus.gateway = Gateway(bus.a, listen=[bus.endpoint])
    bus.gateway.start()
    wait_until(lambda: bus.b.value(DOORS[0]) is True, 3, "values once the gateway is up")


def test_malformed_payloads_are_rejected_and_counted_and_the_good_value_stays(bus):
    bus.a.update(DOORS[0], True)
    bus.join()
    wait_until(lambda: bus.b.value(DOORS[0]) is True, 2, "door")
    # through the gateway's own session: peers do not forward for each other, and a buggy gateway
    # is where bad payloads would come from
    session = bus.gateway.session
    key = "Vehicle/Cabin/Door/Row1/DriverSide/IsOpen"
    session.put(key, b"not json")
    session.put(key, json.dumps({"value": "open", "status": "AVAILABLE", "ts": 1.0, "seq": 1}))
    session.put("Vehicle/Warp/Drive", json.dumps({"value": 9, "status": "AVAILABLE", "ts": 1.0, "seq": 1}))
    wait_until(lambda: bus.source.stats.rejected == 3, 2, "three rejections")
    stats = bus.source.stats
    assert stats.rejected_by_key == {key: 2, UNKNOWN_KEYS: 1}
    assert "expected boolean, got str" in stats.last_rejection or "not the key" in stats.last_rejection
    r = bus.b.get(DOORS[0])
    assert (r.value, r.status) == (True, Status.AVAILABLE)
    assert not bus.b.rejections  # nothing bad reached the store


def test_keys_a_publisher_makes_up_cost_one_counter_not_one_each(bus):
    bus.join()
    bus.a.update(SPEED, 1.0)
    wait_until(lambda: bus.b.value(SPEED) == 1.0, 2, "subscribed")
    for i in range(2000):  # BLOCK: none dropped on the way (a put may drop under a burst by default)
        bus.gateway.session.put(f"Vehicle/Made/Up{i}", b"{}", congestion_control=zenoh.CongestionControl.BLOCK)
    wait_until(lambda: bus.source.stats.rejected == 2000, 5, "every made-up key rejected")
    assert bus.source.stats.rejected_by_key == {UNKNOWN_KEYS: 2000}
    assert len(bus.source._quiet_until) == 1


def test_a_replayed_sample_is_dropped_and_counted_and_the_newer_value_stays(bus):
    bus.join()
    heard = []
    spy = bus.gateway.session.declare_subscriber("Vehicle/Speed", lambda s: heard.append(s.payload.to_bytes()))
    bus.a.update(SPEED, 30.0)
    wait_until(lambda: heard and bus.b.value(SPEED) == 30.0, 2, "30 km/h")
    bus.a.update(SPEED, 120.0)
    wait_until(lambda: bus.b.value(SPEED) == 120.0, 2, "120 km/h")
    bus.gateway.session.put("Vehicle/Speed", heard[0])  # the 30 km/h sample again, byte for byte
    wait_until(lambda: bus.source.stats.replayed == 1, 2, "the replay counted")
    assert bus.b.value(SPEED) == 120.0
    spy.undeclare()


def test_a_restarted_gateway_numbers_its_samples_above_the_last_ones(bus):
    bus.a.update(SPEED, 30.0)
    bus.join()
    wait_until(lambda: bus.b.value(SPEED) == 30.0, 2, "speed")
    first = bus.gateway._seq[SPEED]
    bus.gateway.stop()
    bus.gateway = Gateway(bus.a, listen=[bus.endpoint])
    bus.gateway.start()
    bus.a.update(SPEED, 31.0)
    wait_until(lambda: bus.b.value(SPEED) == 31.0, 3, "speed from the new gateway")
    assert bus.gateway._seq[SPEED] > first


def test_stop_marks_what_the_source_gave_unavailable(bus):
    bus.a.update(SPEED, 30.0)
    bus.join()
    wait_until(lambda: bus.b.value(SPEED) == 30.0, 2, "speed")
    bus.source.stop()
    assert bus.status(SPEED) is Status.UNAVAILABLE
    bus.a.update(SPEED, 31.0)  # nothing arrives any more, and a restart works
    bus.join()
    wait_until(lambda: bus.b.value(SPEED) == 31.0, 2, "speed after a restart")


def test_unusable_endpoints_are_clear_errors(bus):
    with pytest.raises(BusError, match="'localhost' is not PROTOCOL/ADDRESS"):
        ZenohSource(connect=["localhost"]).start(SignalStore())
    with pytest.raises(BusError, match="Address already in use"):
        Gateway(SignalStore(), listen=[bus.endpoint]).start()
