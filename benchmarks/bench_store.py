"""SignalStore ingest rate on one core: updates/s through ``update`` and ``update_many``, with a
change feed attached (as when the bridge is running). Goal: >= 500k updates/s."""

import time

from cockpit.vehicle.store import SignalStore

N = 400_000


def workload() -> list[tuple[str, object]]:
    # a realistic mix: continuous floats, an int16 power, on-change booleans that flip
    paths = [("Vehicle.Speed", lambda i: float(i % 200)),
             ("Vehicle.Powertrain.ElectricMotor.Power", lambda i: i % 150 - 50),
             ("Vehicle.Powertrain.ElectricMotor.Speed", lambda i: float(i % 9000)),
             ("Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling", lambda i: bool(i // 4 % 2)),
             ("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", lambda i: (i % 1000) / 10)]
    return [(p, f(i)) for i in range(N // len(paths)) for p, f in paths]


def run() -> dict:
    items = workload()
    store = SignalStore()
    feed = store.changes()
    t = time.perf_counter()
    for path, value in items:
        store.update(path, value)
    single = len(items) / (time.perf_counter() - t)
    feed.drain()
    t = time.perf_counter()
    for i in range(0, len(items), 100):  # batches of 100, as a CAN reader would hand over
        store.update_many(items[i:i + 100])
    batched = len(items) / (time.perf_counter() - t)
    assert not store.rejections, store.rejections
    return {"update_per_s": single, "update_many_per_s": batched, "n": len(items)}


if __name__ == "__main__":
    r = run()
    print(f"SignalStore ingest: update {r['update_per_s']:,.0f}/s, update_many {r['update_many_per_s']:,.0f}/s "
          f"({r['n']:,} updates, one core)")
