"""The voice assistant's actions carried out through the domain stores — the same requests a touch
makes, so a spoken "set the temperature to 21" shows as pending and rolls back like a tap.

``run(action)`` returns '' when the request went out, else a short reason for the driver.
``dialogue.*`` actions are about the conversation itself and are handled by the VoiceStore.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .climate_store import ClimateStore
from .media_store import MediaStore
from .navigation_store import NavigationStore
from .phone_store import PhoneStore
from .settings_store import SettingsStore

log = logging.getLogger(__name__)

ZONES = {"driver": ("driver",), "passenger": ("passenger",), "both": ("driver", "passenger")}
DISTANCE_UNITS = {"km": "KILOMETERS", "kilometers": "KILOMETERS", "kilometres": "KILOMETERS",
                  "mi": "MILES", "miles": "MILES"}
TEMPERATURE_UNITS = {"c": "C", "celsius": "C", "f": "F", "fahrenheit": "F"}
# Switches a driver profile by name; returns '' or why not. Set by the application once driver
# profiles exist (cockpit/profiles); until then "switch to Anna's profile" is politely declined.
ProfileSwitch = Callable[[str], str]
NO_PROFILES = "driver profiles are not available yet"


class ActionError(Exception):
    """An action the stores cannot carry out as asked."""


def _first_error(results: list[str]) -> str:
    return next((r for r in results if r), "")


NO_NAVIGATION = "This car has no navigation"  # a variant without the module (cockpit/variant.py)


class VoiceActions:
    def __init__(self, climate: ClimateStore, media: MediaStore, navigation: NavigationStore | None, phone: PhoneStore,
                 settings: SettingsStore, switch_profile: ProfileSwitch | None = None):
        self.climate, self.media, self.navigation, self.phone, self.settings = (
            climate, media, navigation, phone, settings)
        self.switch_profile = switch_profile
        self._handlers: dict[str, Callable[[dict[str, Any]], str]] = {
            "climate.set_temperature": lambda a: self._zones(a, lambda z: climate.setTemperature(z, a["celsius"])),
            "climate.adjust_temperature": lambda a: self._zones(
                a, lambda z: climate.adjustTemperature(z, a["delta_c"])),
            "climate.set_fan": lambda a: self._zones(a, lambda z: climate.setFan(z, int(a["level"]))),
            "climate.adjust_fan": lambda a: self._zones(a, lambda z: climate.stepFan(z, int(a["steps"]))),
            "climate.set_ac": lambda a: climate.setToggle("ac", bool(a["on"])),
            "climate.set_defrost": self._defrost,
            "climate.set_seat_heat": lambda a: self._zones(a, lambda z: climate.setSeatHeat(z, int(a["level"]))),
            "media.play": lambda a: media.play(),
            "media.pause": lambda a: media.pause(),
            "media.next": lambda a: media.next(),
            "media.previous": lambda a: media.previous(),
            "media.set_volume": lambda a: media.setVolume(int(a["percent"])),
            "media.adjust_volume": lambda a: media.stepVolume(int(a["step"])),
            "media.set_source": lambda a: media.setSource(str(a["source"])),
            "nav.go": lambda a: navigation.go(str(a["place"])) if navigation else NO_NAVIGATION,
            "nav.cancel": lambda a: navigation.cancel() if navigation else NO_NAVIGATION,
            "phone.call": lambda a: phone.call(str(a["contact"])),
            "phone.answer": lambda a: phone.answer(),
            "phone.hang_up": lambda a: phone.hangUp(),
            "settings.set_units": self._units,
            "settings.set_theme": self._theme,
            "settings.set_brightness": lambda a: settings.setBrightness(float(a["percent"])),
            "settings.adjust_brightness": lambda a: settings.stepBrightness(float(a["step"])),
            "profile.switch": self._profile,
        }

    def run(self, name: str, args: dict[str, Any]) -> str:
        handler = self._handlers.get(name)
        if handler is None:
            log.warning("voice action %s has no handler", name)
            return "I can't do that yet"
        try:
            return handler(args)
        except (ActionError, KeyError, TypeError, ValueError) as exc:  # a malformed result: say so, do nothing
            log.warning("voice action %s%r not carried out: %s", name, args, exc)
            return str(exc) if isinstance(exc, ActionError) else "the request was incomplete"

    @staticmethod
    def _zones(args: dict[str, Any], request: Callable[[str], str]) -> str:
        zones = ZONES.get(str(args.get("zone") or "driver"))
        if zones is None:
            raise ActionError(f"there is no zone called {args['zone']}")
        return _first_error([request(z) for z in zones])

    def _defrost(self, args: dict[str, Any]) -> str:
        which = str(args.get("which", "front"))
        if which not in ("front", "rear"):
            raise ActionError(f"there is no {which} defroster")
        return self.climate.setToggle(which + "Defrost", bool(args["on"]))

    def _units(self, args: dict[str, Any]) -> str:
        results = []
        if args.get("distance"):
            unit = DISTANCE_UNITS.get(str(args["distance"]).lower(), str(args["distance"]).upper())
            results.append(self.settings.setUnit("distanceUnit", unit))
        if args.get("temperature"):
            unit = TEMPERATURE_UNITS.get(str(args["temperature"]).lower(), str(args["temperature"]).upper())
            results.append(self.settings.setUnit("temperatureUnit", unit))
        if not results:
            raise ActionError("which units?")
        return _first_error(results)

    def _theme(self, args: dict[str, Any]) -> str:
        wanted = str(args["theme"]).strip().lower()
        for theme in self.settings.property("themes"):
            if wanted in (theme["name"].lower(), theme["title"].lower()):
                return self.settings.setTheme(theme["name"])
        raise ActionError(f"there is no theme called {wanted}")

    def _profile(self, args: dict[str, Any]) -> str:
        if self.switch_profile is None:
            return NO_PROFILES
        return self.switch_profile(str(args["name"]))
