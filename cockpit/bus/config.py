"""Zenoh session settings for the cockpit: peer to peer, explicit endpoints, fast failure detection,
and the two security modes.

- **Plain** (no ``--secure``): TCP with no authentication, for development. Anyone who reaches the
  port can publish any value and request anything, so it stays on loopback: an endpoint on any
  other address is refused unless ``--insecure`` says so, and then it is warned about at each start.
- **Secure** (``--secure DIR``, ``cockpit.bus.secure``): mutual TLS against the bus's own CA and
  Zenoh's access control by certificate name.

Either way, multicast scouting and gossip are off: peers meet only through the endpoints given.
Gossip would make a peer connect to any address another peer advertises, so a rogue peer that
listens would be dialled by the displays.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import zenoh

from cockpit.files import InputFileError, read_regular

from .codec import MAX_PAYLOAD
from .secure import BusKeys, access_control, tls_settings

log = logging.getLogger(__name__)

# Where the gateway listens and displays connect when no endpoint is given: loopback only, so an
# out-of-the-box cockpit is not reachable from the network.
DEFAULT_ENDPOINT = "tcp/127.0.0.1:7447"
DEFAULT_SECURE_ENDPOINT = "tls/127.0.0.1:7447"

# A link silent for this long is dead. Zenoh's default (10 s) would leave a display showing a
# vanished gateway's values for 10 s after a cable pull; a killed process closes its sockets and
# is noticed at once whatever this is. Keep-alives go out every LEASE_MS / 4.
LEASE_MS = 1000

# A display retries a lost or not yet started gateway every 100 ms at first, then at most every
# 500 ms: a restarted gateway is back within about half a second.
RETRY = {"period_init_ms": 100, "period_max_ms": 500, "period_increase_factor": 2}

# The largest Zenoh message a peer takes: a payload (codec.MAX_PAYLOAD) with room for its key and
# headers; anything larger is refused before it is reassembled.
MAX_MESSAGE = 4 * MAX_PAYLOAD

MAX_CONFIG = 256 * 1024  # an operator's Zenoh configuration file

_ENDPOINT = re.compile(r"[a-z0-9-]+/\S+")
_RUST_LOCATION = re.compile(r" at /\S+\.rs:\d+\.?")  # where in zenoh's source the error was raised
_LOCAL_PROTOCOLS = ("unixsock-stream", "unixpipe", "vsock")  # never leave the machine (vsock: to its VMs)


class BusError(RuntimeError):
    """A Zenoh session could not be opened: a malformed endpoint, a port already in use..."""


def open_session(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False,
                 keys: BusKeys | None = None, insecure: bool = False, config_file: Path | None = None,
                 access: dict[str, Any] | None = None) -> zenoh.Session:
    """``zenoh.open`` with the settings below (or an operator's own file), failing with a BusError
    that says what went wrong."""
    config = load_config(config_file) if config_file else zenoh_config(connect, listen, gateway=gateway, keys=keys,
                                                                       insecure=insecure, access=access)
    try:
        return zenoh.open(config)
    except zenoh.ZError as exc:
        raise BusError(f"cannot open the Zenoh session: {_RUST_LOCATION.sub('', str(exc))}") from None


def endpoints(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False,
              secure: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The endpoints a session connects to and listens on: the ones given, else the default endpoint
    (listened on by the gateway, connected to by a display)."""
    if connect or listen:
        return tuple(connect), tuple(listen)
    default = DEFAULT_SECURE_ENDPOINT if secure else DEFAULT_ENDPOINT
    return ((), (default,)) if gateway else ((default,), ())


def zenoh_config(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False,
                 keys: BusKeys | None = None, insecure: bool = False,
                 access: dict[str, Any] | None = None) -> zenoh.Config:
    """The configuration ``settings`` describes, as a zenoh.Config."""
    return zenoh.Config.from_json5(json.dumps(settings(connect, listen, gateway=gateway, keys=keys, insecure=insecure,
                                                       access=access)))


def settings(connect: Sequence[str] = (), listen: Sequence[str] = (), *, gateway: bool = False,
             keys: BusKeys | None = None, insecure: bool = False,
             access: dict[str, Any] | None = None) -> dict[str, Any]:
    """A peer-mode configuration with exactly these endpoints (e.g. ``tcp/192.168.1.10:7447``).

    With no endpoint at all, the gateway (``gateway=True``) listens on the default endpoint and a
    display connects to it: peer to peer, no router. A display listens on nothing unless told to,
    so displays never wire themselves to each other. BusError for an endpoint that is malformed,
    not TLS in secure mode, or plain beyond loopback without ``insecure``.

    Multicast scouting is off: peers find each other only through the endpoints given. On these
    machines (containers, VMs, laptops on Wi-Fi) multicast is often filtered or leaves through the
    wrong interface, which makes discovery work on one machine and silently fail on the next; and
    in a car the topology is fixed, so explicit endpoints say exactly who talks to whom.

    ``access``: in secure mode, the access control to use instead of the vehicle bus's (the fleet's
    own, ``cockpit.fleet.access``: the same TLS, other keys and messages).
    """
    bad = [e for e in (*connect, *listen) if not _ENDPOINT.fullmatch(e)]
    if bad:
        raise BusError(f"Zenoh endpoint {bad[0]!r} is not PROTOCOL/ADDRESS, e.g. tcp/192.168.1.10:7447")
    connect, listen = endpoints(connect, listen, gateway=gateway, secure=keys is not None)
    if keys is not None:
        plain = [e for e in (*connect, *listen) if not e.startswith("tls/")]
        if plain:
            raise BusError(f"Zenoh endpoint {plain[0]!r}: with --secure every endpoint is tls/HOST:PORT")
    else:
        exposed = [e for e in (*connect, *listen) if not _local(e)]
        if exposed and not insecure:
            raise BusError(f"Zenoh endpoint {exposed[0]!r} is beyond this machine, and plain links have no "
                           "authentication: anyone who reaches it can forge every value and request. Use --secure DIR "
                           "(keys from 'cockpit bus keys'), or --insecure on a development network")
        if exposed:
            log.warning("INSECURE: plain Zenoh on %s: anyone who reaches it can forge every value and request "
                        "(use --secure DIR)", ", ".join(exposed))
    config: dict[str, Any] = {
        "mode": "peer",
        "connect": {"endpoints": list(connect), "retry": RETRY},
        "listen": {"endpoints": list(listen)},
        # Zenoh waits scouting/delay in open() for peers to be discovered (500 ms by default). With
        # explicit endpoints there is nothing to wait for, and a display whose gateway is not up yet
        # must not hold its first frame back: it connects when the gateway comes.
        "scouting": {"multicast": {"enabled": False}, "gossip": {"enabled": False}, "delay": 0},
        "transport": {
            # A peer reassembles a fragmented message up to this size before anyone can look at it
            # (Zenoh's default: 1 GiB): a hostile peer could make a display hold a gigabyte.
            "link": {"tx": {"lease": LEASE_MS}, "rx": {"max_message_size": MAX_MESSAGE}},
            # Shared memory would have a display map segments a local peer owns and keeps writing
            # to; the bus's payloads (at most 4 kB) gain nothing from it.
            "shared_memory": {"enabled": False},
        },
    }
    if keys is not None:
        config["transport"]["link"].update(protocols=["tls"], tls=tls_settings(keys))
        config["access_control"] = access if access is not None else access_control(keys)
    return config


def load_config(path: Path) -> zenoh.Config:
    """An operator's own Zenoh configuration (JSON5), read within bounds; BusError when it is unusable."""
    try:
        text = read_regular(path, MAX_CONFIG, "a Zenoh configuration").decode("utf-8")
        return zenoh.Config.from_json5(text)
    except InputFileError as exc:
        raise BusError(str(exc)) from None
    except UnicodeDecodeError:
        raise BusError(f"{path}: not UTF-8 text") from None
    except zenoh.ZError as exc:
        raise BusError(f"{path}: not a Zenoh configuration ({_RUST_LOCATION.sub('', str(exc))})") from None


def _local(endpoint: str) -> bool:
    """Whether an endpoint stays on this machine: loopback addresses and local sockets."""
    protocol, _, address = endpoint.partition("/")
    if protocol in _LOCAL_PROTOCOLS:
        return True
    host = address.split("#")[0].rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: wherever it resolves, it may be another machine
