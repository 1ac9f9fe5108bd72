"""The fleet publisher as the cockpit runs it: today's summary made from the car's own health
journal, sent to the collector only while the driver agrees to "fleet-statistics".

The collector is the one ``cockpit fleet collect`` runs on this machine (loopback, plain TCP, which
the bus allows only there); a car on the road would be given a TLS endpoint and the fleet's car
certificate (docs/fleet.md, "Security")."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import PORT

PURPOSE = "fleet-statistics"
ENDPOINT = f"tcp/127.0.0.1:{PORT}"


def car_publisher(agreed: Callable[[str], bool], observations: Callable[[], Any], variant: str, folder: Path,
                  connect: tuple[str, ...] = (ENDPOINT,)) -> Any:
    """A FleetPublisher (not started) for this car: ``agreed(purpose)`` is the driver's consent,
    ``observations()`` the health journal's days (None: nothing to say yet; it may block)."""
    from cockpit.bus.config import open_session
    from cockpit.health.report import report

    from .publisher import FleetPublisher
    from .summary import summarize, utc_today

    def make(vehicle: str) -> Any:
        obs = observations()
        if obs is None:
            return None
        return summarize(report(obs), vehicle=vehicle, variant=variant, day=utc_today(), software=version("cockpit"))

    return FleetPublisher(lambda: agreed(PURPOSE), lambda: open_session(connect), make, folder)
