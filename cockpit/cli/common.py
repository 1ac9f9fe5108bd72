"""What the commands share: user errors, argument types (numbers, files and folders to read or write),
options for sources and looks, starting a source, simulating with progress, waiting for Ctrl+C."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

from cockpit.files import not_regular
from cockpit.sources.spec import SPECS, SourceOptions, SourceSpecError, open_source

CYCLES = ("wltc", "udds", "hwfet")
VIEWS = ("cluster", "center", "hud", "passenger")


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


# ----- argument types: what a number or a path may be, said once for every command -----
# argparse calls them on the text given and puts the option's name in front of the message.

MAX_SIM_S = 86_400  # --at: a day of driving, about a minute to simulate (with progress on stderr)
MAX_DURATION_S = 366 * 86_400  # --duration: a year; without --duration a command runs until Ctrl+C


def _shown(text: str) -> str:
    """``text`` quoted (control characters escaped), cut if absurdly long: the message stays one line.
    Not documents.shown, which cuts at 80 characters: a path typed on the command line is shown whole."""
    return repr(text if len(text) <= 200 else text[:60] + "…")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def number(lo: float, hi: float, *, integer: bool = False, zero: str | None = None):  # noqa: ANN201
    """A finite number from ``lo`` to ``hi`` (an int with ``integer``); with ``zero`` (what 0 means),
    0 as well. NaN, infinities and anything outside are refused with the range in the message."""
    allowed = f"{'an integer' if integer else 'a number'} from {_num(lo)} to {_num(hi)}"
    if zero:
        allowed += f", or 0 ({zero})"

    def parse(text: str) -> float:
        try:
            value = int(text) if integer else float(text)
        except ValueError:  # also an int of more than 4300 digits
            value = None
        if value is None or not (lo <= value <= hi or (zero and value == 0)):  # NaN fails every comparison
            raise argparse.ArgumentTypeError(f"must be {allowed}, not {_shown(text)}")
        return value

    return parse


SIM_SECONDS = number(0, MAX_SIM_S)
DURATION = number(0, MAX_DURATION_S)
SEED = number(0, 2**32 - 1, integer=True)
SPEEDUP = number(0.01, 1000)  # beyond, the simulation thread could not keep up with the wall clock
REPLAY_SPEED = number(0.01, 1000, zero="as fast as possible")


def _path(text: str) -> Path:
    if not text:  # Path("") is ".": an empty variable in a script would quietly mean this folder
        raise argparse.ArgumentTypeError("an empty path")
    return Path(text)


def _kind(path: Path) -> str | None:
    """None when ``path`` is a regular file or nothing yet; else what it is (a folder, a FIFO...)."""
    try:
        return not_regular(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _unusable(text: str, exc: Exception, what: str) -> argparse.ArgumentTypeError:
    # a name too long, a NUL byte, a file where a folder should be...
    return argparse.ArgumentTypeError(f"{_shown(text)}: cannot {what} ({getattr(exc, 'strerror', None) or exc})")


def output_file(text: str) -> Path:
    """A file to write, in a folder that exists (a missing folder is more likely a typo than a wish).
    Never something that is not a regular file, whatever --force says: writing would hang on a FIFO,
    and an atomic rename would replace a device such as /dev/null."""
    path = _path(text)
    try:
        kind, folder = _kind(path), path.parent
        folder_ok = kind is not None or path.exists() or folder.is_dir()
        folder_exists = folder_ok or folder.exists()
    except (OSError, ValueError) as exc:
        raise _unusable(text, exc, "write there") from None
    if kind is not None:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is {kind}, not a file: refusing to write to it")
    if not folder_ok:
        why = "is not a folder" if folder_exists else "does not exist"
        raise argparse.ArgumentTypeError(f"{_shown(text)}: the folder {_shown(str(folder))} {why}")
    return path


def output_file_or_stdout(text: str) -> Path | str:
    """``-`` for standard output, else an ``output_file``."""
    return text if text == "-" else output_file(text)


def output_folder(text: str) -> Path:
    """A folder to write into: one that exists, or that can be made (the command creates it, parents
    and all), so never beneath a file."""
    path = _path(text)
    try:
        _kind(path)  # raises for a name no file can have
        existing = next(p for p in (path, *path.parents) if p.exists())
        kind = _kind(existing) or "a file"
    except (OSError, ValueError) as exc:
        raise _unusable(text, exc, "write there") from None
    if kind != "a folder":
        where = "" if existing == path else f": {_shown(str(existing))}"
        raise argparse.ArgumentTypeError(f"{_shown(text)}{where} is {kind}, not a folder")
    return path


def _existing(text: str, *wanted: str) -> Path:
    path = _path(text)
    try:
        kind = not_regular(os.stat(path).st_mode) or "a file"
    except FileNotFoundError:
        raise argparse.ArgumentTypeError(f"{_shown(text)}: no such {' or '.join(w[2:] for w in wanted)}") from None
    except (OSError, ValueError) as exc:
        raise _unusable(text, exc, "read it") from None
    if kind not in wanted:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is {kind}, not {' or '.join(wanted)}")
    return path


def input_file(text: str) -> Path:
    """A file to read: there, and a regular file (reading a FIFO would wait for a writer, a device never end)."""
    return _existing(text, "a file")


def input_folder(text: str) -> Path:
    return _existing(text, "a folder")


def input_file_or_folder(text: str) -> Path:
    return _existing(text, "a file", "a folder")


def source_options(p: argparse.ArgumentParser, default: str = "sim") -> None:
    g = p.add_argument_group("vehicle source")
    g.add_argument("--source", default=default, metavar="SPEC",
                   help=f"where signals come from: {SPECS} (default {default})")
    g.add_argument("--cycle", choices=CYCLES, default="wltc", help="simulator: drive cycle (default wltc)")
    g.add_argument("--route", nargs=2, metavar=("FROM", "TO"),
                   help="simulator: drive once from FROM to TO on the map (street names or lat,lon) instead of "
                   "looping --cycle; the car's position is published and guidance starts to TO")
    g.add_argument("--map", type=input_file, metavar="FILE",
                   help="an OpenStreetMap extract (.osm.pbf) for routes and the map (default: central Helsinki)")
    g.add_argument("--seed", type=SEED, default=1,
                   help="simulator: seed of the scenario events, 0 to 2^32-1 (same seed, same drive)")
    g.add_argument("--speedup", type=SPEEDUP, default=1.0,
                   help="simulator: simulated seconds per real second, 0.01 to 1000 (default 1)")
    g.add_argument("--dbc", type=input_file,
                   help="CAN: the DBC file, with --mapping (neither: the demo vehicle's pair)")
    g.add_argument("--mapping", type=input_file, help="CAN: DBC-to-VSS mapping file, with --dbc")
    g.add_argument("--replay-speed", type=REPLAY_SPEED, default=None,
                   help="replay: 1 = recorded speed, N (0.01 to 1000) = N times faster, 0 = as fast as possible")
    g.add_argument("--connect", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to connect to, e.g. tcp/192.168.1.10:7447 (repeatable)")
    g.add_argument("--listen", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to listen on, e.g. tls/0.0.0.0:7447 (repeatable)")
    g.add_argument("--secure", type=input_folder, metavar="DIR",
                   help="Zenoh: mutual TLS and access control with the keys in DIR (made by 'cockpit bus keys')")
    g.add_argument("--name", help="Zenoh: this display's name on the bus, whose certificate it uses "
                   "(default: the view)")
    g.add_argument("--insecure", action="store_true",
                   help="Zenoh: allow plain, unauthenticated links beyond this machine (development networks only)")
    g.add_argument("--zenoh-config", type=input_file, metavar="FILE",
                   help="Zenoh: an operator's own JSON5 configuration, used as it is instead of the generated one")


def look_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("look (for designers)")
    variant_option(g)
    g.add_argument("--theme", help="theme name (default: the variant's); see 'cockpit themes list'")
    g.add_argument("--theme-dir", action="append", type=input_folder, default=[], metavar="PATH",
                   help="a folder of *.tokens.json themes, searched before the shipped ones (repeatable)")
    g.add_argument("--dev", "--watch", action="store_true",
                   help="live reload: repaint on token edits, reload windows on QML edits, show errors on screen")


def theme_names(dirs: list[Path] = ()) -> list[str]:
    """The selectable themes in ``dirs`` and the shipped ones."""
    from cockpit.resources import THEMES_DIR
    from cockpit.theming.tokens import theme_files

    return sorted({f.name.removesuffix(".tokens.json") for d in (*dirs, THEMES_DIR) for f in theme_files(d)})


def variant_option(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    p.add_argument("--variant", metavar="NAME|FILE",
                   help="the car: a shipped variant (see 'cockpit variants list'; default suv) or a variant file")


def variant_from_args(args: argparse.Namespace, views: tuple[str, ...] = ()):  # noqa: ANN201
    """The --variant, checked whole (its theme among --theme-dir's and the shipped ones), and
    ``views`` among its windows; with no --theme, args.theme becomes its theme."""
    from cockpit.variant import DEFAULT_VARIANT, VariantError, load_variant

    dirs = getattr(args, "theme_dir", [])
    try:
        variant = load_variant(args.variant or DEFAULT_VARIANT, theme_names(dirs))
    except VariantError as exc:
        raise CliError(str(exc)) from None
    if missing := [v for v in views if v not in variant.displays.windows]:
        raise CliError(f"the {variant.title} ({variant.name}) has no {missing[0]} screen; its screens: "
                       f"{', '.join(variant.displays.windows)}")
    if getattr(args, "theme", None) is None:
        args.theme = variant.theme
    check_theme(args.theme, dirs)
    return variant


def check_theme(name: str, dirs: list[Path] = ()) -> None:
    """--theme names a theme of the --theme-dir folders or the shipped ones."""
    if name not in (names := theme_names(dirs)):
        raise CliError(f"unknown theme {_shown(name)}; choose from {', '.join(names)}")


PROGRESS_FROM_S = 1800  # a longer simulation than a WLTC lap says on stderr how far it got


def simulate(source, store, seconds: float) -> None:  # noqa: ANN001
    """``source.run_for(store, seconds)``; past PROGRESS_FROM_S, one line on stderr per tenth of the way."""
    done, told = 0.0, 0
    while done < seconds:
        chunk = min(60.0, seconds - done)  # whole simulation steps: the same drive as one run_for
        source.run_for(store, chunk)
        done += chunk
        if seconds > PROGRESS_FROM_S and done < seconds and (tenth := int(10 * done / seconds)) > told:
            told = tenth
            print(f"simulating: {done:.0f} of {seconds:g} s ({tenth}0%)", file=sys.stderr, flush=True)


def tell_while_no_gateway(source, who: str):  # noqa: ANN001, ANN201
    """For a source fed by a gateway (Zenoh), say on stderr that ``who`` waits for one and where: first
    after 2 s (a running gateway answers within milliseconds), then after 10 s, 50 s and every minute,
    and again after the gateway goes; and say when it comes. Returns the function that stops it."""
    stop = threading.Event()
    up: threading.Event | None = getattr(source, "gateway_up", None)
    if up is None:
        return stop.set
    from cockpit.bus.config import endpoints

    connect, listen = endpoints(source.connect, source.listen, secure=source.keys is not None)
    where = f"at {', '.join(connect)}" if connect else f"to connect to {', '.join(listen)}"

    def watch() -> None:
        since = told = time.monotonic()
        gap, waited = 2.0, False
        while not stop.wait(0.25):
            now = time.monotonic()
            if up.is_set():
                if waited:
                    print(f"{who}: gateway found", file=sys.stderr, flush=True)
                since = told = now
                gap, waited = 2.0, False
            elif now - told >= gap:
                print(f"{who}: waiting for a gateway {where} (none for {now - since:.0f} s; start one with "
                      "'cockpit gateway')", file=sys.stderr, flush=True)
                told, gap, waited = now, min(gap * 5, 60.0), True

    threading.Thread(target=watch, name="gateway-watch", daemon=True).start()
    return stop.set


def open_from_args(args: argparse.Namespace, replay_speed: float = 1.0, name: str | None = None, *,
                   gateway: bool = False, variant=None):  # noqa: ANN001
    """The source ``--source`` names; ``name``: whose certificate a Zenoh source uses (default ``--name``).
    ``gateway``: the Zenoh options are the gateway's own, not the source's. ``variant``: the car, whose
    DBC and mapping a CAN source reads without --dbc/--mapping."""
    name = args.name or name
    bus = {} if gateway else bus_from_args(args, name, uses_bus=args.source == "zenoh")
    opts = SourceOptions(cycle=route_track(args), speedup=args.speedup, seed=args.seed, dbc=args.dbc,
                         mapping=args.mapping,
                         replay_speed=replay_speed if args.replay_speed is None else args.replay_speed, name=name,
                         **({"vehicle_can": variant.can_files} if variant is not None else {}), **bus)
    try:
        return open_source(args.source, opts)
    except (SourceSpecError, ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc


def check_map_option(args: argparse.Namespace) -> None:
    """``--map FILE`` refused in one line when it is no extract (read whole later, off the GUI thread)."""
    if getattr(args, "map", None) is None:
        return
    from cockpit.navigation.graph import MapError, check_map

    try:
        check_map(args.map)
    except MapError as exc:
        raise CliError(f"--map: {exc}") from None


def route_track(args: argparse.Namespace):  # noqa: ANN201
    """``--cycle``, or with ``--route FROM TO`` the drive along that route on ``--map``."""
    if not getattr(args, "route", None):
        return args.cycle
    if args.source != "sim":
        raise CliError(f"--route: only with --source sim (the simulated car drives it), not {_shown(args.source)}")
    from cockpit.navigation.graph import MapError
    from cockpit.navigation.places import PlaceError
    from cockpit.navigation.route import NoRoute
    from cockpit.sim.route_drive import plan

    try:
        return plan(args.map, *args.route, seed=args.seed)
    except (MapError, PlaceError) as exc:
        raise CliError(f"--route: {exc}") from None
    except NoRoute:
        raise CliError(f"--route: no road a car may take leads from {args.route[0]} to {args.route[1]}") from None


_BUS_OPTIONS = ("connect", "listen", "secure", "name", "insecure", "zenoh_config")


def bus_from_args(args: argparse.Namespace, name: str | None, uses_bus: bool = True) -> dict:
    """The Zenoh settings of the arguments, checked (a key folder loaded as ``name``), as keyword
    arguments for a Gateway, a ZenohSource or SourceOptions."""
    from cockpit.bus.codec import NAME

    given = [f"--{o.replace('_', '-')}" for o in _BUS_OPTIONS if getattr(args, o)]
    if not uses_bus:
        if given:
            raise CliError(f"{given[0]}: only with --source zenoh (or for 'cockpit gateway'), not --source "
                           f"{_shown(args.source)}")
        return {}
    if args.secure and args.insecure:
        raise CliError("--secure and --insecure: choose one")
    if args.name is not None and not NAME.fullmatch(args.name):
        raise CliError(f"--name {_shown(args.name)}: a display's name is lower-case letters, digits and '-', "
                       "starting with a letter, at most 32 characters")
    clashing = [o for o in given if o not in ("--zenoh-config", "--name")]
    if args.zenoh_config and clashing:
        raise CliError(f"--zenoh-config with {clashing[0]}: the configuration file says the endpoints and the "
                       "security; give one or the other")
    keys = None
    if args.secure:
        from cockpit.bus.secure import SecureError, load_keys

        if name is None:
            raise CliError("--secure: say which display's certificate to use with --name")
        try:
            keys = load_keys(args.secure, name)
        except SecureError as exc:
            raise CliError(str(exc)) from None
    return {"connect": args.connect, "listen": args.listen, "keys": keys, "insecure": args.insecure,
            "config_file": args.zenoh_config}


def start_source(source, store) -> None:  # noqa: ANN001
    """``source.start(store)``; a source that cannot start (a CAN interface that is not there, a Zenoh
    endpoint that does not resolve) is a mistake to fix, said in one line."""
    try:
        source.start(store)
    except (RuntimeError, OSError, ValueError) as exc:
        raise CliError(str(exc)) from None


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
