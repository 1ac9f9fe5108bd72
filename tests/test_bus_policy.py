"""The car's rules at the gateway: who may ask for what, how often, in which driving state; the
audit log of every decision; and the same through a real Gateway and ZenohSource on 127.0.0.1."""

import json
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatchcase

import pytest

from cockpit.bus.audit import MAX_COUNTERS, MAX_TEXT, OTHERS, AuditError, AuditLog
from cockpit.bus.codec import MAX_PAYLOAD, Request, encode_request, request_key
from cockpit.bus.gateway import Gateway
from cockpit.bus.policy import BURST, PLAIN_ROLES, RATE_PER_S, RULES, RequestPolicy, driving_rule, requestable
from cockpit.profiles.apply import HARDWARE
from cockpit.sources.zenoh import ZenohSource
from cockpit.vehicle.catalogue import Kind, default_catalogue
from cockpit.vehicle.driving import GEAR, SPEED, Motion
from cockpit.vehicle.store import SignalStore

from .conftest import ROOT
from .zenoh_helpers import free_endpoint, wait_until

P, D, N, R = 126, 127, 0, -1
TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
SEAT = "Vehicle.Cabin.Seat.Row1.DriverSide.Position"
AMBIENT = "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color"
DOOR_OPEN = "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen"
DOOR_LOCK = "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked"
CATALOGUE = default_catalogue()
ACTUATORS = [s.path for s in CATALOGUE if s.kind is Kind.ACTUATOR]


def car(gear=None, speed=None) -> SignalStore:  # noqa: ANN001
    """A gateway's store with this gear and speed (None: never received)."""
    store = SignalStore()
    if gear is not None:
        store.update(GEAR, gear)
    if speed is not None:
        store.update(SPEED, speed)
    return store


class Frozen:
    """A clock that stands still until moved: the rate limit without wall-clock time."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ----- driving state ------------------------------------------------------------------------------------


@pytest.mark.parametrize("gear, speed, now", [
    (D, 17.0, "D, moving"), (N, 0.0, "N, stopped"), (R, 3.5, "R, moving"), (D, 0.0, "D, stopped"),
    (P, 0.4, "P, moving"), (None, 0.0, "gear unknown, stopped"), (P, None, "P, speed unknown"),
    (None, None, "gear unknown, speed unknown"),
])
def test_seat_mirrors_and_steering_column_move_only_in_p_at_standstill(gear, speed, now):
    store = car(gear, speed)
    policy = RequestPolicy(PLAIN_ROLES)
    what = {"Seat": "the seat moves", "Mirrors": "the mirrors move", "Steering wheel": "the steering wheel moves"}
    for b in HARDWARE:  # everything a driver profile holds back until parked, the gateway holds back too
        assert policy.decide(Request("center", b.path, b.get(_profile())), store) == \
            f"{what[b.label]} only in P at standstill (now: {now})"


def test_in_p_at_standstill_the_seat_mirrors_and_steering_column_move():
    store = car(P, 0.0)
    policy = RequestPolicy(PLAIN_ROLES)
    assert [policy.decide(Request("center", b.path, b.get(_profile())), store) for b in HARDWARE] == \
        [None] * len(HARDWARE)


def test_a_stale_or_lost_gear_or_speed_counts_as_not_parked():
    clock = Frozen()
    store = SignalStore(clock=clock)
    store.update_many([(GEAR, P), (SPEED, 0.0)])
    assert Motion.of(store).parked_at_standstill
    clock.now += 1.0  # speed silent for ten of its periods
    store.sweep()
    assert str(Motion.of(store)) == "P, speed unknown" and not Motion.of(store).parked_at_standstill
    store.update(SPEED, 0.0)
    store.mark_unavailable([GEAR])  # its source is gone
    assert str(Motion.of(store)) == "gear unknown, stopped"
    store.update(GEAR, P)
    store.update(GEAR, "P")  # a bad value: rejected, the reading turns ERROR
    assert Motion.of(store).gear is None


def test_climate_units_volume_and_comfort_are_allowed_while_driving():
    store = car(D, 130.0)
    policy = RequestPolicy(PLAIN_ROLES)
    hardware = {b.path for b in HARDWARE}
    for path in requestable("center"):
        if path not in hardware:
            value = CATALOGUE[path].min if CATALOGUE[path].min is not None else _a_value(path)
            assert policy.decide(Request("center", path, value), store) is None, path


@pytest.mark.parametrize("path, value, gear, speed, refused", [
    (DOOR_OPEN, True, D, 20.0, "the doors open and close only in P at standstill (now: D, moving)"),
    (DOOR_OPEN, True, D, 0.0, "the doors open and close only in P at standstill (now: D, stopped)"),
    (DOOR_OPEN, False, N, 0.0, "the doors open and close only in P at standstill (now: N, stopped)"),
    (DOOR_OPEN, True, P, 0.0, None),
    ("Vehicle.Body.Trunk.Rear.IsOpen", True, P, None, "the trunk opens and closes only in P at standstill "
                                                      "(now: P, speed unknown)"),
    ("Vehicle.Body.Trunk.Front.IsOpen", True, D, 50.0, "the front trunk opens and closes only in P at standstill "
                                                       "(now: D, moving)"),
    ("Vehicle.Body.Hood.IsOpen", False, None, 0.0, "the hood opens and closes only in P at standstill "
                                                   "(now: gear unknown, stopped)"),
    ("Vehicle.Body.Hood.IsOpen", True, P, 0.0, None),
    (DOOR_LOCK, False, D, 30.0, "the doors unlock only at standstill (now: D, moving)"),
    (DOOR_LOCK, False, None, None, "the doors unlock only at standstill (now: gear unknown, speed unknown)"),
    (DOOR_LOCK, False, D, 0.0, None),  # at a standstill in D, for a passenger to get out
    (DOOR_LOCK, True, D, 120.0, None),  # locking is always allowed
    (DOOR_LOCK, True, None, None, None),
])
def test_doors_trunk_and_hood(path, value, gear, speed, refused):
    assert driving_rule(path, value, Motion.of(car(gear, speed))) == refused


def test_every_rule_is_for_actuators_of_the_catalogue():
    for pattern, _ in RULES:
        matched = [s.path for s in CATALOGUE if fnmatchcase(s.path, pattern)]
        assert matched and all(CATALOGUE[p].kind is Kind.ACTUATOR for p in matched), pattern
    # heating is no move: the seat's and steering wheel's heating are not held to P
    assert driving_rule("Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling", 100, Motion(D, 90.0)) is None
    assert driving_rule("Vehicle.Chassis.SteeringWheel.HeatingCooling", 100, Motion(D, 90.0)) is None


# ----- who asks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role, who", [("cluster", "the cluster"), ("hud", "the HUD")])
def test_the_cluster_and_the_hud_may_request_nothing(role, who):
    store = car(P, 0.0)
    policy = RequestPolicy(PLAIN_ROLES)
    assert requestable(role) == ()
    for path in ACTUATORS:
        assert policy.decide(Request(role, path, _a_value(path)), store) == f"{who} cannot change {path}"


def test_the_center_may_not_ask_for_what_its_screens_never_set():
    store = car(P, 0.0)
    policy = RequestPolicy(PLAIN_ROLES)
    for path in (GEAR, DOOR_LOCK, DOOR_OPEN, "Vehicle.Chassis.ParkingBrake.IsEngaged",
                 "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling", "Vehicle.ADAS.CruiseControl.SpeedSet"):
        assert policy.decide(Request("center", path, _a_value(path)), store) == \
            f"the center screen cannot change {path}"


def test_an_unknown_display_is_refused_and_a_named_display_has_its_roles_rights():
    store = car(D, 10.0)
    policy = RequestPolicy({"passenger": "center", "rear": "hud"})
    assert policy.decide(Request("center", TEMP, 21.0), store) == "unknown display 'center'"
    assert policy.decide(Request("passenger", TEMP, 21.0), store) is None
    assert policy.decide(Request("rear", TEMP, 21.0), store) == f"rear (the HUD) cannot change {TEMP}"
    with pytest.raises(ValueError, match="unknown role 'pilot'"):
        RequestPolicy({"x": "pilot"})
    with pytest.raises(ValueError, match="unknown role"):
        requestable("pilot")


# ----- how often ----------------------------------------------------------------------------------------


def test_the_rate_limit_allows_a_burst_then_the_sustained_rate_per_display():
    clock = Frozen()
    store = car(D, 50.0)
    policy = RequestPolicy({"center": "center", "passenger": "center"}, clock=clock)
    results = [policy.decide(Request("center", TEMP, 21.0), store) for _ in range(BURST + 3)]
    assert results[:BURST] == [None] * BURST
    assert results[BURST:] == [f"too many requests from center (at most {RATE_PER_S:g} a second)"] * 3
    assert policy.decide(Request("passenger", TEMP, 21.0), store) is None  # a bucket per display
    clock.now += 1.0
    again = [policy.decide(Request("center", TEMP, 21.0), store) for _ in range(int(RATE_PER_S) + 1)]
    assert again.count(None) == RATE_PER_S
    assert policy.throttled == {"center": 4}


def test_the_rate_limit_counts_exactly_under_a_burst_from_many_threads():
    clock = Frozen()
    store = car(P, 0.0)
    policy = RequestPolicy(PLAIN_ROLES, clock=clock)
    n = 2000
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: policy.decide(Request("center", TEMP, 16.0 + (i % 24) / 2), store),
                                range(n)))
    assert results.count(None) == BURST
    assert policy.throttled["center"] == n - BURST


def test_the_burst_takes_two_driver_profiles_applied_back_to_back(qapp):
    requested = _hmi_requests(profile_only=True)
    assert 2 * len(requested) <= BURST, requested


# ----- what the HMI asks for -----------------------------------------------------------------------------


def test_the_centers_allow_list_is_exactly_what_its_screens_voice_and_profiles_request(qapp):
    requested = _hmi_requests()
    assert set(requested) == set(requestable("center"))
    assert list(requestable("center")) == sorted(requestable("center"))
    assert all(CATALOGUE[p].kind is Kind.ACTUATOR for p in requestable("center"))  # never a sensor


# ----- the audit log -----------------------------------------------------------------------------------


def test_the_audit_ring_is_bounded_and_the_counts_exact():
    audit = AuditLog(keep=5)
    for i in range(30):
        audit.record("center", TEMP, 16.0 + i / 2, None if i % 3 else "too many")
    assert len(audit.recent) == 5 and audit.recent[-1]["value"] == 30.5
    assert audit.counts == {("center", "accepted"): 20, ("center", "refused"): 10}
    for i in range(1000):  # plain mode: any name can be claimed
        audit.record(f"n{i}", TEMP, 21.0, "unknown display")
    assert len({who for who, _ in audit.counts}) == MAX_COUNTERS + 1
    assert audit.counts[OTHERS, "refused"] == 1000 - (MAX_COUNTERS - 1)
    assert sum(audit.counts.values()) == 1030


def test_the_audit_file_rotates_at_its_cap_and_keeps_two_files(tmp_path):
    log = tmp_path / "audit.jsonl"
    audit = AuditLog(log, max_bytes=4000)
    for i in range(200):
        audit.record("center", TEMP, i, None)
    audit.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["audit.jsonl", "audit.jsonl.1"]
    lines = [json.loads(line) for f in (log.with_name("audit.jsonl.1"), log) for line in f.read_text().splitlines()]
    assert all(f.stat().st_size <= 4000 for f in tmp_path.iterdir())
    assert lines[-1]["value"] == 199 and [e["value"] for e in lines] == list(range(200 - len(lines), 200))
    assert set(lines[0]) == {"time", "requester", "path", "value", "decision", "reason"}


def test_a_hostile_string_stays_one_valid_bounded_line(tmp_path):
    log = tmp_path / "audit.jsonl"
    audit = AuditLog(log)
    hostile = ('"}\n{"decision":"accepted"}\r\u2028\u2029\x00\x1b[2J\ud800' * 200)[:4096]
    audit.record(hostile, hostile, hostile, hostile)
    audit.record("center", TEMP, float("nan"), None)
    audit.close()
    data = log.read_bytes()
    assert data.isascii() and data.count(b"\n") == 2
    first, second = (json.loads(line) for line in data.decode().split("\n")[:2])
    for field in ("requester", "path", "value", "reason"):
        assert first[field].startswith(hostile[:MAX_TEXT]) and len(first[field]) < MAX_TEXT + 40
    assert first["decision"] == "refused" and second["value"] == "nan"
    assert len(data) < 2000


def test_an_audit_file_that_is_no_file_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(AuditError, match=r"fifo: a named pipe \(FIFO\), not a file"):
        AuditLog(fifo)
    with pytest.raises(AuditError, match="a folder, not a file"):
        AuditLog(tmp_path)
    with pytest.raises(AuditError, match="cannot write the audit log there"):
        AuditLog(tmp_path / "missing" / "audit.jsonl")


def test_an_audit_file_that_cannot_be_written_does_not_stop_the_decisions(tmp_path):
    log = tmp_path / "audit.jsonl"
    audit = AuditLog(log, max_bytes=300)
    audit.record("center", TEMP, 21.0, None)
    log.unlink()  # the rotation that comes next fails: the file is gone
    for _ in range(5):
        audit.record("center", TEMP, 22.0, None)
    audit.close()
    assert audit.write_errors == 1 and audit.counts["center", "accepted"] == 6
    assert json.loads(log.read_text().splitlines()[-1])["value"] == 22.0


# ----- through the bus -----------------------------------------------------------------------------------


class Bus:
    """A gateway over store ``car`` (its source records requests); a display named ``name`` feeding ``shown``."""

    def __init__(self, name: str = "center", clock=None):  # noqa: ANN001
        self.endpoint = free_endpoint()
        self.car = SignalStore()
        self.asked: list[tuple[str, object]] = []
        self.car.on_request(lambda path, value: self.asked.append((path, value)))
        self.audit = AuditLog()
        policy = RequestPolicy(PLAIN_ROLES, clock=clock) if clock else None
        self.gateway = Gateway(self.car, listen=[self.endpoint], policy=policy, audit=self.audit)
        self.shown = SignalStore()
        self.source = ZenohSource(connect=[self.endpoint], name=name)

    def start(self, gear: int, speed: float) -> None:
        self.car.update_many([(GEAR, gear), (SPEED, speed), (SEAT, 200), (TEMP, 20.0)])
        self.gateway.start()
        self.source.start(self.shown)
        wait_until(lambda: self.shown.value(SEAT) == 200 and self.shown.value(GEAR) == gear, 3, "the display joined")

    def ask(self, requester: str, path: str, value) -> list[str]:  # noqa: ANN001
        replies = self.source.session.get(request_key(requester, path), payload=encode_request(value), timeout=2.0)
        return ["ok" if r.ok is not None else f"refused: {r.err.payload.to_bytes().decode()}" for r in replies]

    def stop(self) -> None:
        self.source.stop()
        self.gateway.stop()


@pytest.fixture
def bus():
    made: list[Bus] = []

    def make(*args, **kwargs) -> Bus:  # noqa: ANN002, ANN003
        made.append(Bus(*args, **kwargs))
        return made[-1]

    yield make
    for b in made:
        b.stop()


def test_a_seat_move_in_d_is_refused_at_the_gateway_and_the_display_shows_why(bus):
    b = bus()
    b.start(D, 17.0)
    assert b.shown.request(SEAT, 0) is None  # the display's own store sends it on
    wait_until(lambda: b.shown.get(SEAT).error, 3, "the refusal on the display")
    r = b.shown.get(SEAT)
    assert r.error == "the seat moves only in P at standstill (now: D, moving)"
    assert (r.value, r.target) == (200, None) and b.asked == []
    assert b.source.stats.refused == 1
    assert list(b.audit.recent)[-1] | {"time": 0} == {
        "time": 0, "requester": "center", "path": SEAT, "value": 0, "decision": "refused", "reason": r.error}


def test_in_p_at_standstill_the_seat_request_reaches_the_vehicle(bus):
    b = bus()
    b.start(P, 0.0)
    assert b.shown.request(SEAT, 0) is None
    wait_until(lambda: b.asked, 3, "the request at the gateway's source")
    assert b.asked == [(SEAT, 0)] and b.audit.counts == {("center", "accepted"): 1}


def test_the_cluster_and_an_unknown_display_are_refused_over_the_bus(bus):
    b = bus("cluster")
    b.start(P, 0.0)
    b.shown.request(TEMP, 22.0)
    wait_until(lambda: b.shown.get(TEMP).error, 3, "the refusal on the cluster's store")
    assert b.shown.get(TEMP).error == f"the cluster cannot change {TEMP}"
    assert b.ask("boot", TEMP, 22.0) == ["refused: unknown display 'boot'"]
    assert b.asked == []
    assert b.audit.counts == {("cluster", "refused"): 1, ("boot", "refused"): 1}


def test_the_rate_limit_over_the_bus_refuses_exactly_what_exceeds_the_burst(bus):
    clock = Frozen()
    b = bus(clock=clock)
    b.start(D, 80.0)
    replies = [b.ask("center", TEMP, 20.5 + (i % 14) / 2)[0] for i in range(BURST + 5)]  # never the 20.0 it has
    assert replies.count("ok") == BURST
    assert replies[BURST:] == [f"refused: too many requests from center (at most {RATE_PER_S:g} a second)"] * 5
    assert len(b.asked) == BURST
    assert b.audit.counts == {("center", "accepted"): BURST, ("center", "refused"): 5}


def test_undecodable_and_hostile_requests_are_audited_bounded(bus, tmp_path):
    b = bus()
    b.audit = b.gateway.audit = AuditLog(tmp_path / "audit.jsonl")
    b.start(P, 0.0)
    assert b.ask("center", TEMP, 99.0) == ["refused: bad value: 99.0 is above the maximum 28"]
    colour = ("A" * 40 + '\n"}{\u2028') * 78  # a string signal with no list of values: 3.5 k characters
    assert len(encode_request(colour)) <= MAX_PAYLOAD
    assert b.ask("center", AMBIENT, colour) == ["ok"]
    replies = b.source.session.get("cockpit/request/center/Vehicle/Warp/Drive", payload=b"{}", timeout=2.0)
    assert [r.err.payload.to_bytes().decode() for r in replies] == ["not the key of a known signal"]
    b.audit.close()
    lines = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [(e["requester"], e["path"], e["decision"]) for e in lines] == [
        ("center", "Vehicle/Cabin/HVAC/Station/Row1/Driver/Temperature", "refused"),
        ("center", AMBIENT, "accepted"), ("center", "Vehicle/Warp/Drive", "refused")]
    assert lines[1]["value"].startswith(colour[:MAX_TEXT]) and len(lines[1]["value"]) < MAX_TEXT + 40


def test_the_center_screen_shows_why_the_gateway_refused(bus, qapp, qml_warnings):
    from PySide6.QtQuick import QQuickItem

    from cockpit.app import Cockpit

    b = bus(clock=Frozen())
    b.car.update_many([(GEAR, D), (SPEED, 42.0), (SEAT, 200), (TEMP, 20.0)])
    b.gateway.start()
    cockpit = Cockpit(source=b.source)
    try:
        cockpit.start(("center",))
        toast = cockpit.windows["center"].findChild(QQuickItem, "toast")

        def shown(path: str) -> str:
            wait_until(lambda: cockpit.signals.get(path).error, 3, f"the refusal of {path}")
            cockpit.bridge.flush()
            return toast.property("text")

        # the seat's value, the gear and the speed each come in their own sample: under load the first
        # could arrive while the speed was still unknown, and the refusal said "speed unknown"
        wait_until(lambda: cockpit.signals.value(SEAT) == 200 and cockpit.signals.value(SPEED) is not None
                   and cockpit.signals.value(GEAR) is not None, 3, "the center joined")
        cockpit.signals.request(SEAT, 0)  # what the center's own code would not send in D
        assert shown(SEAT) == "Not applied — the seat moves only in P at standstill (now: D, moving)"
        for _ in range(BURST):  # a finger faster than any
            cockpit.climate.stepTemperature("driver", 1)
        rate = f"too many requests from center (at most {RATE_PER_S:g} a second)"
        assert shown(TEMP) == f"Driver temperature not changed: {rate}"
        assert len(b.asked) == BURST - 1
    finally:
        cockpit.close()


def test_cockpit_gateway_writes_its_audit_file_and_says_the_counts_on_exit(tmp_path):
    endpoint = free_endpoint()
    log = tmp_path / "audit.jsonl"
    gateway = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "gateway", "--listen", endpoint, "--audit",
                                str(log)], cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
                               stderr=subprocess.PIPE, text=True)
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(gateway.stderr), daemon=True)
    reader.start()
    source = ZenohSource(connect=[endpoint], name="hud")
    try:
        wait_until(lambda: any("publishing" in e for e in errors), 20, "the gateway up")
        source.start(SignalStore())
        wait_until(lambda: source.gateway_up.is_set(), 5, "connected")
        replies = source.session.get(request_key("hud", TEMP), payload=encode_request(22.0), timeout=2.0)
        assert [r.err.payload.to_bytes().decode() for r in replies] == [f"the HUD cannot change {TEMP}"]
    finally:
        source.stop()
        gateway.send_signal(signal.SIGINT)
        assert gateway.wait(timeout=30) == 0
        reader.join(5)
    entry = json.loads(log.read_text())
    assert (entry["requester"], entry["path"], entry["decision"]) == ("hud", TEMP, "refused")
    assert "cockpit gateway: actuator requests: hud 1 refused" in "".join(errors)
    assert os.stat(log).st_mode & 0o777 == 0o600


def test_cockpit_gateway_refuses_an_audit_file_that_is_no_file(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    result = subprocess.run([sys.executable, "-m", "cockpit.cli", "gateway", "--audit", str(tmp_path / "fifo")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2 and "is a named pipe (FIFO), not a file" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# ----- helpers -------------------------------------------------------------------------------------------


def _profile() -> dict:
    from cockpit.profiles.schema import default_profile

    return default_profile("Anna")


def _a_value(path: str):  # noqa: ANN202
    """A value the catalogue accepts for ``path``."""
    spec = CATALOGUE[path]
    if spec.datatype == "boolean":
        return True
    if spec.datatype == "string":
        return spec.allowed[0] if spec.allowed else "#FFFFFF"
    return spec.min if spec.min is not None else 0


def _hmi_requests(profile_only: bool = False) -> list[str]:
    """The paths the center's code requests, in order: a driver profile applied in P at standstill
    (units, climate, comfort and hardware), then every voice action and every climate toggle."""
    from cockpit.app import Cockpit
    from cockpit.hmi.climate_store import TOGGLES

    signals = SignalStore()
    signals.update_many([(GEAR, P), (SPEED, 0.0)])
    requested: list[str] = []
    signals.on_request(lambda path, value: requested.append(path))
    cockpit = Cockpit(signals=signals)
    try:
        cockpit.profiles.useGuest()
        if not profile_only:
            args = {"zone": "both", "celsius": 22.0, "delta_c": 1.0, "level": 2, "on": True, "which": "rear",
                    "percent": 40, "distance": "miles", "temperature": "f", "theme": "light"}
            for name in cockpit.voice_actions._handlers:
                cockpit.voice_actions.run(name, dict(args))
            for toggle in TOGGLES:
                cockpit.climate.setToggle(toggle, True)
    finally:
        cockpit.close()
    return requested
