"""CarData, as the car's screens open it: the privacy center's table reaches the history and the journal
that open on their own thread, a consent given in the privacy center starts location history at once,
and the fleet publisher connects nowhere without consent."""

import socket
import time

from cockpit.car_data import CarData
from cockpit.sim.aging import Car
from cockpit.vehicle.store import SignalStore

LAT = "Vehicle.CurrentLocation.Latitude"


def test_the_privacy_table_reaches_the_history_and_journal_opened_in_the_background(tmp_path):
    data = CarData(SignalStore(), tmp_path, None, "suv")
    try:
        data.health.ready().journal.write(Car(3).age(10)[0])
        report = data.inventory.report()
        names = [c["name"] for c in report["categories"]]
        assert {"vehicle-health", "driving", "location", "health-journal"} <= set(names)
        assert data.inventory.erase("health-journal")["health-journal"] > 0
        assert data.health.observations() is None  # erased: the Health page has nothing to show
    finally:
        data.close()


def test_agreeing_to_location_history_starts_it_at_once(tmp_path):
    store = SignalStore()
    data = CarData(store, tmp_path, None, "suv")
    try:
        history = data.health.ready().history
        assert not history.recording("location")
        data.consent.set("location-history", True)
        assert history.recording("location")
        store.update(LAT, 48.1)
        history.flush()
        assert len(history.series(LAT).t) == 1
        data.consent.set("location-history", False)
        assert not history.recording("location")
    finally:
        data.close()


def test_the_fleet_publisher_connects_nowhere_without_consent(tmp_path):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    data = CarData(SignalStore(), tmp_path, None, "suv", fleet_connect=(f"tcp/127.0.0.1:{listener.getsockname()[1]}",))
    try:
        data.health.ready().journal.write(Car(3).age(10)[0])
        data.start_fleet()
        assert data.fleet.publish_now() == "no consent"
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            try:
                listener.accept()
            except TimeoutError:
                continue
            raise AssertionError("the fleet publisher connected without consent")
        data.consent.set("fleet-statistics", True)  # the control: with consent it does connect
        connected = False
        end = time.monotonic() + 10.0
        while not connected and time.monotonic() < end:
            try:
                listener.accept()[0].close()
                connected = True
            except TimeoutError:
                pass
        assert connected
    finally:
        data.close()
        listener.close()
