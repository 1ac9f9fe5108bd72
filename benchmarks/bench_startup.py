"""Time to the cluster's first frame, as a ratio to a trivial one-rectangle QML window started the
same way (fresh Python process, offscreen) in the same run. Goal: <= 3x."""

import statistics
import subprocess
import sys

RUNS = 7


def first_frame(what: str) -> float:
    out = subprocess.run([sys.executable, "-m", "benchmarks.startup_child", what], capture_output=True,
                         text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    return float(out.stdout.strip().splitlines()[-1])


def run() -> dict:
    trivial, cluster = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        trivial.append(first_frame("trivial"))
        cluster.append(first_frame("cluster"))
    t, c = statistics.median(trivial), statistics.median(cluster)
    return {"trivial_s": t, "cluster_s": c, "ratio": c / t, "runs": RUNS}


if __name__ == "__main__":
    r = run()
    print(f"first frame: trivial {r['trivial_s']*1000:.0f} ms, cluster {r['cluster_s']*1000:.0f} ms, "
          f"ratio {r['ratio']:.2f}x (median of {r['runs']})")
