"""``cockpit update setup|check|install|status|rollback``: the car's side of over-the-air updates.

Bundles come only from the maker's TUF repository (verified by python-tuf before a byte is used) and
are installed A/B: the inactive slot is written and checked, then switched to, or the car stays on
what it had (docs/updates.md). Nothing here needs Qt.
"""

from __future__ import annotations

import argparse
import json
import sys

from cockpit.variant import DEFAULT_VARIANT

from .common import CliError, input_file

DATA_HELP = "the car's data folder (default: $COCKPIT_DATA_DIR, else the user data folder)"


def register(sub: argparse._SubParsersAction) -> None:
    pu = sub.add_parser("update", help="over-the-air updates: check, install, status, roll back",
                        description="Check the maker's update server for bundles for this car, install them "
                        "into the inactive slot with their checks, see what is installed, roll back.")
    ps = pu.add_subparsers(dest="action", metavar="ACTION", required=True)

    setup = ps.add_parser("setup", help="the update server and the maker's root this car trusts",
                          description="Set the repository address and the trust anchor (the maker's "
                          "metadata/root.json) once, when the car is built.")
    setup.add_argument("--server", required=True, metavar="URL", help="the repository, e.g. https://updates.example")
    setup.add_argument("--root", required=True, type=input_file, metavar="ROOT.json", help="the maker's root")
    _common(setup, variant=False).set_defaults(handler=update_setup)

    check = ps.add_parser("check", help="what the server offers this car",
                          description="Refresh the signed metadata and list each bundle for this car beside "
                          "the installed version: new, installed, or why it does not fit.")
    _common(check).set_defaults(handler=update_check)

    install = ps.add_parser("install", help="download, verify and install what is new",
                            description="Install every new bundle (or those named) A/B: download verified, "
                            "write the inactive slot, run the checks, switch. A failed check leaves the car on "
                            "what it had, with the reason. Themes, CAN mappings and the cockpit itself change "
                            "the driving screens: they install only with --parked.")
    install.add_argument("names", nargs="*", metavar="NAME", help="only these bundles (by name)")
    install.add_argument("--parked", action="store_true", help="the car is in P: content for the driving "
                         "screens may be installed")
    _common(install).set_defaults(handler=update_install)

    st = ps.add_parser("status", help="what is installed, the rollback target, the last failure",
                       description="Every installed bundle: active version and slot, the last good version "
                       "(the rollback target) and the last failure's reason.")
    _common(st, variant=False).set_defaults(handler=update_status)

    back = ps.add_parser("rollback", help="back to the other slot's last good version",
                         description="Make the other slot's last good version of KIND NAME active again.")
    back.add_argument("kind", metavar="KIND")
    back.add_argument("name", metavar="NAME")
    _common(back, variant=False).set_defaults(handler=update_rollback)


def _common(p: argparse.ArgumentParser, variant: bool = True) -> argparse.ArgumentParser:
    p.add_argument("--data-dir", metavar="PATH", help=DATA_HELP)
    if variant:
        p.add_argument("--variant", default=DEFAULT_VARIANT, help=f"this car's variant (default {DEFAULT_VARIANT})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def _candidates(args: argparse.Namespace) -> tuple:
    """This car's update service and what its server offers, each beside the installed version."""
    from cockpit.updates.car import CarUpdates
    from cockpit.updates.service import UpdateError

    try:
        car = CarUpdates(args.variant, args.data_dir, parked=lambda: getattr(args, "parked", False))
        return car, car.candidates()
    except UpdateError as exc:
        raise CliError(str(exc)) from None


def update_setup(args: argparse.Namespace) -> int:
    from cockpit.updates.car import setup
    from cockpit.updates.service import UpdateError

    try:
        folder = setup(args.server, args.root, args.data_dir)
    except UpdateError as exc:
        raise CliError(str(exc)) from None
    print(f"updates from {args.server}, trusting {args.root} (kept in {folder})")
    return 0


def update_check(args: argparse.Namespace) -> int:
    _car, found = _candidates(args)
    if args.json:
        print(json.dumps([{"kind": c.offer.kind, "name": c.offer.name, "version": c.offer.version,
                           "summary": c.offer.summary, "bytes": c.offer.size, "installed": c.installed,
                           "new": c.new, "why_not": c.offer.why_not} for c in found], indent=1))
        return 0
    if not found:
        print(f"nothing offered to a {args.variant} car")
    for c in found:
        state = ("new" if c.new else "installed" if c.installed == c.offer.version
                 else f"does not fit: {c.offer.why_not}" if c.offer.why_not else f"installed {c.installed}")
        print(f"{c.offer.kind:16} {c.offer.name:20} {c.offer.version:10} {c.offer.size / 1e6:7.2f} MB  {state}"
              + (f"\n{'':16} {c.offer.summary}" if c.offer.summary and c.new else ""))
    return 0


def update_install(args: argparse.Namespace) -> int:
    from cockpit.updates.service import UpdateError
    from cockpit.updates.slots import SlotError, needs_park

    car, found = _candidates(args)
    known = {c.offer.name for c in found}
    if unknown := [n for n in args.names if n not in known]:
        raise CliError(f"not offered to a {args.variant} car: {', '.join(unknown)} (see 'cockpit update check')")
    todo = [c for c in found if c.new and (not args.names or c.offer.name in args.names)]
    results, failed = [], False
    for c in todo:
        o = c.offer

        def shown(done: int, total: int, o=o) -> None:  # noqa: ANN001
            if not args.json and sys.stderr.isatty():
                print(f"\r{o.name} {o.version}: {done / total if total else 1:4.0%}", end="", file=sys.stderr,
                      flush=True)

        try:
            if not args.parked and needs_park(o.kind):  # said before downloading anything
                raise SlotError(f"{o.kind} '{o.name}' changes the driving screens, so it installs only with the car "
                                "in P: run again with --parked when it is")
            r = car.install(car.download(o, shown))
            results.append({"kind": o.kind, "name": o.name, "version": o.version, "ok": r.ok,
                            "active": r.version or None, "reason": r.reason})
            failed |= not r.ok
        except (UpdateError, SlotError) as exc:
            results.append({"kind": o.kind, "name": o.name, "version": o.version, "ok": False,
                            "active": c.installed, "reason": str(exc)})
            failed = True
        if not args.json:
            r = results[-1]
            print(f"{o.name} {o.version}: " + ("installed" if r["ok"] else
                                               f"not installed, {r['reason']} (active: {r['active'] or 'none'})"))
    if args.json:
        print(json.dumps(results, indent=1))
    elif not todo:
        print("nothing new to install")
    return 1 if failed else 0


def update_status(args: argparse.Namespace) -> int:
    from cockpit.updates.slots import status

    items = status(args.data_dir)
    if args.json:
        print(json.dumps([i.to_json() for i in items], indent=1))
        return 0
    if not items:
        print("nothing installed by update: the cockpit runs what it shipped with")
    for i in items:
        line = f"{i.kind:16} {i.name:20} {i.active or '-':10} slot {i.slot or '-'}  rollback to {i.last_good or '-'}"
        print(line + (f"\n{'':16} last failure: {i.failed}" if i.failed else ""))
    return 0


def update_rollback(args: argparse.Namespace) -> int:
    from cockpit.updates.slots import SlotError, rollback

    try:
        r = rollback(args.kind, args.name, data_dir=args.data_dir)
    except SlotError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps({"kind": r.kind, "name": r.name, "ok": r.ok, "active": r.active, "reason": r.reason}))
    else:
        print(f"{r.kind} {r.name}: " + (f"back on {r.active}" if r.ok else f"not rolled back: {r.reason}"))
    return 0 if r.ok else 1
