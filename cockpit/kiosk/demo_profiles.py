"""The tour's demo drivers, in a throwaway profile database that is rebuilt for every visitor."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from cockpit.profiles.schema import default_profile
from cockpit.profiles.service import ProfileService
from cockpit.profiles.store import ProfileDatabase

log = logging.getLogger(__name__)


class DemoProfiles:
    """A temporary folder, gone when the kiosk ends: the tour's profile switch has someone to switch
    to, and what a visitor does to a profile (settings saved into it, a PIN, valet mode, an erase)
    is undone by ``rebuild`` at the next reset. None of the car's real profiles is ever opened."""

    def __init__(self, drivers: dict[str, dict[str, Any]]):
        self._drivers = drivers
        self.folder = Path(tempfile.mkdtemp(prefix="cockpit-kiosk-profiles-"))
        self.service = ProfileService(ProfileDatabase(self.folder))
        self.service.call(self.rebuild).result(30)

    def rebuild(self, db: ProfileDatabase) -> None:
        """On the profile worker: everything erased, the demo drivers created as the tour describes them."""
        db.erase_all()
        for name, settings in self._drivers.items():
            doc = default_profile(name)
            if "theme" in settings:
                doc["display"]["theme"] = settings["theme"]
            if "temperature" in settings:
                doc["climate"]["driver"]["temperature"] = float(settings["temperature"])
            db.create(name, doc=doc)

    def close(self) -> None:
        """After the Cockpit has closed (which closes the service): remove the throwaway database."""
        shutil.rmtree(self.folder, ignore_errors=True)
