"""``cockpit fleet collect|simulate|report``: fleet maintenance statistics over Zenoh
(docs/fleet.md). The collector listens, validates and stores; ``simulate`` ages seeded cars and
sends their summaries as cars would; ``report`` prints the aggregates per variant."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cockpit.fleet import PORT as FLEET_PORT  # where the collector listens and cars connect without --listen/--connect

from .common import (
    DURATION,
    SEED,
    CliError,
    bus_from_args,
    input_file,
    input_folder,
    number,
    output_file,
    until_stopped,
)

CARS = number(1, 100_000, integer=True)
DAYS = number(1, 3650, integer=True)
WAIT_S = 3.0  # for the collector: one on loopback answers in milliseconds, across a network within a second


def register(sub: argparse._SubParsersAction) -> None:
    fleet = sub.add_parser("fleet", help="fleet maintenance statistics: collect, simulate cars, report",
                           description="Cars whose drivers agreed send a daily maintenance summary under a "
                           "pseudonym over Zenoh; a collector validates, stores and aggregates them per variant.")
    verbs = fleet.add_subparsers(dest="verb", metavar="VERB", required=True)
    collect = verbs.add_parser("collect", help="take the cars' summaries into a database",
                               description="Subscribe to the cars' summaries, validate each (refusals counted by "
                               "reason), keep one row per car per day in FILE (SQLite). Runs until Ctrl+C.")
    collect.add_argument("--db", required=True, type=output_file, metavar="FILE", help="the collector's database")
    collect.add_argument("--duration", type=DURATION, metavar="S", help="stop after S seconds")
    _bus_options(collect, listens=True)
    collect.set_defaults(handler=run_collect)
    sim = verbs.add_parser("simulate", help="age seeded cars and send their summaries to a collector",
                           description="Age N seeded cars (different variants) D days each, summarize them as "
                           "each car would and send the summaries to a collector.")
    sim.add_argument("--cars", type=CARS, required=True, metavar="N", help="how many cars, 1 to 100000")
    sim.add_argument("--days", type=DAYS, default=60, metavar="D", help="days each car ages (default 60)")
    sim.add_argument("--seed", type=SEED, default=0, help="the first car's seed; the others follow (default 0)")
    _bus_options(sim, listens=False)
    sim.set_defaults(handler=run_simulate)
    rep = verbs.add_parser("report", help="the statistics per variant",
                           description="Over each car's latest summary, per variant: cars, state of health by "
                           "age, tire leak rates, 12 V trend, pads, the share of cars with each alarm; and the "
                           "messages refused, by reason.")
    rep.add_argument("--db", required=True, type=input_file, metavar="FILE", help="the collector's database")
    rep.add_argument("--json", action="store_true", help="print the statistics as JSON")
    rep.set_defaults(handler=run_report)


def _bus_options(p: argparse.ArgumentParser, listens: bool) -> None:
    g = p.add_argument_group("Zenoh")
    listen, connect = (_default(False), "none") if listens else ("none", _default(False))
    g.add_argument("--connect", action="append", default=[], metavar="ENDPOINT",
                   help=f"an endpoint to connect to (repeatable; default: {connect}; tls/... with --secure)")
    g.add_argument("--listen", action="append", default=[], metavar="ENDPOINT",
                   help=f"an endpoint to listen on (repeatable; default: {listen}; tls/... with --secure)")
    g.add_argument("--secure", type=input_folder, metavar="DIR", help="mutual TLS and the fleet's access control with "
                   "the keys in DIR ('cockpit bus keys --out DIR --display car --display collector')")
    g.add_argument("--insecure", action="store_true", help="allow plain, unauthenticated links beyond this machine")
    g.add_argument("--zenoh-config", type=input_file, metavar="FILE",
                   help="an operator's own JSON5 Zenoh configuration, used as it is")
    p.set_defaults(name=None)


def _default(secure: bool) -> str:
    return f"{'tls' if secure else 'tcp'}/127.0.0.1:{FLEET_PORT}"


def _session(args: argparse.Namespace, name: str, listens: bool) -> Any:
    from cockpit.bus.config import BusError, open_session
    from cockpit.fleet.access import access_control

    bus = bus_from_args(args, name)
    if not (bus["connect"] or bus["listen"] or bus["config_file"]):
        bus["listen" if listens else "connect"] = [_default(bus["keys"] is not None)]
    try:
        return open_session(**bus, access=access_control(name) if bus["keys"] else None)
    except BusError as exc:
        raise CliError(str(exc)) from None


def run_collect(args: argparse.Namespace) -> int:
    from cockpit.fleet.access import COLLECTOR
    from cockpit.fleet.collector import Collector, CollectorError

    session = _session(args, COLLECTOR, listens=True)  # first: a bad option leaves no writer thread behind
    try:
        collector = Collector(args.db)
    except CollectorError as exc:
        session.close()
        raise CliError(str(exc)) from None
    try:
        collector.subscribe(session)
        print(f"cockpit fleet collect: storing summaries in {args.db}; Ctrl+C to stop", file=sys.stderr, flush=True)
        until_stopped(args.duration)
    finally:
        collector.close()
        session.close()
    stats = collector.stats()
    refused = ", ".join(f"{n} {kind}" for kind, n in sorted(stats["refused"].items())) or "none"
    print(f"cockpit fleet collect: {stats['received']} received, {stats['stored']} stored, refused: {refused}",
          file=sys.stderr, flush=True)
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from cockpit.fleet.access import CAR
    from cockpit.fleet.publisher import send
    from cockpit.fleet.simulate import fleet

    session = _session(args, CAR, listens=False)
    try:
        # one car aged at a time, sent as soon as it is summarized: without a collector this ends
        # after the first car, not after the whole fleet has aged
        sent = send(session, (c.summary for c in fleet(args.cars, args.days, args.seed)), WAIT_S)
    finally:
        session.close()
    if sent == 0:
        raise CliError("no collector answered: start one with 'cockpit fleet collect' (or check --connect)")
    print(f"cockpit fleet simulate: {sent} of {args.cars} summaries sent", file=sys.stderr)
    return 0 if sent == args.cars else 1


def run_report(args: argparse.Namespace) -> int:
    from cockpit.fleet.collector import CollectorError, aggregate

    try:
        stats = aggregate(args.db)
    except CollectorError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"{stats['summaries']} summaries from {stats['first_day']} to {stats['last_day']}")
    for name, v in stats["variants"].items():
        soh, leak = v["soh_percent"], v["tire_leak_kpa_per_day"]
        print(f"\n{name}: {_cars(v['cars'])}")
        print(f"  battery state of health: median {_n(soh['p50'])} % (10th-90th percentile {_n(soh['p10'])}-"
              f"{_n(soh['p90'])}, {_cars(soh['n'])})")
        for bucket, s in v["soh_percent_by_age"].items():
            print(f"    {bucket:>12}: median {_n(s['p50'])} % ({_cars(s['n'])})")
        print(f"  tire leak: median {_n(leak['p50'])} kPa/day, 90th {_n(leak['p90'])}, 99th {_n(leak['p99'])}, "
              f"max {_n(leak['max'])}; wheels over 1 kPa/day: {_pct(leak['share_over_1_kpa'])}")
        print(f"  12 V resting voltage: median drop {_n(v['lv_drop_mv_per_day']['p50'])} mV/day")
        print(f"  brake pads: 10th percentile {_n(v['pad_remaining_km']['p10'])} km left")
        alarms = [f"{a} {_pct(s)}" for a, s in v["alarm_share"].items() if s]
        print(f"  cars with an alarm: {', '.join(alarms) or 'none'}")
    refused = ", ".join(f"{n} {kind}" for kind, n in stats["refused"].items()) or "none"
    print(f"\nrefused messages: {refused}")
    return 0


def _n(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


def _cars(n: int) -> str:
    return f"{n} car{'' if n == 1 else 's'}"
