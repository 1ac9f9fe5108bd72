"""Navigation (issue 14): the road graph of an extract and routes over it, by size.

Synthetic city extracts (a grid of N x N intersections 80 m apart around central Helsinki, every
block side a way of 2-3 segments, so ~3.5 nodes per intersection; primary streets every 10th line,
secondary every 5th, residential otherwise; one-way residential streets in both directions; traffic
signals where a primary street crosses a primary or secondary one; maxspeed on some lines; turn
restrictions from way over node to way at primary crossings) are written with osmium.SimpleWriter
to a temporary folder, sized by --sizes (nodes in the file). For each:
- ``build_graph(path)`` with no cache (the file itself is in the OS page cache: just written);
- ``load_graph(path, cache_dir)`` the first time (hash, build, write the .npz) and the second time
  (hash, read the .npz);
- the peak RSS of a fresh process that only builds the graph minus that of a process that only
  imports osmium and cockpit.navigation.graph: VmHWM, with ru_maxrss alongside (ru_maxrss carries
  the spawning process's RSS over exec, see child_peak; these children run before any graph is
  built here, so the two differ by the ~10 MB of this process at that point);
- ``build_graph(path, progress=...)``: how many calls, whether the byte counts rise, and how much
  of the build they cover (the last call before build_graph's own final (size, size)).
Route queries: ``route(graph, a, b)`` (fastest) between seeded random node pairs from
``sorted(graph.edges)``: 500 on the shipped Helsinki extract (goal: p95 < 50 ms) and 200 on the
synthetic graph nearest to 300k nodes. NoRoute is counted and left out of the percentiles.

    python -m benchmarks.bench_navigation_graph [--sizes 100000,300000,1000000] [--pairs 500]
        [--synthetic-pairs 200] [--route-budget 90] [--keep DIR] [--json]

Takes ~5 minutes on 2 cores; the synthetic routes stop after --route-budget seconds (the pairs are
the same seeded sequence, so fewer pairs are its first ones).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

SPACING_M = 80.0
CENTER = (60.17, 24.94)
NODES_PER_INTERSECTION = 3.5  # 1 + 2 sides x 1.25 inner nodes (see _inner)
SEED = 14


# --- the synthetic extract --------------------------------------------------------------------------

def grid_side(nodes: int) -> int:
    """N such that an N x N grid holds about ``nodes`` nodes."""
    return max(3, round(math.sqrt(nodes / NODES_PER_INTERSECTION)))


def _klass(line: int) -> str:
    return "primary" if line % 10 == 0 else "secondary" if line % 5 == 0 else "residential"


def _inner(line: int, index: int) -> int:
    """Nodes inside a block side (besides its two intersections): 2 on every 4th, else 1."""
    return 2 if (line + index) % 4 == 0 else 1


def _tags(line: int, horizontal: bool) -> dict[str, str]:
    klass = _klass(line)
    tags = {"highway": klass, "name": f"{'Katu' if horizontal else 'Tie'} {line}"}
    if klass == "primary":
        tags["lanes"] = "2"
        if line % 20 == 0:
            tags["maxspeed"] = "60"
    elif klass == "secondary":
        if line % 15 == 0:
            tags["maxspeed"] = "40"
    else:
        if line % 6 in (1, 4):
            tags["oneway"] = "yes"  # 1: along the line (east, north); 4: against it (nodes reversed)
        elif line % 12 == 9:
            tags["oneway"] = "-1"
        if line % 8 == 3:
            tags["maxspeed"] = "40"
    return tags


def _sides(n: int):
    """Every block side in a fixed order: (horizontal, line, index, from node, to node, first inner
    node id, inner nodes). Node ids: intersection (row i, column j) is 1 + i*n + j; inner nodes follow."""
    inner_id = n * n + 1
    for horizontal in (True, False):
        for line in range(n):
            for index in range(n - 1):
                if horizontal:  # row ``line``, from column index to index + 1 (east)
                    a, b = 1 + line * n + index, 1 + line * n + index + 1
                else:  # column ``line``, from row index to index + 1 (north)
                    a, b = 1 + index * n + line, 1 + (index + 1) * n + line
                k = _inner(line, index)
                yield horizontal, line, index, a, b, inner_id, k
                inner_id += k


def _way_id(n: int, horizontal: bool, line: int, index: int) -> int:
    return 1 + (0 if horizontal else n * (n - 1)) + line * (n - 1) + index


def write_city(path: Path, nodes: int) -> dict:
    """Write a synthetic city of about ``nodes`` nodes to ``path`` (.osm.pbf); what it holds."""
    import osmium
    from osmium.osm.mutable import Node, Relation, Way

    t0 = time.perf_counter()
    n = grid_side(nodes)
    dlat = SPACING_M / 111_195.0
    dlon = dlat / math.cos(math.radians(CENTER[0]))
    lat0, lon0 = CENTER[0] - (n - 1) / 2 * dlat, CENTER[1] - (n - 1) / 2 * dlon
    rng = random.Random(SEED + n)
    jitter = dlat * 0.02  # ~1.6 m: surveyed nodes are never on a perfect grid

    def meta() -> dict:  # what an extract carries besides the data (the Helsinki one: version, timestamp)
        return {"version": rng.randint(1, 12), "timestamp": datetime.fromtimestamp(
            rng.randint(1_200_000_000, 1_730_000_000), tz=UTC)}

    counts = {"grid": n, "nodes": 0, "ways": 0, "restrictions": 0, "signals": 0, "oneway_ways": 0}
    if path.exists():
        path.unlink()
    with osmium.SimpleWriter(str(path)) as writer:
        for i in range(n):  # intersections
            for j in range(n):
                tags = {}
                classes = {_klass(i), _klass(j)}
                if "primary" in classes and "residential" not in classes:
                    tags["highway"] = "traffic_signals"
                    counts["signals"] += 1
                writer.add_node(Node(id=1 + i * n + j, location=(lon0 + j * dlon, lat0 + i * dlat), tags=tags,
                                     **meta()))
                counts["nodes"] += 1
        for horizontal, line, index, _a, _b, first, k in _sides(n):  # inner nodes
            for m in range(1, k + 1):
                t = m / (k + 1)
                lat, lon = ((lat0 + line * dlat, lon0 + (index + t) * dlon) if horizontal
                            else (lat0 + (index + t) * dlat, lon0 + line * dlon))
                lat, lon = lat + rng.uniform(-jitter, jitter), lon + rng.uniform(-jitter, jitter)
                writer.add_node(Node(id=first + m - 1, location=(lon, lat), **meta()))
                counts["nodes"] += 1
        for horizontal, line, index, a, b, first, k in _sides(n):
            refs = [a, *range(first, first + k), b]
            tags = _tags(line, horizontal)
            if line % 6 == 4 and tags.get("oneway") == "yes":
                refs.reverse()
            counts["oneway_ways"] += "oneway" in tags
            writer.add_way(Way(id=_way_id(n, horizontal, line, index), nodes=refs, tags=tags, **meta()))
            counts["ways"] += 1
        rel = 1
        for i in range(10, n - 1, 10):  # primary x primary crossings, inside the grid
            for j in range(10, n - 1, 10):
                via = 1 + i * n + j
                west, east = _way_id(n, True, i, j - 1), _way_id(n, True, i, j)
                south, north = _way_id(n, False, j, i - 1), _way_id(n, False, j, i)
                kind, frm, to = [("no_left_turn", west, north), ("only_straight_on", south, north),
                                 ("no_u_turn", east, east), ("no_right_turn", north, west)][(i + j) // 10 % 4]
                tags = {"type": "restriction", "restriction": kind}
                if rel % 25 == 0:
                    tags["except"] = "motorcar"  # left out by the graph, counted as skipped
                writer.add_relation(Relation(id=rel, members=[("w", frm, "from"), ("n", via, "via"), ("w", to, "to")],
                                             tags=tags, **meta()))
                rel += 1
                counts["restrictions"] += 1
    counts["bytes"] = path.stat().st_size
    counts["seconds"] = time.perf_counter() - t0
    return counts


# --- measuring --------------------------------------------------------------------------------------

_CHILD = """
import gc, json, resource, sys, time
import osmium
import cockpit.navigation.graph as g


def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":"))


out = {}
if len(sys.argv) > 1:
    t = time.perf_counter()
    graph = g.build_graph(sys.argv[1])
    out = {"seconds": time.perf_counter() - t, "nodes": len(graph.nodes)}
    gc.collect()
    out["rss_after_kb"] = status("VmRSS")
out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out["hwm_kb"] = status("VmHWM")
print(json.dumps(out))
"""


def child_peak(path: Path | None = None) -> dict:
    """Peak RSS of a fresh process that builds the graph of ``path`` (None: only imports): its
    ru_maxrss and its VmHWM. ru_maxrss survives exec: a child spawned by a process holding 300 MB
    reports at least 300 MB whatever it does. VmHWM belongs to the exec'd image, so it is the figure
    used; the children run before this process has built any graph, and the two are compared."""
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, "-c", _CHILD, *([str(path)] if path else [])], capture_output=True,
                         text=True, check=True, env=env, cwd=root)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(fn, *args, **kwargs):
    gc.collect()
    t = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - t


def _shape(graph) -> dict:
    return {"graph_nodes": len(graph.nodes), "edges": sum(len(out) for out in graph.edges.values()),
            "graph_ways": len(graph.ways), "kept_restrictions": len(graph.restrictions),
            "skipped_restrictions": graph.skipped_restrictions, "graph_signals": len(graph.signals)}


def measure_size(path: Path, cache_dir: Path) -> tuple[dict, object]:
    """build_graph cold, load_graph first and second time; the graph of the second."""
    from cockpit.navigation.cache import load_graph
    from cockpit.navigation.graph import build_graph

    graph, build_s = _timed(build_graph, path)
    r = {"build_s": build_s, **_shape(graph)}
    del graph
    graph, r["load_first_s"] = _timed(load_graph, path, cache_dir)
    del graph
    r["cache_bytes"] = sum(f.stat().st_size for f in cache_dir.glob("*.npz"))
    graph, r["load_second_s"] = _timed(load_graph, path, cache_dir)
    shape = _shape(graph)
    r["cache_same_shape"] = shape == {k: r[k] for k in shape}
    return r, graph


def check_progress(path: Path) -> dict:
    """build_graph's progress callback on ``path``: the calls, the byte counts, when they came."""
    from cockpit.navigation.graph import build_graph

    calls: list[tuple[float, int, int]] = []
    gc.collect()
    t0 = time.perf_counter()
    build_graph(path, progress=lambda done, total: calls.append((time.perf_counter() - t0, done, total)))
    seconds = time.perf_counter() - t0
    before_end = calls[:-1]  # the last call is build_graph's own (size, size) once the graph is built
    pairs = list(zip(calls, calls[1:], strict=False))
    full = next((t for t, done, total in calls if done >= total), seconds)
    return {"calls": len(calls), "rising": all(b[1] > a[1] for a, b in pairs),
            "never_falls": all(b[1] >= a[1] for a, b in pairs), "build_s": seconds, "size": path.stat().st_size,
            "first": calls[0][:2] if calls else None, "before_end": len(before_end),
            "last_before_end": before_end[-1][:2] if before_end else None, "file_read_at_s": full,
            "calls_list": [(round(t, 3), done) for t, done, _ in calls]}


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)] if s else float("nan")


def _reachable(graph, start: int) -> set[int]:
    """The nodes a directed path leads to from ``start``, ignoring turn rules."""
    seen, todo = {start}, [start]
    while todo:
        for e in graph.edges.get(todo.pop(), ()):
            if e.to not in seen:
                seen.add(e.to)
                todo.append(e.to)
    return seen


def route_queries(graph, pairs: int, seed: int = SEED, budget_s: float = float("inf")) -> dict:
    """``pairs`` seeded random routes (fewer when ``budget_s`` runs out: always the same first ones)."""
    from cockpit.navigation.route import NoRoute, route

    keys = sorted(graph.edges)
    rng = random.Random(seed)
    found: list[float] = []
    missed: list[float] = []
    unreachable = 0  # of the NoRoute: no directed path at all, turn rules or not
    deadline = time.perf_counter() + budget_s
    for _ in range(pairs):
        if time.perf_counter() > deadline:
            break
        a, b = rng.sample(keys, 2)
        t = time.perf_counter()
        try:
            route(graph, a, b)
        except NoRoute:
            missed.append(time.perf_counter() - t)
            unreachable += b not in _reachable(graph, a)
            continue
        found.append(time.perf_counter() - t)
    ms = [s * 1000 for s in found]
    return {"pairs": pairs, "done": len(found) + len(missed), "found": len(found), "no_route": len(missed),
            "no_route_unreachable": unreachable,
            "p50_ms": _pct(ms, 0.5), "p95_ms": _pct(ms, 0.95), "max_ms": max(ms, default=float("nan")),
            "no_route_max_ms": max(missed, default=0.0) * 1000, "graph_nodes": len(graph.nodes)}


def run(sizes: list[int], pairs: int = 500, synthetic_pairs: int = 200, route_size: int = 300_000,
        route_budget_s: float = 90.0, keep: Path | None = None) -> dict:
    from cockpit.navigation.graph import DEFAULT_MAP, build_graph

    sizes = sorted(sizes)
    folder = keep or Path(tempfile.mkdtemp(prefix="bench-navigation-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        result: dict = {"sizes": [], "folder": str(folder)}
        paths, cities = {}, {}
        for size in sizes:
            paths[size] = folder / f"city-{size}.osm.pbf"
            cities[size] = write_city(paths[size], size)
            print(f"{size:,}: wrote {paths[size].name} ({cities[size]['nodes']:,} nodes, "
                  f"{cities[size]['bytes'] / 1e6:.1f} MB) in {cities[size]['seconds']:.1f} s", flush=True)
        # memory first, while this process is small (see child_peak)
        base = child_peak()
        result["baseline"] = base
        peaks = {size: child_peak(paths[size]) for size in sizes}
        route_target = min(sizes, key=lambda s: abs(s - route_size))
        route_graph = None
        for size in sizes:
            cache_dir = folder / f"cache-{size}"
            shutil.rmtree(cache_dir, ignore_errors=True)
            r, graph = measure_size(paths[size], cache_dir)
            peak = peaks[size]
            r.update(size=size, file=cities[size], child_build_s=peak["seconds"],
                     peak_mb=(peak["hwm_kb"] - base["hwm_kb"]) / 1024,
                     peak_maxrss_mb=(peak["maxrss_kb"] - base["maxrss_kb"]) / 1024,
                     retained_mb=(peak["rss_after_kb"] - base["hwm_kb"]) / 1024)
            result["sizes"].append(r)
            print(f"  {size:,}: build {r['build_s']:.1f} s, load first {r['load_first_s']:.1f} s, "
                  f"second {r['load_second_s']:.1f} s, peak +{r['peak_mb']:.0f} MB", flush=True)
            if size == route_target:
                route_graph = graph
            del graph
            gc.collect()
            r["progress"] = check_progress(paths[size])
        helsinki = build_graph(DEFAULT_MAP)
        result["routes_helsinki"] = route_queries(helsinki, pairs)
        print(f"Helsinki routes: p95 {result['routes_helsinki']['p95_ms']:.1f} ms", flush=True)
        if route_graph is not None and synthetic_pairs:
            q = route_queries(route_graph, synthetic_pairs, budget_s=route_budget_s)
            result["routes_synthetic"] = {**q, "size": route_target, "budget_s": route_budget_s}
        return result
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def tables(r: dict) -> str:
    """The figures as Markdown tables (as in BENCHMARKS.md)."""
    lines = ["| extract: file nodes (grid) | file | graph nodes / edges | build_graph | per 100k nodes "
             "| load_graph 1st (build + cache) | 2nd (cache) | speed-up | cache file | peak memory "
             "| per 100k nodes | after the build |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in r["sizes"]:
        f, k = s["file"], s["graph_nodes"] / 100_000
        lines.append(
            f"| {f['nodes']:,} ({f['grid']}×{f['grid']}) | {f['bytes'] / 1e6:.1f} MB "
            f"| {s['graph_nodes']:,} / {s['edges']:,} | {s['build_s']:.1f} s | {s['build_s'] / k:.2f} s "
            f"| {s['load_first_s']:.1f} s | {s['load_second_s']:.1f} s | {s['build_s'] / s['load_second_s']:.1f}× "
            f"| {s['cache_bytes'] / 1e6:.1f} MB | {s['peak_mb']:.0f} MB | {s['peak_mb'] / k:.0f} MB "
            f"| {s['retained_mb']:.0f} MB |")
    lines += ["", "| routes (fastest) | graph nodes | pairs timed | found | NoRoute (of them unreachable even "
              "ignoring turn rules) | p50 | p95 | max |",
              "|---|---|---|---|---|---|---|---|"]
    for key in ("routes_helsinki", "routes_synthetic"):
        q = r.get(key)
        if not q:
            continue
        label = ("Helsinki extract (shipped)" if key == "routes_helsinki"
                 else f"synthetic {q['size']:,}-node extract")
        done = f"{q['done']}" + (f" of {q['pairs']} ({q['budget_s']:.0f} s budget)" if q["done"] < q["pairs"] else "")
        lines.append(f"| {label} | {q['graph_nodes']:,} | {done} | {q['found']} "
                     f"| {q['no_route']} ({q['no_route_unreachable']}) | {q['p50_ms']:.1f} ms | {q['p95_ms']:.1f} ms "
                     f"| {q['max_ms']:.1f} ms |")
    lines += ["", "| progress callback | build with it | calls | during the build | first | last before the end "
              "| then no call for |", "|---|---|---|---|---|---|---|"]
    for s in r["sizes"]:
        p, last = s["progress"], s["progress"]["last_before_end"]
        order = "" if p["rising"] else " (byte counts NOT rising)"
        if last:
            first = p["first"]
            lines.append(f"| {s['file']['nodes']:,}-node file ({p['size'] / 1e6:.1f} MB) | {p['build_s']:.1f} s "
                         f"| {p['calls']}{order} | {p['before_end']} | {first[0]:.2f} s, {first[1] / p['size']:.0%} "
                         f"| {last[0]:.2f} s, {last[1] / p['size']:.0%} | {p['build_s'] - last[0]:.1f} s "
                         f"({(p['build_s'] - last[0]) / p['build_s']:.0%} of the build) |")
        else:
            lines.append(f"| {s['file']['nodes']:,}-node file ({p['size'] / 1e6:.1f} MB) | {p['build_s']:.1f} s "
                         f"| {p['calls']}{order} | 0: only the final (size, size) | — | — | the whole build |")
    b = r["baseline"]
    lines.append(f"baseline process (imports osmium and cockpit.navigation.graph): VmHWM {b['hwm_kb'] / 1024:.0f} MB, "
                 f"ru_maxrss {b['maxrss_kb'] / 1024:.0f} MB; peak = VmHWM of the building process minus this "
                 "(ru_maxrss differences: " + ", ".join(f"{s['peak_maxrss_mb']:.0f}" for s in r["sizes"]) + " MB)")
    return "\n".join(lines)


if __name__ == "__main__":
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--sizes", default="100000,300000,1000000",
                      help="nodes in each synthetic extract, comma-separated (default: %(default)s)")
    args.add_argument("--pairs", type=int, default=500,
                      help="route pairs on the Helsinki extract (default: %(default)s)")
    args.add_argument("--synthetic-pairs", type=int, default=200,
                      help="route pairs on the synthetic graph (default: %(default)s)")
    args.add_argument("--route-size", type=int, default=300_000,
                      help="route on the synthetic extract nearest to this many nodes (default: %(default)s)")
    args.add_argument("--route-budget", type=float, default=90.0,
                      help="seconds for the synthetic routes; fewer pairs when they run out (default: %(default)s)")
    args.add_argument("--keep", type=Path, help="write the extracts here and keep them (default: a temp folder)")
    args.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    opts = args.parse_args()
    result = run([int(s) for s in opts.sizes.split(",")], opts.pairs, opts.synthetic_pairs, opts.route_size,
                 opts.route_budget, opts.keep)
    if opts.json:
        print(json.dumps(result, indent=1, default=str))
    print(tables(result))
