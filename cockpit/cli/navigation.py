"""``cockpit route`` and ``cockpit map check``: routes and map files, headless."""

from __future__ import annotations

import argparse
import json
import sys

from .common import CliError, input_file


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("route", help="a route between two places on the map, with its turn-by-turn maneuvers",
                       description="The fastest route by car between two places: a street name (any case, "
                       "diacritics optional: 'toolonkatu') or 'lat,lon'. The map: the shipped central-Helsinki "
                       "OpenStreetMap extract, or --map FILE (.osm.pbf). © OpenStreetMap contributors (ODbL).")
    r.add_argument("--from", dest="origin", required=True, metavar="PLACE")
    r.add_argument("--to", dest="destination", required=True, metavar="PLACE")
    r.add_argument("--map", type=input_file, help="an OpenStreetMap extract (.osm.pbf); default: central Helsinki")
    r.add_argument("--units", choices=("km", "mi"), default="km", help="distances in the itinerary (default km)")
    r.add_argument("--json", action="store_true",
                   help="print {distance_m, duration_s, maneuvers: [{type, street, distance_m, lat, lon}], geometry}")
    r.set_defaults(handler=route_command)
    m = sub.add_parser("map", help="map files: check an OpenStreetMap extract")
    what = m.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = what.add_parser("check", help="read an extract as the cockpit would: counts and problems")
    check.add_argument("file", type=input_file, metavar="FILE")
    check.set_defaults(handler=map_check)


def load_map(path) -> object:  # noqa: ANN001
    """The road graph of ``path`` (default map when None), from the cache or built with a progress bar."""
    from cockpit.navigation.cache import load_graph
    from cockpit.navigation.graph import DEFAULT_MAP, MapError

    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        return load_graph(path or DEFAULT_MAP, progress=bar)
    except MapError as exc:
        raise CliError(str(exc)) from None
    finally:
        if bar:
            bar.done()


class _ProgressBar:
    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = round(share * 30)
        sys.stderr.write(f"\rreading the map [{'#' * filled}{' ' * (30 - filled)}] {share:4.0%}")
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def route_command(args: argparse.Namespace) -> int:
    from cockpit.navigation.guidance import instruction, maneuvers
    from cockpit.navigation.places import PlaceError, resolve
    from cockpit.navigation.route import NoRoute, route
    from cockpit.navigation.search import StreetIndex
    from cockpit.vehicle.units import DisplayUnits

    graph = load_map(args.map)
    streets = StreetIndex(graph)
    try:
        a, b = resolve(graph, streets, args.origin), resolve(graph, streets, args.destination)
        r = route(graph, a.node, b.node)
    except (PlaceError, NoRoute) as exc:
        raise CliError(_sentence(exc, a if "a" in locals() else None)) from None
    steps = maneuvers(graph, r)
    if args.json:
        print(json.dumps({"from": a.label, "to": b.label, "distance_m": round(r.length_m, 1),
                          "duration_s": round(r.seconds, 1), "maneuvers": [m.as_json() for m in steps],
                          "geometry": [[round(graph.nodes[n][0], 7), round(graph.nodes[n][1], 7)] for n in r.nodes]},
                         ensure_ascii=False))
        return 0
    units = DisplayUnits("MILES" if args.units == "mi" else "KILOMETERS")
    total, unit = units.guidance_distance(r.length_m)
    print(f"{a.label} → {b.label}: {total} {unit}, about {max(1, round(r.seconds / 60))} min")
    for m in steps[1:]:
        value, unit = units.guidance_distance(m.distance_m)
        print(f"  after {value:>5} {unit:2}  {instruction(m)}")
    return 0


def _sentence(exc: Exception, origin) -> str:  # noqa: ANN001
    from cockpit.navigation.route import NoRoute

    if isinstance(exc, NoRoute):
        return f"no road a car may take leads from {origin.label} there (one-way streets or the map's edge)"
    return str(exc)


def map_check(args: argparse.Namespace) -> int:
    from collections import Counter

    from cockpit.navigation.graph import ATTRIBUTION, largest_component

    graph = load_map(args.file)
    edges = sum(len(out) for out in graph.edges.values())
    classes = Counter(w.highway for w in graph.ways)
    unnamed = sum(1 for w in graph.ways if not w.name)
    reach = len(largest_component(graph)) / max(1, len(graph.nodes))
    print(f"{args.file}: {len(graph.nodes):,} road nodes, {edges:,} directed edges, {len(graph.ways):,} ways "
          f"({', '.join(f'{k} {v}' for k, v in classes.most_common(6))}), {len(graph.signals):,} traffic signals, "
          f"{len(graph.restrictions)} turn restrictions")
    problems = []
    if graph.skipped_restrictions:
        problems.append(f"{graph.skipped_restrictions} turn restrictions not used (over a way, exempting cars, "
                        "or naming roads beyond the extract)")
    if unnamed:
        problems.append(f"{unnamed} ways without a name (guidance says 'the road')")
    if reach < 0.9:
        problems.append(f"only {reach:.0%} of the road nodes reach each other (the rest: islands, one-way ends)")
    for p in problems:
        print(f"  note: {p}")
    print(f"  data {ATTRIBUTION} (ODbL)")
    return 0
