"""CAN decode-to-store throughput on one core, against a fully loaded 1 Mbit/s classic CAN bus
(7,407 frames/s at worst-case bit stuffing). Goal: 10 such buses on one core, >= 74,070 frames/s.

The frames are the demo EV's own traffic (assets/can/demo-ev.dbc): the simulated car driving WLTC,
encoded by the CanEmitter at each message's DBC cycle time and on change, so the mix of messages,
byte orders and value tables is the one the cockpit decodes in `--source can-sim`.
"""

import time

import can

from cockpit.can.decoder import CanDecoder
from cockpit.can.emitter import CanEmitter
from cockpit.can.mapping import load_dbc
from cockpit.sim.drive import DriveSimulation
from cockpit.sources.can import DEMO_DBC, DEMO_MAPPING, CanSource
from cockpit.vehicle.store import SignalStore

FULL_BUS_FPS = 7_407  # 1 Mbit/s, 8-byte frames, 11-bit ids, worst-case stuffing (135 bits)
GOAL_BUSES = 10
N = 200_000
DRIVE_S = 600.0


def traffic(seconds: float = DRIVE_S) -> list[can.Message]:
    """The demo car's frames over ``seconds`` of WLTC, with their simulated timestamps."""
    channel = f"bench-record-{time.monotonic_ns()}"
    tx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    rx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    frames = []
    try:
        emitter = CanEmitter(DEMO_DBC, DEMO_MAPPING, tx)
        sim = DriveSimulation("wltc", seed=1)
        for path, value in sim.snapshot():
            emitter.set(path, value)
        t = 0.0
        while t < seconds:
            for path, value in sim.advance(0.01):
                emitter.set(path, value)
            t += 0.01
            emitter.send_due(t)
            while (msg := rx.recv(timeout=0)) is not None:
                msg.timestamp = t
                frames.append(msg)
    finally:
        tx.shutdown()
        rx.shutdown()
    return frames


def _repeat(frames: list[can.Message], n: int) -> list[can.Message]:
    return [frames[i % len(frames)] for i in range(n)]


def bench_cantools(frames: list[can.Message]) -> float:
    """Reference: cantools decoding every signal of each frame (no mapping, no store)."""
    db = load_dbc(DEMO_DBC)
    by_id = {m.frame_id: m for m in db.messages}
    t = time.perf_counter()
    for msg in frames:
        by_id[msg.arbitration_id].decode(msg.data)
    return len(frames) / (time.perf_counter() - t)


def bench_decode(frames: list[can.Message], with_store: bool) -> float:
    decoder = CanDecoder(DEMO_DBC, DEMO_MAPPING)
    decode = decoder.decode
    store = SignalStore()
    store.changes()  # a change feed attached, as when the per-frame bridge runs
    update_many = store.update_many
    t = time.perf_counter()
    if with_store:
        for msg in frames:
            values = decode(msg)
            if values:
                update_many(values, msg.timestamp)
    else:
        for msg in frames:
            decode(msg)
    fps = len(frames) / (time.perf_counter() - t)
    assert not store.rejections, store.rejections
    # the only values dropped are the cruise set speed's "not available" before cruise control is first set
    assert not decoder.stats.bad_frames, decoder.stats.summary()
    assert {reason.value for _, reason in decoder.stats.bad_values} <= {"not available"}, decoder.stats.summary()
    return fps


def bench_virtual_bus(frames: list[can.Message]) -> float:
    """The whole CanSource path: recv() from a python-can virtual bus, decode, store, on the reader thread.

    The frames are queued on the bus before the source starts, so the sender's work is not counted.
    """
    channel = f"bench-bus-{time.monotonic_ns()}"
    tx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    rx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    for msg in frames:
        tx.send(msg)
    store = SignalStore()
    store.changes()
    source = CanSource(DEMO_DBC, DEMO_MAPPING, bus=rx, silence_timeout_s=60)
    stats = source.stats
    t = time.perf_counter()
    source.start(store)
    while stats.frames_ok + stats.frames_bad < len(frames):
        time.sleep(0.001)
    fps = len(frames) / (time.perf_counter() - t)
    source.stop()
    tx.shutdown()
    rx.shutdown()
    return fps


def run() -> dict:
    recorded = traffic()
    frames = _repeat(recorded, N)
    results = {
        "n": len(frames),
        "recorded_frames": len(recorded),
        "recorded_s": DRIVE_S,
        "cantools_fps": bench_cantools(frames),
        "decode_fps": bench_decode(frames, with_store=False),
        "decode_store_fps": bench_decode(frames, with_store=True),
        "virtual_bus_fps": bench_virtual_bus(frames[: N // 4]),
        "full_bus_fps": FULL_BUS_FPS,
    }
    for key in ("cantools_fps", "decode_fps", "decode_store_fps", "virtual_bus_fps"):
        results[key.replace("_fps", "_buses")] = results[key] / FULL_BUS_FPS
    results["goal_met"] = results["decode_store_fps"] >= GOAL_BUSES * FULL_BUS_FPS
    return results


if __name__ == "__main__":
    r = run()
    print(f"demo EV traffic: {r['recorded_frames']:,} frames in {r['recorded_s']:.0f} s of WLTC "
          f"({r['recorded_frames'] / r['recorded_s']:.0f} frames/s); looped to {r['n']:,} frames, one core")
    print(f"  cantools decode only (all signals)  {r['cantools_fps']:>10,.0f} frames/s  "
          f"{r['cantools_buses']:5.1f} x a full 1 Mbit/s bus")
    print(f"  CanDecoder.decode                   {r['decode_fps']:>10,.0f} frames/s  {r['decode_buses']:5.1f} x")
    print(f"  decode + SignalStore.update_many    {r['decode_store_fps']:>10,.0f} frames/s  "
          f"{r['decode_store_buses']:5.1f} x   (goal {GOAL_BUSES} x = {GOAL_BUSES * FULL_BUS_FPS:,})")
    print(f"  CanSource on a virtual bus          {r['virtual_bus_fps']:>10,.0f} frames/s  "
          f"{r['virtual_bus_buses']:5.1f} x   (recv + decode + store)")
