"""Voice and driver profiles as the kiosk uses them, when the cockpit has them.

They are built alongside the kiosk: the voice store (``listenToFile(path)``, ``warm_up()``) and
the profiles store (``switch_by_name(name)`` or ``select(name)``, ``activeName``). The kiosk
looks for them on the Cockpit at the moment it needs them, by what they can do rather than by
name, and says plainly in the log when one is not there: the tour step is skipped, the show goes on.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# What a store may offer to forget a visitor; the first one present is called.
_VOICE_FORGET = ("clearTranscript", "clearHistory", "forget", "clear", "reset", "cancel")
_PROFILE_FORGET = ("wipeGuest", "resetGuest", "clearGuest")
_PROFILE_CURRENT = ("activeName", "currentName", "current", "active", "name")


def _find(cockpit: object, method: str) -> Any | None:
    """The first store on the cockpit with a callable ``method``."""
    for value in list(vars(cockpit).values()):
        if callable(getattr(value, method, None)) and not isinstance(value, type):
            return value
    return None


class Services:
    def __init__(self, cockpit: object):
        self.cockpit = cockpit
        self._said: set[str] = set()

    def _missing(self, what: str, action: str) -> bool:
        key = f"{what}/{action}"
        level = logging.WARNING if key not in self._said else logging.DEBUG
        self._said.add(key)
        log.log(level, "kiosk: %s not available: %s skipped", what, action)
        return False

    # ----- voice ----------------------------------------------------------------------------------

    @property
    def voice(self) -> Any | None:
        return _find(self.cockpit, "listenToFile")

    def listen(self, wav: Path) -> bool:
        """Feed a recording to the assistant as if a visitor had said it."""
        voice = self.voice
        if voice is None:
            return self._missing("voice", f"the recorded command {wav.name}")
        voice.listenToFile(str(wav))
        return True

    # ----- profiles ---------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Let the assistant load its models now (after the first frame), not at the first command."""
        if callable(warm := getattr(self.voice, "warm_up", None)):
            warm()

    # ----- profiles ---------------------------------------------------------------------------------

    @property
    def profiles(self) -> Any | None:
        return _find(self.cockpit, "switch_by_name") or _find(self.cockpit, "select")

    def select_profile(self, name: str) -> bool:
        profiles = self.profiles
        if profiles is None:
            return self._missing("driver profiles", f"switching to {name!r}")
        if callable(by_name := getattr(profiles, "switch_by_name", None)):
            if why := by_name(name):  # '' when switching
                log.warning("kiosk: profile %r not selected: %s", name, why)
                return False
            return True
        return profiles.select(name) is not False

    def current_profile(self) -> str | None:
        profiles = self.profiles
        if profiles is None:
            return None
        for name in _PROFILE_CURRENT:
            value = profiles.property(name) if hasattr(profiles, "property") else None
            if value is None:
                value = getattr(profiles, name, None)
                value = value() if callable(value) else value
            if isinstance(value, str) and value:
                return value
            if isinstance(value, dict) and isinstance(value.get("name"), str):
                return value["name"]
        return None

    # ----- a new visitor -------------------------------------------------------------------------

    def forget_visitor(self) -> list[str]:
        """Wipe what a visitor left in voice and profiles; the names of what was called."""
        done = []
        for store, methods in ((self.voice, _VOICE_FORGET), (self.profiles, _PROFILE_FORGET)):
            if store is None:
                continue
            for method in methods:
                if callable(fn := getattr(store, method, None)):
                    fn()
                    done.append(f"{type(store).__name__}.{method}")
                    break
        return done


class DemoProfiles:
    """The tour's demo drivers in a throwaway profile database (a temporary folder, gone when the
    kiosk ends): the profile switch has someone to switch to, and nothing a visitor does to a
    profile outlives the kiosk process. None of the car's real profiles is ever opened."""

    def __init__(self, drivers: dict[str, dict[str, Any]]):
        import shutil
        import tempfile

        self._rmtree = shutil.rmtree
        self.folder = Path(tempfile.mkdtemp(prefix="cockpit-kiosk-profiles-"))
        self.service = None
        try:
            from cockpit.profiles.schema import default_profile
            from cockpit.profiles.service import ProfileService
            from cockpit.profiles.store import ProfileDatabase
        except ImportError as exc:
            log.warning("kiosk: driver profiles not available (%s): the tour's profile switch is skipped", exc)
            return
        self.service = ProfileService(ProfileDatabase(self.folder))

        def seed(db: Any) -> None:
            for name, settings in drivers.items():
                doc = default_profile(name)
                if "theme" in settings:
                    doc["display"]["theme"] = settings["theme"]
                if "temperature" in settings:
                    doc["climate"]["driver"]["temperature"] = float(settings["temperature"])
                db.create(name, doc=doc)

        try:
            self.service.call(seed).result(30)
        except Exception:
            log.exception("kiosk: the demo drivers could not be created; the tour's profile switch is skipped")

    def close(self) -> None:
        """After the Cockpit has closed (which closes the service): remove the throwaway database."""
        self._rmtree(self.folder, ignore_errors=True)
