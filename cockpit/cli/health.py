"""``cockpit health``: the car's health predictions over its daily journal, as text or JSON.

The same report the Health page shows (``cockpit.health.report``): each prediction with its value,
interval and reason in words, alarms first. The journal is filled by the car as it is driven
(``cockpit.health.daily``) or by ``cockpit sim age --days N``. Nothing here needs Qt.
"""

from __future__ import annotations

import argparse
import json
import sys

from cockpit.health.journal import DB_NAME, Journal, JournalError
from cockpit.health.report import report
from cockpit.profiles.store import data_dir

from .common import CliError, output_folder
from .update import DATA_HELP

EMPTY = "no health data yet (drive, or `cockpit sim age --days 60`)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help="the car's health predictions: battery, tires, 12 V battery, brake pads",
                       description="Predictions over the car's daily health journal, each with its interval and "
                       "its reason; alarms first. Exit status 0, also when there is no data yet (it says so); "
                       "2 when the journal cannot be read.")
    p.add_argument("--json", action="store_true", help="the report as JSON (predictions and alarms)")
    p.add_argument("--data-dir", type=output_folder, metavar="PATH", help=DATA_HELP)
    p.set_defaults(handler=health)


def health(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    obs = None
    try:
        there = (folder / DB_NAME).exists()  # reading never creates the data folder or an empty journal
    except OSError as exc:  # $COCKPIT_DATA_DIR names something no file can be
        raise CliError(f"{folder}: {exc.strerror}") from None
    if there:
        try:
            journal = Journal(folder)
            obs = journal.observations()
        except JournalError as exc:
            raise CliError(str(exc)) from None
        for problem in journal.problems:  # a damaged file was moved aside: say so, it may hold the history
            print(f"cockpit: {problem}", file=sys.stderr)
    r = None if obs is None else report(obs)
    if args.json:
        print(json.dumps(r if r is not None else {"predictions": [], "alarms": [], "note": EMPTY}, indent=2))
    elif r is None:
        print(EMPTY)
    else:
        print(text(r))
    return 0


def _number(x: float | None) -> str:
    return "…" if x is None else f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}"


def text(r: dict) -> str:
    """The report for a terminal: alarms, then every prediction with its value, interval and reason."""
    lines = []
    for a in r["alarms"]:
        lines.append(f"ALARM  {a['subject']}: {a['reason']}")
    if lines:
        lines.append("")
    for p in r["predictions"]:
        head = p["subject"]  # without a value (not enough data, or no end in sight) the reason says it
        if p["value"] is not None:
            head += f": {_number(p['value'])} {p['unit']}"
            if p["low"] is not None or p["high"] is not None:
                head += f" ({_number(p['low'])}–{_number(p['high'])})"
        if p["alarm"]:
            head += "  [alarm]"
        lines.append(head)
        lines.append(f"    {p['reason']}")
    return "\n".join(lines)
