"""The bus attacked as an attacker on 127.0.0.1 would: a gateway process (the simulator at 10x),
this test's own display (a ZenohSource into a store), and hostile Zenoh sessions. Each attack runs
against secure mode (mutual TLS + access control, ``--secure``), where it must fail while the
display keeps the gateway's values, and against plain mode, where the test documents what an
unauthenticated bus allows."""

import json
import time

import pytest
import zenoh

from benchmarks.flood_attacker import KINDS, malformed
from cockpit.bus.codec import encode_request, request_key
from cockpit.bus.config import LEASE_MS, MAX_MESSAGE, settings, zenoh_config
from cockpit.bus.keys import make_keys
from cockpit.bus.secure import load_keys, tls_settings
from cockpit.sources.zenoh import UNKNOWN_KEYS, ZenohSource
from cockpit.vehicle.store import SignalStore, Status

from .zenoh_helpers import free_endpoint, gateway, wait_until

SPEED = "Vehicle.Speed"
DOOR = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"
TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
SEAT = "Vehicle.Cabin.Seat.Row1.DriverSide.Position"
GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
DISPLAYS = {"cluster": "cluster", "center": "center", "hud": "hud"}
FORGED_SPEED = 222.0


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bus") / "keys"
    make_keys(folder, DISPLAYS)
    return folder


@pytest.fixture(scope="module")
def foreign(tmp_path_factory):
    """Keys of another CA: a well-formed certificate named like ours, from a CA the bus does not trust."""
    folder = tmp_path_factory.mktemp("bus") / "foreign"
    make_keys(folder, DISPLAYS)
    return folder


class Bus:
    """A gateway process and a display (this test's ZenohSource) in one mode; hostile sessions on demand."""

    def __init__(self, processes, keys, secure: bool):  # noqa: ANN001
        self.keys = keys if secure else None
        self.sources: list[ZenohSource] = []
        self.hostile: list[zenoh.Session] = []
        self.endpoint = free_endpoint("tls" if secure else "tcp")
        self.gateway = processes(gateway(self.endpoint, self.keys))
        self.store, self.source = self.display("cluster")
        wait_until(lambda: self.store.get(SPEED).status is Status.AVAILABLE and self.store.value(DOOR) is not None,
                   10, "the display showing the gateway's values")

    def display(self, name: str, listen: tuple[str, ...] = ()) -> tuple[SignalStore, ZenohSource]:
        keys = load_keys(self.keys, name) if self.keys else None
        store = SignalStore()
        source = ZenohSource(connect=[self.endpoint], listen=listen, name=name, keys=keys)
        source.start(store)
        self.sources.append(source)
        return store, source

    def session(self, config: dict, endpoint: str | None = None) -> zenoh.Session:
        config["connect"]["endpoints"] = [endpoint or self.endpoint]
        session = zenoh.open(zenoh.Config.from_json5(json.dumps(config)))
        self.hostile.append(session)
        return session

    def as_display(self, name: str, endpoint: str | None = None) -> zenoh.Session:
        """A session with a display's own certificate (a stolen key), or plain in plain mode."""
        keys = load_keys(self.keys, name) if self.keys else None
        return self.session(settings(keys=keys), endpoint)

    def close(self) -> None:
        for s in self.hostile:
            s.close()
        for s in self.sources:
            s.stop()


@pytest.fixture(params=["secure", "plain"])
def bus(request, processes, keys):
    bus = Bus(processes, keys, request.param == "secure")
    yield bus
    bus.close()


def connected(session: zenoh.Session, within: float = 1.5) -> bool:
    """Whether the session has a peer within ``within`` seconds (a refused handshake never gives one)."""
    try:
        wait_until(lambda: list(session.info.peers_zid()), within)
    except AssertionError:
        return False
    return True


def forge(session: zenoh.Session, n: int = 20) -> None:
    """Put a forged speed and an open door, numbered far ahead of anything the gateway sent."""
    for i in range(n):
        body = {"status": "AVAILABLE", "ts": time.time(), "seq": 2**52 + i}
        session.put("Vehicle/Speed", json.dumps({**body, "value": FORGED_SPEED}))
        session.put("Vehicle/Cabin/Door/Row1/DriverSide/IsOpen", json.dumps({**body, "value": True}))
        time.sleep(0.02)


def keeps_the_gateways_values(bus: Bus, seconds: float = 1.0) -> None:
    """For ``seconds``, the display shows live values from the gateway and nothing forged."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        assert bus.store.value(SPEED) != FORGED_SPEED and bus.store.value(DOOR) is False
        time.sleep(0.01)
    before = bus.store.get(SPEED).source_ts
    wait_until(lambda: bus.store.get(SPEED).source_ts > before, 2, "speed still arriving from the gateway")


def ask(session: zenoh.Session, requester: str, path: str, value) -> list[str]:  # noqa: ANN001
    """Send an actuator request under ``requester``'s name: 'ok' or 'refused: reason' per reply."""
    replies = session.get(request_key(requester, path), payload=encode_request(value), timeout=1.0)
    return ["ok" if r.ok is not None else f"refused: {r.err.payload.to_bytes().decode()}" for r in replies]


# ----- who may connect --------------------------------------------------------------------------------


def test_a_client_with_no_certificate_is_not_let_in(bus, keys):
    port = bus.endpoint.split(":")[-1]
    if bus.keys:
        plain = bus.session(settings(), f"tcp/127.0.0.1:{port}")  # plain TCP to the TLS port
        server_only = settings(insecure=True)  # TLS, trusting the bus's CA (it is public), no certificate
        server_only["transport"]["link"].update(protocols=["tls"], tls={"root_ca_certificate": str(keys / "ca.pem")})
        no_cert = bus.session(server_only)
        for attacker in (plain, no_cert):
            assert not connected(attacker)
            forge(attacker, 5)
        keeps_the_gateways_values(bus)
    else:
        # Plain mode: anyone who reaches the port joins, and reads every value.
        attacker = bus.session(settings())
        assert connected(attacker)
        heard = []
        spy = attacker.declare_subscriber("Vehicle/**", lambda s: heard.append(str(s.key_expr)))
        wait_until(lambda: "Vehicle/Speed" in heard, 3, "an outsider reading the speed")
        spy.undeclare()


def test_a_certificate_from_another_ca_is_not_let_in(bus, foreign, keys):
    if not bus.keys:
        pytest.skip("plain mode has no certificates: see test_a_client_with_no_certificate_is_not_let_in")
    impostor = load_keys(foreign, "gateway")  # even named 'gateway', and trusting the bus's real CA
    config = settings(keys=impostor)
    config["transport"]["link"]["tls"]["root_ca_certificate"] = str(keys / "ca.pem")
    attacker = bus.session(config)
    assert not connected(attacker)
    forge(attacker, 5)
    keeps_the_gateways_values(bus)


# ----- what a display's certificate allows ------------------------------------------------------------


def test_a_display_certificate_cannot_publish_vehicle_values(bus):
    listen = () if bus.keys else (free_endpoint(),)
    store, source = bus.display("center", listen)  # in plain mode a display that listens (a dev setup)
    wait_until(lambda: store.get(SPEED).status is Status.AVAILABLE, 5, "the second display joined")
    attacker = bus.as_display("hud", endpoint=listen[0] if listen else None)
    assert connected(attacker)  # a real display's key: it joins, and may read
    forge(attacker)
    if bus.keys:
        keeps_the_gateways_values(bus)
        assert store.value(SPEED) != FORGED_SPEED
        assert source.stats.rejected == source.stats.replayed == 0  # refused before it reached the display
    else:
        # Plain: a peer the display is connected to writes straight into it.
        wait_until(lambda: store.value(SPEED) == FORGED_SPEED and store.value(DOOR) is True, 2, "the forgery shown")


def test_a_forged_gateway_token_does_not_hide_a_dead_gateway(bus):
    listen = () if bus.keys else (free_endpoint(),)
    store, source = bus.display("center", listen)
    wait_until(lambda: source.gateway_up.is_set() and store.get(SPEED).status is Status.AVAILABLE, 5, "joined")
    attacker = bus.as_display("hud", endpoint=listen[0] if listen else None)
    assert connected(attacker)
    token = attacker.liveliness().declare_token("cockpit/gateway/alive")
    time.sleep(0.3)
    bus.gateway.kill()
    if bus.keys:
        wait_until(lambda: store.get(SPEED).status is Status.UNAVAILABLE and not source.gateway_up.is_set(),
                   2 * LEASE_MS / 1000, "the dead gateway noticed despite the forged token")
    else:
        time.sleep(2 * LEASE_MS / 1000)
        assert source.gateway_up.is_set()  # plain: the forged token keeps the dead gateway 'alive'
    token.undeclare()


# ----- requests -----------------------------------------------------------------------------------------


def test_the_cluster_cannot_request_hvac_not_even_in_the_centers_name(bus):
    wait_until(lambda: bus.store.value(TEMP) is not None, 5, "temperature")
    wanted = 27.5 if bus.store.value(TEMP) != 27.5 else 26.5
    attacker = bus.as_display("cluster")
    assert connected(attacker)
    own, impersonated = ask(attacker, "cluster", TEMP, wanted), ask(attacker, "center", TEMP, wanted)
    if bus.keys:
        # Access control drops both before the gateway: no answer at all, and nothing changes.
        assert own == impersonated == []
        time.sleep(1.0)
        assert bus.store.value(TEMP) != wanted
    else:
        # Plain: the name is only claimed. The gateway's rules refuse the cluster, but anyone may say 'center'.
        assert len(own) == 1 and own[0].startswith("refused: ")
        assert impersonated == ["ok"]
        wait_until(lambda: bus.store.value(TEMP) == wanted, 5, "the HVAC set by an outsider")


def test_the_center_cannot_move_the_seat_while_driving(bus):
    store, source = bus.display("center")
    wait_until(lambda: store.value(GEAR) not in (None, 126) and (store.value(SPEED) or 0) > 5, 20, "driving")
    seat = store.value(SEAT)
    wanted = 0 if seat != 0 else 10
    attacker = bus.as_display("center")  # the center itself, or whoever holds its key
    assert connected(attacker)
    replies = ask(attacker, "center", SEAT, wanted)
    assert len(replies) == 1 and replies[0].startswith("refused: ") and " P" in replies[0], replies
    # and through the display's own store: the reason comes back onto the reading
    store.request(SEAT, wanted)
    wait_until(lambda: store.get(SEAT).error, 3, "the refusal on the display")
    assert " P" in store.get(SEAT).error and store.get(SEAT).target is None
    assert store.value(SEAT) == seat


# ----- replays and floods -----------------------------------------------------------------------------


def test_a_replayed_sample_is_dropped_and_counted(bus):
    listen = () if bus.keys else (free_endpoint(),)
    store, source = bus.display("center", listen)
    wait_until(lambda: store.get(SPEED).status is Status.AVAILABLE, 5, "joined")
    recorded = []
    spy = bus.as_display("hud")
    sub = spy.declare_subscriber("Vehicle/Speed", lambda s: recorded.append(s.payload.to_bytes()))
    wait_until(lambda: recorded, 3, "a speed sample recorded")
    old = json.loads(recorded[0])
    wait_until(lambda: (store.get(SPEED).source_ts or 0) > old["ts"], 3, "a newer speed on the display")
    sub.undeclare()
    replayer = bus.as_display("hud", endpoint=listen[0] if listen else None)
    assert connected(replayer)
    for _ in range(5):
        replayer.put("Vehicle/Speed", recorded[0])
        time.sleep(0.05)
    if bus.keys:
        time.sleep(0.5)
        assert source.stats.replayed == 0  # access control: it never reached the display
    else:
        wait_until(lambda: source.stats.replayed == 5, 3, "every replay dropped and counted")
    assert store.get(SPEED).source_ts > old["ts"]


def test_a_malformed_flood_is_refused_and_the_display_keeps_the_gateways_values(bus):
    listen = () if bus.keys else (free_endpoint(),)
    store, source = bus.display("center", listen)
    wait_until(lambda: store.get(SPEED).status is Status.AVAILABLE, 5, "joined")
    attacker = bus.as_display("hud", endpoint=listen[0] if listen else None)
    assert connected(attacker)
    block = zenoh.CongestionControl.BLOCK  # every sample sent, none dropped on the way
    flood = [malformed(i) for i in range(6000)]  # made-up and respelled keys, bad JSON, out of range, 4-64 kB
    huge = sum(len(payload) > MAX_MESSAGE for _, payload in flood)
    assert huge
    for key, payload in flood:
        attacker.put(key, payload, congestion_control=block)
    if bus.keys:
        time.sleep(0.5)
        assert source.stats.rejected == 0
    else:
        # messages over the limit are dropped by Zenoh before reassembly; the decoder rejects the rest
        wait_until(lambda: source.stats.rejected == 6000 - huge, 10, "every malformed sample rejected and counted")
        time.sleep(0.3)
        assert source.stats.rejected == 6000 - huge  # and the huge ones never reached the decoder
        # counted in bounded memory: one bucket for every key that is no signal's, however spelled
        assert set(source.stats.rejected_by_key) == {UNKNOWN_KEYS, "Vehicle/Speed"}
        assert source.stats.rejected_by_key[UNKNOWN_KEYS] == 6000 // KINDS * 2
    before = store.get(SPEED).source_ts
    wait_until(lambda: store.get(SPEED).source_ts > before and store.get(SPEED).status is Status.AVAILABLE, 3,
               "live values from the gateway")


def test_keys_are_never_readable_by_others(keys):
    for f in keys.iterdir():
        assert f.stat().st_mode & 0o777 == 0o600, f
    assert keys.stat().st_mode & 0o777 == 0o700


def test_the_generated_configuration_has_no_gossip_and_only_tls(keys):
    config = zenoh_config(keys=load_keys(keys, "cluster"))
    assert json.loads(config.get_json("scouting/gossip/enabled")) is False
    assert json.loads(config.get_json("transport/link/protocols")) == ["tls"]
    assert json.loads(config.get_json("transport/link/tls/enable_mtls")) is True
    assert tls_settings(load_keys(keys, "cluster"))["root_ca_certificate"] == str(keys / "ca.pem")
