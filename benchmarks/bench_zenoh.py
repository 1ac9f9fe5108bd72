"""Zenoh gateway-to-display latency and sustained rate, across two processes on loopback, in plain
mode and in secure mode (mutual TLS, access control) in the same run.

A child process (``benchmarks/zenoh_child.py``) owns a SignalStore published by a Gateway; this
process is the display: a ZenohSource feeding its own SignalStore. Latency runs from
``store.update`` in the gateway process (source_ts = time.time(): one system clock for both
processes) to the listener of the display's store seeing the value: validation, encoding, Zenoh
over TCP, decoding and validation again. Goals: p99 under one 60 Hz frame (16.7 ms);
secure p99 at most 1.5x plain and under 2 ms.

Measured at a typical rate (200 updates/s), under load (5,000 updates/s), and at saturation (the
gateway writes as fast as it can): there the display's rate is the sustained capacity of the
whole path, and what it cannot take is dropped at the publisher (Zenoh's DROP congestion control,
so that a slow display never stalls the gateway) -- but not on-change signals, which the gateway
sends at a higher priority: the benchmark toggles a door amid the flood and counts its arrivals.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cockpit.bus.keys import make_keys
from cockpit.bus.secure import BusKeys, load_keys
from cockpit.sources.zenoh import ZenohSource
from cockpit.vehicle.store import Reading, SignalStore

DOOR = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"  # the on-change signal the child toggles amid the flood
RATES = {"typical": (1000, 200), "loaded": (10000, 5000)}  # name -> (updates per round, updates/s)
ROUNDS = 5  # one round's p99 swings 0.4-2x between runs (loopback scheduling): pool five, interleaved
FLOOD_S = 3.0
MODES = ("plain", "secure")  # plain TCP; mutual TLS with access control (cockpit.bus.secure)


def _endpoint(protocol: str) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"{protocol}/127.0.0.1:{s.getsockname()[1]}"


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))]


class Display:
    """This process's side: a ZenohSource into a store whose listener times every arrival."""

    def __init__(self, endpoint: str, keys: BusKeys | None):
        self.store = SignalStore()
        self.arrivals: list[tuple[float, float]] = []  # (arrival, source_ts)
        self.door_changes = 0
        self.store.listen(self._arrived)
        self.source = ZenohSource(connect=[endpoint], name="cluster", keys=keys)
        self.source.start(self.store)
        deadline = time.monotonic() + 10
        while self.store.value("Vehicle.Speed") is None:  # joined: the current value came by query
            if time.monotonic() > deadline:
                raise RuntimeError("the display never received the gateway's values")
            time.sleep(0.01)
        self.arrivals.clear()
        self.door_changes = 0

    def _arrived(self, path: str, reading: Reading) -> None:
        self.arrivals.append((time.time(), reading.source_ts))
        self.door_changes += path == DOOR

    def take(self) -> list[tuple[float, float]]:
        """The arrivals so far, once the display has worked off its backlog (0.3 s without any)."""
        count = -1
        while count != len(self.arrivals):
            count = len(self.arrivals)
            time.sleep(0.3)
        out, self.arrivals = self.arrivals, []
        return out


def _latency(rounds: list[list[float]], n: int, hz: float) -> dict:
    """Percentiles over all rounds pooled, and the spread of the rounds' own p99."""
    lat = sorted(x for r in rounds for x in r)
    round_p99 = [_percentile(sorted(r), 0.99) * 1000 for r in rounds]
    return {"n": n * len(rounds), "hz": hz, "received": len(lat), "p50_ms": _percentile(lat, 0.5) * 1000,
            "p99_ms": _percentile(lat, 0.99) * 1000, "max_ms": lat[-1] * 1000,
            "round_p99_ms": (min(round_p99), max(round_p99))}


class Link:
    """One mode's gateway process and this process's display of it."""

    def __init__(self, keys: Path | None):
        endpoint = _endpoint("tls" if keys else "tcp")
        self.child = subprocess.Popen([sys.executable, "-m", "benchmarks.zenoh_child", endpoint,
                                       *((str(keys),) if keys else ())], text=True, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        if self.child.stdout.readline().strip() != "ready":
            raise RuntimeError("the gateway process did not start")
        self.display = Display(endpoint, load_keys(keys, "cluster") if keys else None)

    def command(self, line: str) -> str:
        self.child.stdin.write(line + "\n")
        self.child.stdin.flush()
        return self.child.stdout.readline().strip()

    def paced(self, n: int, hz: float) -> list[float]:
        """One round: the latencies (s) of n updates written at hz."""
        assert self.command(f"paced {n} {hz}") == "done"
        return [arrived - ts for arrived, ts in self.display.take()]

    def flood(self) -> dict:
        self.display.door_changes = 0
        _, sent, doors = self.command(f"flood {FLOOD_S}").split()
        sent, doors = int(sent), int(doors)
        arrivals = self.display.take()
        door_arrivals = self.display.door_changes
        received = len(arrivals) - door_arrivals
        span = arrivals[-1][0] - arrivals[0][0]
        return {"s": FLOOD_S, "sent": sent, "received": received, "sent_per_s": sent / FLOOD_S,
                "received_per_s": received / span, "dropped": 1 - received / sent,
                "on_change_sent": doors, "on_change_received": door_arrivals,
                "rejected": self.display.source.stats.rejected}

    def close(self) -> None:
        if hasattr(self, "display"):
            self.display.source.stop()
        self.child.stdin.close()
        try:
            self.child.wait(timeout=10)
        finally:
            if self.child.poll() is None:
                self.child.kill()


def run() -> dict:
    """Both modes side by side, their runs interleaved so that a busy moment of the machine falls on both."""
    result: dict = {mode: {} for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys"
        make_keys(keys, {"cluster": "cluster"})
        links: dict[str, Link] = {}
        try:
            for mode in MODES:
                links[mode] = Link(keys if mode == "secure" else None)
            for name, (n, hz) in RATES.items():
                rounds: dict[str, list[list[float]]] = {mode: [] for mode in MODES}
                for _ in range(ROUNDS):
                    for mode in MODES:
                        rounds[mode].append(links[mode].paced(n, hz))
                for mode in MODES:
                    result[mode][name] = _latency(rounds[mode], n, hz)
            for mode in MODES:
                result[mode]["flood"] = links[mode].flood()
        finally:
            for link in links.values():
                link.close()
    result["p99_ratio"] = {name: result["secure"][name]["p99_ms"] / result["plain"][name]["p99_ms"] for name in RATES}
    return result


def markdown(r: dict) -> str:
    rows = "\n".join(
        f"| {name} | {mode} | {x['hz']:,} | {x['p50_ms']:.2f} ms | **{x['p99_ms']:.2f} ms** | "
        f"{x['round_p99_ms'][0]:.2f}–{x['round_p99_ms'][1]:.2f} ms | {x['max_ms']:.2f} ms | "
        f"{x['received']:,}/{x['n']:,} |"
        for name in RATES for mode in MODES for x in (r[mode][name],))
    ratios = ", ".join(f"{name} {r['p99_ratio'][name]:.2f}×" for name in RATES)
    floods = "\n".join(
        f"| {mode} | {f['sent_per_s']:,.0f} | {f['received_per_s']:,.0f} | {f['dropped']:.0%} | "
        f"{f['on_change_received']}/{f['on_change_sent']} | {f['rejected']} |"
        for mode in MODES for f in (r[mode]["flood"],))
    return f"""## Zenoh gateway → display on loopback (goal: p99 < 16.7 ms; secure p99 ≤ 1.5× plain, < 2 ms)

Two processes, peer to peer on loopback, in plain mode (`tcp/`) and in secure mode (`tls/` with mutual
authentication and Zenoh's access control, the display holding the cluster's certificate), both links
open at once and their runs interleaved; latency from `store.update` in the gateway process to the
value landing in the display's store (`bench_zenoh.py`). {ROUNDS} rounds per load, plain and secure
taking turns; percentiles over the rounds pooled (one round's p99 moves by 2× between runs).

| load | mode | updates/s | p50 | p99 | p99 per round | max | received |
|---|---|---|---|---|---|---|---|
{rows}

Secure/plain p99: {ratios}.

Flood for {FLOOD_S:g} s (the gateway writes as fast as it can): what the display cannot take is dropped at
the publisher (congestion control DROP: a slow display must never stall the gateway); on-change
signals, published at a higher priority, all arrive.

| mode | gateway wrote/s | display took/s | dropped | on-change arrived | rejected |
|---|---|---|---|---|---|
{floods}
"""


if __name__ == "__main__":
    r = run()
    print("Zenoh gateway -> display, two processes on loopback (goal: secure p99 <= 1.5x plain and < 2 ms):")
    for name in RATES:
        for mode in MODES:
            x = r[mode][name]
            print(f"  {name:8} {mode:6} {x['hz']:>6,} updates/s: p50 {x['p50_ms']:.2f} ms, p99 {x['p99_ms']:.2f} ms, "
                  f"max {x['max_ms']:.2f} ms ({x['received']:,}/{x['n']:,} received; one round's p99 "
                  f"{x['round_p99_ms'][0]:.2f}-{x['round_p99_ms'][1]:.2f} ms)")
        print(f"  {name:8} secure/plain p99: {r['p99_ratio'][name]:.2f}x")
    for mode in MODES:
        f = r[mode]["flood"]
        print(f"  flood {mode:6} {f['s']:g} s: gateway wrote {f['sent_per_s']:,.0f} updates/s, display took "
              f"{f['received_per_s']:,.0f}/s ({f['dropped']:.1%} dropped at the publisher); on-change amid it: "
              f"{f['on_change_received']}/{f['on_change_sent']} arrived; {f['rejected']} rejected")
