"""Colour maths for the theme checks: WCAG 2.x luminance and contrast, alpha compositing, HSL, OKLCH.

Colours are the theme's ``#rrggbb`` / ``#rrggbbaa`` strings. Contrast follows WCAG 2.2
(relative luminance of linearised sRGB; ratio ``(L1 + 0.05) / (L2 + 0.05)``); a colour with alpha
is first composited over the background it sits on, since that is what the eye sees. No Qt here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_HEX = re.compile(r"^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")


@dataclass(frozen=True)
class RGBA:
    """A colour with channels in 0..1 (sRGB-encoded, not linear)."""

    r: float
    g: float
    b: float
    a: float = 1.0

    def hex(self) -> str:
        out = "#" + "".join(f"{round(c * 255):02x}" for c in (self.r, self.g, self.b))
        return out if self.a >= 1.0 else out + f"{round(self.a * 255):02x}"


def parse(color: str) -> RGBA:
    """``#rrggbb`` or ``#rrggbbaa`` (as in the W3C tokens format and QML) to an RGBA."""
    m = _HEX.match(color.strip()) if isinstance(color, str) else None
    if not m:
        raise ValueError(f"colour {color!r} is not #rrggbb or #rrggbbaa")
    rgb, alpha = m.group(1), m.group(2)
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return RGBA(r, g, b, int(alpha, 16) / 255 if alpha else 1.0)


def _as_rgba(color: str | RGBA) -> RGBA:
    return color if isinstance(color, RGBA) else parse(color)


def composite(fg: str | RGBA, bg: str | RGBA) -> RGBA:
    """``fg`` drawn over ``bg`` ("source over", in sRGB space as Qt's raster paint engine does)."""
    f, b = _as_rgba(fg), _as_rgba(bg)
    if f.a >= 1.0:
        return f
    a = f.a + b.a * (1 - f.a)
    if a == 0:
        return RGBA(0.0, 0.0, 0.0, 0.0)

    def mix(cf: float, cb: float) -> float:
        return (cf * f.a + cb * b.a * (1 - f.a)) / a

    return RGBA(mix(f.r, b.r), mix(f.g, b.g), mix(f.b, b.b), a)


def _linear(c: float) -> float:
    # WCAG 2.x quotes 0.03928 (from an old sRGB draft); 0.04045 is the sRGB standard's threshold.
    # No 8-bit channel value lies between the two, so the results are identical.
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str | RGBA) -> float:
    """WCAG relative luminance, 0 (black) .. 1 (white), of an opaque colour (alpha is ignored)."""
    c = _as_rgba(color)
    return 0.2126 * _linear(c.r) + 0.7152 * _linear(c.g) + 0.0722 * _linear(c.b)


def contrast(fg: str | RGBA, bg: str | RGBA) -> float:
    """WCAG contrast ratio, 1..21, of ``fg`` over ``bg``.

    A translucent ``fg`` is composited over ``bg``; a translucent ``bg`` is composited over black
    (a window with no opaque background shows black where the compositor has nothing else) —
    callers that know the real backdrop should composite the background themselves first.
    """
    b = _as_rgba(bg)
    if b.a < 1.0:
        b = composite(b, RGBA(0.0, 0.0, 0.0, 1.0))
    f = composite(fg, b)
    l1, l2 = sorted((luminance(f), luminance(b)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


@dataclass(frozen=True)
class HSL:
    h: float  # hue in degrees, 0 <= h < 360 (0 for greys)
    s: float  # saturation 0..1
    l: float  # noqa: E741 - lightness 0..1, the usual name


def hsl(color: str | RGBA) -> HSL:
    """Hue, saturation, lightness of a colour's RGB (alpha ignored), as CSS defines them."""
    c = _as_rgba(color)
    hi, lo = max(c.r, c.g, c.b), min(c.r, c.g, c.b)
    light = (hi + lo) / 2
    d = hi - lo
    if d == 0:
        return HSL(0.0, 0.0, light)
    sat = d / (1 - abs(2 * light - 1))
    if hi == c.r:
        h = ((c.g - c.b) / d) % 6
    elif hi == c.g:
        h = (c.b - c.r) / d + 2
    else:
        h = (c.r - c.g) / d + 4
    return HSL((h * 60) % 360, min(sat, 1.0), light)


def hue_distance(a: float, b: float) -> float:
    """Shortest distance between two hues on the colour wheel, 0..180 degrees."""
    d = abs(a - b) % 360
    return min(d, 360 - d)


@dataclass(frozen=True)
class LCh:
    l: float  # noqa: E741 - perceptual lightness 0..1
    c: float  # chroma, 0 for greys (about 0.37 at most in sRGB)
    h: float  # hue in degrees, 0 <= h < 360 (0 for greys)


def oklch(color: str | RGBA) -> LCh:
    """OKLCH (Björn Ottosson's Oklab, 2020, as CSS Color 4 defines it) of a colour (alpha ignored).

    A perceptual space: equal hue angles look about equally different across the wheel, which
    HSL's do not (HSL puts orange and amber 10–20° apart, and stretches the greens)."""
    c = _as_rgba(color)
    r, g, b = _linear(c.r), _linear(c.g), _linear(c.b)
    lms = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
           0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
           0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    l_, m_, s_ = (x ** (1 / 3) for x in lms)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    bb = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    chroma = math.hypot(a, bb)
    hue = math.degrees(math.atan2(bb, a)) % 360 if chroma > 1e-6 else 0.0
    return LCh(lightness, chroma, hue)
