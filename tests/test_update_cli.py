"""'cockpit release' → a static HTTP server on 127.0.0.1 → 'cockpit update' on a car, as a maker and a car
would run them: set up, check, install (Park for a theme), a failing check leaving the car as it was,
status and rollback."""

import json
import subprocess
import sys

from tests.update_helpers import Server, theme_content


def cockpit(*args, env=None):  # noqa: ANN001, ANN002
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env)


def publish(tmp_path, repo, version, text="#ffffff"):  # noqa: ANN001
    content = theme_content(tmp_path / f"nordic-{version}", "nordic", version, text)
    made = cockpit("release", "bundle", content, "--kind", "theme", "--name", "nordic", "--version", version,
                   "--summary", f"Nordic {version}", "--variant", "suv", "--out", tmp_path / "bundles")
    assert made.returncode == 0, made.stderr
    for step in (("add", tmp_path / "bundles" / f"theme-nordic-{version}.bundle"), ("publish",)):
        done = cockpit("release", *step, "--repo", repo)
        assert done.returncode == 0, done.stderr


def test_a_theme_goes_from_the_maker_to_the_car_and_back(tmp_path):
    repo, car = tmp_path / "repo", ["--data-dir", tmp_path / "car"]
    assert cockpit("release", "init", "--repo", repo).returncode == 0
    publish(tmp_path, repo, "1.0")
    with Server(repo) as server:
        no_setup = cockpit("update", "check", *car)
        assert no_setup.returncode == 2 and "cockpit update setup" in no_setup.stderr
        setup = cockpit("update", "setup", "--server", server.url, "--root", repo / "metadata" / "1.root.json", *car)
        assert setup.returncode == 0, setup.stderr

        offered = json.loads(cockpit("update", "check", "--json", *car).stdout)
        assert [(o["name"], o["version"], o["new"], o["installed"]) for o in offered] == [("nordic", "1.0", True, None)]
        city = json.loads(cockpit("update", "check", "--json", "--variant", "city", *car).stdout)
        assert city == []  # the bundle is for the suv

        driving = cockpit("update", "install", *car)
        assert driving.returncode == 1 and "only with the car in P" in driving.stdout, driving.stdout
        assert json.loads(cockpit("update", "status", "--json", *car).stdout) == []

        parked = cockpit("update", "install", "--parked", "--json", *car)
        assert parked.returncode == 0, parked.stdout + parked.stderr
        assert [(r["name"], r["ok"], r["active"]) for r in json.loads(parked.stdout)] == [("nordic", True, "1.0")]
        assert "nothing new" in cockpit("update", "install", "--parked", *car).stdout

        publish(tmp_path, repo, "1.1")
        assert cockpit("update", "install", "--parked", *car).returncode == 0
        (item,) = json.loads(cockpit("update", "status", "--json", *car).stdout)
        assert (item["active"], item["last_good"]) == ("1.1", "1.0")
        back = cockpit("update", "rollback", "theme", "nordic", *car)
        assert back.returncode == 0 and "back on 1.0" in back.stdout, back.stdout + back.stderr

        publish(tmp_path, repo, "1.2", text="#20242a")  # dark text on the dark theme: unreadable
        bad = cockpit("update", "install", "--parked", "--json", *car)
        assert bad.returncode == 1
        (result,) = json.loads(bad.stdout)
        assert (result["ok"], result["active"]) == (False, "1.0") and "contrast" in result["reason"], result

    (item,) = json.loads(cockpit("update", "status", "--json", *car).stdout)
    assert item["active"] == "1.0" and "contrast" in item["failed"]
    # A/B: the failed version went into the other slot, so there is nothing left to roll back to
    again = cockpit("update", "rollback", "theme", "nordic", *car)
    assert again.returncode != 0 and "Traceback" not in again.stderr
    unknown = cockpit("update", "rollback", "theme", "nope", *car)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


def test_a_root_that_is_not_signed_by_its_own_keys_is_not_trusted(tmp_path):
    repo = tmp_path / "repo"
    assert cockpit("release", "init", "--repo", repo).returncode == 0
    root = json.loads((repo / "metadata" / "1.root.json").read_text())
    root["signed"]["expires"] = "2099-01-01T00:00:00Z"  # changed after signing
    forged = tmp_path / "root.json"
    forged.write_text(json.dumps(root))
    for bad in (forged, tmp_path, "/dev/zero"):
        out = cockpit("update", "setup", "--server", "http://127.0.0.1:9/", "--root", bad, "--data-dir", tmp_path / "c")
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "c" / "updates" / "tuf" / "root.json").exists()
