"""``cockpit screenshot``: render a view offscreen after simulating N seconds."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cockpit.vehicle.store import SignalStore

from .common import CYCLES, VIEWS, CliError


def register(sub: argparse._SubParsersAction) -> None:
    shot = sub.add_parser("screenshot", help="render a view offscreen to a PNG after simulating N seconds")
    shot.set_defaults(handler=screenshot)
    shot.add_argument("--view", choices=VIEWS, default="cluster")
    shot.add_argument("--out", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--at", type=float, default=120.0, help="simulated seconds before the picture (default 120)")
    shot.add_argument("--theme", default="dark")
    shot.add_argument("--page", default=None,
                      help="center screen page: home, climate, energy, vehicle, settings, driver")
    shot.add_argument("--cycle", choices=CYCLES, default="wltc", help="drive cycle (default wltc)")
    shot.add_argument("--seed", type=int, default=1, help="seed of the scenario events")


def screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - must outlive the render
    from cockpit.app import Cockpit, messages, render
    from cockpit.sources.simulator import SimulatorSource

    if args.page and args.view != "center":
        raise CliError("--page is for the center view")
    # The picture is of one instant: a stopped store clock keeps the values as fresh as they were
    # when the simulation ended, however long loading the QML takes.
    cockpit = Cockpit(theme=args.theme, signals=SignalStore(clock=lambda: 0.0))
    SimulatorSource(cycle=args.cycle, seed=args.seed).run_for(cockpit.signals, args.at)
    window = cockpit.load(args.view)
    if args.page:
        window.setProperty("page", args.page)
    image = render(cockpit, args.view)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(args.out))
    cockpit.close()
    if not ok:
        print(f"cockpit: could not write {args.out}", file=sys.stderr)
        return 1
    for w in messages.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"{args.out}: {args.view} at {args.at:g} s of {args.cycle}, {image.width()}x{image.height()}")
    return 0
