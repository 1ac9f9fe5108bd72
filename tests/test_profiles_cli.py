"""``cockpit profiles …`` as a user runs it: in a subprocess, against a throw-away data folder."""

import json
import stat
import subprocess
import sys

from .conftest import ROOT


def profiles(data, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", "profiles", "--data-dir", str(data), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, input=stdin,
                          env={"PATH": "/usr/bin:/bin"})


def test_create_list_show_export_erase_import(tmp_path):
    data = tmp_path / "car"
    assert "no profiles yet" in profiles(data, "list").stdout
    assert profiles(data, "create", "Anna", "--key-fob", "key-1").returncode == 0
    made = profiles(data, "create", "Bo", "--pin", "1234")
    assert made.returncode == 0 and "with a PIN" in made.stdout
    assert profiles(data, "list").stdout.splitlines() == ["Anna  key key-1", "Bo    PIN"]
    shown = profiles(data, "show", "anna")
    assert "Favourite places" in shown.stdout and "(personal)" in shown.stdout
    no_pin = profiles(data, "show", "Bo")
    assert no_pin.returncode == 2 and "give it with --pin" in no_pin.stderr
    wrong = profiles(data, "show", "Bo", "--pin", "9999")
    assert wrong.returncode == 2 and "wrong PIN; 2 tries left" in wrong.stderr
    full = json.loads(profiles(data, "show", "Bo", "--pin", "1234", "--json").stdout)
    assert full["profile"]["name"] == "Bo"

    out = tmp_path / "bo.json"
    assert profiles(data, "export", "Bo", str(out), "--pin", "1234").returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and json.loads(out.read_text())["profile"]["name"] == "Bo"
    again = profiles(data, "export", "Bo", str(out), "--pin", "1234")
    assert again.returncode == 2 and "add --force" in again.stderr

    unconfirmed = profiles(data, "erase", "Bo")
    assert unconfirmed.returncode == 2 and "add --yes" in unconfirmed.stderr
    assert "Bo" in profiles(data, "list").stdout
    assert profiles(data, "erase", "Bo", "--yes").returncode == 0
    assert "Bo" not in profiles(data, "list").stdout
    imported = profiles(data, "import", str(out))
    assert imported.returncode == 0 and "imported 'Bo'" in imported.stdout
    taken = profiles(data, "import", str(out))
    assert taken.returncode == 2 and "already a profile named 'Bo'" in taken.stderr
    assert profiles(data, "import", str(out), "--name", "Bo 2").returncode == 0

    assert profiles(data, "erase", "--all").returncode == 2  # asks, and there is no terminal
    done = profiles(data, "erase", "--all", "--yes")
    assert done.returncode == 0 and "new device key" in done.stdout
    assert "no profiles yet" in profiles(data, "list").stdout


def test_a_bad_import_file_is_refused_with_the_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cockpit.profile", "profile": {"schema": 2, "name": 5}}')
    result = profiles(tmp_path / "car", "import", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"cockpit: {bad}: profile.") and "Traceback" not in result.stderr
    missing = profiles(tmp_path / "car", "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_a_damaged_database_is_reported_by_the_cli_too(tmp_path):
    data = tmp_path / "car"
    profiles(data, "create", "Anna")
    (data / "profiles.db").write_bytes(b"garbage" * 1000)
    result = profiles(data, "list")
    assert result.returncode == 0 and "kept aside as profiles.db.corrupt-" in result.stderr
    assert "no profiles yet" in result.stdout


def test_help_says_what_profiles_are():
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "profiles", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60).stdout
    for word in ("list", "show", "create", "export", "import", "erase", "encrypted"):
        assert word in out
