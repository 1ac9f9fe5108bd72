"""The gateway's audit log of actuator requests: who asked for what, and what was decided.

Every request the gateway receives is recorded, accepted or refused, undecodable ones included
(who and which key as far as the key says). Everything stays bounded whatever the network sends:

- in memory, the last ``KEEP`` decisions and a count per (display, decision) — at most
  ``MAX_COUNTERS`` displays counted by name (in plain mode anyone can claim any name), the rest
  together;
- on disk (optional), one JSON object a line: ``time`` (epoch seconds), ``requester``, ``path``,
  ``value``, ``decision`` (``accepted`` or ``refused``) and ``reason``. Strings from the network
  are cut to ``MAX_TEXT`` characters and written as ASCII JSON (every control character and line
  separator escaped), so a hostile value is always one valid line. At ``MAX_FILE_BYTES`` the file
  moves to ``FILE.1`` (replacing the previous one) and a new one starts: two files at most.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections import Counter, deque
from pathlib import Path
from typing import Any

from cockpit.files import not_regular

log = logging.getLogger(__name__)

KEEP = 200
MAX_COUNTERS = 64
OTHERS = "(others)"
MAX_TEXT = 200
MAX_FILE_BYTES = 1_000_000


class AuditError(ValueError):
    """The audit file cannot be used; the message names it and the reason."""


def _cut(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_TEXT:
        return text
    return f"{text[:MAX_TEXT]}… ({len(text):,} characters)"


def _shown(value: Any) -> Any:
    """``value`` as the log keeps it: JSON's own types as they are, strings cut, anything else as
    cut text (a decoded request holds a catalogue-checked value; this holds whatever it is given)."""
    if value is None or isinstance(value, bool | int) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return _cut(value if isinstance(value, str) else repr(value))


class AuditLog:
    """Decisions kept in memory and, with ``file``, appended to it; thread-safe."""

    def __init__(self, file: Path | None = None, *, keep: int = KEEP, max_bytes: int = MAX_FILE_BYTES):
        self.file = file
        self.max_bytes = max_bytes
        self.recent: deque[dict[str, Any]] = deque(maxlen=keep)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.write_errors = 0
        self._counted: set[str] = set()  # the displays counted by name
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._size = 0
        if file is not None:
            self._open()

    def record(self, requester: str | None, path: str, value: Any, reason: str | None) -> None:
        """One decision: ``reason`` None for accepted, else why it was refused."""
        entry = {"time": round(time.time(), 3), "requester": _cut(requester), "path": _cut(path),
                 "value": _shown(value), "decision": "accepted" if reason is None else "refused",
                 "reason": _cut(reason)}
        line = (json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n").encode()
        with self._lock:
            self.recent.append(entry)
            who = entry["requester"] or "?"
            if who not in self._counted:
                if len(self._counted) < MAX_COUNTERS:
                    self._counted.add(who)
                else:
                    who = OTHERS
            self.counts[who, entry["decision"]] += 1
            if self.file is not None:
                self._write(line)

    def summary(self, last: int = 5) -> str:
        """Counts per display and the last refusals, in a few lines (for ``cockpit gateway``'s exit)."""
        with self._lock:
            counts = sorted(self.counts.items())
            refused = [e for e in self.recent if e["decision"] == "refused"][-last:]
        if not counts:
            return "no actuator requests"
        lines = ["actuator requests: " + "; ".join(f"{who} {n} {decision}" for (who, decision), n in counts)]
        lines += [f"  refused {e['requester']} {e['path']} = {e['value']!r}: {e['reason']}" for e in refused]
        return "\n".join(lines)

    def close(self) -> None:
        """Close the file; later decisions are kept in memory only."""
        with self._lock:
            self.file = None
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    # ----- the file ------------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            kind = not_regular(os.stat(self.file).st_mode)
        except FileNotFoundError:
            kind = None
        except (OSError, ValueError) as exc:  # a name too long, a NUL in it...
            raise self._cannot(exc) from None
        if kind is None:
            try:
                # non-blocking: a FIFO put there since the check must not hang the gateway
                fd = os.open(self.file, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
            except OSError as exc:
                raise self._cannot(exc) from None
            stat = os.fstat(fd)
            if (kind := not_regular(stat.st_mode)) is None:
                self._fd, self._size = fd, stat.st_size
                return
            os.close(fd)
        raise AuditError(f"{self.file}: {kind}, not a file: cannot write the audit log there")

    def _cannot(self, exc: Exception) -> AuditError:
        return AuditError(f"{self.file}: cannot write the audit log there ({getattr(exc, 'strerror', None) or exc})")

    def _write(self, line: bytes) -> None:
        try:
            if self._fd is not None and self._size and self._size + len(line) > self.max_bytes:
                os.close(self._fd)
                self._fd = None
                os.replace(self.file, f"{self.file}.1")
            if self._fd is None:  # rotated, or not reopened after a failure: tried again each time
                self._open()
            os.write(self._fd, line)
            self._size += len(line)
        except (OSError, AuditError) as exc:  # a full disk must not stop the gateway answering
            self.write_errors += 1
            if self.write_errors == 1:
                log.warning("audit log %s: not written (%s); counting further failures", self.file, exc)
