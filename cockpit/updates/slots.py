"""The car's A/B store of installed bundles, under ``data_dir()/updates/``.

Each installed item (a kind and a name) has two slots and one state file::

    updates/lock                      held (fcntl) by whoever changes anything below
    updates/<kind>/<name>/a/          one version's files
    updates/<kind>/<name>/b/          the other version's files (the rollback target)
    updates/<kind>/<name>/state.json  which slot is active, the last good one, the last failure, history
    updates/<kind>/<name>/b.partial   only while slot b is being written (names the version going in)

An install writes the inactive slot (after marking it ``.partial`` and clearing it), fsyncs every
file and folder, runs the checks on that slot, and only then rewrites ``state.json`` (temp file,
fsync, rename, fsync of the folder): that rename is the one commit point. Until it happens the
previous version stays active, whatever is killed when; ``recover()`` at start clears a slot left
``.partial`` and a stray temp state file. A failed check leaves the state on the previous version
with the reason recorded. A step back in version is only ever a ``rollback``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.documents import DocumentError, load_json
from cockpit.profiles.store import data_dir as default_data_dir

from .bundle import KINDS, NAME, BundleError, open_bundle, parse_version
from .checks import CheckError, checks_for, run_checks

STATE_FORMAT = 1
STATE = "state.json"
PARTIAL = ".partial"  # suffix of the marker beside a slot being written
SLOTS = ("a", "b")
HISTORY = 20  # entries kept per item: enough to tell what happened since the last visit to the workshop
MAX_STATE_BYTES = 64 * 1024
PIP_TIMEOUT_S = 300  # installing the cockpit's wheel (~10 MB) into a slot

# Content that changes what the driving screens show waits for P; the rest installs any time.
PARKED_ONLY = {"theme", "can-mapping", "cockpit"}
# Content the running cockpit picks up without a restart (themes reload live; the voice rebuilds its grammar).
LIVE = {"theme", "voice-sentences"}


class SlotError(Exception):
    """An install, rollback or recovery that cannot be done; the message says which item and why."""


def needs_park(kind: str) -> bool:
    """Whether bundles of this kind may only be installed with the car in P."""
    return kind in PARKED_ONLY


def live(kind: str) -> bool:
    """Whether content of this kind applies to the running cockpit without a restart."""
    return kind in LIVE


@dataclass(frozen=True)
class Result:
    """What an install or rollback did: ``ok`` and the active version after it, or the reason it failed."""

    kind: str
    name: str
    ok: bool
    active: str | None  # the version in use afterwards (None: the shipped content)
    reason: str = ""


@dataclass(frozen=True)
class ItemStatus:
    kind: str
    name: str
    active: str | None  # version
    slot: str | None
    last_good: str | None  # the version a rollback returns to
    last_good_slot: str | None
    pending: str = ""  # an install under way (or cut short and not yet recovered)
    failed: str = ""  # why the last install or the state itself failed
    history: tuple[dict, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "active": self.active, "slot": self.slot,
                "last_good": self.last_good, "last_good_slot": self.last_good_slot, "pending": self.pending,
                "failed": self.failed, "history": list(self.history)}


# --- the state file ----------------------------------------------------------------------------


def updates_dir(data_dir: Path | str | None = None) -> Path:
    return default_data_dir(data_dir) / "updates"


def item_dir(root: Path, kind: str, name: str) -> Path:
    """The folder of one installed item; SlotError for a kind or name no bundle can have (a typed argument)."""
    if kind not in KINDS:
        raise SlotError(f"{kind[:64]!r} is not a kind of update ({', '.join(KINDS)})")
    if not NAME.fullmatch(name):
        raise SlotError(f"{name[:64]!r} is not the name of an update (lower-case letters, digits, dashes)")
    return root / kind / name


def read_state(folder: Path) -> dict[str, Any]:
    """The state of an item's folder, checked; DocumentError saying why it cannot be used."""
    try:
        data = load_json(folder / STATE, MAX_STATE_BYTES)
    except DocumentError as exc:
        raise DocumentError(f"{folder / STATE}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise DocumentError(f"{folder / STATE}: not a format-{STATE_FORMAT} state object")
    for key in ("active", "last_good"):
        entry = data.get(key)
        if entry is None:
            continue
        if (not isinstance(entry, dict) or entry.get("slot") not in SLOTS
                or not isinstance(entry.get("version"), str)):
            raise DocumentError(f"{folder / STATE}: {key!r} is not {{slot: a|b, version}}")
        try:
            parse_version(entry["version"])
        except ValueError as exc:
            raise DocumentError(f"{folder / STATE}: {key}: {exc}") from None
    if data.get("active") and data.get("last_good") and data["active"]["slot"] == data["last_good"]["slot"]:
        raise DocumentError(f"{folder / STATE}: the active and last good versions claim the same slot")
    history = data.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history) \
            or not isinstance(data.get("failed") or "", str):
        raise DocumentError(f"{folder / STATE}: 'history' or 'failed' has the wrong type")
    return data


def _write_state(folder: Path, state: dict[str, Any]) -> None:
    """Replace the state file atomically: after a crash it holds either the old or the new state, whole."""
    state["history"] = state.get("history", [])[-HISTORY:]
    tmp = folder / (STATE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(state, out, indent=1, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, folder / STATE)
    _fsync_dir(folder)


def _event(state: dict[str, Any], event: str, version: str | None, reason: str = "") -> None:
    state.setdefault("history", []).append(
        {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "event": event, "version": version,
         "reason": reason})


def _new_state(kind: str, name: str) -> dict[str, Any]:
    return {"format": STATE_FORMAT, "kind": kind, "name": name, "active": None, "last_good": None,
            "failed": "", "history": []}


# --- files -------------------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Every file and folder under ``root`` on disk before the state may point at it."""
    for folder, _dirs, files in os.walk(root, topdown=False):
        for f in files:
            fd = os.open(os.path.join(folder, f), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(folder))
    _fsync_dir(root.parent)


def _clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One installer at a time; a second is refused at once rather than queued behind a long install."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / "lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise SlotError(f"another update is under way (pid {holder}); try again when it is done") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the kernel does the same for a killed process


# --- install, rollback, recover, status --------------------------------------------------------


def install(bundle_path: Path | str, *, parked: bool, data_dir: Path | str | None = None,
            variant: str | None = None, first_frame_timeout: float = 120.0,
            phase: Callable[[str], None] | None = None) -> Result:
    """Install a verified bundle into the inactive slot of its item, check it there, then make it active.

    Refused (SlotError) before anything is written: an unusable bundle, a version not newer than the
    active one, content for the driving screens while not ``parked``, a bundle for another ``variant``
    or cockpit version, a check name the car does not have, another install under way. A failed
    check returns ``Result(ok=False, reason=…)`` with the previous version still active. ``phase(name)``
    as "unpacking", "checking" and "switching" begin (the Software page's words).
    """
    try:
        bundle = open_bundle(bundle_path)
    except BundleError as exc:
        raise SlotError(str(exc)) from None
    m = bundle.manifest
    what = f"{m.kind} {m.name!r} {m.version}"
    if needs_park(m.kind) and not parked:
        raise SlotError(f"{what}: changes the driving screens, so it installs only with the car in P")
    if variant is not None and (why := m.fits(running_version(), variant)):
        raise SlotError(f"{what}: {why}")
    try:
        checks_for(m)  # an unknown check refuses the bundle before anything is written
    except CheckError as exc:
        raise SlotError(f"{what}: {exc}") from None
    root = updates_dir(data_dir)
    folder = item_dir(root, m.kind, m.name)
    with _locked(root):
        folder.mkdir(parents=True, exist_ok=True)
        _state_for_change(folder, m.kind, m.name)  # an unreadable state is refused here, set aside only at start
        _recover_item(folder)  # what a crash since the last start left, before it is mistaken for this install's
        state = _state_for_change(folder, m.kind, m.name)
        active = state["active"]
        if active and parse_version(m.version) <= parse_version(active["version"]):
            raise SlotError(f"{what}: not newer than the active {active['version']}; going back is a rollback")
        target = SLOTS[1] if active and active["slot"] == "a" else "a"
        slot = folder / target
        marker = folder / (target + PARTIAL)
        # The marker goes down before the slot is touched: from here a crash leaves it, and recovery
        # knows the slot's content (the old rollback target, or half of this version) is not to be trusted.
        marker.write_text(m.version, encoding="utf-8")
        _fsync_dir(folder)
        if state["last_good"] and state["last_good"]["slot"] == target:
            state["last_good"] = None  # overwritten below; the state is only rewritten at the end
        _clear(slot)
        step = phase or (lambda _name: None)
        try:
            step("unpacking")
            _unpack(bundle, slot)
            _fsync_tree(slot)
            step("checking")
            reason = run_checks(m, slot, data_dir=default_data_dir(data_dir), timeout=first_frame_timeout)
        except (CheckError, BundleError, OSError) as exc:
            reason = str(exc)
        except Exception as exc:  # noqa: BLE001 - a check that trips on content it did not foresee still refuses
            # it: the install must end with the previous version active and the slot cleared, not a traceback
            reason = f"a check could not finish: {type(exc).__name__}: {exc}"
        if reason:
            state["failed"] = f"{m.version}: {reason}"
            _event(state, "failed", m.version, reason)
            _write_state(folder, state)
            _clear(slot)
            marker.unlink()
            _fsync_dir(folder)
            return Result(m.kind, m.name, False, active["version"] if active else None, reason)
        step("switching")
        state["last_good"] = active  # the version that was running becomes the rollback target
        state["active"] = {"slot": target, "version": m.version}
        state["failed"] = ""
        _event(state, "installed", m.version, m.summary)
        _write_state(folder, state)  # the commit point
        marker.unlink()
        _fsync_dir(folder)
        return Result(m.kind, m.name, True, m.version)


def rollback(kind: str, name: str, *, data_dir: Path | str | None = None, reason: str = "asked for") -> Result:
    """Make the other slot's last good version active again; SlotError saying why when there is none."""
    root = updates_dir(data_dir)
    folder = item_dir(root, kind, name)
    with _locked(root):
        if not (folder / STATE).exists():
            raise SlotError(f"{kind} {name!r} is not installed; nothing to roll back")
        state = _state_for_change(folder, kind, name)
        back, active = state["last_good"], state["active"]
        if back is None:
            raise SlotError(f"{kind} {name!r}: no earlier version is kept to roll back to "
                            f"(none was installed before {active['version'] if active else 'this'}, "
                            "or a later install overwrote its slot)")
        kept = folder / back["slot"]
        if (folder / (back["slot"] + PARTIAL)).exists() or not kept.is_dir() or not any(kept.iterdir()):
            raise SlotError(f"{kind} {name!r}: slot {back['slot']} of version {back['version']} is incomplete")
        state["active"], state["last_good"] = back, active
        _event(state, "rollback", back["version"], reason)
        _write_state(folder, state)
        return Result(kind, name, True, back["version"], reason)


def recover(data_dir: Path | str | None = None) -> list[str]:
    """Undo what a crash left half-done so the last committed versions stay active; what was done, in words.

    Run at start, before the cockpit reads installed content. A slot marked ``.partial`` is cleared
    (and forgotten as a rollback target), unless the state already names it active: the commit
    happened and only the marker's removal was cut short. A stray temp state file is removed. A state
    file that cannot be read is set aside (``state.json.bad``) and the item falls back to the shipped
    content, with the reason kept for ``status()``.
    """
    root = updates_dir(data_dir)
    if not root.is_dir():
        return []
    done: list[str] = []
    with _locked(root):
        for folder in sorted(p for kind in KINDS if (root / kind).is_dir() for p in (root / kind).iterdir()):
            if folder.is_dir():
                done += _recover_item(folder)
    return done


def _recover_item(folder: Path) -> list[str]:
    kind, name = folder.parent.name, folder.name
    done: list[str] = []
    if (tmp := folder / (STATE + ".tmp")).exists():
        tmp.unlink()
        done.append(f"{kind} {name!r}: removed a state file cut short")
    state: dict[str, Any] | None = None
    if (folder / STATE).exists():
        try:
            state = read_state(folder)
        except DocumentError as exc:
            os.replace(folder / STATE, folder / (STATE + ".bad"))
            for slot in SLOTS:
                _clear(folder / slot)
                _clear(folder / (slot + PARTIAL))
            state = _new_state(kind, name)
            state["failed"] = f"the state file was unreadable ({exc}); set aside as {STATE}.bad, shipped content in use"
            _event(state, "recovered", None, state["failed"])
            _write_state(folder, state)
            return done + [f"{kind} {name!r}: {state['failed']}"]
    changed = False
    for slot in SLOTS:
        marker = folder / (slot + PARTIAL)
        if not marker.exists():
            continue
        version = marker.read_text(encoding="utf-8", errors="replace")[:32]
        if state and state["active"] and state["active"]["slot"] == slot:
            done.append(f"{kind} {name!r}: {version} was committed in slot {slot}; its marker removed")
        else:
            _clear(folder / slot)
            done.append(f"{kind} {name!r}: install of {version} into slot {slot} was cut short; slot cleared")
            if state is None:
                state = _new_state(kind, name)
            if state["last_good"] and state["last_good"]["slot"] == slot:
                state["last_good"] = None
            _event(state, "recovered", version, "install cut short; the previous version stays active")
            changed = True
        marker.unlink()
    if changed:
        _write_state(folder, state)
    else:
        _fsync_dir(folder)
    return done


def status(data_dir: Path | str | None = None) -> list[ItemStatus]:
    """Every installed item: the active version and slot, the last good one, an install under way, the last failure."""
    root = updates_dir(data_dir)
    out: list[ItemStatus] = []
    for kind in KINDS:
        if not (root / kind).is_dir():
            continue
        for folder in sorted((root / kind).iterdir()):
            if not folder.is_dir():
                continue
            pending = "; ".join(f"{p.read_text(encoding='utf-8', errors='replace')[:32]} going into slot "
                                f"{p.name.removesuffix(PARTIAL)}" for p in sorted(folder.glob("*" + PARTIAL)))
            try:
                state = read_state(folder)
            except DocumentError as exc:
                out.append(ItemStatus(kind, folder.name, None, None, None, None, pending,
                                      f"state unreadable, shipped content in use: {exc}"))
                continue
            active, good = state["active"] or {}, state["last_good"] or {}
            out.append(ItemStatus(kind, folder.name, active.get("version"), active.get("slot"), good.get("version"),
                                  good.get("slot"), pending, state.get("failed") or "",
                                  tuple(state.get("history", []))))
    return out


def running_version() -> str:
    """The version of the cockpit that is running (the one a bundle's cockpit range is held against)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cockpit")
    except PackageNotFoundError:
        return "0"


def _state_for_change(folder: Path, kind: str, name: str) -> dict[str, Any]:
    if not (folder / STATE).exists():
        return _new_state(kind, name)
    try:
        return read_state(folder)
    except DocumentError as exc:
        raise SlotError(f"{kind} {name!r}: its state file is unreadable ({exc}); the shipped content is in use "
                        "until recovery at the next start sets it aside") from None


def _unpack(bundle: Any, slot: Path) -> None:
    """The payload into ``slot``; the cockpit's wheel is also installed there (``slot/site``) for the launcher."""
    bundle.extract(slot)
    if bundle.manifest.kind != "cockpit":
        return
    wheels = sorted(slot.glob("cockpit-*.whl"))
    if len(wheels) != 1:
        raise CheckError(f"a cockpit bundle holds one cockpit-*.whl; this one holds {len(wheels)}")
    # No network and no dependencies: the car's Qt and libraries stay as they are; a wheel that needs
    # newer ones fails its import check and first frame instead of fetching anything.
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-cache-dir",
           "--disable-pip-version-check", "--quiet", "--target", str(slot / "site"), str(wheels[0])]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CheckError(f"installing {wheels[0].name} took longer than {PIP_TIMEOUT_S} s") from None
    if done.returncode != 0:
        raise CheckError(f"pip could not install {wheels[0].name}: {done.stderr.strip()[-400:]}")
