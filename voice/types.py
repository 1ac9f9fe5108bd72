"""The values that cross from the voice package to the cockpit: what was heard, what to do, what to say."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Action:
    """A request for the cockpit's stores, e.g. Action("climate.set_temperature", {"zone": "driver",
    "celsius": 21.0}). The names are the cockpit's contract; see docs/voice.md for the list."""

    name: str
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Recognition:
    text: str
    intent: str | None  # None: nothing the assistant understands
    slots: dict
    engine: str  # "vosk" | "pocketsphinx" | "text"
    partial: bool = False
    # Heard, but only just: the dialogue asks before acting on it ("Did you say …?").
    unsure: bool = False

    def as_json(self) -> dict:
        return {"text": self.text, "intent": self.intent, "slots": self.slots, "engine": self.engine,
                "unsure": self.unsure}


@dataclass(frozen=True)
class Reply:
    text: str
    action: Action | None
    confirm: bool = False  # ask yes/no before acting: the cockpit keeps ``action`` as pending


class VehicleContext(Protocol):
    """Read-only facts the cockpit gives the assistant for its answers.

    Names: "range_km", "soc_percent", "outside_c", "tire_kpa" (dict FL/FR/RL/RR), "doors_locked",
    "speed_kmh", "eta_min", "units" (dict distance: KILOMETERS|MILES, temperature: C|F, pressure:
    KPA|PSI|BAR). None when unknown."""

    def fact(self, name: str) -> object | None: ...
