"""Vehicle variants as data: one cockpit, many cars. No Qt here.

A variant (``cockpit/variants/NAME.yaml``, or an operator's own file) says what a car has: its
brand and segment, its displays (a cluster of its own or one integrated into the center screen, a
head-up display, a passenger screen), the feature modules it includes (navigation, ADAS level,
voice languages, driver profiles, kiosk), its theme, CAN mapping, default units and locale. The
composition root (cockpit/app.py) reads it; code asks "is module X present?", never "is this car Y?".
A file is checked whole before anything opens: each mistake is one line naming the file and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.documents import DocumentError, load_yaml, shown
from cockpit.profiles.schema import DISTANCE_UNITS, PRESSURE_UNITS, TEMPERATURE_UNITS
from cockpit.resources import ASSETS_DIR, PACKAGE_DIR

VARIANTS_DIR = PACKAGE_DIR / "variants"
DEFAULT_VARIANT = "suv"  # what `cockpit demo` shows without --variant: cluster, center screen and HUD
CAN_DIR = ASSETS_DIR / "can"

# The design sizes the views are drawn for (the windows scale them to the screen they are given).
CLUSTER_SIZE = (1920, 720)
CENTER_SIZE = (1280, 800)  # the center screen's pages
HUD_SIZE = (800, 300)
PASSENGER_SIZE = (1280, 720)
# An integrated cluster is a column on the driver's side of the center screen: the screen is the
# pages' width plus that column, which needs room for the speed and the telltales.
INTEGRATED_MIN, INTEGRATED_MAX = 320, 640
ADAS_LEVELS = {0: "none", 1: "warnings (lane departure, forward collision, blind spot)",
               2: "assisted (adaptive cruise and lane keeping, with the warnings)"}
MAX_TEXT = 60
_NAME = re.compile(r"[a-z][a-z0-9-]{0,39}")
_LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
_TOP = {"brand", "model", "segment", "displays", "modules", "theme", "themes", "can", "units", "locale"}
_DISPLAYS = {"cluster", "center", "hud", "passenger"}
_MODULES = {"navigation", "adas", "voice", "profiles", "kiosk"}
_UNITS = {"distance": DISTANCE_UNITS, "temperature": TEMPERATURE_UNITS, "pressure": PRESSURE_UNITS}


class VariantError(ValueError):
    """A variant file cannot be used; the message names the file and the key."""

    def __init__(self, file: Path | str, reason: str):
        self.file = str(file)
        self.reason = reason
        super().__init__(f"variant {file}: {reason}")


@dataclass(frozen=True)
class Displays:
    cluster: str  # "screen": a screen of its own (its layout is the theme's); "integrated": in the center screen
    center_width: int  # the center screen's width: the pages', plus the integrated cluster's column
    hud: bool
    passenger: bool

    @property
    def integrated(self) -> bool:
        return self.cluster == "integrated"

    @property
    def windows(self) -> tuple[str, ...]:
        """The windows this car has, the cluster's first (it is shown first: the two-stage start)."""
        return (*(() if self.integrated else ("cluster",)), "center",
                *(("hud",) if self.hud else ()), *(("passenger",) if self.passenger else ()))


@dataclass(frozen=True)
class Modules:
    navigation: bool
    adas: int  # a key of ADAS_LEVELS
    voice: tuple[str, ...]  # languages the assistant listens in; () leaves the assistant out
    profiles: bool
    kiosk: bool


@dataclass(frozen=True)
class Variant:
    name: str
    file: Path
    brand: str
    model: str
    segment: str
    displays: Displays
    modules: Modules
    theme: str  # the look it leaves the factory with
    themes: tuple[str, ...]  # the looks its driver may choose from (the brand's): the theme among them
    can: str  # a DBC and its mapping in assets/can (their name without .dbc / .yaml)
    units: dict[str, str]  # distance / temperature / pressure, as the profile spells them
    locale: str  # e.g. en_GB: the language a new driver's profile starts in, and number formats

    @property
    def title(self) -> str:
        return f"{self.brand} {self.model}"

    @property
    def can_files(self) -> tuple[Path, Path]:
        """The DBC and the mapping of its signals to VSS a CAN source reads for this car."""
        return CAN_DIR / f"{self.can}.dbc", CAN_DIR / f"{self.can}.yaml"

    @property
    def profile_display(self) -> dict[str, str]:
        """What a new driver's profile starts with in this car (cockpit/profiles/schema.py's display)."""
        return {"distanceUnit": self.units["distance"], "temperatureUnit": self.units["temperature"],
                "pressureUnit": self.units["pressure"], "language": self.language, "theme": self.theme}

    @property
    def language(self) -> str:
        return self.locale.split("_")[0]


def variant_files(folder: Path = VARIANTS_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def variant_names() -> list[str]:
    return [f.stem for f in variant_files()]


def find_variant(name_or_file: str | Path) -> Path:
    """A shipped variant by name, or a file; VariantError when it is neither."""
    if isinstance(name_or_file, Path):
        return name_or_file
    if _NAME.fullmatch(name_or_file) and (VARIANTS_DIR / f"{name_or_file}.yaml").is_file():
        return VARIANTS_DIR / f"{name_or_file}.yaml"
    if name_or_file.endswith((".yaml", ".yml")) or "/" in name_or_file:
        return Path(name_or_file)
    raise VariantError(name_or_file, f"no such variant; the shipped ones are {', '.join(variant_names())}, "
                                     "or give a .yaml file")


def load_variant(name_or_file: str | Path = DEFAULT_VARIANT, themes: list[str] | None = None) -> Variant:
    """Read and check a variant; ``themes``: the theme names it may use (None: not checked)."""
    path = find_variant(name_or_file)
    try:
        data = load_yaml(path)
    except DocumentError as exc:
        raise VariantError(path, str(exc)) from None
    return parse_variant(data, path, themes)


def parse_variant(data: Any, path: Path, themes: list[str] | None = None) -> Variant:
    def fail(reason: str) -> VariantError:
        return VariantError(path, reason)

    top = _mapping(data, "the file", _TOP, fail, required=_TOP)
    name = path.stem
    if not _NAME.fullmatch(name):
        raise fail("the file's name must be lower case letters, digits and '-' (it is the variant's name)")
    offered = top["themes"]
    if not isinstance(offered, list) or not 1 <= len(offered) <= 20:
        raise fail(f"'themes' must be a list of 1 to 20 theme names (those a driver may choose), got {shown(offered)}")
    for i, look in enumerate(offered):
        _text(look, f"themes[{i}]", fail)
        if themes is not None and look not in themes:
            raise fail(f"'themes[{i}]' {shown(look)} is not a theme here; there are: {', '.join(themes)}")
    theme = _text(top["theme"], "theme", fail)
    if theme not in offered:
        raise fail(f"'theme' {shown(theme)} is not one of 'themes' ({', '.join(map(str, offered))})")
    can = _text(top["can"], "can", fail)
    if not _NAME.fullmatch(can) or not all((CAN_DIR / f"{can}{ext}").is_file() for ext in (".dbc", ".yaml")):
        shipped = ", ".join(f.stem for f in sorted(CAN_DIR.glob("*.dbc")) if f.with_suffix(".yaml").is_file())
        raise fail(f"'can' {shown(can)} is not a shipped DBC with its mapping; there are: {shipped}")
    units_in = _mapping(top["units"], "units", set(_UNITS), fail, required=set(_UNITS))
    units = {}
    for key, choices in _UNITS.items():
        if units_in[key] not in choices:
            raise fail(f"'units.{key}' must be one of {', '.join(choices)}, got {shown(units_in[key])}")
        units[key] = units_in[key]
    locale = _text(top["locale"], "locale", fail)
    if not _LOCALE.fullmatch(locale):
        raise fail(f"'locale' {shown(locale)} is not a locale like en_GB or de_DE")
    return Variant(name=name, file=path, brand=_text(top["brand"], "brand", fail),
                   model=_text(top["model"], "model", fail), segment=_text(top["segment"], "segment", fail),
                   displays=_displays(top["displays"], fail), modules=_modules(top["modules"], fail),
                   theme=theme, themes=tuple(dict.fromkeys(offered)), can=can, units=units, locale=locale)


def check_can(variant: Variant) -> None:
    """The variant's mapping read against its DBC (cantools: only for a check, not at start)."""
    from cockpit.can.mapping import MappingError, load_dbc, load_mapping

    dbc, mapping = variant.can_files
    try:
        load_mapping(mapping, load_dbc(dbc))
    except (MappingError, ValueError, OSError) as exc:
        raise VariantError(variant.file, f"'can' {variant.can}: {exc}") from None


def _displays(data: Any, fail) -> Displays:  # noqa: ANN001
    d = _mapping(data, "displays", _DISPLAYS, fail, required={"cluster", "center"})
    cluster = d["cluster"]
    if cluster not in ("screen", "integrated"):
        raise fail(f"'displays.cluster' must be screen (a cluster screen of its own) or integrated (a column of "
                   f"the center screen), got {shown(cluster)}")
    center = _mapping(d["center"], "displays.center", {"width"}, fail, required=set())
    width = center.get("width", CENTER_SIZE[0])
    if isinstance(width, bool) or not isinstance(width, int):
        raise fail(f"'displays.center.width' must be a whole number of pixels, got {shown(width)}")
    extra = width - CENTER_SIZE[0]
    if cluster == "integrated" and not INTEGRATED_MIN <= extra <= INTEGRATED_MAX:
        raise fail(f"'displays.center.width' is {width}: an integrated cluster needs {INTEGRATED_MIN} to "
                   f"{INTEGRATED_MAX} px beside the pages' {CENTER_SIZE[0]}, so {CENTER_SIZE[0] + INTEGRATED_MIN} "
                   f"to {CENTER_SIZE[0] + INTEGRATED_MAX}")
    if cluster != "integrated" and extra != 0:
        raise fail(f"'displays.center.width' is {width}: without an integrated cluster the center screen is "
                   f"{CENTER_SIZE[0]} px wide")
    return Displays(cluster=cluster, center_width=width, hud=_flag(d.get("hud", False), "displays.hud", fail),
                    passenger=_flag(d.get("passenger", False), "displays.passenger", fail))


def _modules(data: Any, fail) -> Modules:  # noqa: ANN001
    m = _mapping(data, "modules", _MODULES, fail, required=_MODULES)
    adas = m["adas"]
    if isinstance(adas, bool) or adas not in ADAS_LEVELS:
        levels = "; ".join(f"{k} {v}" for k, v in ADAS_LEVELS.items())
        raise fail(f"'modules.adas' must be a level: {levels}; got {shown(adas)}")
    voice = m["voice"]
    if not isinstance(voice, list) or len(voice) > 10 or not all(
            isinstance(v, str) and re.fullmatch(r"[a-z]{2,3}", v) for v in voice):
        raise fail(f"'modules.voice' must be a list of language codes (e.g. [en]; [] for no voice assistant), "
                   f"got {shown(voice)}")
    return Modules(navigation=_flag(m["navigation"], "modules.navigation", fail), adas=adas,
                   voice=tuple(dict.fromkeys(voice)), profiles=_flag(m["profiles"], "modules.profiles", fail),
                   kiosk=_flag(m["kiosk"], "modules.kiosk", fail))


def _mapping(value: Any, key: str, known: set[str], fail, required: set[str]) -> dict:  # noqa: ANN001
    if not isinstance(value, dict):
        raise fail(f"{'the file' if key == 'the file' else repr(key)} must be a mapping of "
                   f"{', '.join(sorted(known))}")
    keys = {str(k) for k in value}
    if unknown := sorted(keys - known):
        where = "" if key == "the file" else f"{key}."
        raise fail(f"unknown key {shown(where + unknown[0])}; known: {', '.join(sorted(known))}")
    if missing := sorted(required - keys):
        where = "" if key == "the file" else f"{key}."
        raise fail(f"'{where}{missing[0]}' is missing")
    return value


def _text(value: Any, key: str, fail) -> str:  # noqa: ANN001
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT or not value.isprintable():
        raise fail(f"'{key}' must be a text of 1 to {MAX_TEXT} characters, got {shown(value)}")
    return value.strip()


def _flag(value: Any, key: str, fail) -> bool:  # noqa: ANN001
    if not isinstance(value, bool):
        raise fail(f"'{key}' must be true or false, got {shown(value)}")
    return value
