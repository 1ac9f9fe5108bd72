"""Fleet statistics over real Zenoh sessions on loopback: a simulated fleet arrives and aggregates;
hostile messages are refused and counted; without consent the car makes no connection at all."""

import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

import pytest

from cockpit.bus.config import open_session
from cockpit.bus.keys import make_keys
from cockpit.bus.secure import load_keys
from cockpit.fleet import pseudonym
from cockpit.fleet.access import CAR, COLLECTOR, access_control
from cockpit.fleet.collector import Collector, CollectorError, aggregate
from cockpit.fleet.publisher import FleetPublisher, send
from cockpit.fleet.simulate import fleet
from cockpit.fleet.summary import KEY_PREFIX, MAX_BYTES, SummaryError, key, summarize, validate

from .conftest import ROOT
from .zenoh_helpers import free_endpoint, wait_until

CARS = 120
DAYS = 60


@pytest.fixture(scope="module")
def cars():
    return list(fleet(CARS, DAYS, seed=100))


@pytest.fixture
def collector(tmp_path):
    """A collector listening on a loopback endpoint: (collector, endpoint)."""
    endpoint = free_endpoint()
    c = Collector(tmp_path / "fleet.db")
    session = open_session(listen=[endpoint])
    c.subscribe(session)
    yield c, endpoint
    c.close()
    session.close()


def test_a_simulated_fleet_arrives_and_aggregates(cars, collector):
    c, endpoint = collector
    car = open_session(connect=[endpoint])
    try:
        assert send(car, [s.summary for s in cars]) == CARS
    finally:
        car.close()
    wait_until(lambda: c.stats()["stored"] == CARS, 20, "every summary stored")
    stats = aggregate(c.db)
    assert stats["summaries"] == CARS and stats["refused"] == {}
    by_variant: dict[str, list] = {}
    for s in cars:
        by_variant.setdefault(s.summary.variant, []).append(s)
    assert set(stats["variants"]) == {"city", "suv", "premium"}
    for name, group in by_variant.items():
        v = stats["variants"][name]
        assert v["cars"] == len(group)
        truth = statistics.median(s.soh_percent for s in group)
        assert abs(v["soh_percent"]["p50"] - truth) < 1.0, (name, v["soh_percent"], truth)
        alarmed = sum("front left tire" in s.summary.alarms for s in group)
        assert v["alarm_share"]["front left tire"] == round(alarmed / len(group), 4)
    # the punctures the simulator made show in the leak distribution's tail, not in its middle
    fleet_leaks = [x for s in cars for x in s.summary.tire_leak_kpa_per_day.values() if x is not None]
    assert max(fleet_leaks) > 1.0 and statistics.median(fleet_leaks) < 0.5


def test_a_repeat_replaces_the_day_and_a_new_day_adds_a_row(cars, tmp_path):
    c = Collector(tmp_path / "fleet.db")
    first = cars[0].summary
    later = validate(first.to_bytes().replace(first.day.encode(), b"2026-01-02"), datetime.date(2026, 1, 2))
    try:
        for s in (first, first, later):
            assert c.offer(s.key, s.to_bytes())
        assert c.drain()
    finally:
        c.close()
    assert aggregate(c.db)["summaries"] == 2 and aggregate(c.db)["variants"][first.variant]["cars"] == 1


def _doc(cars) -> dict:
    return cars[0].summary.to_dict()


def _bytes(doc: dict) -> bytes:
    return json.dumps(doc).encode()


HOSTILE = {  # what an attacker sends -> the kind it is refused as
    "not JSON": lambda d: b"\xff{not json",
    "not an object": lambda d: b"[1, 2, 3]",
    "unknown schema": lambda d: _bytes({**d, "version": 2}),
    "unknown field": lambda d: _bytes({**d, "latitude": 60.17}),
    "missing field": lambda d: _bytes({k: v for k, v in d.items() if k != "alarms"}),
    "bad vehicle": lambda d: _bytes({**d, "vehicle": "WVWZZZ1JZXW000001"}),  # a VIN is no pseudonym
    "bad day": lambda d: _bytes({**d, "day": "2026-12-04T08:15:00"}),  # no time of day
    "bad battery_soh_percent": lambda d: _bytes({**d, "battery_soh_percent": 97.12345}),  # not rounded
    "bad age_years": lambda d: _bytes({**d, "age_years": True}),
    "bad tire_leak_kpa_per_day": lambda d: _bytes({**d, "tire_leak_kpa_per_day": {"front_left": 0.1}}),
    "bad alarms": lambda d: _bytes({**d, "alarms": ["engine"]}),
    "too large": lambda d: _bytes({**d, "software": "1" * 32, "pad": "x" * MAX_BYTES}),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_validate_refuses_anything_else_with_its_reason(cars, kind):
    with pytest.raises(SummaryError) as err:
        validate(HOSTILE[kind](_doc(cars)))
    assert err.value.kind == kind


@pytest.mark.parametrize("payload", [b'{"a": NaN}', b'{"a": 1, "a": 2}', b"[" * 1020, b"", b"1e999999",
                                     b'{"a": -1e400}'])
def test_validate_refuses_what_json_lets_through(payload):
    with pytest.raises(SummaryError, match="not JSON"):
        validate(payload)


def test_validate_takes_back_what_the_car_sends(cars):
    s = cars[0].summary
    assert validate(s.to_bytes()) == s
    with pytest.raises(SummaryError, match="bad day"):  # dated after the collector's tomorrow
        validate(s.to_bytes(), datetime.date.fromisoformat(s.day) - datetime.timedelta(days=2))


def test_hostile_messages_over_zenoh_are_refused_and_counted(cars, collector):
    c, endpoint = collector
    good, other = cars[0].summary, cars[1].summary
    doc = _doc(cars)
    messages = [(good.key, HOSTILE[kind](doc)) for kind in HOSTILE]
    messages += [
        (other.key, good.to_bytes()),  # someone else's key: a mismatch
        (key("city" if good.variant != "city" else "suv", good.vehicle), good.to_bytes()),  # another variant
        (KEY_PREFIX + "suv/not-a-pseudonym", good.to_bytes()),
        (KEY_PREFIX + "suv/" + good.vehicle + "/extra", good.to_bytes()),
        (good.key, b"{" * 3000),  # over the size limit before it is parsed
        (good.key, good.to_bytes()),  # and one good one, which must still get through
    ]
    attacker = open_session(connect=[endpoint])
    try:
        wait_until(lambda: send(attacker, [good], wait_s=0.05) == 1, 10, "the collector seen")
        for k, payload in messages:
            attacker.put(k, payload)
    finally:
        attacker.close()
    wait_until(lambda: c.stats()["received"] == len(messages) + 1, 10, "every message received")
    assert c.drain()
    stats = c.stats()
    refused = stats["refused"]
    assert refused.pop("key mismatch") == 2
    assert refused.pop("bad key") == 2
    assert refused.pop("too large") == 2
    assert refused == {kind: 1 for kind in HOSTILE if kind != "too large"}
    assert stats["stored"] == 2
    assert aggregate(c.db)["refused"]["key mismatch"] == 2  # kept in the database for the report


def test_a_database_of_something_else_is_refused(tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CollectorError):
        Collector(other)


# ----- consent: no connection without it ---------------------------------------------------------


class Listener:
    """A plain TCP listener on loopback that counts the connections it is offered."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.endpoint = f"tcp/127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted = 0
        self.sock.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def _publisher(cars, folder, consent: list[bool], endpoint: str) -> FleetPublisher:
    summary = cars[0].summary

    def make(vehicle: str):
        return validate(summary.to_bytes().replace(summary.vehicle.encode(), vehicle.encode()))

    return FleetPublisher(lambda: consent[0], lambda: open_session(connect=[endpoint]), make, folder, wait_s=2)


def test_without_consent_the_publisher_makes_no_connection(cars, tmp_path):
    listener = Listener()
    consent = [False]
    publisher = _publisher(cars, tmp_path, consent, listener.endpoint)
    try:
        for _ in range(20):
            assert publisher.publish_now() == "no consent"
            assert publisher.check() == "no consent"
        publisher.check_s = 0.05
        publisher.start()
        # a Zenoh session retries its connect endpoints every 100 ms: two seconds would see many
        time.sleep(2)  # its thread checks 40 times meanwhile
        assert listener.accepted == 0 and publisher.session is None
        assert not (tmp_path / pseudonym.FILE).exists()
        # the control: with consent the same publisher reaches the same listener
        consent[0] = True
        wait_until(lambda: listener.accepted > 0, 10, "the publisher's connection with consent")
    finally:
        publisher.close()
        listener.close()


_CHILD = r"""
import json, os, sys, time
from pathlib import Path
connects = []
sys.addaudithook(lambda event, args: connects.append(repr(args[1])) if event == "socket.connect" else None)
from cockpit.bus.config import open_session
from cockpit.fleet.publisher import FleetPublisher
from cockpit.fleet.summary import validate

consent = sys.argv[1] == "on"
endpoint, folder, summary = sys.argv[2], Path(sys.argv[3]), sys.stdin.buffer.read()
publisher = FleetPublisher(lambda: consent, lambda: open_session(connect=[endpoint]), lambda v: validate(summary),
                           folder, wait_s=1)
results = [publisher.publish_now() for _ in range(3)] + [publisher.check()]
# Zenoh's sockets are made in Rust, out of sight of Python's audit hooks: the kernel's table of this
# process's open files shows every socket whoever made it.
def kind(fd):
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except FileNotFoundError:  # the listing's own descriptor, closed by now
        return ""
sockets = sum(kind(fd).startswith("socket:") for fd in os.listdir("/proc/self/fd"))
# A session opened and closed again leaves no socket, but Zenoh's runtime threads stay for good:
# a process that never opened one has its main thread only.
threads = len(os.listdir("/proc/self/task"))
print(json.dumps({"results": results, "python_connects": connects, "sockets": sockets, "threads": threads,
                  "session": publisher.session is not None}))
publisher.close()
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_without_consent_a_car_process_opens_no_socket(cars, collector, tmp_path):
    c, endpoint = collector
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}

    def run(consent: str) -> dict:
        out = subprocess.run([sys.executable, "-c", _CHILD, consent, endpoint, str(tmp_path)], input=cars[0].summary
                             .to_bytes(), capture_output=True, env=env, cwd=ROOT, timeout=60, check=True)
        return json.loads(out.stdout)

    off = run("off")
    assert off == {"results": ["no consent"] * 4, "python_connects": [], "sockets": 0, "threads": 1,
                   "session": False}
    assert c.stats()["received"] == 0
    on = run("on")  # the control: the same process with consent has sockets, and the summary arrives
    assert on["results"][0] == "sent" and on["sockets"] > 0 and on["threads"] > 1 and on["session"]
    wait_until(lambda: c.stats()["stored"] == on["results"].count("sent"), 10, "the consented summaries stored")
    assert aggregate(c.db)["summaries"] == 1  # one car, one day


def test_withdrawing_consent_closes_the_session_and_forgets_the_pseudonym(cars, collector, tmp_path):
    c, endpoint = collector
    consent = [True]
    publisher = _publisher(cars, tmp_path, consent, endpoint)
    try:
        assert publisher.publish_now() == "sent"
        first = (tmp_path / pseudonym.FILE).read_text().strip()
        assert publisher.check() == "not due" and publisher.session is not None
        consent[0] = False
        assert publisher.check() == "no consent"
        assert publisher.session is None and not (tmp_path / pseudonym.FILE).exists()
        consent[0] = True
        assert publisher.publish_now() == "sent"
        second = (tmp_path / pseudonym.FILE).read_text().strip()
    finally:
        publisher.close()
    assert first != second
    wait_until(lambda: c.stats()["stored"] == 2, 10, "both summaries stored")
    assert aggregate(c.db)["variants"][cars[0].summary.variant]["cars"] == 2  # unlinkable: two cars


def test_without_a_collector_the_summary_stays_due(cars, tmp_path):
    publisher = _publisher(cars, tmp_path, [True], free_endpoint())
    publisher.wait_s = 0.3
    try:
        assert publisher.check() == "no collector"
        assert publisher.check() == "no collector"  # tried again, not marked as sent
    finally:
        publisher.close()


# ----- secure mode -------------------------------------------------------------------------------


def test_secure_mode_cars_reach_the_collector_and_nobody_else_does(cars, tmp_path):
    folder = tmp_path / "keys"
    make_keys(folder, {CAR: "hud", COLLECTOR: "hud", "intruder": "hud"})
    endpoint = free_endpoint("tls")
    c = Collector(tmp_path / "fleet.db")
    server = open_session(listen=[endpoint], keys=load_keys(folder, COLLECTOR), access=access_control(COLLECTOR))
    c.subscribe(server)
    try:
        # a certificate of the fleet's CA that is not a car's: its puts are dropped by access control
        intruder = open_session(connect=[endpoint], keys=load_keys(folder, "intruder"), access=access_control(CAR))
        try:
            assert send(intruder, [cars[0].summary], wait_s=1) == 0
            intruder.put(cars[0].summary.key, cars[0].summary.to_bytes())
        finally:
            intruder.close()
        car = open_session(connect=[endpoint], keys=load_keys(folder, CAR), access=access_control(CAR))
        try:
            assert send(car, [s.summary for s in cars[:5]]) == 5
        finally:
            car.close()
        wait_until(lambda: c.stats()["stored"] == 5, 10, "the cars' summaries stored")
        assert c.stats()["received"] == 5
    finally:
        c.close()
        server.close()


# ----- the summary itself ------------------------------------------------------------------------


def test_a_summary_says_only_rounded_figures_and_no_reasons(cars):
    s = cars[0].summary
    doc = s.to_dict()
    assert len(s.to_bytes()) < MAX_BYTES / 2
    assert "reason" not in s.to_bytes().decode() and "T" not in doc["day"]
    assert doc["battery_soh_percent"] == round(doc["battery_soh_percent"], 1)
    assert all(v is None or v == round(v, 2) for v in doc["tire_leak_kpa_per_day"].values())


def test_a_report_with_nothing_yet_gives_nulls():
    s = summarize({"predictions": [], "alarms": []}, vehicle="0" * 32, variant="suv",
                  day=datetime.date(2026, 12, 4), software="0.1.0")
    assert s.battery_soh_percent is None and s.alarms == () and set(s.tire_leak_kpa_per_day.values()) == {None}


# ----- the commands ------------------------------------------------------------------------------


def test_simulate_sends_to_a_collector_and_report_prints_it(collector, capsys):
    from cockpit import cli

    c, endpoint = collector
    assert cli.main(["fleet", "simulate", "--cars", "3", "--days", "20", "--seed", "7", "--connect", endpoint]) == 0
    wait_until(lambda: c.stats()["stored"] == 3, 10, "the simulated cars stored")
    capsys.readouterr()
    assert cli.main(["fleet", "report", "--db", str(c.db), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert sum(v["cars"] for v in stats["variants"].values()) == 3
    assert cli.main(["fleet", "report", "--db", str(c.db)]) == 0
    assert "battery state of health: median" in capsys.readouterr().out


def test_commands_say_what_is_wrong_in_one_line(tmp_path, capsys):
    from cockpit import cli

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00not sqlite" * 200)
    assert cli.main(["fleet", "report", "--db", str(garbage)]) == 2
    assert "not" in capsys.readouterr().err
    nobody = free_endpoint()
    assert cli.main(["fleet", "simulate", "--cars", "2", "--days", "5", "--connect", nobody]) == 2
    assert "no collector answered" in capsys.readouterr().err
