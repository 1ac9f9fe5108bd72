"""Fleet statistics (issue 18): with the driver's consent, a car sends a daily maintenance summary
under a pseudonym over Zenoh; a collector validates, stores and aggregates them per variant
(docs/fleet.md)."""

PORT = 7450  # where a collector listens by default: loopback, and not the vehicle bus's 7447
