"""The privacy center, no Qt: the driver's consent per purpose (consent.py), and what the car keeps about
them as one table with export and erasure (inventory.py, export.py). docs/privacy.md."""
