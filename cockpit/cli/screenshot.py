"""``cockpit screenshot``: render a view offscreen after simulating N seconds."""

from __future__ import annotations

import argparse
import os
import sys

from cockpit.pages import CENTER_PAGES

from .common import (
    CYCLES,
    MAX_SIM_S,
    PROGRESS_FROM_S,
    SEED,
    SIM_SECONDS,
    VIEWS,
    CliError,
    input_file,
    input_folder,
    output_file,
    route_track,
    simulate,
    variant_from_args,
    variant_option,
)


def register(sub: argparse._SubParsersAction) -> None:
    shot = sub.add_parser("screenshot", help="render a view offscreen to a PNG after simulating N seconds")
    shot.set_defaults(handler=screenshot)
    shot.add_argument("--view", choices=VIEWS, default="cluster")
    shot.add_argument("--out", type=output_file, required=True, help="PNG file to write (its folder exists)")
    shot.add_argument("--at", type=SIM_SECONDS, default=120.0,
                      help=f"simulated seconds before the picture, 0 to {MAX_SIM_S} (default 120; past "
                      f"{PROGRESS_FROM_S} progress shows on stderr)")
    variant_option(shot)
    shot.add_argument("--theme", help="theme name (default: the variant's); see 'cockpit themes list'")
    shot.add_argument("--theme-dir", action="append", type=input_folder, default=[], metavar="PATH",
                      help="a folder of *.tokens.json themes, searched before the shipped ones (repeatable)")
    shot.add_argument("--page", choices=CENTER_PAGES, default=None, help="center screen page (default home)")
    shot.add_argument("--cycle", choices=CYCLES, default="wltc", help="drive cycle (default wltc)")
    shot.add_argument("--seed", type=SEED, default=1, help="seed of the scenario events, 0 to 2^32-1")
    shot.add_argument("--route", nargs=2, metavar=("FROM", "TO"),
                      help="drive from FROM to TO on the map (street names or lat,lon) instead of --cycle, guided "
                      "to TO; --at is then the seconds into that drive")
    shot.add_argument("--map", type=input_file, metavar="FILE", help="an OpenStreetMap extract (default: Helsinki)")


def screenshot(args: argparse.Namespace) -> int:
    if args.page and args.view != "center":
        raise CliError("--page is for the center view")
    variant = variant_from_args(args, (args.view,))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - must outlive the render
    from cockpit.app import Cockpit, messages, render
    from cockpit.gallery import load_map, picture_data, simulated, wait_for_page, wait_for_tiles

    # The picture is of one instant: the store's clock is the simulation's, which stops with it, so
    # the values stay as fresh as they were when it ended however long loading the QML takes, and
    # what the views gather over time (the power chart, the indicator phase) is the simulated drive's.
    args.source = "sim"
    signals, source = simulated(route_track(args), args.seed)
    cockpit = Cockpit(theme=args.theme, theme_dirs=args.theme_dir, signals=signals, variant=variant, map_file=args.map,
                      **picture_data())
    if error := cockpit.theme.property("error"):  # a picture of another theme would be a lie
        cockpit.close()
        raise CliError(error)
    if args.route and cockpit.navigation is not None:  # guided from where the drive begins
        source.attach(signals)
        load_map(cockpit)
        cockpit.bridge.flush()
        if why := cockpit.navigation.go(args.route[1]):
            cockpit.close()
            raise CliError(why)
    simulate(source, signals, args.at)
    cockpit.bridge.flush()  # the views start from the picture's moment, not ease toward it
    window = cockpit.load(args.view)
    if args.page:
        window.setProperty("page", args.page)
        wait_for_page(cockpit, args.page)
    if cockpit.navigation is not None:
        load_map(cockpit)
        window.show()
        cockpit.bridge.flush()
        wait_for_tiles(cockpit, window)
    image = render(cockpit, args.view)
    ok = image.save(str(args.out), "PNG")  # whatever the name ends with (Qt would guess from it, or fail)
    cockpit.close()
    if not ok:
        print(f"cockpit: could not write {args.out}", file=sys.stderr)
        return 1
    for w in messages.warnings:
        print(f"warning: {w}", file=sys.stderr)
    drive = f"the route {args.route[0]} → {args.route[1]}" if args.route else args.cycle
    print(f"{args.out}: {args.view} at {args.at:g} s of {drive}, {image.width()}x{image.height()}")
    return 0
