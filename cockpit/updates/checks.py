"""The car's own checks of an installed slot, by name: a manifest may list names, never commands.

Every kind has checks that always run (the payload's shape and its content loading as the cockpit
would load it); a manifest may add the ones in ``OPTIONAL`` for its kind (the first frame, which
costs a cockpit start). A name the car does not have, or one that does not apply to the kind, refuses
the bundle. A check returns None when the slot passes and a reason in plain words when it does not.

The first frame is a real ``python -m cockpit.cli screenshot`` in a subprocess, offscreen, with the
slot's content in use, bounded by a timeout, and its PNG must hold a picture (not one flat colour).
"""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from .bundle import Manifest

FIRST_FRAME_TIMEOUT_S = 120.0
MAX_PNG_BYTES = 64 * 1024 * 1024  # decompressed; a 4K RGBA frame is ~33 MB
MAX_LISTED = 20  # findings quoted in one reason


class CheckError(Exception):
    """A check that could not run to a verdict (a subprocess that hung, a payload of the wrong shape)."""


Check = Callable[[Manifest, Path, Path, float], "str | None"]  # (manifest, slot, data_dir, timeout) → reason


def run_checks(manifest: Manifest, slot: Path, *, data_dir: Path, timeout: float = FIRST_FRAME_TIMEOUT_S) -> str | None:
    """Every check for this bundle on its slot, cheapest first; the first failure's reason, or None."""
    for name in checks_for(manifest):
        if (reason := REGISTRY[name](manifest, slot, data_dir, timeout)) is not None:
            return f"{name}: {reason}"
    return None


def checks_for(manifest: Manifest) -> list[str]:
    """The checks an install of ``manifest`` runs; CheckError naming a listed check the car will not run."""
    for name in manifest.checks:
        if name not in REGISTRY:
            raise CheckError(f"the bundle asks for check {name!r}, which this car does not have "
                             f"(it has: {', '.join(sorted(REGISTRY))})")
        if name not in IMPLICIT[manifest.kind] + OPTIONAL[manifest.kind]:
            raise CheckError(f"check {name!r} does not apply to a {manifest.kind} bundle")
    return list(dict.fromkeys(IMPLICIT[manifest.kind] + [c for c in manifest.checks if c in OPTIONAL[manifest.kind]]))


def _listed(items: list[str]) -> str:
    more = f"; and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
    return "; ".join(items[:MAX_LISTED]) + more


def _only(slot: Path, suffixes: tuple[str, ...], what: str) -> str | None:
    """Why the payload holds something other than ``what``; None when every file has one of the suffixes."""
    other = sorted(p.relative_to(slot).as_posix() for p in slot.rglob("*")
                   if p.is_file() and not p.name.endswith(suffixes))
    if other:
        return f"a {what} bundle holds only {', '.join(suffixes)} files; this one also holds {_listed(other)}"
    return None


# --- themes --------------------------------------------------------------------------------------


def _theme_files(slot: Path) -> list[Path]:
    from cockpit.theming.tokens import theme_files

    return theme_files(slot)


def themes_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """Every theme in the slot passes ``cockpit themes check`` (contrast, telltale colours, sizes, tokens)."""
    from cockpit.theming.check import RULES, check_paths

    if why := _only(slot, (".tokens.json",), "theme"):
        return why
    if any(p.parent != slot for p in slot.rglob("*.tokens.json")):
        return "theme files belong at the top of the payload, not in folders"
    if not _theme_files(slot):
        return "no selectable *.tokens.json theme in the payload"
    problems = []
    for report in check_paths([slot]):
        for f in report.errors:
            if f.rule in CONTRAST_WORDS and f.measured is not None:
                problems.append(f"theme '{report.name}': {CONTRAST_WORDS[f.rule]} {f.measured:.2f}:1 "
                                f"({f.subject}), needs {f.threshold:g}:1")
            else:
                problems.append(f"theme '{report.name}': {RULES.get(f.rule, f.rule)}: {f.subject}"
                                + (f" ({f.figure})" if f.figure else ""))
    return _listed(problems) if problems else None


CONTRAST_WORDS = {"text-contrast": "text contrast", "ui-contrast": "contrast of a gauge, needle or mark"}


# --- CAN mappings ----------------------------------------------------------------------------------


def mapping_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """Every mapping file loads against its DBC (the one of the same name, or the payload's only DBC)."""
    from cockpit.can.mapping import MappingError, load_dbc, load_mapping

    if why := _only(slot, (".dbc", ".yaml"), "can-mapping"):
        return why
    dbcs = sorted(slot.rglob("*.dbc"))
    mappings = sorted(slot.rglob("*.yaml"))
    if not dbcs or not mappings:
        return "a can-mapping bundle holds at least one *.dbc and one *.yaml mapping"
    problems = []
    for file in mappings:
        dbc = file.with_suffix(".dbc")
        if not dbc.exists():
            if len(dbcs) != 1:
                problems.append(f"{file.name}: no {dbc.name} beside it, and the payload has {len(dbcs)} DBC files")
                continue
            dbc = dbcs[0]
        try:
            load_mapping(file, load_dbc(dbc))
        except MappingError as exc:
            problems += [e.replace(str(slot) + os.sep, "") for e in exc.errors]
    return _listed(problems) if problems else None


# --- maps ------------------------------------------------------------------------------------------


def map_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """Every extract builds a road graph with roads that mostly reach each other, and its drawing loads."""
    from cockpit.navigation.graph import MapError, build_graph, largest_component
    from cockpit.navigation.mapdata import load_map_data

    if why := _only(slot, (".osm.pbf",), "map"):
        return why
    problems = []
    for file in sorted(slot.rglob("*.osm.pbf")):
        try:
            graph = build_graph(file)
            load_map_data(file)
        except (MapError, RuntimeError, OSError) as exc:  # osmium reports a broken file as RuntimeError
            problems.append(f"{file.name}: {str(exc).replace(str(slot) + os.sep, '')}")
            continue
        if not graph.nodes:
            problems.append(f"{file.name}: no roads a car may drive")
        elif (reach := len(largest_component(graph)) / len(graph.nodes)) < 0.5:
            problems.append(f"{file.name}: only {reach:.0%} of the road nodes reach each other")
    return _listed(problems) if problems else None


# --- kiosk tours -----------------------------------------------------------------------------------


def tour_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """``tour.yaml`` parses as a tour, its themes among the shipped and installed ones."""
    from cockpit.kiosk.tour import TourError, load_tour
    from cockpit.resources import THEMES_DIR

    from .installed import theme_dirs

    if why := _only(slot, (".yaml", ".wav"), "kiosk-tour"):
        return why
    if not (slot / "tour.yaml").is_file():
        return "a kiosk-tour bundle holds tour.yaml at the top of its payload"
    themes = {f.name.removesuffix(".tokens.json") for d in (*theme_dirs(data_dir), THEMES_DIR) for f in _theme_files(d)}
    try:
        load_tour(slot / "tour.yaml", themes)
    except TourError as exc:
        return str(exc).replace(str(slot) + os.sep, "")
    return None


# --- voice sentences -------------------------------------------------------------------------------


def sentences_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """The sentence files load (bounded), merge with the shipped ones and compile into the recognizer's grammar."""
    from hassil.parser import ParseError

    from cockpit.documents import DocumentError, load_yaml
    from voice.errors import VoiceError
    from voice.grammar import build
    from voice.intents import IntentMatcher, languages

    if why := _only(slot, (".yaml",), "voice-sentences"):
        return why
    root = slot / "sentences"
    files = sorted(slot.rglob("*.yaml"))
    if bad := [f.relative_to(slot).as_posix() for f in files if f.parent.parent != root]:
        return f"sentence files belong in sentences/<language>/; not {_listed(bad)}"
    have = languages()
    if unknown := sorted({f.parent.name for f in files} - set(have)):
        return f"no voice for language(s) {', '.join(unknown)} on this car (it has: {', '.join(have)})"
    for f in files:  # bounded reading before hassil's own unbounded one
        try:
            load_yaml(f)
        except DocumentError as exc:
            return f"{f.relative_to(slot).as_posix()}: {exc}"
    for language in sorted({f.parent.name for f in files}):
        try:
            build(IntentMatcher(language, folders=[root]))
        except (ParseError, VoiceError, ValueError, KeyError, TypeError) as exc:
            # hassil reports a template of the wrong shape as whatever its reader tripped on
            return f"the {language} sentences do not compile into a grammar: {exc}"
    return None


# --- the cockpit itself ----------------------------------------------------------------------------


def site(slot: Path) -> Path:
    """Where a cockpit slot's installed wheel lives: the launcher puts this folder first on PYTHONPATH."""
    return slot / "site"


def wheel_check(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """The slot's cockpit imports from the slot, in a fresh interpreter, and says it is the bundle's version."""
    wheels = sorted(slot.glob("cockpit-*.whl"))
    if len(wheels) != 1 or not wheels[0].name.startswith(f"cockpit-{manifest.version}-"):
        return f"a cockpit {manifest.version} bundle holds exactly one cockpit-{manifest.version}-*.whl"
    # The package and the modules the first frame runs, each from the slot: an editable install of
    # another cockpit would otherwise lend the slot's package whatever submodules it lacks.
    code = ("import importlib.metadata as m, pathlib, cockpit, cockpit.resources, cockpit.cli.screenshot as s; "
            "[print(pathlib.Path(x.__file__).resolve()) for x in (cockpit, cockpit.resources, s)]; "
            "print(m.version('cockpit'))")
    status, out = _run([sys.executable, "-c", code], _env(python_first=site(slot)), timeout)
    if status != 0:
        return f"the new cockpit does not import (exit {status}): {out}"
    lines = out.splitlines()
    if len(lines) < 4 or not all(line.startswith(str(site(slot).resolve())) for line in lines[-4:-1]):
        return f"the cockpit imported was not all the slot's: {out}"
    if lines[-1] != manifest.version:
        return f"the slot's cockpit says it is version {lines[-1]}, the bundle {manifest.version}"
    return None


# --- the first frame ---------------------------------------------------------------------------------


def first_frame(manifest: Manifest, slot: Path, data_dir: Path, timeout: float) -> str | None:
    """The cockpit renders its cluster with the slot's content in use (every theme of a theme bundle)."""
    runs: list[tuple[str, list[str], Path | None]] = []
    if manifest.kind == "theme":
        for f in _theme_files(slot):
            name = f.name.removesuffix(".tokens.json")
            runs.append((f"theme '{name}'", ["--theme-dir", str(slot), "--theme", name], None))
    elif manifest.kind == "map":
        runs += [(f.name, ["--map", str(f)], None) for f in sorted(slot.rglob("*.osm.pbf"))]
    else:  # the cockpit's own wheel
        runs.append((f"cockpit {manifest.version}", [], site(slot)))
    with tempfile.TemporaryDirectory(prefix="cockpit-first-frame-") as tmp:
        for what, extra, first in runs:
            png = Path(tmp) / "frame.png"
            png.unlink(missing_ok=True)
            cmd = [sys.executable, "-m", "cockpit.cli", "screenshot", "--view", "cluster", "--at", "1",
                   "--out", str(png), *extra]
            status, out = _run(cmd, _env(python_first=first, data=Path(tmp)), timeout)
            if status != 0:
                return f"{what}: the cockpit did not render its first frame (exit {status}): {out}"
            if why := blank_png(png):
                return f"{what}: the first frame {why}"
    return None


def blank_png(file: Path) -> str | None:
    """Why a PNG is not a picture (missing, malformed, tiny, one flat colour); None when it is one."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        return f"was not written ({exc.strerror or exc})"
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return "is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    if width < 64 or height < 64:
        return f"is only {width}x{height} pixels"
    chunks, at = [], 8
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + size])
        at += 12 + size
    try:
        pixels = zlib.decompressobj().decompress(b"".join(chunks), MAX_PNG_BYTES)
    except zlib.error:
        return "is a broken PNG"
    # A row of one colour repeats its bytes; a picture of a cockpit has far more than a handful of values.
    if len(set(pixels[:: max(1, len(pixels) // 100_000)])) < 8:
        return "is one flat colour"
    return None


def _env(python_first: Path | None = None, data: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if python_first is not None:  # the launcher does the same with the active cockpit slot
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(python_first), env.get("PYTHONPATH", "")) if p)
    if data is not None:  # profiles and caches of a check never mix with the driver's
        env["COCKPIT_DATA_DIR"] = str(data)
    return env


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Exit status and the last lines of output of a child bounded in time and in what is kept of its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as cwd:
        # cwd: an empty folder, so ``-m``/``-c`` never import a cockpit from wherever the car was started
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                 cwd=cwd, start_new_session=True)
        try:
            status = child.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # its whole group: nothing it started outlives the check
            child.wait()
            raise CheckError(f"{Path(cmd[0]).name} {' '.join(cmd[1:4])} … did not finish in {timeout:g} s") from None
        size = out.seek(0, os.SEEK_END)
        out.seek(max(0, size - 1500))
        tail = out.read().decode("utf-8", "replace").strip()
    return status, tail


REGISTRY: dict[str, Check] = {
    "themes-check": themes_check,
    "mapping-check": mapping_check,
    "map-check": map_check,
    "tour-check": tour_check,
    "sentences-check": sentences_check,
    "wheel-import": wheel_check,
    "first-frame": first_frame,
}
IMPLICIT: dict[str, list[str]] = {
    "theme": ["themes-check"],
    "can-mapping": ["mapping-check"],
    "map": ["map-check"],
    "kiosk-tour": ["tour-check"],
    "voice-sentences": ["sentences-check"],
    "cockpit": ["wheel-import", "first-frame"],  # a cockpit that does not draw its cluster is no update
}
OPTIONAL: dict[str, list[str]] = {"theme": ["first-frame"], "map": ["first-frame"]}
OPTIONAL.update({k: [] for k in IMPLICIT if k not in OPTIONAL})
