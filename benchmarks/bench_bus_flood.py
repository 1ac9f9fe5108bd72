"""A malformed flood against the cluster: its frame rate and memory while an attacker floods the bus.

Three processes on loopback: the gateway (``cockpit.bus.gateway``, the simulator driving in real
time), the cluster rendered offscreen (``flood_display``) and the attacker (``flood_attacker``),
whose samples cycle through made-up keys (a new one each time), respelled keys, bad JSON,
out-of-range values, 4 kB payloads that parse but are no reading, and 5-64 kB ones.

- **plain**: the display also listens (as a development display may) and the attacker connects to
  it: every sample reaches the display's decoder, which must reject it in bounded memory.
- **secure**: the attacker holds a stolen display key (the HUD's) and connects to the gateway, the
  only peer that listens: access control refuses its puts there.

Each mode: a quiet phase, then the flood; frames/s and RSS in both. Memory growth is read over the
flood's second half: the first includes one-off allocations (Zenoh's buffers, the first rejected
key), a leak keeps growing. Goals: frames stay at 60/s or more, RSS does not grow.
"""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from cockpit.bus.keys import make_keys

from .bench_zenoh import _endpoint

MODES = ("plain", "secure")
QUIET_S = 10
FLOOD_S = 30


class Child:
    """A child process whose stdout lines are collected by a thread, so reads never block."""

    def __init__(self, *args: str, stdin: bool = False):
        self.proc = subprocess.Popen([sys.executable, *args], text=True, stdout=subprocess.PIPE,
                                     stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"})
        self.lines: queue.SimpleQueue[str] = queue.SimpleQueue()
        threading.Thread(target=lambda: [self.lines.put(line.strip()) for line in self.proc.stdout],
                         daemon=True).start()

    def line(self, timeout: float = 30) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"{self.proc.args[2]}: no output within {timeout} s") from None

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _reports(display: Child, seconds: float) -> list[dict]:
    """The display's once-a-second reports over ``seconds``."""
    end = time.monotonic() + seconds
    out = []
    while time.monotonic() < end:
        out.append(json.loads(display.line()))
    return out


def _phase(reports: list[dict]) -> dict:
    first, last = reports[0], reports[-1]
    span = last["t"] - first["t"]
    return {"fps": (last["frames"] - first["frames"]) / span, "rss_mb": last["rss_mb"],
            "cpu_share": (last["cpu_s"] - first["cpu_s"]) / span,
            "rejected_per_s": (last["rejected"] - first["rejected"]) / span}


def run_mode(mode: str, keys: Path) -> dict:
    secure = mode == "secure"
    gateway_at = _endpoint("tls" if secure else "tcp")
    children: list[Child] = []
    try:
        gateway = Child("-m", "cockpit.bus.gateway", "--listen", gateway_at,
                        *(("--secure", str(keys)) if secure else ()))
        children.append(gateway)
        if gateway.line() != "ready":
            raise RuntimeError("the gateway did not start")
        display_at = None if secure else _endpoint("tcp")
        display = Child("-m", "benchmarks.flood_display", gateway_at,
                        *(("--secure", str(keys)) if secure else ("--listen", display_at)))
        children.append(display)
        attacker = Child("-m", "benchmarks.flood_attacker", display_at or gateway_at,
                         *(("--secure", str(keys), "--name", "hud") if secure else ()), stdin=True)
        children.append(attacker)
        if attacker.line() != "connected":
            raise RuntimeError("the attacker did not connect")
        _reports(display, 5)  # warm-up: fonts, first frames, the gateway's values
        quiet = _reports(display, QUIET_S)
        attacker.send(f"seconds {FLOOD_S}")
        flood = _reports(display, FLOOD_S)
        sent = int(attacker.line(timeout=FLOOD_S + 30).split()[1])
        half = flood[len(flood) // 2:]
        last = flood[-1]
        return {"quiet": _phase(quiet), "flood": _phase(flood), "sent": sent,
                "rss_growth_second_half_mb": half[-1]["rss_mb"] - half[0]["rss_mb"],
                "rss_growth_flood_mb": last["rss_mb"] - quiet[-1]["rss_mb"],
                "rejected": last["rejected"], "rejected_keys": last["rejected_keys"],
                "speed_age_s": time.time() - last["speed_ts"]}
    finally:
        for child in reversed(children):
            child.stop()


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys"
        make_keys(keys, {"cluster": "cluster", "hud": "hud"})
        return {mode: run_mode(mode, keys) for mode in MODES}


def markdown(r: dict) -> str:
    rows = "\n".join(
        f"| {mode} | {x['quiet']['fps']:.1f} | {x['flood']['fps']:.1f} | {x['quiet']['rss_mb']:.0f} MB | "
        f"{x['rss_growth_flood_mb']:+.1f} MB | {x['rss_growth_second_half_mb']:+.1f} MB | "
        f"{x['quiet']['cpu_share']:.0%} → {x['flood']['cpu_share']:.0%} | {x['sent']:,} | "
        f"{x['rejected']:,} ({x['rejected_keys']} keys) | {x['speed_age_s']:.2f} s |"
        for mode in MODES for x in (r[mode],))
    return f"""## A malformed flood against the cluster (goal: ≥ 60 frames/s, no memory growth)

Three processes on loopback: the gateway driving WLTC in real time, the cluster rendered offscreen and
an attacker whose samples cycle through made-up keys, respelled keys, bad JSON, out-of-range values,
4 kB payloads that parse but are no reading, and 5–64 kB ones (`bench_bus_flood.py`). {QUIET_S} s quiet,
then {FLOOD_S} s of flood. The cluster is asked for a new frame after every frame, so frames/s is what it
can render, not what its animations happen to ask for (60–125/s depending on the drive). **plain**: the
display also listens, as a development display may, and the attacker connects to it: every sample
reaches its decoder. **secure**: the attacker holds a stolen display key (the HUD's) and connects to the
gateway, the only peer that listens: access control refuses its puts there.

| mode | frames/s quiet | flood | RSS | growth: flood | 2nd half | CPU | attacker sent | rejected | speed age |
|---|---|---|---|---|---|---|---|---|---|
{rows}

Growth is read over the flood's second half too: the first holds one-off allocations (Zenoh's buffers),
a leak keeps growing. Before this benchmark existed, the plain display grew 36 MB (a counter per
made-up key, and Zenoh mapping the attacker's shared-memory segments); now unknown keys share one
counter, links refuse messages over 16 KiB and share no memory.
"""


if __name__ == "__main__":
    r = run()
    print(f"Malformed flood against the cluster ({QUIET_S} s quiet, then {FLOOD_S} s of flood; "
          "goal: >= 60 frames/s, no RSS growth):")
    for mode in MODES:
        x = r[mode]
        q, f = x["quiet"], x["flood"]
        print(f"  {mode:6}: {q['fps']:.1f} -> {f['fps']:.1f} frames/s; RSS {q['rss_mb']:.1f} -> {f['rss_mb']:.1f} MB "
              f"(+{x['rss_growth_flood_mb']:.1f} MB over the flood, {x['rss_growth_second_half_mb']:+.1f} MB in its "
              f"second half); display CPU {q['cpu_share']:.0%} -> {f['cpu_share']:.0%}; attacker sent "
              f"{x['sent']:,}, display rejected {x['rejected']:,} ({f['rejected_per_s']:,.0f}/s) under "
              f"{x['rejected_keys']} key(s); speed {x['speed_age_s']:.2f} s old at the end")
