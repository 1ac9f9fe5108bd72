"""The privacy center's back end against the real stores in a temporary data folder: consent (off by
default, kept across instances, a damaged file counts as none), the inventory's export read back from
its JSON and CSV, erasure down to the file's bytes, and a store registered from outside."""

import csv
import io
import json
import struct
import zipfile
from pathlib import Path

import pytest

from cockpit.health.history import DB_NAME, History
from cockpit.privacy.consent import FILE_NAME, PURPOSES, Consent, ConsentError, follow_location
from cockpit.privacy.export import ExportError, export
from cockpit.privacy.inventory import Category, EraseError, Inventory
from cockpit.profiles.store import ProfileDatabase

T0 = 1_800_000_000.0
SPEED = "Vehicle.Speed"
LAT = "Vehicle.CurrentLocation.Latitude"
SECRET_LAT = 60.1698557  # a position that must be gone from the disk after erasing


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def car(tmp_path):
    """A car's stores in ``tmp_path``: history (stepped clock), profiles, consent, and their inventory."""
    clock = Clock()
    history = History(tmp_path, clock=clock, maintain_every_s=0)
    db = ProfileDatabase(tmp_path, scrypt_n=2**10)
    db.open()
    consent = Consent(tmp_path, clock=clock)
    unfollow = follow_location(consent, history)
    inventory = Inventory.of(tmp_path, history=history, profiles=lambda fn: fn(db), consent=consent)
    yield type("Car", (), {"history": history, "db": db, "consent": consent, "inventory": inventory,
                           "clock": clock, "folder": tmp_path})
    unfollow()
    history.close()
    db.close()


def drive(car, seconds: int = 20) -> None:
    for _ in range(seconds):
        car.clock.t += 1
        car.history.record(SPEED, 10.0 + car.clock.t % 7)
        car.history.record(LAT, SECRET_LAT)
    car.history.flush()


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(DB_NAME) and p.is_file())


# ----- consent ---------------------------------------------------------------------------------------


def test_every_consent_is_off_by_default_and_a_yes_is_kept_with_its_time(tmp_path):
    clock = Clock()
    consent = Consent(tmp_path, clock=clock)
    assert not any(consent.agreed(p) for p in PURPOSES) and consent.problems == []
    assert {"location-history", "dealer-maintenance", "fleet-statistics"} <= set(PURPOSES)
    assert not (tmp_path / FILE_NAME).exists()  # asking writes nothing
    consent.set("dealer-maintenance", True)
    again = Consent(tmp_path)
    assert again.agreed("dealer-maintenance") and not again.agreed("fleet-statistics")
    state = again.state()["dealer-maintenance"]
    assert state["changed"] == "2027-01-15T08:00:00+00:00" and state["recipient"] == "Your dealer's workshop"
    clock.t += 60
    consent.set("dealer-maintenance", False)
    assert not Consent(tmp_path).agreed("dealer-maintenance")
    assert Consent(tmp_path).state()["dealer-maintenance"]["changed"] == "2027-01-15T08:01:00+00:00"


def test_an_unknown_purpose_or_an_answer_that_is_not_yes_or_no_is_refused(tmp_path):
    consent = Consent(tmp_path)
    with pytest.raises(ValueError, match="'ads' is not a purpose the car asks consent for; known: location-history"):
        consent.set("ads", True)
    with pytest.raises(ValueError, match="not a purpose"):
        consent.agreed("ads")
    with pytest.raises(TypeError, match="True or False, not 'yes'"):
        consent.set("fleet-statistics", "yes")
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("content", [
    b"\x00\xff garbage", b"{", b"[]", json.dumps({"layout": 9, "purposes": {}}).encode(),
    json.dumps({"layout": 1, "purposes": {"fleet-statistics": {"agreed": "yes", "t": 1}}}).encode(),
    json.dumps({"layout": 1, "purposes": {"fleet-statistics": {"agreed": True, "t": float("inf")}}}).encode(),
    b" " * 70_000 + b"{}",
])
def test_a_damaged_consent_file_counts_as_no_consent_and_says_why(tmp_path, content):
    (tmp_path / FILE_NAME).write_bytes(content)
    consent = Consent(tmp_path)
    assert not any(consent.agreed(p) for p in PURPOSES)
    assert len(consent.problems) == 1 and "every consent counts as not given" in consent.problems[0]
    consent.set("fleet-statistics", True)  # a good file replaces it
    assert Consent(tmp_path).agreed("fleet-statistics") and Consent(tmp_path).problems == []


def test_a_purpose_from_a_newer_cockpit_is_ignored_and_the_rest_kept(tmp_path):
    (tmp_path / FILE_NAME).write_text(json.dumps({"layout": 1, "purposes": {
        "telepathy": {"agreed": True, "t": 1.0}, "fleet-statistics": {"agreed": True, "t": 2.0}}}))
    consent = Consent(tmp_path)
    assert consent.agreed("fleet-statistics") and consent.problems == []


def test_subscribers_hear_of_changes_here_and_from_another_process(tmp_path):
    ours, theirs = Consent(tmp_path), Consent(tmp_path)  # theirs: the CLI, say
    heard: list[tuple[str, bool]] = []
    unsubscribe = ours.changed(lambda p, a: heard.append((p, a)))
    ours.set("fleet-statistics", True)
    ours.set("fleet-statistics", True)  # no change, no call
    assert heard == [("fleet-statistics", True)]
    theirs.set("fleet-statistics", False)
    assert not ours.agreed("fleet-statistics")  # read again: the file changed
    assert heard[-1] == ("fleet-statistics", False)
    unsubscribe()
    ours.set("dealer-maintenance", True)
    assert len(heard) == 2


def test_a_withdrawal_holds_even_when_it_cannot_be_saved_and_a_yes_is_not_given(tmp_path):
    consent = Consent(tmp_path)
    consent.set("location-history", True)
    (tmp_path / FILE_NAME).unlink()
    (tmp_path / FILE_NAME).mkdir()  # a folder in the way: the atomic rename fails
    with pytest.raises(ConsentError, match="cannot save the consent.*withdrawn until the cockpit restarts"):
        consent.set("location-history", False)
    assert not consent.agreed("location-history")
    with pytest.raises(ConsentError, match="cannot save"):
        consent.set("fleet-statistics", True)
    assert not consent.agreed("fleet-statistics")


def test_location_is_recorded_only_while_its_consent_is_given(car):
    drive(car, 5)
    assert [r["path"] for r in car.history.export("location")] == []
    car.consent.set("location-history", True)
    drive(car, 5)
    assert len(list(car.history.export("location"))) == 5
    Consent(car.folder).set("location-history", False)  # from another process: seen at the next read
    assert not car.consent.agreed("location-history")
    drive(car, 5)
    assert len(list(car.history.export("location"))) == 5


# ----- the inventory, export and erasure ---------------------------------------------------------------


def test_the_report_lists_each_category_with_purpose_retention_recipients_and_size(car):
    car.consent.set("location-history", True)
    drive(car)
    report = car.inventory.report()
    by = {c["name"]: c for c in report["categories"]}
    assert list(by) == ["profiles", "vehicle-health", "driving", "location", "voice", "consent", "exports",
                        "recovery-files", "updates"]
    assert by["location"]["consent"] == "location-history" and by["location"]["consent_given"] is True
    assert by["location"]["retention"] == "30 days" and by["driving"]["bytes"] > 0
    assert by["voice"]["bytes"] == 0 and not by["voice"]["erasable"] and "no audio" in by["voice"]["why_not"]
    assert not by["updates"]["personal"]
    assert all(c["what"] and c["purpose"] and c["retention"] and c["recipients"] for c in by.values())
    assert report["consents"]["location-history"]["agreed"]
    json.dumps(report)  # JSON-ready as it is


def test_export_writes_every_category_as_json_and_csv_that_read_back_to_the_stores_rows(car, tmp_path):
    car.consent.set("location-history", True)
    drive(car)
    car.db.create("Anna")
    done = export(car.inventory, tmp_path / "copy")
    folder = done.path
    assert sorted(p.name for p in folder.iterdir()) == sorted(done.files)
    assert {"privacy.json", "README.txt", "driving.csv", "driving.json", "location.csv", "profiles.json"} \
        <= set(done.files)
    assert "voice.json" not in done.files and "updates.csv" not in done.files  # nothing of the driver's in them
    expected = list(car.history.export("driving"))
    assert json.loads((folder / "driving.json").read_text()) == expected
    rows = list(csv.DictReader(io.StringIO((folder / "driving.csv").read_text())))
    assert [(r["path"], float(r["mean"]), r["time"]) for r in rows] == \
        [(e["path"], e["mean"], e["time"]) for e in expected]
    assert len(rows) == 20 and done.rows["driving"] == 20 and done.rows["location"] == 20
    profile = json.loads((folder / "profiles.json").read_text())[0]
    assert profile["name"] == "Anna" and profile["document"]["name"] == "Anna"
    assert json.loads(next(csv.DictReader(open(folder / "profiles.csv")))["document"])["name"] == "Anna"
    report = json.loads((folder / "privacy.json").read_text())
    assert {c["name"]: c.get("exported_rows") for c in report["categories"]}["location"] == 20
    readme = (folder / "README.txt").read_text()
    assert all(name.split(".")[0] in readme for name in done.files if name != "README.txt")
    assert (folder.stat().st_mode & 0o077) == 0 and ((folder / "location.csv").stat().st_mode & 0o077) == 0


def test_a_zip_export_holds_the_same_files(car, tmp_path):
    drive(car)
    done = export(car.inventory, tmp_path / "copy.zip", as_zip=True)
    with zipfile.ZipFile(done.path) as z:
        assert sorted(z.namelist()) == sorted(done.files)
        assert json.loads(z.read("driving.json")) == list(car.history.export("driving"))
        header = z.read("driving.csv").decode().splitlines()[0]
    assert header == "category,path,resolution,time,t,min,mean,max,count"
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_export_refuses_to_mix_with_or_overwrite_what_is_there(car, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep")
    with pytest.raises(ExportError, match="already exists and is not an empty folder"):
        export(car.inventory, tmp_path / "full")
    (tmp_path / "old.zip").write_bytes(b"old")
    with pytest.raises(ExportError, match="already exists; name a new zip file"):
        export(car.inventory, tmp_path / "old.zip", as_zip=True)
    with pytest.raises(ExportError, match="does not exist"):
        export(car.inventory, tmp_path / "no" / "such")
    assert (tmp_path / "full" / "mine.txt").read_text() == "keep" and (tmp_path / "old.zip").read_bytes() == b"old"
    export(car.inventory, tmp_path / "empty-is-fine")


def test_erasing_location_takes_its_values_off_the_disk_and_leaves_the_rest(car):
    car.consent.set("location-history", True)
    drive(car)
    assert struct.pack(">d", SECRET_LAT) in on_disk(car.folder)
    assert car.inventory.erase("location") == {"location": 20}
    assert list(car.history.export("location")) == [] and len(list(car.history.export("driving"))) == 20
    car.history.close()
    assert struct.pack(">d", SECRET_LAT) not in on_disk(car.folder)


def test_erasing_all_personal_data_empties_every_store_and_withdraws_consent(car):
    car.consent.set("location-history", True)
    car.consent.set("fleet-statistics", True)
    drive(car)
    car.db.create("Anna")
    (car.folder / "exports").mkdir()
    export(car.inventory, car.folder / "exports" / "earlier")  # as the Privacy page exports
    erased = car.inventory.erase("all")
    assert erased["profiles"] == 1 and erased["driving"] == 20 and erased["location"] == 20
    assert erased["consent"] == 2 and erased["exports"] == 16 and "updates" not in erased
    assert car.db.summaries() == [] and not any(car.consent.agreed(p) for p in PURPOSES)
    assert not (car.folder / FILE_NAME).exists() and list((car.folder / "exports").iterdir()) == []
    assert sum(c["bytes"] for c in car.inventory.report()["categories"] if c["name"] in ("driving", "location")) == 0


def test_erase_all_goes_on_past_a_store_that_fails_and_says_which(car):
    drive(car)
    car.history.close()  # the history cannot erase now
    with pytest.raises(EraseError, match=r"not erased — vehicle-health: the signal history is closed; driving: .*"
                                         r"\(erased: profiles, exports, recovery-files, consent\)") as caught:
        car.inventory.erase("all")
    assert caught.value.erased["consent"] == 0


def test_nothing_to_erase_and_unknown_categories_are_refused_with_the_reason(car):
    with pytest.raises(ValueError, match="voice: nothing to erase here — the voice assistant keeps no audio"):
        car.inventory.erase("voice")
    with pytest.raises(KeyError, match="'tapes' is not a category of data this car keeps"):
        car.inventory.erase("tapes")


def test_a_damaged_history_set_aside_is_listed_and_erasable(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"not a database at all" * 100)
    history = History(tmp_path, maintain_every_s=0)
    try:
        inventory = Inventory.of(tmp_path, history=history)
        recovery = {c["name"]: c for c in inventory.report()["categories"]}["recovery-files"]
        assert recovery["bytes"] == 2100
        assert inventory.erase("recovery-files") == {"recovery-files": 1}
        assert history.recovery_files() == []
    finally:
        history.close()


def test_the_health_journal_is_listed_exported_with_one_header_and_erased(tmp_path):
    from cockpit.health.journal import EXPORT_FIELDS, Journal
    from cockpit.sim.aging import Car

    journal = Journal(tmp_path)
    obs = Car(3).age(10)[0]
    journal.write(obs)
    inventory = Inventory.of(tmp_path, journal=journal)
    entry = {c["name"]: c for c in inventory.report()["categories"]}["health-journal"]
    assert entry["bytes"] > 0 and entry["erasable"]
    done = export(inventory, tmp_path / "copy")
    header, *rows = list(csv.reader(open(done.path / "health-journal.csv")))
    assert tuple(header) == EXPORT_FIELDS
    tables = [r[header.index("table")] for r in rows]
    assert tables.count("car") == 1 and tables.count("days") == 10 and tables.count("tires") == len(obs.tire_time_days)
    day = rows[tables.index("days")]
    assert float(day[header.index("soc_morning")]) == pytest.approx(obs.soc_morning[0])
    assert inventory.erase("health-journal") == {"health-journal": len(rows)}
    assert journal.observations() is None


def test_a_category_is_listed_once(tmp_path):
    inventory = Inventory.of(tmp_path)
    with pytest.raises(ValueError, match="already listed"):
        inventory.add(Category("voice", "", "", "", "", "", lambda: 0))
