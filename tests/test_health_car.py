"""CarHealth: the history, the journal and the summariser on a real SignalStore and a temporary data folder."""

import queue

import pytest

from cockpit.health.car import LOCATION_PURPOSE, CarHealth, OpeningHealth
from cockpit.health.daily import DAY_S, SOC, SPEED
from cockpit.health.history import DB_NAME as HISTORY_DB
from cockpit.health.journal import DB_NAME as JOURNAL_DB
from cockpit.sim.aging import Car
from cockpit.vehicle.store import SignalStore

T0 = 20_800 * DAY_S + 5 * 3600.0


class Clock:
    def __init__(self):
        self.t = T0

    def __call__(self):
        return self.t


def opened(store, tmp_path, **kw):
    done: queue.Queue = queue.Queue()
    thread = CarHealth.open_in_background(store, on_ready=lambda h, why: done.put((h, why)), folder=tmp_path, **kw)
    health, why = done.get(timeout=30)
    thread.join(timeout=30)
    return health, why


def test_opened_in_the_background_it_records_the_store_and_reports_the_journal(tmp_path):
    clock = Clock()
    store = SignalStore(clock=clock)
    health, why = opened(store, tmp_path, clock=clock)
    assert why is None and health is not None
    try:
        assert (tmp_path / HISTORY_DB).exists() and (tmp_path / JOURNAL_DB).exists()
        assert not health.history.recording("location")  # no consent callable: never asked yes
        assert health.observations() is None and health.report() is None
        # a morning: standing, then off
        store.update(SOC, 80.0)
        clock.t += 3600.0
        store.update(SOC, 80.0)
        store.update(SPEED, 30.0)
        health.history.flush()
        assert len(health.history.series(SPEED).t) == 1
        clock.t += 600.0
        store.update(SPEED, 0.0)
    finally:
        health.close()
    # closing wrote the day under way
    obs = health.journal.observations()
    assert list(obs.day) == [20_800] and obs.soc_morning[0] == 80.0
    assert health.summary._unlisten is None


def test_the_report_is_the_models_over_the_journal(tmp_path):
    health = CarHealth(folder=tmp_path)
    try:
        aged, truth = Car(5).age(60)
        health.journal.write(aged)
        r = health.report()
        assert [p["kind"] for p in r["predictions"]][:2] == ["battery_soh", "tire_days_to_warning"]
        soh = r["predictions"][0]
        assert soh["value"] == pytest.approx(truth.soh_percent[-1], abs=3)
    finally:
        health.close()


def test_location_history_follows_the_consent_callable(tmp_path):
    agreed = {LOCATION_PURPOSE: True}
    asked = []

    def consent(purpose):
        asked.append(purpose)
        return agreed.get(purpose, False)

    health, _ = opened(SignalStore(), tmp_path, consent=consent)
    try:
        assert asked == [LOCATION_PURPOSE] and health.history.recording("location")
        agreed[LOCATION_PURPOSE] = False
        health.refresh_consent()
        assert not health.history.recording("location")
    finally:
        health.close()


def test_a_consent_callable_that_fails_is_no_consent(tmp_path):
    def broken(purpose):
        raise OSError("consent file unreadable")

    health, _ = opened(SignalStore(), tmp_path, consent=broken)
    try:
        assert not health.history.recording("location")
    finally:
        health.close()


def test_a_data_folder_that_cannot_be_used_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    health, why = opened(SignalStore(), blocker)
    assert health is None and "health journal is unavailable" in why


def test_the_pages_source_waits_for_the_opening_then_reads_the_journal(tmp_path):
    CarHealth(folder=tmp_path).journal.write(Car(3).age(20)[0])
    opening = OpeningHealth(SignalStore(), folder=tmp_path)
    try:
        obs = opening.observations()  # called at once: waits for the opening thread
        assert len(obs.day) == 20 and opening.health is not None
    finally:
        opening.close()
    assert opening.health.summary._unlisten is None  # closed: no longer listening to the store


def test_an_opening_that_failed_is_the_reads_error_in_words(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    opening = OpeningHealth(SignalStore(), folder=blocker)
    with pytest.raises(RuntimeError, match="cannot be read: .*health journal is unavailable"):
        opening.observations()
    opening.close()  # nothing opened, nothing to close


def test_closed_while_opening_the_late_health_is_closed_too(tmp_path, monkeypatch):
    answers = []  # the opening thread's answer, delivered by the test after close()
    monkeypatch.setattr(CarHealth, "open_in_background",
                        classmethod(lambda cls, store, consent, on_ready, **kw: answers.append(on_ready)))
    opening = OpeningHealth(SignalStore(), folder=tmp_path)
    opening.close()
    health = CarHealth(SignalStore(), folder=tmp_path)
    answers[0](health, None)
    assert health.summary._unlisten is None
