"""The languages the screens speak: one table, read by the translator, the profile schema's check,
the variants and `cockpit i18n check`. No Qt here.

``locale`` decides how numbers and dates are written (decimal comma in German and French). Arabic
uses the ar_AE locale, whose digits are the Latin ones (0-9): the gauges, the speed and the clock
use them too, as most cars sold in the Gulf do, so a screen never mixes two sets of digits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as a profile stores it
    name: str  # in the language itself, as a picker shows it
    locale: str  # numbers, dates
    rtl: bool  # written right to left: the center screen's layout is mirrored
    font: str = ""  # a family with the script's glyphs, ahead of the theme's ("" the theme's own)


LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("en", "English", "en_GB", False),
    Language("de", "Deutsch", "de_DE", False),
    Language("fr", "Français", "fr_FR", False),
    Language("ar", "العربية", "ar_AE", True, "Noto Sans Arabic UI"),
)}
SOURCE = "en"  # the language the strings are written in: it needs no catalogue


def language(code: str) -> Language | None:
    """The language for a profile's code ("de", "de-AT": German), or None when the screens do not speak it."""
    return LANGUAGES.get(code.split("-")[0].split("_")[0].lower())
