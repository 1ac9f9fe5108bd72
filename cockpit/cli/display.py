"""Windows and the gateway: ``cockpit demo``, ``cluster``, ``center``, ``hud``, ``gateway``."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from cockpit.gui import NoDisplayError, gui_application
from cockpit.vehicle.store import SignalStore

from . import kiosk, processes
from .common import (
    VIEWS,
    CliError,
    bus_from_args,
    check_map_option,
    look_options,
    open_from_args,
    output_file,
    source_options,
    start_source,
    tell_while_no_gateway,
    until_stopped,
    variant_from_args,
    variant_option,
)


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="cluster and center screen in one process (the default)",
                          description="Open the cluster (1920x720) and center screen (1280x800), fed by a "
                          "simulated EV driving a real drive cycle in a loop, or by any --source.")
    source_options(demo)
    look_options(demo)
    demo.set_defaults(handler=run_windows)
    demo.add_argument("--views", help="comma-separated windows, some of the variant's (default: all of its screens)")
    demo.add_argument("--no-profiles", action="store_true",
                      help="do not open the driver-profile database (an in-memory guest only)")
    demo.add_argument("--processes", action="store_true",
                      help="a gateway and each view as their own processes over Zenoh on this machine, as in a car "
                      "(with --secure DIR: mutual TLS and access control)")
    kiosk.options(demo)
    for view, size in (("cluster", "1920x720"), ("center", "1280x800"), ("hud", "800x300"),
                       ("passenger", "1280x720")):
        one = sub.add_parser(view, help=f"the {view} alone ({size}), e.g. as its own process fed over Zenoh",
                             description=f"Open the {view} window alone. With --source zenoh it shows what a "
                             "'cockpit gateway' publishes, so each display can run as its own process or machine.")
        source_options(one, default="zenoh")
        look_options(one)
        one.set_defaults(handler=run_windows)

    gw = sub.add_parser("gateway", help="publish a vehicle's signals on Zenoh for displays in other processes",
                        description="Read signals from --source and publish every change on Zenoh (key = VSS "
                        "path with / for .); answer late joiners with current values; carry actuator requests "
                        "from displays back to the source. Runs until Ctrl+C.")
    source_options(gw)
    variant_option(gw)
    gw.add_argument("--audit", type=output_file, metavar="FILE",
                    help="also append every actuator request and its decision to FILE, one JSON object a line "
                    "(kept under 1 MB: then moved to FILE.1 and started again)")
    gw.set_defaults(handler=run_gateway)



def run_windows(args: argparse.Namespace) -> int:
    if getattr(args, "kiosk", False) and not getattr(args, "processes", False):
        return kiosk.run(args)
    if args.command != "demo":
        views = (args.command,)
    elif getattr(args, "views", None) is not None:
        views = tuple(v.strip() for v in args.views.split(",") if v.strip())
    else:
        views = ()
    unknown = set(views) - set(VIEWS)
    if unknown or (getattr(args, "views", None) is not None and not views):
        raise CliError(f"unknown view(s) {', '.join(sorted(unknown)) or '(none)'}; choose from {', '.join(VIEWS)}")
    variant = variant_from_args(args, views)
    views = views or variant.displays.windows
    if getattr(args, "processes", False):
        return processes.run(args, views)
    # every mistake in the arguments is reported before a window opens
    check_map_option(args)
    source = open_from_args(args, name="center" if "center" in views else views[0], variant=variant)
    try:
        app = gui_application()
    except NoDisplayError as exc:
        raise CliError(str(exc)) from None
    from cockpit.app import Cockpit

    profiles = None
    if ("center" in views and variant.modules.profiles and not getattr(args, "kiosk", False)
            and not getattr(args, "no_profiles", False)):
        # driver profiles live with the screen that picks them (a showroom kiosk keeps none)
        from cockpit.profiles.service import ProfileService
        from cockpit.profiles.store import ProfileDatabase

        profiles = ProfileService(ProfileDatabase())
    # the car's own screens run what over-the-air updates installed and offer new ones on the Software page
    # (a showroom kiosk runs what it shipped with)
    updating = "center" in views and not getattr(args, "kiosk", False)
    map_file, updates, car_data, signals = getattr(args, "map", None), None, None, None
    if updating:
        from cockpit.car_data import CarData
        from cockpit.profiles.store import data_dir
        from cockpit.updates.live import InstalledContent, installed_map, recover_at_start

        recover_at_start(data_dir())
        map_file = map_file or installed_map(data_dir())
        updates = _car_updates(variant.name, lambda: cockpit.signals)
        # its history, health journal, consents and privacy center (the Health and Privacy pages)
        signals = SignalStore()
        car_data = CarData(signals, data_dir(), profiles, variant.name)
    cockpit = Cockpit(source=source, theme=args.theme, theme_dirs=args.theme_dir, profiles=profiles, variant=variant,
                      map_file=map_file, updates=updates, signals=signals,
                      health=car_data and car_data.health.observations, privacy=car_data and car_data.inventory)
    if updating:
        installed = InstalledContent(cockpit, data_dir(), args.theme_dir, args.theme)
        cockpit.software.applied.connect(installed.changed)  # a theme or sentences apply without a restart
    if getattr(args, "route", None) and cockpit.navigation is not None:
        cockpit.navigation.go(args.route[1])  # guidance to where the simulated car drives, once the map is in
    if args.dev:
        from cockpit.theming.live import LiveReload

        LiveReload(cockpit)
    try:
        cockpit.start(views)
    except Exception as exc:  # a bus that will not open, QML that will not load: say so, leave cleanly
        cockpit.close()
        if car_data is not None:
            car_data.close()
        raise CliError(str(exc)) from None
    if car_data is not None:
        car_data.start_fleet()
    quiet = tell_while_no_gateway(source, f"cockpit {args.command}")  # not dashes without a word
    for sig in (signal.SIGINT, signal.SIGTERM):  # close cleanly (the source marks its signals gone)
        signal.signal(sig, lambda *_: app.quit())
    import qasync

    # asyncio runs inside Qt's loop: the voice assistant awaits its worker threads from the GUI thread
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        code = loop.run_forever()
    finally:
        quiet()
        cockpit.close()  # cancels voice tasks, which needs the loop still open
        loop.close()
        if car_data is not None:
            car_data.close()
    return code


def _car_updates(variant: str, signals):  # noqa: ANN001, ANN202 - a CarUpdates, or None when not set up
    """The car's update service, if ``cockpit update setup`` gave it a server; ``signals()`` is the store
    whose gear and speed say whether the car is parked."""
    from cockpit.profiles.store import data_dir
    from cockpit.updates.car import CarUpdates
    from cockpit.updates.service import UpdateError
    from cockpit.vehicle.driving import Motion

    try:
        return CarUpdates(variant, data_dir(), parked=lambda: Motion.of(signals()).parked)
    except UpdateError:  # not set up (or unreadable settings): the Software page says updates are not set up
        return None


def run_gateway(args: argparse.Namespace) -> int:
    from cockpit.bus.audit import AuditError, AuditLog
    from cockpit.bus.config import BusError
    from cockpit.bus.gateway import Gateway
    from cockpit.bus.keys import GATEWAY

    if args.source == "zenoh":
        raise CliError("--source zenoh: a gateway reads the vehicle (sim, can-sim, can:..., replay:...), "
                       "it does not read another gateway")
    if args.name not in (None, GATEWAY):
        raise CliError(f"--name {args.name!r}: a gateway is always {GATEWAY!r}")
    store = SignalStore()
    source = open_from_args(args, gateway=True, variant=variant_from_args(args))
    bus = bus_from_args(args, GATEWAY)  # every argument checked before the audit file is made
    try:
        audit = AuditLog(args.audit)
    except AuditError as exc:
        raise CliError(str(exc)) from None
    gateway = Gateway(store, **bus, audit=audit)
    try:
        gateway.start()
    except BusError as exc:
        raise CliError(str(exc)) from None
    try:
        start_source(source, store)
    except CliError:
        gateway.stop()
        raise
    print(f"cockpit gateway: publishing {args.source} on Zenoh; Ctrl+C to stop", file=sys.stderr, flush=True)
    try:
        until_stopped()
    finally:
        source.stop()
        gateway.stop()
        audit.close()
        print(f"cockpit gateway: {audit.summary()}", file=sys.stderr, flush=True)
    return 0
