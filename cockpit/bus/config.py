"""Zenoh session settings for the cockpit: peer to peer, explicit endpoints, fast failure detection."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import zenoh

# Where the gateway listens and displays connect when no endpoint is given: loopback only, so an
# out-of-the-box cockpit is not reachable from the network.
DEFAULT_ENDPOINT = "tcp/127.0.0.1:7447"

# A link silent for this long is dead. Zenoh's default (10 s) would leave a display showing a
# vanished gateway's values for 10 s after a cable pull; a killed process closes its sockets and
# is noticed at once whatever this is. Keep-alives go out every LEASE_MS / 4.
LEASE_MS = 1000

# A display retries a lost or not yet started gateway every 100 ms at first, then at most every
# 500 ms: a restarted gateway is back within about half a second.
RETRY = {"period_init_ms": 100, "period_max_ms": 500, "period_increase_factor": 2}

_ENDPOINT = re.compile(r"[a-z0-9-]+/\S+")
_RUST_LOCATION = re.compile(r" at /\S+\.rs:\d+\.?")  # where in zenoh's source the error was raised


class BusError(RuntimeError):
    """A Zenoh session could not be opened: a malformed endpoint, a port already in use..."""


def open_session(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False) -> zenoh.Session:
    """``zenoh.open(zenoh_config(...))``, failing with a BusError that says what went wrong."""
    try:
        return zenoh.open(zenoh_config(connect, listen, gateway=gateway))
    except zenoh.ZError as exc:
        raise BusError(f"cannot open the Zenoh session: {_RUST_LOCATION.sub('', str(exc))}") from None


def endpoints(connect: Sequence[str] = (), listen: Sequence[str] = (), *,
              gateway: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The endpoints a session connects to and listens on: the ones given, else ``DEFAULT_ENDPOINT``
    (listened on by the gateway, connected to by a display)."""
    if connect or listen:
        return tuple(connect), tuple(listen)
    return ((), (DEFAULT_ENDPOINT,)) if gateway else ((DEFAULT_ENDPOINT,), ())


def zenoh_config(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False) -> zenoh.Config:
    """A peer-mode configuration with exactly these endpoints (e.g. ``tcp/192.168.1.10:7447``).

    With no endpoint at all, the gateway (``gateway=True``) listens on ``DEFAULT_ENDPOINT`` and a
    display connects to it: peer to peer, no router. A display listens on nothing unless told to,
    so displays never wire themselves to each other.

    Multicast scouting is off: peers find each other only through the endpoints given. On these
    machines (containers, VMs, laptops on Wi-Fi) multicast is often filtered or leaves through the
    wrong interface, which makes discovery work on one machine and silently fail on the next; and
    in a car the topology is fixed, so explicit endpoints say exactly who talks to whom.
    """
    bad = [e for e in (*connect, *listen) if not _ENDPOINT.fullmatch(e)]
    if bad:
        raise BusError(f"Zenoh endpoint {bad[0]!r} is not PROTOCOL/ADDRESS, e.g. tcp/192.168.1.10:7447")
    connect, listen = endpoints(connect, listen, gateway=gateway)
    config = zenoh.Config()
    config.insert_json5("mode", '"peer"')
    config.insert_json5("connect/endpoints", json.dumps(list(connect)))
    config.insert_json5("listen/endpoints", json.dumps(list(listen)))
    config.insert_json5("connect/retry", json.dumps(RETRY))
    config.insert_json5("scouting/multicast/enabled", "false")
    # Zenoh waits this long in open() for peers to be discovered (500 ms by default). With explicit
    # endpoints there is nothing to wait for, and a display whose gateway is not up yet must not
    # hold its first frame back: it connects when the gateway comes.
    config.insert_json5("scouting/delay", "0")
    config.insert_json5("transport/link/tx/lease", str(LEASE_MS))
    return config
