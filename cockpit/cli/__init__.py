"""The ``cockpit`` command: every user-facing feature starts here.

    cockpit                          the demo: cluster + center screen driven by the simulator
    cockpit demo --source can-sim    the same, through CAN frames and a DBC
    cockpit cluster --source zenoh   one display as its own process, fed by a gateway
    cockpit gateway --source sim     publish a vehicle's signals on Zenoh
    cockpit bus keys|config          keys for the secure bus (--secure DIR), its Zenoh configuration
    cockpit signals list|get|watch|record
    cockpit themes list|check, cockpit gallery
    cockpit variants list|check      the cars: displays, modules, theme, CAN mapping (demo --variant NAME)
    cockpit i18n check|update        the four languages: complete, and every text fits
    cockpit profiles list|show|create|export|import|erase   driver profiles
    cockpit route --from A --to B    a route on the map (OpenStreetMap), turn by turn; cockpit map check FILE
    cockpit screenshot               render a view offscreen to PNG
    cockpit voice recognize|parse|say|models|install-model   the voice assistant, headless
    cockpit demo --kiosk             an unattended showroom demo (cockpit kiosk check: its files)
    cockpit release init|bundle|add|publish|refresh-timestamp|rotate|status   the maker's update repository
    cockpit update setup|check|install|status|rollback   the car's over-the-air updates
    cockpit health [--json]          the car's health predictions (battery, tires, 12 V, pads)
    cockpit sim age --days N         fast-forward a simulated car's wear into the health journal
    cockpit fleet collect|simulate|report   fleet maintenance statistics over Zenoh (with consent)
    cockpit privacy report|export|erase|consent   what the car keeps about you, your copy, erasing it

Each module here registers its commands (``register(sub)``) with a ``handler`` to run.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from importlib.metadata import version

from . import (
    bus,
    display,
    fleet,
    health,
    i18n,
    kiosk,
    navigation,
    privacy,
    profiles,
    release,
    screenshot,
    signals,
    sim,
    themes,
    update,
    variants,
    voice,
)
from .common import CliError

COMMANDS = (display, bus, signals, themes, variants, i18n, navigation, screenshot, kiosk, profiles, voice, release,
            update, health, sim, fleet, privacy)


class _Parser(argparse.ArgumentParser):
    """A mistake in the arguments is one line, like every other user error (its subcommands' parsers
    are of this class too)."""

    def error(self, message: str):  # noqa: ANN201 - does not return
        self.exit(2, f"cockpit: {message} (see '{self.prog} --help')\n")


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="cockpit",
        description="An open-source digital cockpit: instrument cluster, center screen and head-up display fed "
        "by a vehicle-signal model (COVESA VSS). With no command, runs the demo.",
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    top.add_argument("--version", action="version", version=f"cockpit {version('cockpit')}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Arguments can hold bytes that are not UTF-8 (a file name, say), which Python passes on as lone
    # surrogates: a terminal's strict UTF-8 output would fail on them where they are echoed; escape them.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    if argv and argv[0].startswith("--") and argv[0] not in ("--help", "--verbose", "--version"):
        argv = ["demo", *argv]  # `cockpit --dev` is `cockpit demo --dev`
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        args = parser().parse_args(["-v", "demo"] if args.verbose else ["demo"])
    try:
        return args.handler(args)
    except CliError as exc:
        print(f"cockpit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head: the reader is gone, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
