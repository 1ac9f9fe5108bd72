"""An attacker on the bus: floods malformed samples, for bench_bus_flood and tests/test_bus_attacks.py.

    python -m benchmarks.flood_attacker ENDPOINT [--secure DIR --name NAME]

Connects to ENDPOINT (plain, or in secure mode with the certificate of the display NAME from DIR: a
stolen display key), prints "connected" once a peer is there, then reads commands from stdin:
  seconds S    flood for S seconds
  count N      flood N samples
each answered with "sent N". Samples are put with BLOCK congestion control, so none is dropped on the
way: the receiver gets every one. End of stdin ends the process.

The flood cycles through what a broken or hostile publisher may send (``malformed``): a made-up
key (a new one each time), a real signal's key spelled with dots, bad JSON, an out-of-range value
numbered far ahead, a payload of exactly the 4 kB limit that parses but is no reading, and payloads
over the limit (5 kB and 64 kB).
"""

import argparse
import json
import sys
import time

import zenoh

from cockpit.bus.codec import MAX_PAYLOAD, key_of
from cockpit.bus.config import settings
from cockpit.bus.secure import load_keys
from cockpit.vehicle.catalogue import default_catalogue

# Signals of three or more levels: their keys can be respelled with dots (Vehicle/Cabin.Door...).
_DEEP = [key_of(s.path) for s in default_catalogue() if s.path.count(".") >= 2]
KINDS = 6  # malformed() cycles through this many kinds of sample


def malformed(i: int) -> tuple[str, bytes]:
    """The i-th sample of the flood: (key, payload), every one to be rejected by a display."""
    kind = i % KINDS
    reading = {"value": 1.0, "status": "AVAILABLE", "ts": time.time(), "seq": 2**52 + i}
    if kind == 0:  # a key no signal has, new each time (an unbounded count per key would grow forever)
        return f"Vehicle/Made/Up{i}", json.dumps(reading).encode()
    if kind == 1:  # a real signal's key with some '/' after the first spelled '.': not the signal's key
        key = _DEEP[i // KINDS % len(_DEEP)]
        head, *rest = key.split("/")
        mask = i // KINDS // len(_DEEP) % (2 ** (len(rest) - 1) - 1) + 1  # never 0: at least one '.'
        tail = rest[0] + "".join(("." if mask >> b & 1 else "/") + part for b, part in enumerate(rest[1:]))
        return f"{head}/{tail}", json.dumps(reading).encode()
    if kind == 2:
        return "Vehicle/Speed", b'{"value": 88.0, "status": "AVAIL'
    if kind == 3:
        return "Vehicle/Speed", json.dumps({**reading, "value": -1e9}).encode()
    if kind == 4:  # parses (the whole 4 kB of it) but is no reading
        pad = MAX_PAYLOAD - len('{"pad":""}')
        return "Vehicle/Speed", json.dumps({"pad": "x" * pad}, separators=(",", ":")).encode()
    return "Vehicle/Speed", b"x" * (5000 if i // KINDS % 2 else 65536)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("endpoint")
    args.add_argument("--secure", metavar="DIR")
    args.add_argument("--name", default="hud", help="whose certificate (secure mode)")
    opts = args.parse_args()
    config = settings(connect=[opts.endpoint], keys=load_keys(opts.secure, opts.name) if opts.secure else None)
    session = zenoh.open(zenoh.Config.from_json5(json.dumps(config)))
    deadline = time.monotonic() + 20
    while not list(session.info.peers_zid()):
        if time.monotonic() > deadline:
            sys.exit("no peer at " + opts.endpoint)
        time.sleep(0.01)
    print("connected", flush=True)
    block = zenoh.CongestionControl.BLOCK
    i = 0
    for line in sys.stdin:
        command, arg = line.split()
        start = i
        if command == "seconds":
            end = time.monotonic() + float(arg)
            while time.monotonic() < end:
                for _ in range(KINDS * 10):
                    session.put(*malformed(i), congestion_control=block)
                    i += 1
        else:
            for _ in range(int(arg)):
                session.put(*malformed(i), congestion_control=block)
                i += 1
        print(f"sent {i - start}", flush=True)
    session.close()


if __name__ == "__main__":
    main()
