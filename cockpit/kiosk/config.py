"""The kiosk file: what a demo operator sets (PIN, idle timeout, tour, defaults), validated.

YAML (or JSON, which YAML reads too). The shipped one is ``assets/kiosk/kiosk.yaml``; a stand uses
its own with ``cockpit demo --kiosk --kiosk-config FILE``. A bad file is refused with a message
naming the file and the key: the kiosk never starts on a half-understood configuration.
No Qt here.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.documents import DocumentError, load_yaml, shown, unreadable
from cockpit.pages import CENTER_PAGES
from cockpit.resources import ASSETS_DIR

ASSETS = ASSETS_DIR / "kiosk"
DEFAULT_CONFIG = ASSETS / "kiosk.yaml"
# The PIN the shipped file carries: everyone can read it, so the kiosk warns while it is in use.
PLACEHOLDER_PIN = "0000"
MIN_IDLE_RESET_S = 10.0  # Android retail demo mode: never less (hmi-rules.md)
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
SCREENS = ("auto", "one", "two")
_PIN = re.compile(r"\d{4,8}")


class ConfigError(ValueError):
    """The kiosk file cannot be used; the message names the file and the reason."""

    def __init__(self, file: Path | str, reason: str):
        self.file = str(file)
        self.reason = reason
        super().__init__(f"kiosk config {file}: {reason}")


@dataclass(frozen=True)
class Unlock:
    corner: str = "top-right"  # where the operator long-presses
    hold_s: float = 3.0  # for how long
    max_attempts: int = 3  # wrong PINs in a row before the pad locks
    lockout_s: float = 30.0  # the first lock; it doubles with each further failure
    max_lockout_s: float = 900.0


@dataclass(frozen=True)
class KioskConfig:
    file: Path
    pin: str = field(repr=False)  # never logged
    idle_reset_s: float = 90.0
    tour: Path = ASSETS / "tour.yaml"
    theme: str = "dark"  # what a reset returns to
    profile: str = "Guest"
    page: str = "home"
    speedup: float = 1.0
    screens: str = "auto"
    unlock: Unlock = field(default_factory=Unlock)
    state_file: Path | None = None  # None: the user's state folder
    status_file: Path | None = None  # live state as JSON, for monitoring and tests

    @property
    def placeholder_pin(self) -> bool:
        return self.pin == PLACEHOLDER_PIN

    def resolved_state_file(self) -> Path:
        if self.state_file is not None:
            return self.state_file
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
        return base / "cockpit" / "kiosk-state.json"


_TOP = {"pin", "idle_reset_s", "tour", "theme", "profile", "page", "speedup", "screens", "unlock",
        "state_file", "status_file"}
_UNLOCK = {"corner", "hold_s", "max_attempts", "lockout_s", "max_lockout_s"}


def load_config(file: Path | str | None = None) -> KioskConfig:
    """Read and check a kiosk file (default: the shipped one); raises ConfigError."""
    path = Path(file) if file is not None else DEFAULT_CONFIG
    return parse_config(read_yaml(path, ConfigError), path)


def read_yaml(path: Path, error: Callable[[Path, str], Exception]) -> Any:
    """An operator's YAML file (kiosk file, tour script), read within cockpit.documents' bounds;
    ``error(path, reason)`` for what is wrong."""
    try:
        return load_yaml(path)
    except DocumentError as exc:
        raise error(path, str(exc)) from None


def parse_config(data: Any, path: Path) -> KioskConfig:
    def fail(reason: str) -> ConfigError:
        return ConfigError(path, reason)

    if not isinstance(data, dict):
        raise fail("expected a mapping of settings (pin:, idle_reset_s:, …)")
    unknown = sorted(set(map(str, data)) - _TOP)
    if unknown:
        raise fail(f"unknown setting {shown(unknown[0])}; known: {', '.join(sorted(_TOP))}")
    if "pin" not in data:
        raise fail("no 'pin': set the operator's PIN (4 to 8 digits, quoted, e.g. pin: \"4711\")")
    pin = data["pin"]
    if isinstance(pin, int) and not isinstance(pin, bool):
        raise fail("'pin' must be quoted digits (pin: \"0123\"), not a number: leading zeros would be lost")
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        raise fail("'pin' must be 4 to 8 digits, quoted, e.g. pin: \"4711\"")
    idle = _number(data.get("idle_reset_s", 90.0), "idle_reset_s", fail)
    if idle < MIN_IDLE_RESET_S:
        raise fail(f"'idle_reset_s' is {idle:g} s; the minimum is {MIN_IDLE_RESET_S:g} s (a visitor needs time)")
    speedup = _number(data.get("speedup", 1.0), "speedup", fail)
    if not 0 < speedup <= 1000:
        raise fail(f"'speedup' must be above 0 and at most 1000, got {speedup:g}")
    theme = _text(data.get("theme", "dark"), "theme", fail)
    profile = _text(data.get("profile", "Guest"), "profile", fail)
    page = _text(data.get("page", "home"), "page", fail)
    if page not in CENTER_PAGES:
        raise fail(f"'page' {shown(page)} is not a center screen page; choose from {', '.join(CENTER_PAGES)}")
    screens = _text(data.get("screens", "auto"), "screens", fail)
    if screens not in SCREENS:
        raise fail(f"'screens' must be one of {', '.join(SCREENS)}, got {shown(screens)}")
    tour = _file(data.get("tour", "tour.yaml"), "tour", path, fail)
    if why := unreadable(tour):
        raise fail(f"'tour' {shown(str(tour))}: {why}")
    unlock = _unlock(data.get("unlock", {}), fail)
    state_file = _file(data["state_file"], "state_file", path, fail) if data.get("state_file") is not None else None
    status_file = _file(data["status_file"], "status_file", path, fail) if data.get("status_file") is not None else None
    return KioskConfig(file=path, pin=pin, idle_reset_s=idle, tour=tour, theme=theme, profile=profile, page=page,
                       speedup=speedup, screens=screens, unlock=unlock, state_file=state_file,
                       status_file=status_file)


def _unlock(data: Any, fail) -> Unlock:  # noqa: ANN001
    if not isinstance(data, dict):
        raise fail("'unlock' must be a mapping (corner:, hold_s:, max_attempts:, lockout_s:)")
    unknown = sorted(set(map(str, data)) - _UNLOCK)
    if unknown:
        raise fail(f"unknown setting {shown('unlock.' + unknown[0])}; known: {', '.join(sorted(_UNLOCK))}")
    corner = _text(data.get("corner", "top-right"), "unlock.corner", fail)
    if corner not in CORNERS:
        raise fail(f"'unlock.corner' must be one of {', '.join(CORNERS)}, got {shown(corner)}")
    hold = _number(data.get("hold_s", 3.0), "unlock.hold_s", fail)
    if not 0.5 <= hold <= 10:
        raise fail(f"'unlock.hold_s' must be between 0.5 and 10 s, got {hold:g}")
    attempts = data.get("max_attempts", 3)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 10:
        raise fail(f"'unlock.max_attempts' must be a whole number from 1 to 10, got {shown(attempts)}")
    lockout = _number(data.get("lockout_s", 30.0), "unlock.lockout_s", fail)
    longest = _number(data.get("max_lockout_s", 900.0), "unlock.max_lockout_s", fail)
    if not 1 <= lockout <= longest:
        raise fail(f"'unlock.lockout_s' must be at least 1 s and at most max_lockout_s ({longest:g}), got {lockout:g}")
    return Unlock(corner=corner, hold_s=hold, max_attempts=attempts, lockout_s=lockout, max_lockout_s=longest)


def _number(value: Any, key: str, fail) -> float:  # noqa: ANN001
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise fail(f"'{key}' must be a number, got {shown(value)}")
    return float(value)


def _text(value: Any, key: str, fail) -> str:  # noqa: ANN001
    if not isinstance(value, str) or not value.strip():
        raise fail(f"'{key}' must be a non-empty text, got {shown(value)}")
    return value.strip()


def _file(value: Any, key: str, config: Path, fail) -> Path:  # noqa: ANN001
    """A path as written, relative to the kiosk file's folder."""
    text = _text(value, key, fail)
    if not text.isprintable():
        raise fail(f"'{key}' must be a file name, got {shown(text)}")
    try:
        p = Path(text).expanduser()
    except RuntimeError:  # ~someone who is no user here
        raise fail(f"'{key}': no home folder for {shown(text.split('/')[0])}") from None
    return p if p.is_absolute() else (config.parent / p)
