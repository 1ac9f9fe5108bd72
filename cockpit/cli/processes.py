"""``cockpit demo --processes``: the demo as a car runs it — a gateway process and one process per
display, talking over Zenoh on this machine (secure with ``--secure DIR``).

Each child is the very command a user would start by hand (``cockpit gateway``, ``cockpit
cluster``…), so this is also the quickest way to see the distributed setup work. When one child
ends, the others are stopped; Ctrl+C stops them all.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import threading

from .common import CliError, open_from_args

# The options a child gets from the demo's own arguments: the source's for the gateway, the look's
# for the displays (each flag once, with its value when it has one).
_SOURCE = ("source", "cycle", "route", "map", "seed", "speedup", "dbc", "mapping", "replay_speed", "variant")
_LOOK = ("variant", "theme", "dev")
STOP_S = 5.0  # a child that has not ended this long after SIGTERM is killed


def run(args: argparse.Namespace, views: tuple[str, ...]) -> int:
    if args.kiosk:
        raise CliError("--processes with --kiosk: the kiosk runs in one process")
    if args.source == "zenoh":
        raise CliError("--processes with --source zenoh: the demo's gateway reads the vehicle (sim, can-sim, "
                       "can:..., replay:...)")
    open_from_args(args, gateway=True)  # a mistake in the source's arguments is said here, in one line
    if args.connect or args.zenoh_config or args.name or args.insecure:
        raise CliError("--processes: the demo chooses the bus's endpoint on this machine itself; give --listen "
                       "ENDPOINT for a fixed one, --secure DIR for secure mode")
    endpoint = args.listen[0] if args.listen else _free_endpoint("tls" if args.secure else "tcp")
    secure = ["--secure", str(args.secure)] if args.secure else []
    gateway = ["gateway", *_flags(args, _SOURCE), "--listen", endpoint, *secure]
    look = _flags(args, _LOOK) + [a for d in args.theme_dir for a in ("--theme-dir", str(d))]
    displays = [[view, "--source", "zenoh", "--connect", endpoint, *secure, *look] for view in views]
    children: list[subprocess.Popen] = []
    done = threading.Event()

    def start(argv: list[str]) -> None:
        child = subprocess.Popen([sys.executable, "-m", "cockpit.cli", *argv])
        children.append(child)
        threading.Thread(target=lambda: (child.wait(), done.set()), daemon=True).start()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    try:
        start(gateway)
        for argv in displays:
            start(argv)
        print(f"cockpit demo: gateway and {', '.join(views)} as {len(children)} processes on {endpoint}"
              f"{' (secure)' if secure else ''}; Ctrl+C to stop", file=sys.stderr, flush=True)
        done.wait()
    finally:
        ended = next((c for c in children if c.poll() not in (None, 0)), None)
        for child in reversed(children):  # the displays first: they would report the gateway gone
            if child.poll() is None:
                child.terminate()
            try:
                child.wait(STOP_S)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    if ended is not None:
        print(f"cockpit demo: {ended.args[3]} ended with status {ended.returncode}; stopped the others",
              file=sys.stderr)
        return 1
    return 0


def _flags(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for name in names:
        value = getattr(args, name)
        flag = "--" + name.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, list):  # --route FROM TO
            out += [flag, *map(str, value)]
        elif value not in (None, False):
            out += [flag, str(value)]
    return out


def _free_endpoint(protocol: str) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"{protocol}/127.0.0.1:{s.getsockname()[1]}"
