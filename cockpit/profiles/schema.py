"""The driver profile document: its versioned schema, migrations, validation and export format.

A profile is a JSON object (``SCHEMA_VERSION`` 2). Values are in VSS units (°C, mm, degrees,
percent), exactly what the cockpit requests from the car's actuators; display conversion happens
elsewhere. ``validate`` is the one gate every document passes (loaded from the database, imported
from a file, built by the CLI): it rejects anything off-schema with a message naming the field
and the reason, and returns a normalised copy. Older documents are brought up to date by
``migrate`` first (v1 -> v2), so a profile exported by an older cockpit still imports.
"""

from __future__ import annotations

import copy
import json
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cockpit.vehicle.catalogue import setpoint_limits

SCHEMA_VERSION = 2
EXPORT_FORMAT = "cockpit.profile"
MAX_EXPORT_BYTES = 1_000_000  # an export is a few kB; anything this large is not one of ours

# --- enumerations (VSS spellings where VSS has the actuator) -------------------------------------

DISTANCE_UNITS = ("KILOMETERS", "MILES")  # Vehicle.Cabin.Infotainment.HMI.DistanceUnit
TEMPERATURE_UNITS = ("C", "F")  # ...HMI.TemperatureUnit
PRESSURE_UNITS = ("KPA", "PSI", "BAR")  # ...HMI.TirePressureUnit
CLUSTER_LAYOUTS = ("theme", "dials", "bar")  # "theme": whatever the theme's layout token says
DRIVE_MODES = ("NORMAL", "SPORT", "ECONOMY", "SNOW", "RAIN")  # Powertrain.Transmission.PerformanceMode

# Bounds: the catalogue's (cockpit/vehicle/signals.toml) for what goes to an actuator.
SEAT_POSITION_MM = (0, 400)
SEAT_HEIGHT_MM = (0, 80)
SEAT_RECLINE_DEG = (-10.0, 45.0)
MIRROR_PERCENT = (-100, 100)
STEERING_PERCENT = (0, 100)
SPEECH_RATE = (0.5, 2.0)
MAX_NAME = 40
MAX_KEY_FOB = 64
MAX_TEXT = 200
MAX_CONTACTS = 200
MAX_FAVOURITES = 200
MAX_HISTORY = 50

# The sections that say who someone is, where they go and whom they call: hidden in valet mode,
# shown as personal on the privacy page. (Everything is encrypted at rest, not only these.)
PERSONAL_SECTIONS = ("name", "places", "contacts", "media", "history")

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_THEME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_COLOUR = re.compile(r"^#[0-9A-F]{6}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{1,31}$")
# Characters no shown text may hold: C0 and C1 controls (a terminal obeys escape sequences), line and
# paragraph separators, bidirectional embeddings, overrides and isolates (they flip the text around
# them: "Anna\u202e" reads backwards from there on), and lone surrogates (not Unicode at all).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_KEY_FOB = re.compile(r"[A-Za-z0-9._:-]+")


class ProfileFormatError(ValueError):
    """A profile document or export file is not valid: the message names the field and why."""


def default_profile(name: str, display: dict[str, str] | None = None) -> dict[str, Any]:
    """A new driver's profile: the cockpit's defaults, nothing personal but the name. ``display``:
    the car's own units, language and theme (its variant's), over the cockpit's."""
    zone = {"temperature": 21.0, "fanSpeed": 43, "seatHeating": 0}
    return {
        "schema": SCHEMA_VERSION,
        "name": name,
        "display": {
            "distanceUnit": "KILOMETERS",
            "temperatureUnit": "C",
            "pressureUnit": "KPA",
            "language": "en",
            "theme": "dark",
            "clusterLayout": "theme",
            **(display or {}),
        },
        "climate": {"driver": dict(zone), "passenger": dict(zone), "steeringWheelHeating": 0},
        "seat": {"position": 200, "height": 40, "recline": 20.0},
        "mirrors": {"driver": {"yaw": 0, "tilt": 0}, "passenger": {"yaw": 0, "tilt": 0}},
        "steeringWheel": {"tilt": 50, "extension": 50},
        "places": {"home": None, "work": None},
        "contacts": [],
        "media": {"favourites": []},
        "history": {"destinations": []},
        "voice": {"enabled": True, "speechRate": 1.0},
        "driveMode": "NORMAL",
        "ambientLight": {"color": "#FFB020"},
    }


# --- migrations --------------------------------------------------------------------------------


def _v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    """v1 (cockpit 0.0.x): a flat object keyed "version", one "units" word for all units, one
    cabin temperature, home and work as address strings, voice as a bare on/off."""
    v1_keys = {"version", "name", "units", "theme", "temperature", "seat", "home", "work", "contacts", "voice"}
    _no_unknown(old, v1_keys, "profile")
    name = old.get("name")
    if not isinstance(name, str):
        raise ProfileFormatError("profile.name: missing (a v1 profile must have a name)")
    new = default_profile(name)
    units = old.get("units", "metric")
    if units not in ("metric", "imperial"):
        raise ProfileFormatError(f"profile.units: {_short(units)} is not one of metric, imperial")
    if units == "imperial":
        new["display"].update(distanceUnit="MILES", temperatureUnit="F", pressureUnit="PSI")
    if "theme" in old:
        new["display"]["theme"] = old["theme"]
    if "temperature" in old:
        for zone in ("driver", "passenger"):
            new["climate"][zone]["temperature"] = old["temperature"]
    if "seat" in old:
        new["seat"] = old["seat"]
    for place in ("home", "work"):
        address = old.get(place)
        if address is not None:
            new["places"][place] = {"label": place.title(), "address": address, "latitude": None,
                                    "longitude": None}
    if "contacts" in old:
        new["contacts"] = old["contacts"]
    if "voice" in old:
        new["voice"]["enabled"] = old["voice"]
    return new


# version -> the function that takes a document of that version to the next one
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def version_of(doc: Any) -> int:
    if not isinstance(doc, dict):
        raise ProfileFormatError(f"profile: expected an object, got {_kind(doc)}")
    version = doc.get("schema", doc.get("version"))
    if type(version) is not int:
        raise ProfileFormatError("profile.schema: missing or not an integer (which version of the format is this?)")
    return version


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a document of any known version up to ``SCHEMA_VERSION`` (not yet validated)."""
    version = version_of(doc)
    if version > SCHEMA_VERSION:
        raise ProfileFormatError(f"profile.schema: version {version} is newer than this cockpit understands "
                                 f"({SCHEMA_VERSION}); update the cockpit to import it")
    if version < 1:
        raise ProfileFormatError(f"profile.schema: unknown version {version}")
    doc = copy.deepcopy(doc)
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["schema"] = version
    return doc


# --- validation --------------------------------------------------------------------------------


def _short(value: Any, limit: int = 40) -> str:
    """A value quoted in an error message, cut short: a bad file must not flood the message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


def _no_unknown(obj: dict, allowed: set[str], where: str) -> None:
    extra = sorted(set(obj) - allowed, key=str)
    if extra:
        raise ProfileFormatError(f"{where}: unknown field {_short(extra[0])}")


def _obj(value: Any, where: str, fields: set[str]) -> dict:
    if not isinstance(value, dict):
        raise ProfileFormatError(f"{where}: expected an object, got {_kind(value)}")
    _no_unknown(value, fields, where)
    missing = sorted(fields - set(value))
    if missing:
        raise ProfileFormatError(f"{where}.{missing[0]}: required but missing")
    return value


def _text(value: Any, where: str, max_len: int = MAX_TEXT, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise ProfileFormatError(f"{where}: expected a string, got {_kind(value)}")
    if not empty and not value.strip():
        raise ProfileFormatError(f"{where}: must not be empty")
    if len(value) > max_len:
        raise ProfileFormatError(f"{where}: longer than {max_len} characters")
    if bad := _UNSHOWABLE.search(value):
        raise ProfileFormatError(f"{where}: contains {char_name(bad.group())} at position {bad.start() + 1}")
    return value


def char_name(ch: str) -> str:
    """A character named for an error message, without printing what the message must not hold."""
    code = f"U+{ord(ch):04X}"
    if ch in "\n\r":
        return f"a line break ({code})"
    if ch in "\u2028\u2029":
        return f"a line separator ({code})"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"a bidirectional-text override ({code})"
    if "\ud800" <= ch <= "\udfff":
        return f"a lone surrogate ({code}, not Unicode text)"
    category = unicodedata.category(ch)
    if category == "Cc":
        return f"a control character ({code})"
    if category == "Cf":
        return f"an invisible formatting character ({code})"
    return f"a space ({code})" if ch.isspace() else f"{ch!r} ({code})"


def _choice(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed or not isinstance(value, str):
        raise ProfileFormatError(f"{where}: {_short(value)} is not one of {', '.join(allowed)}")
    return value


def _int(value: Any, where: str, lo: int, hi: int) -> int:
    if type(value) is not int:
        raise ProfileFormatError(f"{where}: expected an integer, got {_kind(value)}")
    if not lo <= value <= hi:
        raise ProfileFormatError(f"{where}: {_short(value)} is outside {lo}..{hi}")
    return value


def _number(value: Any, where: str, lo: float, hi: float, step: float | None = None) -> float:
    if type(value) not in (int, float):
        raise ProfileFormatError(f"{where}: expected a number, got {_kind(value)}")
    if not math.isfinite(value) or not lo <= value <= hi:
        raise ProfileFormatError(f"{where}: {_short(value)} is outside {lo:g}..{hi:g}")
    if step and abs(value / step - round(value / step)) > 1e-9:
        raise ProfileFormatError(f"{where}: {_short(value)} is not a multiple of {step:g}")
    return float(value)


def _bool(value: Any, where: str) -> bool:
    if type(value) is not bool:
        raise ProfileFormatError(f"{where}: expected true or false, got {_kind(value)}")
    return value


def _list(value: Any, where: str, max_len: int, item: Callable[[Any, str], Any]) -> list:
    if not isinstance(value, list):
        raise ProfileFormatError(f"{where}: expected a list, got {_kind(value)}")
    if len(value) > max_len:
        raise ProfileFormatError(f"{where}: more than {max_len} entries")
    return [item(v, f"{where}[{i}]") for i, v in enumerate(value)]


def _place(value: Any, where: str) -> dict | None:
    if value is None:
        return None
    p = _obj(value, where, {"label", "address", "latitude", "longitude"})
    lat, lon = p["latitude"], p["longitude"]
    if (lat is None) != (lon is None):
        raise ProfileFormatError(f"{where}: latitude and longitude go together (both or neither)")
    return {
        "label": _text(p["label"], f"{where}.label", 80),
        "address": _text(p["address"], f"{where}.address"),
        "latitude": None if lat is None else _number(lat, f"{where}.latitude", -90, 90),
        "longitude": None if lon is None else _number(lon, f"{where}.longitude", -180, 180),
    }


def _some_place(value: Any, where: str) -> dict:
    if value is None:
        raise ProfileFormatError(f"{where}: expected an object, got null")
    return _place(value, where)


def _contact(value: Any, where: str) -> dict:
    c = _obj(value, where, {"name", "phone"})
    phone = _text(c["phone"], f"{where}.phone", 32)
    if not _PHONE.match(phone):
        raise ProfileFormatError(f"{where}.phone: {_short(phone)} is not a phone number (digits, spaces, + ( ) -)")
    return {"name": _text(c["name"], f"{where}.name", 80, empty=False), "phone": phone}


def _favourite(value: Any, where: str) -> dict:
    f = _obj(value, where, {"title", "source"})
    return {"title": _text(f["title"], f"{where}.title", 120, empty=False),
            "source": _text(f["source"], f"{where}.source")}


def _zone(value: Any, where: str) -> dict:
    z = _obj(value, where, {"temperature", "fanSpeed", "seatHeating"})
    return {
        "temperature": _number(z["temperature"], f"{where}.temperature", *setpoint_limits()),
        "fanSpeed": _int(z["fanSpeed"], f"{where}.fanSpeed", 0, 100),
        "seatHeating": _int(z["seatHeating"], f"{where}.seatHeating", 0, 100),
    }


def _mirror(value: Any, where: str) -> dict:
    m = _obj(value, where, {"yaw", "tilt"})
    return {"yaw": _int(m["yaw"], f"{where}.yaw", *MIRROR_PERCENT),
            "tilt": _int(m["tilt"], f"{where}.tilt", *MIRROR_PERCENT)}


def validate_name(name: Any, where: str = "profile.name") -> str:
    """A driver's name as every way in (CLI, center screen, import, the database) must give it: shown
    text (see ``_text``) with no invisible characters either — a zero-width space would make two
    names that look the same — and in Unicode's composed form (NFC), so "é" typed either way is one name."""
    if isinstance(name, str):
        name = unicodedata.normalize("NFC", name)
    name = _text(name, where, MAX_NAME, empty=False)
    if name != name.strip():
        raise ProfileFormatError(f"{where}: must not start or end with spaces")
    for i, ch in enumerate(name):
        if unicodedata.category(ch) == "Cf":
            raise ProfileFormatError(f"{where}: contains {char_name(ch)} at position {i + 1}")
    return name


def validate_key_fob(fob: Any, where: str = "key fob id") -> str:
    """A key fob identity as the car reports it (``key-1``, a serial number): letters, digits, . _ : -"""
    if not isinstance(fob, str):
        raise ProfileFormatError(f"{where}: expected a string, got {_kind(fob)}")
    if not fob:
        raise ProfileFormatError(f"{where}: must not be empty")
    if len(fob) > MAX_KEY_FOB:
        raise ProfileFormatError(f"{where}: longer than {MAX_KEY_FOB} characters")
    if not _KEY_FOB.fullmatch(fob):
        i = next(i for i, ch in enumerate(fob) if not _KEY_FOB.fullmatch(ch))
        raise ProfileFormatError(f"{where}: {char_name(fob[i])} at position {i + 1} is not allowed "
                                 "(letters, digits, '.', '_', ':' and '-' only)")
    return fob


def validate(doc: Any) -> dict[str, Any]:
    """A normalised copy of a current-version document; ProfileFormatError names what is wrong."""
    if version_of(doc) != SCHEMA_VERSION:
        raise ProfileFormatError(f"profile.schema: expected {SCHEMA_VERSION}, got {version_of(doc)} (migrate first)")
    d = _obj(doc, "profile", {"schema", "name", "display", "climate", "seat", "mirrors", "steeringWheel", "places",
                              "contacts", "media", "history", "voice", "driveMode", "ambientLight"})
    display = _obj(d["display"], "profile.display",
                   {"distanceUnit", "temperatureUnit", "pressureUnit", "language", "theme", "clusterLayout"})
    language = _text(display["language"], "profile.display.language", 6)
    if not _LANGUAGE.match(language):
        raise ProfileFormatError(f"profile.display.language: {_short(language)} is not a language code "
                                 "like en or de-AT")
    theme = _text(display["theme"], "profile.display.theme", 40)
    if not _THEME.match(theme):
        raise ProfileFormatError(f"profile.display.theme: {_short(theme)} is not a theme name (lower case, digits, -)")
    climate = _obj(d["climate"], "profile.climate", {"driver", "passenger", "steeringWheelHeating"})
    seat = _obj(d["seat"], "profile.seat", {"position", "height", "recline"})
    mirrors = _obj(d["mirrors"], "profile.mirrors", {"driver", "passenger"})
    wheel = _obj(d["steeringWheel"], "profile.steeringWheel", {"tilt", "extension"})
    places = _obj(d["places"], "profile.places", {"home", "work"})
    media = _obj(d["media"], "profile.media", {"favourites"})
    history = _obj(d["history"], "profile.history", {"destinations"})
    voice = _obj(d["voice"], "profile.voice", {"enabled", "speechRate"})
    light = _obj(d["ambientLight"], "profile.ambientLight", {"color"})
    colour = _text(light["color"], "profile.ambientLight.color", 7)
    if not _COLOUR.match(colour):
        raise ProfileFormatError(f"profile.ambientLight.color: {_short(colour)} is not an upper-case #RRGGBB colour")
    return {
        "schema": SCHEMA_VERSION,
        "name": validate_name(d["name"]),
        "display": {
            "distanceUnit": _choice(display["distanceUnit"], "profile.display.distanceUnit", DISTANCE_UNITS),
            "temperatureUnit": _choice(display["temperatureUnit"], "profile.display.temperatureUnit",
                                       TEMPERATURE_UNITS),
            "pressureUnit": _choice(display["pressureUnit"], "profile.display.pressureUnit", PRESSURE_UNITS),
            "language": language,
            "theme": theme,
            "clusterLayout": _choice(display["clusterLayout"], "profile.display.clusterLayout", CLUSTER_LAYOUTS),
        },
        "climate": {
            "driver": _zone(climate["driver"], "profile.climate.driver"),
            "passenger": _zone(climate["passenger"], "profile.climate.passenger"),
            "steeringWheelHeating": _int(climate["steeringWheelHeating"], "profile.climate.steeringWheelHeating",
                                         0, 100),
        },
        "seat": {
            "position": _int(seat["position"], "profile.seat.position", *SEAT_POSITION_MM),
            "height": _int(seat["height"], "profile.seat.height", *SEAT_HEIGHT_MM),
            "recline": _number(seat["recline"], "profile.seat.recline", *SEAT_RECLINE_DEG),
        },
        "mirrors": {"driver": _mirror(mirrors["driver"], "profile.mirrors.driver"),
                    "passenger": _mirror(mirrors["passenger"], "profile.mirrors.passenger")},
        "steeringWheel": {"tilt": _int(wheel["tilt"], "profile.steeringWheel.tilt", *STEERING_PERCENT),
                          "extension": _int(wheel["extension"], "profile.steeringWheel.extension",
                                            *STEERING_PERCENT)},
        "places": {"home": _place(places["home"], "profile.places.home"),
                   "work": _place(places["work"], "profile.places.work")},
        "contacts": _list(d["contacts"], "profile.contacts", MAX_CONTACTS, _contact),
        "media": {"favourites": _list(media["favourites"], "profile.media.favourites", MAX_FAVOURITES, _favourite)},
        "history": {"destinations": _list(history["destinations"], "profile.history.destinations", MAX_HISTORY,
                                          _some_place)},
        "voice": {"enabled": _bool(voice["enabled"], "profile.voice.enabled"),
                  "speechRate": _number(voice["speechRate"], "profile.voice.speechRate", *SPEECH_RATE)},
        "driveMode": _choice(d["driveMode"], "profile.driveMode", DRIVE_MODES),
        "ambientLight": {"color": colour},
    }


def load_document(doc: Any) -> dict[str, Any]:
    """Migrate then validate: any known version in, a valid current one out."""
    return validate(migrate(doc))


# --- export files ------------------------------------------------------------------------------


def export_document(doc: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """The readable JSON an export file holds (no PIN, no key link: those belong to one car)."""
    return {
        "format": EXPORT_FORMAT,
        "exportedAt": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "profile": validate(doc),
    }


def export_bytes(doc: dict[str, Any]) -> bytes:
    return (json.dumps(export_document(doc), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def parse_export(data: bytes | str, source: str = "the file") -> dict[str, Any]:
    """The profile document in an export file; ProfileFormatError says, naming ``source``, why not."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_EXPORT_BYTES:
        raise ProfileFormatError(f"{source}: {len(data)} bytes is too large for a profile export "
                                 f"(at most {MAX_EXPORT_BYTES})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileFormatError(f"{source}: not UTF-8 text (byte {exc.start}); is it a profile export?") from None
    try:
        top = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ProfileFormatError(f"{source}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") \
            from None
    except (ValueError, RecursionError) as exc:
        raise ProfileFormatError(f"{source}: not a profile export: {exc}") from None
    if not isinstance(top, dict):
        raise ProfileFormatError(f"{source}: expected a JSON object, got {_kind(top)}")
    if top.get("format") != EXPORT_FORMAT:
        raise ProfileFormatError(f"{source}: not a cockpit profile export (\"format\" should be {EXPORT_FORMAT!r})")
    _no_unknown(top, {"format", "exportedAt", "profile"}, source)
    if "profile" not in top:
        raise ProfileFormatError(f"{source}: no \"profile\" in it")
    try:
        return load_document(top["profile"])
    except ProfileFormatError as exc:
        raise ProfileFormatError(f"{source}: {exc}") from None
    except RecursionError:
        raise ProfileFormatError(f"{source}: nested too deeply to be a profile") from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


# --- what is stored, in words (privacy page, ``cockpit profiles show``) ----------------------------

_UNIT_WORDS = {"KILOMETERS": "km", "MILES": "mi", "C": "°C", "F": "°F", "KPA": "kPa", "PSI": "psi", "BAR": "bar"}


def describe(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each section of a profile as {key, section, detail, personal}: what the car keeps, in words."""
    d = doc["display"]
    c = doc["climate"]
    places = [p["label"] for p in doc["places"].values() if p]
    layout = "" if d["clusterLayout"] == "theme" else f" · {d['clusterLayout']} cluster"

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}" if n else "none"

    return [
        {"key": "name", "section": "Name", "detail": doc["name"], "personal": True},
        {"key": "display", "section": "Display",
         "detail": f"{_UNIT_WORDS[d['distanceUnit']]} · {_UNIT_WORDS[d['temperatureUnit']]} · "
                   f"{_UNIT_WORDS[d['pressureUnit']]} · {d['language']} · {d['theme']}{layout}",
         "personal": False},
        {"key": "climate", "section": "Climate presets",
         "detail": f"driver {c['driver']['temperature']:g} °C · passenger {c['passenger']['temperature']:g} °C",
         "personal": False},
        {"key": "positions", "section": "Seat, mirrors, wheel",
         "detail": f"seat {doc['seat']['position']} mm · recline {doc['seat']['recline']:g}°", "personal": False},
        {"key": "places", "section": "Favourite places", "detail": ", ".join(places) or "none", "personal": True},
        {"key": "contacts", "section": "Contacts", "detail": count(len(doc["contacts"]), "contact", "contacts"),
         "personal": True},
        {"key": "media", "section": "Media favourites",
         "detail": count(len(doc["media"]["favourites"]), "favourite", "favourites"), "personal": True},
        {"key": "history", "section": "Recent destinations",
         "detail": count(len(doc["history"]["destinations"]), "destination", "destinations"), "personal": True},
        {"key": "preferences", "section": "Voice, drive, light",
         "detail": f"voice {'on' if doc['voice']['enabled'] else 'off'} ×{doc['voice']['speechRate']:g} · "
                   f"{doc['driveMode'].title()} · {doc['ambientLight']['color']}",
         "personal": False},
    ]
