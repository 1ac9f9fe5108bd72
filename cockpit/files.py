"""Reading a file a user named: regular files only (or standard input as ``-``), capped while reading.

Why not ``Path.read_bytes()``: opening a named pipe with no writer blocks forever, a device such as
/dev/zero never ends, and reading everything first and measuring after takes the memory of whatever
was named. Here a non-regular file is refused before it is opened (opening some devices does
something), the open itself cannot block (O_NONBLOCK, in case the path changed meanwhile) and what
was opened is checked again; reading stops one byte past the cap.
"""

from __future__ import annotations

import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

STDIN = "-"

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class InputFileError(ValueError):
    """A file that cannot be read as asked; the message names it and says why."""


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file ("a folder", …); None when it is."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (symbolic links followed)."""
    try:
        kind = not_regular(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            kind = not_regular(os.fstat(fd).st_mode)
            if kind is None:
                return os.fdopen(fd, "rb")
            os.close(fd)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except ValueError as exc:  # a NUL in the name
        raise InputFileError(f"{path}: cannot read it ({exc})") from None
    raise InputFileError(f"{path}: {kind}, not a file")


def read_regular(path: Path | str, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, refused past ``limit`` bytes as too large for ``what``."""
    try:
        with open_regular(path) as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputFileError(f"{path}: more than {limit:,} bytes, too large for {what}")
    return data


def read_capped(name: str | Path, limit: int, what: str) -> bytes:
    """The bytes of ``name`` (``-``: standard input), refused past ``limit`` bytes as too large for ``what``."""
    if str(name) != STDIN:
        return read_regular(name, limit, what)
    if sys.stdin is None:  # started with standard input closed (<&-)
        raise InputFileError("standard input: closed, nothing to read")
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        raise InputFileError(f"standard input: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputFileError(f"standard input: more than {limit:,} bytes, too large for {what}")
    return data


class FirstBadLine:
    """A bad-line sink for a reader of line-oriented files: counts them and keeps the first, so a file
    with nothing good in it is refused saying why (``line 3: not JSON …``)."""

    def __init__(self) -> None:
        self.count = 0
        self.first: str | None = None

    def __call__(self, number: int, why: object) -> None:
        self.count += 1
        self.first = self.first or f"line {number}: {why}"


def write_atomically(file: Path, content: str | bytes) -> None:
    """Replace ``file`` with ``content`` (text is written as UTF-8) so that a reader (or a crash) sees the old
    or the new, never half."""
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(content.encode("utf-8") if isinstance(content, str) else content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, file)
    try:
        fd = os.open(file.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)  # the rename itself reaches the disk
    except OSError:
        pass
    finally:
        os.close(fd)


def aside_name(path: Path) -> Path:
    """Where an unusable file is kept instead of deleted: ``<name>.corrupt-<UTC time>`` (``-2``, ``-3``…
    when that exists already) beside it. The privacy center lists and erases these."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return target
