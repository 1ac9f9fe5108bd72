"""``--source SPEC``: the one place a source is chosen by name.

    sim                      the simulated EV (default)
    can-sim                  the simulated EV through CAN frames of the demo DBC and back
    can:INTERFACE:CHANNEL    a real CAN bus through python-can (--dbc, --mapping)
    replay:FILE.jsonl        a recording made with ``cockpit signals record``
    replay:FILE              a CAN log (candump -L .log, .asc, .blf, .trc, ...) through --dbc/--mapping
    zenoh                    the signals a ``cockpit gateway`` publishes (--connect/--listen)

A DBC and a mapping go together: --dbc and --mapping are given both or neither (then the demo
vehicle's pair), and only to the sources that read CAN frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.documents import shown, unreadable
from cockpit.resources import ASSETS_DIR

from .base import Source

if TYPE_CHECKING:
    from cockpit.bus.secure import BusKeys
    from cockpit.sim.route_drive import RouteTrack

ASSETS = ASSETS_DIR
DEMO_DBC = ASSETS / "can" / "demo-ev.dbc"
DEMO_MAPPING = ASSETS / "can" / "demo-ev.yaml"
SPECS = "sim, can-sim, can:INTERFACE:CHANNEL, replay:FILE, zenoh"


class SourceSpecError(ValueError):
    """The --source text names no source, or lacks what that source needs."""


@dataclass
class SourceOptions:
    cycle: str | RouteTrack = "wltc"  # or a route on the map to drive once (--route)
    speedup: float = 1.0
    seed: int = 1
    dbc: Path | None = None
    mapping: Path | None = None
    replay_speed: float = 1.0  # recorded speed; 0 = as fast as possible
    connect: list[str] = field(default_factory=list)
    listen: list[str] = field(default_factory=list)
    keys: BusKeys | None = None  # secure mode: this display's identity
    insecure: bool = False
    config_file: Path | None = None  # an operator's own Zenoh configuration
    name: str | None = None  # this display's name on the bus
    vehicle_can: tuple[Path, Path] = (DEMO_DBC, DEMO_MAPPING)  # the car's DBC and mapping: without --dbc/--mapping


def open_source(spec: str, opts: SourceOptions) -> Source:
    kind, _, rest = spec.partition(":")
    reads_can = kind == "can" or (kind == "replay" and Path(rest).suffix != ".jsonl")
    if not reads_can and (opts.dbc or opts.mapping):
        given = " and ".join(f"--{k}" for k in ("dbc", "mapping") if getattr(opts, k))
        raise SourceSpecError(f"{given}: only for the sources that read CAN frames (can:INTERFACE:CHANNEL, "
                              f"replay:FILE of a CAN log), not '{spec}'")
    if reads_can and bool(opts.dbc) != bool(opts.mapping):
        given, missing = ("--dbc", "--mapping") if opts.dbc else ("--mapping", "--dbc")
        raise SourceSpecError(f"{given} needs {missing} too: a DBC and the mapping of its signals to VSS paths "
                              "go together (neither: the demo vehicle's)")
    if kind == "sim" and not rest:
        from .simulator import SimulatorSource

        return SimulatorSource(cycle=opts.cycle, speedup=opts.speedup, seed=opts.seed)
    if kind == "can-sim" and not rest:
        from .can import CanSimSource

        return CanSimSource(cycle=opts.cycle, speedup=opts.speedup, seed=opts.seed)
    if kind == "can":
        interface, _, channel = rest.partition(":")
        if not interface or not channel:
            raise SourceSpecError(f"'{spec}': write can:INTERFACE:CHANNEL, e.g. can:socketcan:can0")
        from .can import CanSource

        return CanSource(*_can_files(opts), interface=interface, channel=channel)
    if kind == "replay":
        file = Path(rest)
        if not rest:
            raise SourceSpecError("replay: name the recording, e.g. replay:drive.jsonl or replay:drive.log")
        if (why := unreadable(file)) is not None:  # the reason reading would give: missing, a FIFO, a folder…
            raise SourceSpecError(f"replay: {shown(rest)}: {why}")
        if file.suffix == ".jsonl":
            from .replay import JsonlReplaySource

            return JsonlReplaySource(file, speed=opts.replay_speed)
        from .canlog import CanLogReplaySource

        return CanLogReplaySource(file, *_can_files(opts), speed=opts.replay_speed)
    if kind == "zenoh" and not rest:
        from .zenoh import ZenohSource

        return ZenohSource(connect=opts.connect, listen=opts.listen, name=opts.name or "center", keys=opts.keys,
                           insecure=opts.insecure, config_file=opts.config_file)
    raise SourceSpecError(f"unknown source '{spec}'; choose from {SPECS}")


def _can_files(opts: SourceOptions) -> tuple[Path, Path]:
    """--dbc and --mapping, or the vehicle's own (its variant's; the demo vehicle's by default)."""
    return (opts.dbc, opts.mapping) if opts.dbc else opts.vehicle_can
