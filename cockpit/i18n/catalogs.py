"""The translation catalogues: ``cockpit/i18n/ts/cockpit_<code>.ts`` (Qt Linguist's XML, kept in the
repository and edited with Linguist or by hand), built into the binary ``.qm`` Qt loads by the
lrelease of the PySide6 wheel — at start, once per catalogue content, into the user's cache — and
checked for what is missing. No Qt here (lrelease runs as a program).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from .languages import LANGUAGES, SOURCE

TS_DIR = Path(__file__).resolve().parent / "ts"
MAX_TS_BYTES = 2 << 20  # the shipped ones are 20 kB
_PLACEHOLDER = re.compile(r"%\d")


class CatalogError(RuntimeError):
    """A catalogue could not be read or built; the message names the file."""


def ts_file(code: str) -> Path:
    return TS_DIR / f"cockpit_{code}.ts"


def qml_sources() -> list[Path]:
    from cockpit.resources import QML_DIR

    return sorted(QML_DIR.rglob("*.qml"))


def _tool(name: str) -> str:
    """lrelease / lupdate of the PySide6 wheel this Python runs (no Qt SDK needed)."""
    import PySide6

    path = Path(PySide6.__file__).parent / name
    if not path.exists():
        raise CatalogError(f"{name} is not in the PySide6 install at {path.parent}")
    return str(path)


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "cockpit" / "i18n"


def qm_file(code: str, cache: Path | None = None) -> Path:
    """The built catalogue of ``code``: made by lrelease on first use, and again when the .ts changes."""
    ts = ts_file(code)
    try:
        data = ts.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{ts}: {exc.strerror or exc}") from None
    out = (cache or cache_dir()) / f"cockpit_{code}-{hashlib.sha256(data).hexdigest()[:16]}.qm"
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    done = subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(tmp)], capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        raise CatalogError(f"{ts}: lrelease failed: {(done.stderr or done.stdout).strip()[:300]}")
    tmp.replace(out)  # whole or not at all: another process may be building the same file
    return out


def update(codes: list[str] | None = None) -> str:
    """lupdate: every translatable string of the QML into each catalogue (translations kept)."""
    out = []
    for code in codes or [c for c in LANGUAGES if c != SOURCE]:
        done = subprocess.run([_tool("lupdate"), "-locations", "none", "-target-language", code,
                               *map(str, qml_sources()), "-ts", str(ts_file(code))],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise CatalogError(f"{ts_file(code)}: lupdate failed: {done.stderr.strip()[:300]}")
        out.append(f"{code}: {done.stdout.strip().splitlines()[-1].strip()}")
    return "\n".join(out)


@dataclass
class CatalogReport:
    code: str
    messages: int = 0
    unfinished: list[str] = field(default_factory=list)  # sources with no finished translation
    placeholders: list[str] = field(default_factory=list)  # %1 … differ from the source's

    @property
    def ok(self) -> bool:
        return not self.unfinished and not self.placeholders


def check_catalog(code: str) -> CatalogReport:
    """What the catalogue of ``code`` lacks: unfinished or empty translations, placeholders lost."""
    ts = ts_file(code)
    try:
        if ts.stat().st_size > MAX_TS_BYTES:
            raise CatalogError(f"{ts}: over {MAX_TS_BYTES} bytes")
        root = ElementTree.parse(ts).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        raise CatalogError(f"{ts}: {exc}") from None
    report = CatalogReport(code)
    for m in root.iter("message"):
        source = m.findtext("source") or ""
        t = m.find("translation")
        report.messages += 1
        if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (t.text or "").strip():
            if t is None or t.get("type") not in ("vanished", "obsolete"):
                report.unfinished.append(source)
            continue
        if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(t.text)):
            report.placeholders.append(source)
    return report
