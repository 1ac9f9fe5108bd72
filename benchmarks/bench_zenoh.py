"""Zenoh gateway-to-display latency and sustained rate, across two processes on loopback.

A child process (``benchmarks/zenoh_child.py``) owns a SignalStore published by a Gateway; this
process is the display: a ZenohSource feeding its own SignalStore. Latency runs from
``store.update`` in the gateway process (source_ts = time.time(): one system clock for both
processes) to the listener of the display's store seeing the value: validation, encoding, Zenoh
over TCP, decoding and validation again. Goal: p99 under one 60 Hz frame (16.7 ms).

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
import time

from cockpit.sources.zenoh import ZenohSource
from cockpit.vehicle.store import Reading, SignalStore

DOOR = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"  # the on-change signal the child toggles amid the flood
RATES = {"typical": (2000, 200), "loaded": (10000, 5000)}  # name -> (updates, updates/s)
FLOOD_S = 3.0


def _endpoint() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"tcp/127.0.0.1:{s.getsockname()[1]}"


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))]


class Display:
    """This process's side: a ZenohSource into a store whose listener times every arrival."""

    def __init__(self, endpoint: str):
        self.store = SignalStore()
        self.arrivals: list[tuple[float, float]] = []  # (arrival, source_ts)
        self.door_changes = 0
        self.store.listen(self._arrived)
        self.source = ZenohSource(connect=[endpoint])
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


def run() -> dict:
    endpoint = _endpoint()
    child = subprocess.Popen([sys.executable, "-m", "benchmarks.zenoh_child", endpoint], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def command(line: str) -> str:
        child.stdin.write(line + "\n")
        child.stdin.flush()
        return child.stdout.readline().strip()

    result: dict = {}
    try:
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("the gateway process did not start")
        display = Display(endpoint)
        for name, (n, hz) in RATES.items():
            assert command(f"paced {n} {hz}") == "done"
            arrivals = display.take()
            lat = sorted(arrived - ts for arrived, ts in arrivals)
            result[name] = {"n": n, "hz": hz, "received": len(arrivals), "p50_ms": _percentile(lat, 0.5) * 1000,
                            "p99_ms": _percentile(lat, 0.99) * 1000, "max_ms": lat[-1] * 1000}
        _, sent, doors = command(f"flood {FLOOD_S}").split()
        sent, doors = int(sent), int(doors)
        arrivals = display.take()
        door_arrivals = display.door_changes
        received = len(arrivals) - door_arrivals
        span = arrivals[-1][0] - arrivals[0][0]
        result["flood"] = {"s": FLOOD_S, "sent": sent, "received": received, "sent_per_s": sent / FLOOD_S,
                           "received_per_s": received / span, "dropped": 1 - received / sent,
                           "on_change_sent": doors, "on_change_received": door_arrivals}
        result["rejected"] = display.source.stats.rejected
        display.source.stop()
        child.stdin.close()
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    return result


if __name__ == "__main__":
    r = run()
    print("Zenoh gateway -> display, two processes on loopback (goal p99 < 16.7 ms):")
    for name in RATES:
        x = r[name]
        print(f"  {name:8} {x['hz']:>6,} updates/s: p50 {x['p50_ms']:.2f} ms, p99 {x['p99_ms']:.2f} ms, "
              f"max {x['max_ms']:.2f} ms ({x['received']:,}/{x['n']:,} received)")
    f = r["flood"]
    print(f"  flood {f['s']:g} s: gateway wrote {f['sent_per_s']:,.0f} updates/s, display took "
          f"{f['received_per_s']:,.0f}/s ({f['dropped']:.1%} dropped at the publisher); on-change amid it: "
          f"{f['on_change_received']}/{f['on_change_sent']} arrived; {r['rejected']} rejected")
