"""Time to the first frame per vehicle variant, as a ratio to a trivial one-rectangle QML window
started the same way (fresh Python process, offscreen) in the same run. Goal: <= 2x. Also the time
until every screen of the car has drawn, and the memory two seconds later: what a module the
variant leaves out does not cost."""

import json
import statistics
import subprocess
import sys

from cockpit.variant import variant_names

RUNS = 7


def start(what: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.startup_child", what], capture_output=True,
                         text=True, check=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> dict:
    names = ["trivial", *variant_names()]
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for _ in range(RUNS):  # interleaved, so all see the same machine load
        for n in names:
            runs[n].append(start(n))
    med = {n: {k: statistics.median(r[k] for r in rs) for k in ("first_s", "all_s", "rss_mb")}
           for n, rs in runs.items()}
    trivial = med.pop("trivial")
    for m in med.values():
        m["ratio"] = m["first_s"] / trivial["first_s"]
    return {"trivial": trivial, "variants": med, "runs": RUNS, "goal_met": all(m["ratio"] <= 2 for m in med.values())}


def markdown(r: dict) -> str:
    from cockpit.variant import load_variant

    rows = []
    for name, m in r["variants"].items():
        v = load_variant(name)
        rows.append(f"| {name} ({', '.join(v.displays.windows)}; voice: {'/'.join(v.modules.voice) or 'none'}) | "
                    f"{m['first_s'] * 1000:.0f} ms | **{m['ratio']:.2f}×** | {m['all_s'] * 1000:.0f} ms | "
                    f"{m['rss_mb']:.0f} MB |")
    t = r["trivial"]
    return f"""## Time to the first frame, per vehicle variant (goal: ≤ 2× a trivial window)

Fresh Python process per start, offscreen, median of {r['runs']} interleaved runs, from interpreter
start to the first `frameSwapped` of the first screen (the cluster, or the screen holding it), then
of every screen the car has; memory two seconds after, when the modules the car includes (the voice
assistant's models) have loaded in their thread (`bench_startup.py`). The trivial window is a
1920×720 QML `Window` holding one `Rectangle`, started through the same `QQmlApplicationEngine` path:
{t['first_s'] * 1000:.0f} ms, {t['rss_mb']:.0f} MB.

| variant (screens; voice) | first frame | ratio | every screen | memory |
|---|---|---|---|---|
{chr(10).join(rows)}

Goal met: {'yes' if r['goal_met'] else 'NO'}.
"""


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, indent=1))
    print(markdown(result))
