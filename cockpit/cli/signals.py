"""``cockpit signals``: list, get, watch and record the vehicle signals, headless."""

from __future__ import annotations

import argparse
import json
import queue
import sys

from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import Reading, SignalStore

from .common import (
    CYCLES,
    DURATION,
    MAX_SIM_S,
    PROGRESS_FROM_S,
    SEED,
    SIM_SECONDS,
    CliError,
    input_file,
    open_from_args,
    output_file,
    simulate,
    source_options,
    start_source,
    tell_while_no_gateway,
    until_stopped,
)


def register(sub: argparse._SubParsersAction) -> None:
    sig = sub.add_parser("signals", help="headless access to the vehicle signals, for scripts and debugging")
    sigs = sig.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = sigs.add_parser("list", help="the signal catalogue: path, type, datatype, unit, range, period")
    lst.add_argument("--json", action="store_true", help="one JSON object per line")
    lst.set_defaults(handler=signals_list)
    get = sigs.add_parser("get", help="a signal's reading after simulating --at seconds")
    get.set_defaults(handler=signals_get)
    get.add_argument("path", help="VSS path, e.g. Vehicle.Speed")
    get.add_argument("--at", type=SIM_SECONDS, default=60.0,
                     help=f"simulated seconds before reading, 0 to {MAX_SIM_S} (default 60; past "
                     f"{PROGRESS_FROM_S} progress shows on stderr)")
    get.add_argument("--json", action="store_true", help="print JSON")
    get.add_argument("--cycle", choices=CYCLES, default="wltc", help="drive cycle (default wltc)")
    get.add_argument("--seed", type=SEED, default=1, help="seed of the scenario events, 0 to 2^32-1")
    watch = sigs.add_parser("watch", help="print every change of the signals (JSON Lines with --json)",
                            description="Print every change, in order. With --replay LOG it plays a CAN log "
                            "through --dbc/--mapping as fast as possible and exits at its end.")
    watch.set_defaults(handler=signals_watch)
    watch.add_argument("paths", nargs="*", metavar="PATH", help="paths or prefixes to watch (default all)")
    watch.add_argument("--json", action="store_true", help="one JSON object per change: path, value, status, ts")
    watch.add_argument("--duration", type=DURATION, default=None,
                       help="stop after this many seconds (at most a year; default: Ctrl+C)")
    watch.add_argument("--replay", type=input_file, metavar="LOG", help="shorthand for --source replay:LOG")
    source_options(watch)
    rec = sigs.add_parser("record", help="record every change to a JSON Lines file (replay with "
                          "--source replay:FILE.jsonl)")
    rec.set_defaults(handler=signals_record)
    rec.add_argument("--out", type=output_file, required=True, help="the .jsonl file to write (its folder exists)")
    rec.add_argument("--duration", type=DURATION, default=None,
                     help="stop after this many seconds (at most a year; default: Ctrl+C)")
    source_options(rec)



def _reading_json(path: str, r: Reading) -> dict:
    return {"path": path, "value": r.value, "status": r.status.name, "ts": r.source_ts,
            **({"target": r.target} if r.target is not None else {}),
            **({"error": r.error} if r.error else {})}


def signals_list(args: argparse.Namespace) -> int:
    for s in default_catalogue():
        row = {"path": s.path, "type": s.kind.value, "datatype": s.datatype, "unit": s.unit, "min": s.min,
               "max": s.max, "change": s.change.value, "period_s": s.period_s}
        if args.json:
            print(json.dumps(row))
        else:
            bounds = "" if s.min is None else f"[{s.min:g}..{s.max:g}]"
            print(f"{s.path:62} {s.kind.value:9} {s.datatype:8} {s.unit or '':8} {bounds}")
    return 0


def signals_get(args: argparse.Namespace) -> int:
    from cockpit.sources.simulator import SimulatorSource

    store = SignalStore()
    if args.path not in store.catalogue:
        raise CliError(f"unknown signal {args.path!r} (see 'cockpit signals list')")
    simulate(SimulatorSource(cycle=args.cycle, seed=args.seed), store, args.at)
    r = store.get(args.path)
    if args.json:
        print(json.dumps(_reading_json(args.path, r)))
    else:
        unit = store.catalogue[args.path].unit or ""
        print(f"{args.path} = {r.value!r} {unit} ({r.status.name})")
    return 0


def signals_watch(args: argparse.Namespace) -> int:
    store = SignalStore()
    wanted = tuple(args.paths) or ("",)  # every path starts with ""
    unknown = [p for p in args.paths if not any(s.path.startswith(p) for s in store.catalogue)]
    if unknown:
        raise CliError(f"no signal matches {', '.join(unknown)} (see 'cockpit signals list')")
    if args.replay is not None:
        args.source = f"replay:{args.replay}"
    source = open_from_args(args, replay_speed=0.0 if args.replay is not None else 1.0)
    changes: queue.SimpleQueue[tuple[str, Reading]] = queue.SimpleQueue()
    last: dict[str, tuple] = {}

    def on_change(path: str, r: Reading) -> None:
        # a continuous signal republished unchanged is not a change worth a line
        if path.startswith(wanted) and last.get(path) != (r.value, r.status, r.target, r.error):
            last[path] = (r.value, r.status, r.target, r.error)
            changes.put((path, r))

    unlisten = store.listen(on_change)

    def flush() -> None:
        while True:
            try:
                path, r = changes.get_nowait()
            except queue.Empty:
                return
            if args.json:
                print(json.dumps(_reading_json(path, r)), flush=False)
            else:
                print(f"{path} = {r.value!r} ({r.status.name})", flush=False)
        sys.stdout.flush()

    finished = getattr(source, "finished", None)
    start_source(source, store)
    quiet = tell_while_no_gateway(source, "cockpit signals")
    try:
        until_stopped(args.duration, finished, tick=flush)
    finally:
        # Stopping the source marks its signals UNAVAILABLE, which is not news about the vehicle:
        # the watch ends before that.
        unlisten()
        quiet()
        source.stop()
        flush()
    if (stats := getattr(source, "stats", None)) is not None and hasattr(stats, "summary"):
        print(stats.summary(), file=sys.stderr)
    if error := getattr(source, "error", None):  # a log that broke halfway: what was read was printed
        print(f"cockpit: {error}", file=sys.stderr)
        return 1
    return 0


def signals_record(args: argparse.Namespace) -> int:
    from cockpit.recorder import Recorder

    store = SignalStore()
    source = open_from_args(args)
    try:
        recorder = Recorder(store, args.out)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    try:
        start_source(source, store)
    except CliError:
        recorder.close()
        raise
    quiet = tell_while_no_gateway(source, "cockpit signals")
    print(f"recording {args.source} to {args.out}; Ctrl+C to stop", file=sys.stderr, flush=True)
    try:
        until_stopped(args.duration, getattr(source, "finished", None))
    finally:
        recorder.close()  # before the source stops: its UNAVAILABLE burst is not part of the drive
        quiet()
        source.stop()
    print(f"{args.out}: {recorder.lines} changes", file=sys.stderr)
    return 0
