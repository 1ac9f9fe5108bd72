"""What the car keeps about its driver and its wear, put together for the car's own screens: the
driver's consents, the signal history and health journal (opened on a thread of their own: the
history's check reads the whole file), the privacy center's table over them, and the fleet
statistics that leave the car only with consent. The Health page's and the privacy center's
reads wait for the opening on their own worker threads; the GUI thread never does."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from cockpit.fleet.car import ENDPOINT as FLEET_ENDPOINT
from cockpit.health.car import OpeningHealth
from cockpit.privacy.consent import Consent
from cockpit.privacy.inventory import Inventory
from cockpit.profiles.service import ProfileService
from cockpit.vehicle.store import SignalStore


class CarData:
    def __init__(self, signals: SignalStore, folder: Path, profiles: ProfileService | None, variant: str,
                 fleet_connect: tuple[str, ...] = (FLEET_ENDPOINT,)):
        self.folder, self.variant, self.fleet_connect = folder, variant, fleet_connect
        self.consent = Consent(folder)
        self.health = OpeningHealth(signals, consent=self.consent.agreed, folder=folder)
        self.consent.changed(self._consent_changed)
        self.inventory = Inventory.of(folder, history=self.health.history, journal=self.health.journal,
                                      consent=self.consent,
                                      profiles=None if profiles is None else lambda fn: profiles.call(fn).result())
        self.fleet: Any = None

    def start_fleet(self) -> None:
        """The fleet publisher's thread (after the first frame: it loads Zenoh); it connects nowhere
        while the driver has not agreed."""
        from cockpit.fleet.car import car_publisher

        self.fleet = car_publisher(self.consent.agreed, self.health.observations, self.variant, self.folder,
                                   self.fleet_connect)
        self.fleet.start()

    def _consent_changed(self, purpose: str, agreed: bool) -> None:
        self.health.refresh_consent()  # location history starts or stops at once
        if self.fleet is not None:  # a withdrawal closes the session now, not at the next minute's check
            threading.Thread(target=self.fleet.check, name="fleet-consent", daemon=True).start()

    def close(self) -> None:
        if self.fleet is not None:
            self.fleet.close()
        self.health.close()  # writes the day under way into the journal
