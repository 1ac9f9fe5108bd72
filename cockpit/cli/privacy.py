"""``cockpit privacy report|export|erase|consent``: what the car keeps about its drivers, their copy of it,
erasing it, and the consents — the Privacy page's back end from the command line (docs/privacy.md).

Every command opens the car's stores in the data folder as they are (the signal history, the profile
database, the consents) and closes them again; nothing here needs Qt or the network.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from cockpit.privacy.consent import PURPOSES

from .common import CliError, output_file, output_folder
from .profiles import _confirm

DATA_HELP = "the car's data folder (default: $COCKPIT_DATA_DIR, else the user data folder)"


def register(sub: argparse._SubParsersAction) -> None:
    pp = sub.add_parser("privacy", help="what the car keeps about you: report, export, erase, consent",
                        description="Each category of data the car keeps (what, why, how long, who may receive "
                        "it, its size), a copy of everything personal as JSON and CSV, erasing a category, and "
                        "the consents per purpose (all off until given).")
    ps = pp.add_subparsers(dest="action", metavar="ACTION", required=True)

    report = ps.add_parser("report", help="what the car keeps, why, how long, for whom, and the consents")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    _common(report).set_defaults(handler=privacy_report)

    export = ps.add_parser("export", help="a copy of everything personal, as JSON and CSV (GDPR art. 15, 20)",
                           description="Write privacy.json (the report), one JSON and one CSV file per category "
                           "and a README.txt into DEST, a new or empty folder (or with --zip a new zip file).")
    export.add_argument("dest", metavar="DEST")
    export.add_argument("--zip", action="store_true", help="one zip file instead of a folder")
    _common(export).set_defaults(handler=privacy_export)

    erase = ps.add_parser("erase", help="erase one category of data, or all personal data",
                          description="Erase CATEGORY (see 'cockpit privacy report') or 'all' personal data: "
                          "profiles with the device key, the signal history, exports, damaged files set aside, "
                          "and the consents (withdrawn). Asks to confirm unless --yes.")
    erase.add_argument("category", metavar="CATEGORY|all")
    erase.add_argument("--yes", "-y", action="store_true", help="do not ask to confirm")
    _common(erase).set_defaults(handler=privacy_erase)

    consent = ps.add_parser("consent", help="list the consents, or give or withdraw one",
                            description="With no argument, every purpose and whether you agreed. With PURPOSE "
                            "on|off, give or withdraw it (saved with the time).")
    consent.add_argument("purpose", nargs="?", choices=list(PURPOSES), metavar="PURPOSE",
                         help=f"one of {', '.join(PURPOSES)}")
    consent.add_argument("answer", nargs="?", choices=["on", "off"], metavar="on|off")
    _common(consent).set_defaults(handler=privacy_consent)


def _common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--data-dir", metavar="PATH", help=DATA_HELP)
    return p


@contextmanager
def _inventory(args: argparse.Namespace) -> Iterator:
    """The car's inventory over its stores in the data folder, closed afterwards."""
    from cockpit.health.history import History
    from cockpit.health.journal import Journal
    from cockpit.privacy.consent import Consent, follow_location
    from cockpit.privacy.inventory import Inventory

    from .profiles import _open

    consent = Consent(args.data_dir)
    for line in consent.problems:
        print(f"cockpit: {line}", file=sys.stderr)
    journal = Journal(args.data_dir)  # first: it raises when unusable, and then no history is left open
    history = History(args.data_dir)
    for line in history.problems + journal.problems:
        print(f"cockpit: {line}", file=sys.stderr)
    db = None
    try:
        db = _open(args)
        follow_location(consent, history)
        yield Inventory.of(args.data_dir, history=history, profiles=lambda fn: fn(db), consent=consent,
                           journal=journal)
    finally:
        history.close()
        if db is not None:
            db.close()


def _errors() -> tuple[type[Exception], ...]:
    from cockpit.health.history import HistoryError
    from cockpit.health.journal import JournalError
    from cockpit.privacy.consent import ConsentError
    from cockpit.privacy.export import ExportError
    from cockpit.privacy.inventory import EraseError
    from cockpit.profiles.store import ProfileError

    return HistoryError, JournalError, ConsentError, ExportError, EraseError, ProfileError


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def privacy_report(args: argparse.Namespace) -> int:
    try:
        with _inventory(args) as inventory:
            report = inventory.report()
    except _errors() as exc:
        raise CliError(str(exc)) from None
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(f"What this car keeps ({report['data_folder']}):")
    for c in report["categories"]:
        print(f"\n{c['title']} [{c['name']}]  {_size(c['bytes'])}" + ("" if c["personal"] else "  (not personal)"))
        print(f"  what:     {c['what']}")
        print(f"  why:      {c['purpose']}")
        print(f"  kept:     {c['retention']}")
        print(f"  goes to:  {c['recipients']}")
        if c["consent"]:
            print(f"  consent:  {c['consent']} ({'given' if c['consent_given'] else 'not given'})")
        if c["note"]:
            print(f"  now:      {c['note']}")
        if c["why_not"]:
            print(f"  note:     {c['why_not']}")
    _print_consents(report["consents"])
    return 0


def _print_consents(consents: dict) -> None:
    print("\nConsents (all off until you give them):")
    width = max(map(len, consents))
    for name, s in consents.items():
        when = f", since {s['changed']}" if s["changed"] else ""
        print(f"  {name:<{width}}  {'on ' if s['agreed'] else 'off'}  {s['title']} — to: {s['recipient']}{when}")


def privacy_export(args: argparse.Namespace) -> int:
    from cockpit.privacy.export import export

    try:
        dest = (output_file if args.zip else output_folder)(args.dest)
    except argparse.ArgumentTypeError as exc:
        raise CliError(f"DEST: {exc}") from None
    try:
        with _inventory(args) as inventory:
            done = export(inventory, dest, as_zip=args.zip)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    total = sum(done.rows.values())
    print(f"exported {total:,} rows of {len(done.rows)} categories into {len(done.files)} files: {done.path}")
    return 0


def privacy_erase(args: argparse.Namespace) -> int:
    try:
        with _inventory(args) as inventory:
            if args.category == "all":
                names = ", ".join(c.name for c in inventory.erasable())
                question = f"Erase all personal data on this car ({names}), with the consents withdrawn?"
            else:
                try:
                    category = inventory.get(args.category)
                except KeyError as exc:
                    raise CliError(exc.args[0]) from None
                if category.erase is None:
                    raise CliError(f"{category.name}: nothing to erase — {category.why_not}")
                question = f"Erase {category.title.lower()} ({category.name}) from this car?"
            _confirm(question, args.yes)
            erased = inventory.erase(args.category)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    for name, n in erased.items():
        print(f"erased {name}: {n:,} item(s)")
    return 0


def privacy_consent(args: argparse.Namespace) -> int:
    from cockpit.privacy.consent import Consent, ConsentError

    if args.purpose is not None and args.answer is None:
        raise CliError(f"say on or off: cockpit privacy consent {args.purpose} on|off")
    consent = Consent(args.data_dir)
    for line in consent.problems:
        print(f"cockpit: {line}", file=sys.stderr)
    if args.purpose is not None:
        try:
            consent.set(args.purpose, args.answer == "on")
        except ConsentError as exc:
            raise CliError(str(exc)) from None
        purpose = PURPOSES[args.purpose]
        print(f"{purpose.title}: {'on' if args.answer == 'on' else 'off'} (to: {purpose.recipient})")
        return 0
    _print_consents(consent.state())
    return 0

