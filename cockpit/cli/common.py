"""What the commands share: options for sources and looks, user errors, waiting for Ctrl+C."""

from __future__ import annotations

import argparse
import signal
import threading
import time
from pathlib import Path

from cockpit.sources.spec import SPECS, SourceOptions, SourceSpecError, open_source

CYCLES = ("wltc", "udds", "hwfet")
VIEWS = ("cluster", "center", "hud")


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


def source_options(p: argparse.ArgumentParser, default: str = "sim") -> None:
    g = p.add_argument_group("vehicle source")
    g.add_argument("--source", default=default, metavar="SPEC",
                   help=f"where signals come from: {SPECS} (default {default})")
    g.add_argument("--cycle", choices=CYCLES, default="wltc", help="simulator: drive cycle (default wltc)")
    g.add_argument("--seed", type=int, default=1, help="simulator: seed of the scenario events (same seed, same drive)")
    g.add_argument("--speedup", type=float, default=1.0, help="simulator: simulated seconds per real second")
    g.add_argument("--dbc", type=Path, help="CAN: the DBC file, with --mapping (neither: the demo vehicle's pair)")
    g.add_argument("--mapping", type=Path, help="CAN: DBC-to-VSS mapping file, with --dbc")
    g.add_argument("--replay-speed", type=float, default=None,
                   help="replay: 1 = recorded speed, N = N times faster, 0 = as fast as possible")
    g.add_argument("--connect", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to connect to, e.g. tcp/192.168.1.10:7447 (repeatable)")
    g.add_argument("--listen", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to listen on, e.g. tcp/0.0.0.0:7447 (repeatable)")


def look_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("look (for designers)")
    g.add_argument("--theme", default="dark", help="theme name (default dark); see 'cockpit themes list'")
    g.add_argument("--theme-dir", action="append", type=Path, default=[], metavar="PATH",
                   help="a folder of *.tokens.json themes, searched before the shipped ones (repeatable)")
    g.add_argument("--dev", "--watch", action="store_true",
                   help="live reload: repaint on token edits, reload windows on QML edits, show errors on screen")


def open_from_args(args: argparse.Namespace, replay_speed: float = 1.0):
    opts = SourceOptions(cycle=args.cycle, speedup=args.speedup, seed=args.seed, dbc=args.dbc, mapping=args.mapping,
                         replay_speed=replay_speed if args.replay_speed is None else args.replay_speed,
                         connect=args.connect, listen=args.listen)
    try:
        return open_source(args.source, opts)
    except (SourceSpecError, ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc


def until_stopped(seconds: float | None = None, finished: threading.Event | None = None,
                   tick=lambda: None) -> None:  # noqa: ANN001
    """Block until Ctrl+C / SIGTERM, ``seconds`` elapse, or ``finished`` is set; ``tick()`` every 50 ms."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    end = None if seconds is None else time.monotonic() + seconds
    while not stop.wait(0.05):
        tick()
        if (end is not None and time.monotonic() >= end) or (finished is not None and finished.is_set()):
            return
