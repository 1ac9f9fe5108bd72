"""``cockpit privacy`` as a user runs it: a real data folder (COCKPIT_DATA_DIR) with a signal history
recorded through the real History, then report, export (read back), erase (gone from the file's bytes),
and consent (off by default, kept, a damaged file said)."""

import csv
import json
import struct
import subprocess
import sys
import time
import zipfile

import pytest

from cockpit.health.history import DB_NAME, History

from .conftest import ROOT

LAT = "Vehicle.CurrentLocation.Latitude"
SECRET_LAT = 48.8583701


def privacy(data, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", "privacy", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, input=stdin,
                          env={"PATH": "/usr/bin:/bin", "COCKPIT_DATA_DIR": str(data)})


@pytest.fixture
def data(tmp_path):
    """A data folder with 30 s of speed and, with consent, of position."""
    folder = tmp_path / "car"
    assert privacy(folder, "consent", "location-history", "on").returncode == 0
    now = time.time() - 60
    with History(folder, consent=["location"]) as h:
        for i in range(30):
            h.record("Vehicle.Speed", 20.0 + i, t=now + i)
            h.record(LAT, SECRET_LAT, t=now + i)
    return folder


def on_disk(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(DB_NAME) and p.is_file())


def test_report_says_what_is_kept_why_how_long_and_for_whom(data):
    out = privacy(data, "report")
    assert out.returncode == 0, out.stderr
    assert "Location history [location]" in out.stdout and "kept:     30 days" in out.stdout
    assert "consent:  location-history (given)" in out.stdout and "Voice assistant [voice]  0 B" in out.stdout
    report = json.loads(privacy(data, "report", "--json").stdout)
    by = {c["name"]: c for c in report["categories"]}
    assert by["location"]["bytes"] > 0 and by["location"]["consent_given"] is True
    assert report["consents"]["fleet-statistics"]["agreed"] is False


def test_export_to_a_folder_and_a_zip_reads_back(data, tmp_path):
    out = privacy(data, "export", str(tmp_path / "copy"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("exported ") and str(tmp_path / "copy") in out.stdout
    rows = list(csv.DictReader(open(tmp_path / "copy" / "location.csv")))
    assert len(rows) == 30 and {float(r["mean"]) for r in rows} == {SECRET_LAT}
    speeds = json.load(open(tmp_path / "copy" / "driving.json"))
    assert [r["mean"] for r in speeds] == [20.0 + i for i in range(30)]
    assert privacy(data, "export", str(tmp_path / "z.zip"), "--zip").returncode == 0
    with zipfile.ZipFile(tmp_path / "z.zip") as z:
        assert json.loads(z.read("driving.json")) == speeds
    again = privacy(data, "export", str(tmp_path / "copy"))
    assert again.returncode == 2 and "already exists and is not an empty folder" in again.stderr
    file = tmp_path / "a-file"
    file.write_text("x")
    under = privacy(data, "export", str(file / "copy"))
    assert under.returncode == 2 and "cannot write there (Not a directory)" in under.stderr


def test_erase_asks_first_then_the_values_are_gone_from_the_file(data):
    assert struct.pack(">d", SECRET_LAT) in on_disk(data)
    refused = privacy(data, "erase", "location")  # no terminal to ask on, no --yes
    assert refused.returncode == 2 and "nothing erased: add --yes" in refused.stderr
    assert struct.pack(">d", SECRET_LAT) in on_disk(data)
    out = privacy(data, "erase", "location", "--yes")
    assert out.returncode == 0 and "erased location: 30 item(s)" in out.stdout
    assert struct.pack(">d", SECRET_LAT) not in on_disk(data)
    assert json.loads(privacy(data, "report", "--json").stdout)["categories"][2]["bytes"] > 0  # driving stays


def test_erase_all_and_what_cannot_be_erased(data):
    voice = privacy(data, "erase", "voice", "--yes")
    assert voice.returncode == 2 and "keeps no audio and no transcripts" in voice.stderr
    unknown = privacy(data, "erase", "tapes", "--yes")
    assert unknown.returncode == 2 and "'tapes' is not a category" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    out = privacy(data, "erase", "all", "--yes")
    assert out.returncode == 0 and "erased consent: 1 item(s)" in out.stdout
    report = json.loads(privacy(data, "report", "--json").stdout)
    assert all(c["bytes"] == 0 for c in report["categories"] if c["name"] in ("driving", "location"))
    assert not any(s["agreed"] for s in report["consents"].values())


def test_consent_is_off_by_default_kept_and_a_damaged_file_said(tmp_path):
    folder = tmp_path / "car"
    listing = privacy(folder, "consent")
    assert listing.returncode == 0
    assert "fleet-statistics    off  Anonymous fleet statistics — to: The maker's fleet statistics" \
        in listing.stdout
    assert privacy(folder, "consent", "dealer-maintenance", "on").stdout.startswith(
        "Share with your dealer: on")
    assert "dealer-maintenance  on   Share" in privacy(folder, "consent").stdout
    bad = privacy(folder, "consent", "ads", "on")
    assert bad.returncode == 2 and "invalid choice: 'ads'" in bad.stderr
    half = privacy(folder, "consent", "fleet-statistics")
    assert half.returncode == 2 and "say on or off" in half.stderr
    (folder / "consent.json").write_text("{ not json")
    damaged = privacy(folder, "consent")
    assert damaged.returncode == 0 and "every consent counts as not given" in damaged.stderr
    assert "dealer-maintenance  off" in damaged.stdout and "Traceback" not in damaged.stderr
