"""Gateway side of bench_zenoh: a SignalStore published by a Gateway, written on command.

    python -m benchmarks.zenoh_child ENDPOINT [KEYS]

Listens on ENDPOINT; with KEYS (a folder from ``cockpit bus keys``) in secure mode, as the gateway.

Prints "ready" once serving, then reads commands from stdin, one per line:
  paced N HZ   N updates round a mix of signals, HZ per second, each stamped with time.time() as source_ts
  flood S      updates round a mix of signals as fast as possible for S seconds, with a door opening
               or closing every 2,000 of them; prints "sent K D" (K updates, D of the door)
Each command ends with a line on stdout ("done" or "sent K D"); end of stdin ends the process.
"""

import sys
import time

from cockpit.bus.gateway import Gateway
from cockpit.bus.secure import load_keys
from cockpit.vehicle.store import SignalStore

# Continuous signals a gateway publishes most often; the values written (0..9) are valid for each.
MIX = ["Vehicle.Speed", "Vehicle.Powertrain.ElectricMotor.Speed", "Vehicle.Acceleration.Longitudinal",
       "Vehicle.Powertrain.TractionBattery.CurrentPower"]
DOOR = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"


def main() -> None:
    store = SignalStore()
    keys = load_keys(sys.argv[2], "gateway") if len(sys.argv) > 2 else None
    gateway = Gateway(store, listen=[sys.argv[1]], keys=keys)
    gateway.start()
    store.update("Vehicle.Speed", 0.0)
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "paced":
            n, hz = int(args[0]), float(args[1])
            start = time.perf_counter()
            for i in range(n):
                # absolute schedule: a late wake-up does not push every later sample back
                time.sleep(max(0.0, start + i / hz - time.perf_counter()))
                store.update(MIX[i % len(MIX)], float(i // len(MIX) % 10), source_ts=time.time())
            print("done", flush=True)
        elif command == "flood":
            end = time.perf_counter() + float(args[0])
            sent = 0
            doors = 0
            while time.perf_counter() < end:
                for _ in range(100):
                    sent += store.update(MIX[sent % len(MIX)], float(sent // len(MIX) % 10), source_ts=time.time())
                if sent % 2000 < 100:  # an on-change signal now and then, amid the flood
                    doors += store.update(DOOR, doors % 2 == 0)
            print(f"sent {sent} {doors}", flush=True)
    gateway.stop()


if __name__ == "__main__":
    main()
