"""Secure mode for fleet statistics: the bus's mutual TLS (``cockpit.bus.secure``) with access
control of the fleet's own.

The keys come from ``cockpit bus keys --out DIR --display car --display collector``: a CA of the
maker's fleet (not a car's bus CA), a certificate for the collector, and **one certificate every
car shares**, named ``car``. Mutual TLS then proves "a car of this fleet" without saying which:
a certificate per car would name the car to the collector and undo the pseudonym.

Default deny, then: a car may only put summaries, and only to the collector; the collector may
only take summaries from cars and tell them it listens. Nothing else crosses either way (a car
accepts no value, query or token from the collector).
"""

from __future__ import annotations

from typing import Any

from .summary import KEY_PREFIX

CAR = "car"  # the certificate every car shares
COLLECTOR = "collector"
_SUMMARIES = [KEY_PREFIX + "**"]


def access_control(name: str) -> dict[str, Any]:
    """Zenoh ``access_control`` for the identity ``name`` (CAR or COLLECTOR)."""
    if name not in (CAR, COLLECTOR):
        raise ValueError(f"a fleet identity is {CAR!r} or {COLLECTOR!r}, not {name!r}")
    car = name == CAR
    peer = COLLECTOR if car else CAR
    rules = [{"id": "summaries", "permission": "allow", "flows": ["egress" if car else "ingress"],
              "messages": ["put"], "key_exprs": _SUMMARIES},
             {"id": "listening", "permission": "allow", "flows": ["ingress" if car else "egress"],
              "messages": ["declare_subscriber"], "key_exprs": _SUMMARIES}]
    return {"enabled": True, "default_permission": "deny", "rules": rules,
            "subjects": [{"id": peer, "cert_common_names": [peer]}],
            "policies": [{"rules": ["summaries", "listening"], "subjects": [peer]}]}
