"""Legibility and safety checks of themes: ``cockpit themes check [PATH…]``.

Each theme gets a report of rules, every measurement a ✓ or ✗ with the tokens, the figure and
the threshold:

- text contrast ≥ 4.5:1 (WCAG 2.x SC 1.4.3, Android Car UI) for every text colour on every
  background text is drawn on;
- UI elements ≥ 3:1 (WCAG SC 1.4.11) for the graphics a driver reads (gauge fills, needles,
  telltales, selection marks) against what they are drawn on;
- telltale colours keep their meaning (UN R121 / ISO 2575): red danger, amber/yellow warning,
  green on, blue for the high beam and for nothing else that warns;
- the accent is far in hue from the warning and danger colours (≥ 30° in OKLCH), so a driver never
  takes a brand-coloured ring or mark for a warning;
- text size ≥ 24 px and touch target ≥ 76 px (Android for Cars, at the reference 160 dpi);
- every ``Theme.<token>`` a view (``qml/**/*.qml``, ``*.js``) uses is defined.

The token tables below were drawn up by reading the views in ``qml/``: which colours are used
for text and on what surfaces. A view that starts drawing a new pair should add it here. No Qt.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.resources import QML_DIR, THEMES_DIR

from .contrast import composite, contrast, hsl, hue_distance, oklch, parse
from .tokens import ThemeData, TokenError, is_abstract, load_theme, theme_files

# --- thresholds -----------------------------------------------------------------------------

TEXT_CONTRAST = 4.5  # WCAG 2.x SC 1.4.3 (AA); Android Car UI appendix B
UI_CONTRAST = 3.0  # WCAG 2.x SC 1.4.11; Android Car UI appendix B
MIN_TEXT_PX = 24  # Android for Cars: text >= 24 dp; 1 dp = 1 px at the reference 160 dpi
MIN_TOUCH_PX = 76  # Android for Cars: touch targets >= 76 dp

# --- text ---------------------------------------------------------------------------------

# Surfaces text is drawn on: every ``color.background.*`` (base: the cluster, centre and HUD
# windows; surface: cards, tiles, the nav rail; raised: toasts, segmented controls, step buttons,
# pressed tiles, the speedometer's notice, the error overlay) and ``color.selected`` (checked
# tiles, lit toggle tiles, the current nav button and a pending segment carry text on it).
TEXT_BACKGROUND_GROUPS = ("color.background.",)
TEXT_BACKGROUND_TOKENS = ("color.selected",)

# Text colours proper: every ``color.text.*`` but these two.
TEXT_EXEMPT = {
    # WCAG 2.x SC 1.4.3 exempts text of inactive user-interface components; the views use it
    # only for a reading that is not available ("--"), next to a label in a checked colour.
    "color.text.disabled": "WCAG 2.x SC 1.4.3 exempts text of inactive (disabled) components",
    # Text on accent fills only; checked as a pair in ON_ACCENT_PAIRS.
    "color.text.onAccent": "drawn only on accent fills: checked in the text-on-accent pairs",
}

# Colours that the views also use for words and figures (a status in its tone), so they are
# held to the text threshold on every text background: ActuatorStatus / ToggleTile /
# SegmentedChoice / TemperatureStepper (pending, error, a lit tile's state in the accent),
# Toast and ErrorOverlay (error), InfoTile / StatusRow / ActionTile / TirePressure (danger,
# warning, "ok" green), the cluster's battery figure (batteryLow), power figure (regen), cruise
# set speed (cruise), the energy page's regen figures (chart.regen), the HUD's accent line.
STATUS_TEXT = (
    "color.accent",
    "color.state.pending",
    "color.state.error",
    "color.telltale.danger",
    "color.telltale.warning",
    "color.telltale.on",
    "color.gauge.regen",
    "color.gauge.batteryLow",
    "color.gauge.cruise",
    "color.chart.regen",
)

# Text-on-fill pairs: ``onAccent`` appears only on accent fills (GearIndicator's current gear,
# SegmentedChoice's selected segment). It is never drawn on ``color.selected``: selected
# surfaces carry the ordinary text colours (checked above), and a pending segment, the one
# selected-but-not-accent case, switches its label to ``state.pending``. So that pair, which a
# dark theme rightly fails (dark text on a dark tint), is not a rule here.
ON_ACCENT_PAIRS = (("color.text.onAccent", "color.accent"),)
# The head-up display draws on black in every theme (an emissive projector: black is no light),
# in its own light colours: its figures, words and arrow are text on that black.
HUD = "color.hud.background"
HUD_TEXT_PAIRS = tuple((f"color.hud.{name}", HUD) for name in ("text", "secondary", "accent", "active", "caution",
                                                               "danger"))

# --- UI elements --------------------------------------------------------------------------

BASE = "color.background.base"
SURFACE = "color.background.surface"
RAISED = "color.background.raised"
SELECTED = "color.selected"
TRACK = "color.gauge.track"

# The graphics a driver must make out, and what each is drawn on (WCAG SC 1.4.11 asks for 3:1
# against the adjacent colours). The cluster's rings fill over the gauge track on the cluster
# background, so fills are measured against both; needles cross the ring; telltales sit on the
# cluster background.
UI_ELEMENTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("color.gauge.speed", (BASE, TRACK), "speed ring fill"),
    ("color.gauge.consumption", (BASE, TRACK), "power ring fill, drawing power"),
    ("color.gauge.regen", (BASE, TRACK), "power ring fill, regenerating; charging battery bar"),
    ("color.gauge.battery", (BASE, TRACK), "state-of-charge ring fill"),
    ("color.gauge.batteryLow", (BASE, TRACK), "state-of-charge ring fill when low"),
    ("color.gauge.cruise", (BASE, TRACK), "cruise set-speed notch on the speed ring"),
    ("color.gauge.needle", (BASE, TRACK), "speed and power needles"),
    ("color.gauge.tick", (BASE,), "dial scale ticks"),
    ("color.accent", (BASE, SURFACE, RAISED, SELECTED, TRACK),
     "selection marks, checked outlines, level pips, battery bar fill, current gear"),
    ("color.telltale.danger", (BASE,), "red telltales"),
    ("color.telltale.warning", (BASE, TRACK), "amber telltales; low battery bar fill"),
    ("color.telltale.on", (BASE,), "green telltales, direction indicators"),
    ("color.telltale.highBeam", (BASE,), "high-beam telltale"),
    ("color.chart.consumption", (SURFACE,), "energy chart bars, on a card"),
    ("color.chart.regen", (SURFACE,), "energy chart bars, on a card"),
    ("color.vehicle.open", (SURFACE,), "open door, hood or trunk on the car picture, on a card"),
    ("color.hud.telltale.danger", (HUD,), "red telltales on the HUD's black"),
    ("color.hud.telltale.warning", (HUD,), "amber telltales on the HUD's black"),
    ("color.hud.telltale.on", (HUD,), "direction indicators on the HUD's black"),
    ("color.hud.telltale.highBeam", (HUD,), "high-beam telltale on the HUD's black"),
    ("color.hud.guide", (HUD,), "the route's chevrons on the HUD's black"),
)
# Not UI elements in this sense, and why (said in the report):
UI_EXEMPT = {
    "color.gauge.track": "the empty part of a ring: the fills are measured against it",
    "color.gauge.stale": "greyed on purpose for a missing reading, shown with '--' (inactive)",
    "color.telltale.off / color.hud.telltale.off": "an unlit telltale's ghost (inactive)",
    "color.border / color.chart.grid": "decorative separators; surfaces differ by fill and spacing",
    "color.vehicle.body / outline / glass / tire": "illustration; what matters (open, low tire) is in "
                                                   "vehicle.open and telltale.warning",
}

# --- colour meaning -----------------------------------------------------------------------


@dataclass(frozen=True)
class HueBand:
    name: str
    lo: float  # degrees; lo > hi wraps through 0
    hi: float

    def __contains__(self, hue: float) -> bool:
        return self.lo <= hue <= self.hi if self.lo <= self.hi else hue >= self.lo or hue <= self.hi

    def __str__(self) -> str:
        if self.lo > self.hi:
            half, centre = (self.hi - self.lo) % 360 / 2, (self.lo + self.hi + 360) / 2 % 360
            return f"{self.name}: hue within {half:.0f}° of {centre:.0f}°"
        return f"{self.name}: hue {self.lo:.0f}–{self.hi:.0f}°"


# UN R121 table 2 / ISO 2575 colours of the telltales we draw.
TELLTALE_MEANING = {
    "color.telltale.danger": HueBand("red", 340, 20),
    "color.telltale.warning": HueBand("amber/yellow", 30, 65),
    "color.telltale.on": HueBand("green", 90, 165),
    "color.telltale.highBeam": HueBand("blue", 200, 250),
}
# The HUD's own shades of them (base.tokens.json gives every theme these): checked where defined.
HUD_TELLTALE_MEANING = {"color.hud." + token.removeprefix("color."): band for token, band in TELLTALE_MEANING.items()}
MIN_SATURATION = 0.5  # HSL: below this a colour reads as tinted grey rather than red/amber/…
# "Blue" for the reservation: wider than the high-beam band so a near-blue can't slip by, but
# clear of the cyan accents (hue ~186°). Greys in the palette have HSL saturation ≤ 0.22.
BLUE = HueBand("blue", 195, 260)
BLUE_MIN_SATURATION = 0.35
# Colours that light telltales, mark states or warnings, or fill gauges: none may be blue,
# which UN R121 keeps for the main-beam telltale.
NO_BLUE_GROUPS = ("color.telltale.", "color.hud.telltale.", "color.state.", "color.gauge.")
NO_BLUE_TOKENS = ("color.vehicle.open",)
BLUE_ALLOWED = ("color.telltale.highBeam", "color.hud.telltale.highBeam")

# The accent against the colours that warn. UN R121 / ISO 2575 give red and amber to danger and
# warning; an accent a driver could take for one of them (a tangerine speed ring beside an amber
# telltale) blurs that meaning at a glance. Hue is measured in OKLCH (Ottosson's Oklab, 2020, as
# in CSS Color 4), a perceptual space where equal angles look equally different (HSL does not:
# it puts tangerine and amber 15° apart, and greens 60° wide). 30° is one step of a
# twelve-hue wheel (red, orange, yellow… in equal perceptual steps): a pair closer than that
# shares a colour name, which is what a glance reads.
ACCENT_HUE_DISTANCE = 30.0  # degrees of OKLCH hue
WARNING_HUES = ("color.telltale.warning", "color.telltale.danger", "color.state.pending", "color.state.error")
ACCENT = "color.accent"
NEUTRAL_CHROMA = 0.03  # OKLCH chroma below which a colour reads as a grey: it has no hue to confuse

# --- views --------------------------------------------------------------------------------

# The groups the ``Theme`` singleton exposes as token maps (QVariant properties holding JavaScript
# objects made once per theme switch); any other
# ``Theme.x`` (name, title, dark, error, use(), …) is a property of the singleton, not a token.
TOKEN_GROUPS = ("color", "font", "size", "space", "radius", "duration", "layout")

RULES = {
    "load": "theme file loads",
    "text-contrast": f"text contrast ≥ {TEXT_CONTRAST}:1 (WCAG 2.x SC 1.4.3; Android Car UI)",
    "ui-contrast": f"UI elements ≥ {UI_CONTRAST:g}:1 against their backgrounds (WCAG 2.x SC 1.4.11)",
    "telltale-colour": "telltale colours keep their meaning (UN R121, ISO 2575); blue only for the high beam",
    "accent-hue": f"the accent ≥ {ACCENT_HUE_DISTANCE:g}° in hue (OKLCH) from the warning and danger colours, "
                  "so it is never taken for a warning (UN R121, ISO 2575)",
    "text-size": f"text size ≥ {MIN_TEXT_PX} px (Android for Cars: {MIN_TEXT_PX} dp at 160 dpi)",
    "touch-target": f"touch target ≥ {MIN_TOUCH_PX} px (Android for Cars: {MIN_TOUCH_PX} dp at 160 dpi)",
    "tokens-defined": "every token a view uses is defined",
}


@dataclass
class Finding:
    """One measurement of one rule: passed or not, and how much a failure weighs."""

    rule: str
    passed: bool
    subject: str  # what was measured, e.g. "color.text.secondary on color.background.base"
    figure: str = ""  # the measurement against the threshold, e.g. "4.62:1 ≥ 4.5"
    tokens: tuple[str, ...] = ()
    measured: float | None = None
    threshold: float | list[float] | None = None
    severity: str = "error"  # "error" | "warning": what a failure counts as
    where: list[str] = field(default_factory=list)  # view locations, "qml/…/X.qml:12"
    detail: str = ""  # e.g. the colour values

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "passed": self.passed, "severity": self.severity, "subject": self.subject,
                "tokens": list(self.tokens), "measured": self.measured, "threshold": self.threshold,
                "figure": self.figure, "where": self.where, "detail": self.detail}


@dataclass
class ThemeReport:
    file: Path
    name: str
    title: str = ""
    mode: str = ""
    results: list[Finding] = field(default_factory=list)  # every measurement, passed or not
    notes: dict[str, list[str]] = field(default_factory=dict)  # rule -> what was left out and why (always shown)
    details: dict[str, list[str]] = field(default_factory=dict)  # rule -> what was measured (shown when verbose)
    skipped: str = ""  # why the file was not checked as a theme (an abstract base)

    @property
    def findings(self) -> list[Finding]:
        """The failed measurements: errors and warnings."""
        return [f for f in self.results if not f.passed]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lowest(self, rule: str) -> Finding | None:
        """The closest call of a contrast rule (smallest measured ratio)."""
        measured = [f for f in self.results if f.rule == rule and f.measured is not None]
        return min(measured, key=lambda f: f.measured) if measured else None

    def text(self, verbose: bool = False) -> str:
        """Readable report: per rule a ✓/✗ line, failures in full (``verbose``: every measurement)."""
        head = f"{self.title or self.name} ({_display(self.file)})"
        if self.skipped:
            return f"– {head}: skipped: {self.skipped}"
        verdict = "PASS" if self.ok else "FAIL"
        counts = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        lines = [f"{'✓' if self.ok else '✗'} {head}{f' [{self.mode}]' if self.mode else ''}: {verdict}, {counts}"]
        for rule, title in RULES.items():
            results = [f for f in self.results if f.rule == rule]
            if not results:
                continue
            bad = [f for f in results if not f.passed]
            mark = "✗" if any(f.severity == "error" for f in bad) else "!" if bad else "✓"
            summary = f"{len(results) - len(bad)}/{len(results)} pass"
            if (low := self.lowest(rule)) is not None and rule.endswith("contrast"):
                summary += f"; lowest {low.figure} ({low.subject})"
            lines.append(f"  {mark} {title}: {summary}")
            for f in results if verbose else bad:
                sign = "✓" if f.passed else "✗" if f.severity == "error" else "!"
                text = f"      {sign} {f.subject}"
                if f.figure:
                    text += f": {f.figure}"
                if f.detail:
                    text += f" ({f.detail})"
                lines.append(text)
                lines.extend(f"          at {w}" for w in f.where[:5])
                if len(f.where) > 5:
                    lines.append(f"          … and {len(f.where) - 5} more")
            lines.extend(f"      – {n}" for n in self.notes.get(rule, []))
            if verbose:
                lines.extend(f"      – {n}" for n in self.details.get(rule, []))
        return "\n".join(lines)

    __str__ = text

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (``json.dumps(report.to_json())``)."""
        return {"theme": self.name, "title": self.title, "mode": self.mode, "file": str(self.file),
                "ok": self.ok, "skipped": self.skipped or None,
                "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [f.to_json() for f in self.findings],
                "results": [f.to_json() for f in self.results], "notes": self.notes, "details": self.details}


# --- entry points ---------------------------------------------------------------------------


def check_theme(file: Path, qml_dir: Path = QML_DIR) -> ThemeReport:
    """Every rule on one theme file; a file that does not load is a finding, not an exception."""
    return _check(Path(file), _ViewScan.of(Path(qml_dir)))


def check_paths(paths: list[Path], qml_dir: Path = QML_DIR) -> list[ThemeReport]:
    """Reports for theme files and folders of ``*.tokens.json`` (abstract bases are skipped)."""
    scan = _ViewScan.of(Path(qml_dir))
    out: list[ThemeReport] = []
    for path in map(Path, paths):
        try:
            folder = path.is_dir()
        except OSError:  # a name too long to look up: reading it says so
            folder = False
        if folder:
            files = theme_files(path)
            if not files:
                out.append(_failed(path, path.name, f"{path}: no *.tokens.json themes in this folder"))
            out.extend(_check(f, scan) for f in files)
        else:  # a theme file, or whatever else it is: reading it says what is wrong
            out.append(_check(path, scan))
    return out


def main(paths: list[str] | None = None, *, verbose: bool = False, as_json: bool = False,
         qml_dir: Path = QML_DIR) -> int:
    """Print the reports for ``paths`` (default: the shipped themes); 1 if any theme has an error."""
    reports = check_paths([Path(p) for p in paths] if paths else [THEMES_DIR], qml_dir)
    if as_json:
        print(json.dumps([r.to_json() for r in reports], indent=2, ensure_ascii=False))
    else:
        for r in reports:
            print(r.text(verbose))
            print()
        checked = [r for r in reports if not r.skipped]
        failed = [r.name for r in checked if not r.ok]
        print(f"{len(checked)} theme(s) checked: {len(checked) - len(failed)} pass"
              + (f", {len(failed)} fail ({', '.join(failed)})" if failed else ""))
    return 0 if all(r.ok for r in reports) else 1


# --- the rules ------------------------------------------------------------------------------


def _stem(file: Path) -> str:
    return file.name.removesuffix(".tokens.json")


def _failed(file: Path, name: str, message: str) -> ThemeReport:
    return ThemeReport(file, name, results=[Finding("load", False, message)])


def _check(file: Path, scan: _ViewScan) -> ThemeReport:
    if is_abstract(file):
        return ThemeReport(file, _stem(file), skipped="an abstract base, checked through the themes that extend it")
    try:
        theme = load_theme(file)
    except TokenError as exc:
        return _failed(file, _stem(file), str(exc))
    report = ThemeReport(file, theme.name, theme.title, theme.mode)
    report.results.append(Finding("load", True, f"{len(theme.tokens)} tokens"))
    _text_contrast(theme, report)
    _ui_contrast(theme, report)
    _telltale_colours(theme, report)
    _accent_hue(theme, report)
    _text_size(theme, report, scan)
    _touch_target(theme, report)
    _tokens_defined(theme, report, scan)
    return report


def _colours(theme: ThemeData) -> dict[str, str]:
    return {k: v for k, v in theme.tokens.items() if theme.types.get(k) == "color"}


def _backdrop(colours: dict[str, str], token: str) -> str:
    """A background as seen: a translucent one over the window background (itself over black)."""
    value = colours[token]
    if parse(value).a < 1 and token != BASE and BASE in colours:
        return composite(value, composite(colours[BASE], "#000000")).hex()
    return value


def _contrast_finding(rule: str, colours: dict[str, str], fg: str, bg: str, threshold: float) -> Finding:
    ratio = contrast(colours[fg], _backdrop(colours, bg))
    passed = ratio >= threshold  # unrounded: WCAG counts 4.499:1 as a failure
    shown = math.floor(ratio * 100) / 100  # truncated, so a failure never shows as "4.50:1 < 4.5"
    return Finding(rule, passed, f"{fg} on {bg}", f"{shown:.2f}:1 {'≥' if passed else '<'} {threshold:g}",
                   (fg, bg), shown, threshold, detail=f"{colours[fg]} on {colours[bg]}")


def _text_contrast(theme: ThemeData, report: ThemeReport) -> None:
    colours = _colours(theme)
    backgrounds = [k for k in colours if k.startswith(TEXT_BACKGROUND_GROUPS)]
    backgrounds += [k for k in TEXT_BACKGROUND_TOKENS if k in colours]
    texts = [k for k in colours if k.startswith("color.text.") and k not in TEXT_EXEMPT]
    texts += [k for k in STATUS_TEXT if k in colours and k not in texts]
    for fg in texts:
        for bg in backgrounds:
            report.results.append(_contrast_finding("text-contrast", colours, fg, bg, TEXT_CONTRAST))
    for fg, bg in ON_ACCENT_PAIRS + HUD_TEXT_PAIRS:
        if fg in colours and bg in colours:
            report.results.append(_contrast_finding("text-contrast", colours, fg, bg, TEXT_CONTRAST))
    if not backgrounds:
        report.results.append(Finding("text-contrast", False, "no color.background.* token to measure text on"))
    if "color.text.disabled" in colours:
        report.notes["text-contrast"] = [f"color.text.disabled not measured: {TEXT_EXEMPT['color.text.disabled']}"]
    details = report.details.setdefault("text-contrast", [])
    details += [f"{k} not measured on backgrounds: {why}" for k, why in TEXT_EXEMPT.items()
                if k in colours and k != "color.text.disabled"]
    details.append("status colours are measured too, since views draw words and figures in them: "
                 + ", ".join(k.removeprefix("color.") for k in STATUS_TEXT if k in colours))


def _ui_contrast(theme: ThemeData, report: ThemeReport) -> None:
    colours = _colours(theme)
    for fg, backgrounds, _why in UI_ELEMENTS:
        if fg not in colours:
            continue  # a token the theme lacks: views using it fail "tokens-defined"
        for bg in backgrounds:
            if bg in colours:
                report.results.append(_contrast_finding("ui-contrast", colours, fg, bg, UI_CONTRAST))
    report.details["ui-contrast"] = [f"{k} not measured: {why}" for k, why in UI_EXEMPT.items()]


def _telltale_colours(theme: ThemeData, report: ThemeReport) -> None:
    colours = _colours(theme)
    hud = {token: band for token, band in HUD_TELLTALE_MEANING.items() if token in colours}
    for token, band in {**TELLTALE_MEANING, **hud}.items():
        if token not in colours:
            report.results.append(Finding("telltale-colour", False, f"{token} is not defined", tokens=(token,),
                                          detail=f"the telltale must be {band.name}"))
            continue
        c = hsl(colours[token])
        passed = c.h in band and c.s >= MIN_SATURATION
        figure = (f"hue {c.h:.0f}°, saturation {c.s:.0%} — {band}, saturation ≥ {MIN_SATURATION:.0%}"
                  if passed else _why_not(c.h, c.s, band, MIN_SATURATION))
        report.results.append(Finding("telltale-colour", passed, f"{token} is {band.name}", figure, (token,),
                                      round(c.h, 1), [band.lo, band.hi], detail=colours[token]))
    for token, value in colours.items():
        if token in BLUE_ALLOWED or not (token.startswith(NO_BLUE_GROUPS) or token in NO_BLUE_TOKENS):
            continue
        c = hsl(value)
        blue = c.h in BLUE and c.s >= BLUE_MIN_SATURATION
        figure = f"hue {c.h:.0f}°, saturation {c.s:.0%}" + (
            f": blue ({BLUE.lo:.0f}–{BLUE.hi:.0f}°, saturation ≥ {BLUE_MIN_SATURATION:.0%}) is reserved for the "
            "high beam" if blue else "")
        report.results.append(Finding("telltale-colour", not blue, f"{token} is not blue", figure, (token,),
                                      round(c.h, 1), [BLUE.lo, BLUE.hi], detail=value))
    report.details["telltale-colour"] = [
        f"checked for not being blue: every {', '.join(g + '*' for g in NO_BLUE_GROUPS)} "
        f"and {', '.join(NO_BLUE_TOKENS)} but {', '.join(BLUE_ALLOWED)}"]


def _accent_hue(theme: ThemeData, report: ThemeReport) -> None:
    colours = _colours(theme)
    if ACCENT not in colours:
        return  # views using it fail "tokens-defined"
    accent = oklch(colours[ACCENT])
    for token in WARNING_HUES:
        if token not in colours:
            continue  # a missing telltale colour is a telltale-colour finding
        other = oklch(colours[token])
        apart = hue_distance(accent.h, other.h)
        if accent.c < NEUTRAL_CHROMA:
            passed, figure = True, f"the accent's chroma {accent.c:.3f} < {NEUTRAL_CHROMA}: a grey, no hue to confuse"
        else:
            passed = apart >= ACCENT_HUE_DISTANCE
            figure = (f"{apart:.1f}° {'≥' if passed else '<'} {ACCENT_HUE_DISTANCE:g}° "
                      f"(hue {accent.h:.0f}° vs {other.h:.0f}°)")
        report.results.append(Finding("accent-hue", passed, f"{ACCENT} apart from {token}", figure, (ACCENT, token),
                                      round(apart, 1), ACCENT_HUE_DISTANCE,
                                      detail=f"{colours[ACCENT]} vs {colours[token]}"))
    report.details["accent-hue"] = [f"hue and chroma in OKLCH; an accent with chroma < {NEUTRAL_CHROMA} is a grey"]


def _why_not(hue: float, sat: float, band: HueBand, min_sat: float) -> str:
    parts = []
    if hue not in band:
        far = min(hue_distance(hue, band.lo), hue_distance(hue, band.hi))
        parts.append(f"hue {hue:.0f}° is {far:.0f}° outside {band.name} ({band.lo:.0f}–{band.hi:.0f}°)")
    if sat < min_sat:
        parts.append(f"saturation {sat:.0%} < {min_sat:.0%}")
    return "; ".join(parts)


def _text_size(theme: ThemeData, report: ThemeReport, scan: _ViewScan) -> None:
    sizes = {k: v for k, v in theme.tokens.items() if k.startswith("font.size.")}
    for token, px in sizes.items():
        passed = isinstance(px, int | float) and px >= MIN_TEXT_PX
        report.results.append(Finding("text-size", passed, token, f"{px:g} px {'≥' if passed else '<'} {MIN_TEXT_PX}",
                                      (token,), px, MIN_TEXT_PX))
    if not sizes:
        report.results.append(Finding("text-size", False, "no font.size.* tokens"))
    for expr, where in scan.literal_sizes:
        report.results.append(Finding(
            "text-size", False, f"a view sets a text size by a number: {expr}", severity="warning", where=[where],
            detail=f"use a font.size token; a literal or scaled size escapes the {MIN_TEXT_PX} px minimum"))


def _touch_target(theme: ThemeData, report: ThemeReport) -> None:
    token = "size.touchTarget"
    px = theme.tokens.get(token)
    if px is None:
        report.results.append(Finding("touch-target", False, f"{token} is not defined", tokens=(token,)))
        return
    passed = px >= MIN_TOUCH_PX
    report.results.append(Finding("touch-target", passed, token, f"{px:g} px {'≥' if passed else '<'} {MIN_TOUCH_PX}",
                                  (token,), px, MIN_TOUCH_PX))


def _tokens_defined(theme: ThemeData, report: ThemeReport, scan: _ViewScan) -> None:
    notes = report.notes.setdefault("tokens-defined", [])
    if not scan.folder.is_dir():
        report.results.append(Finding("tokens-defined", False, f"no QML folder {scan.folder}: views not checked",
                                      severity="warning"))
        return
    report.results.extend(Finding("tokens-defined", False, f"{where}: cannot read: {why}", severity="warning")
                          for where, why in scan.unreadable)
    groups = set(TOKEN_GROUPS) | {k.split(".", 1)[0] for k in theme.tokens} - {"palette"}
    dynamic = set()
    for path, (where, bracket) in sorted(scan.references.items()):
        if path.split(".", 1)[0] not in groups:
            continue  # a property of the singleton (Theme.name, Theme.dark…), not a token
        if path in theme.tokens:
            kind = "token"
        elif any(k.startswith(path + ".") for k in theme.tokens):
            kind = "group"
            if bracket:
                dynamic.add(path)
        elif any(path.startswith(k + ".") for k in theme.tokens):
            kind = "token"  # a token then a member of its value (e.g. .length)
        else:
            kind = ""
        report.results.append(Finding("tokens-defined", bool(kind), f"Theme.{path}",
                                      "defined" if kind else "not defined in this theme", (path,),
                                      where=where if not kind else where[:1]))
    report.details["tokens-defined"] = [f"{len(scan.references)} distinct Theme.* references in {scan.files} "
                                        f"view file(s) under {_display(scan.folder)}"]
    notes += [f"Theme.{g}[…] picks a token at run time: the group is defined; its keys are not checked here"
              for g in sorted(dynamic)]


# --- reading the views ----------------------------------------------------------------------

_REF = re.compile(r"(?<![\w.$])Theme((?:\s*\.\s*[A-Za-z_$][\w$]*)+)(\s*\[)?")
_SIZE = re.compile(r"(?<![\w$])(?:font\s*\.\s*)?(pixelSize|pointSize)\s*:\s*([^\n;{}]+)")
_NUMBER = re.compile(r"(?<![\w.$])\d+(?:\.\d+)?")


@dataclass
class _ViewScan:
    """What the views use: ``Theme.<path>`` references (with file:line) and text sizes set by numbers."""

    folder: Path
    files: int = 0
    references: dict[str, tuple[list[str], bool]] = field(default_factory=dict)  # path -> (where, bracket access)
    literal_sizes: list[tuple[str, str]] = field(default_factory=list)  # (expression, where)
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, folder: Path) -> _ViewScan:
        scan = cls(folder)
        if not folder.is_dir():
            return scan
        files = sorted(p for p in folder.rglob("*") if p.suffix in (".qml", ".js") and p.is_file())
        for file in files:
            where = _display(file)
            try:
                code = _code_only(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                scan.unreadable.append((where, getattr(exc, "strerror", None) or str(exc)))
                continue
            scan.files += 1
            starts = [0] + [i + 1 for i, ch in enumerate(code) if ch == "\n"]

            def line(pos: int, starts: list[int] = starts) -> int:
                return bisect.bisect_right(starts, pos)

            for m in _REF.finditer(code):
                path = re.sub(r"\s+", "", m.group(1)).lstrip(".")
                locs, bracket = scan.references.get(path, ([], False))
                locs.append(f"{where}:{line(m.start())}")
                scan.references[path] = (locs, bracket or bool(m.group(2)))
            for m in _SIZE.finditer(code):
                expr = m.group(2).strip()
                if _NUMBER.search(_REF.sub("", expr)):
                    scan.literal_sizes.append((f"{m.group(1)}: {expr}", f"{where}:{line(m.start())}"))
        return scan


def _display(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _code_only(text: str) -> str:
    """The source with comments and string literals blanked (lines kept), so a ``Theme.x`` in a
    comment or a message is not taken for a use."""
    out: list[str] = []
    i, n = 0, len(text)

    def blank(chunk: str) -> str:
        return re.sub(r"[^\n]", " ", chunk)

    while i < n:
        ch = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif ch in "\"'`":
            j = i + 1
            while j < n and text[j] != ch and (ch == "`" or text[j] != "\n"):
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            j = i + 1
            while j < n and text[j] not in "/\"'`":
                j += 1
            out.append(text[i:j])
            i = j
            continue
        out.append(blank(text[i:j]))
        i = j
    return "".join(out)


if __name__ == "__main__":  # python -m cockpit.theming.check [-v] [--json] [PATH…]
    args = sys.argv[1:]
    sys.exit(main([a for a in args if a not in ("-v", "--verbose", "--json")],
                  verbose=bool({"-v", "--verbose"} & set(args)), as_json="--json" in args))
