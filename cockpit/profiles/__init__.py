"""Driver profiles: the versioned schema (``schema``), encryption at rest (``crypto``), the
SQLite store (``store``), its worker thread (``service``) and what applying one means for the car
(``apply``). The Qt side is ``cockpit.hmi.profiles_store``; the commands ``cockpit.cli.profiles``.
See docs/profiles.md."""
