"""What the assistant answers and does: a Recognition (plus a pending action awaiting yes/no) → a Reply.

Replies say what happened, in the driver's display units. Driving controls and unknown requests get a
polite refusal and no action. Risky actions are asked about first (Reply.confirm):
- calling someone (a misheard name rings the wrong person, which cannot be undone),
- switching the driver profile (seats and mirrors move, maybe while driving),
- volume at 80 % or more (a sudden blast is startling and can hurt),
- screen brightness at 10 % or less (a screen too dark to read while driving).
A "yes" with a pending action carries it out; "no" or "cancel" drops it; anything else replaces it.

Follow-ups name only what changes, and refer to the action last carried out, for CONTEXT_S seconds:
"more" / "two more" / "less" step it again (after an adjustment, on the way it went; "higher" and
"lower" say the way), "and the passenger side too" does it on another side, "no, 22" / "no, Michael"
corrects its value (or the question just asked). Without a recent action they are refused with what
to say instead; a bare "warmer" right after a temperature command is about that command's side."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from cockpit.vehicle.hvac import FAN_LEVELS, HEAT_LEVELS
from cockpit.vehicle.units import c_to_f, f_to_c, km_to_mi, kpa_to_psi

from .types import Action, Recognition, Reply, VehicleContext

TEMP_MIN_C, TEMP_MAX_C = 16.0, 28.0
LOUD_PERCENT = 80
DIM_PERCENT = 10
SEAT_ON_LEVEL = 2  # "turn on my seat heating": the middle of 1..3
MAX_STEP_DEGREES = 5  # "make it N degrees warmer": at most this many at a time
PERCENT_STEP = 10  # "louder", "brighter": one step of the volume or the screen's brightness
CORNERS = {"FL": "front left", "FR": "front right", "RL": "rear left", "RR": "rear right"}
# A follow-up ("more", "no, 22") refers to an action at most this old: after a pause the driver has
# moved on, and a bare "more" must not change something set minutes ago.
CONTEXT_S = 30.0
# A temperature said in a correction above this is in Fahrenheit (no cabin is set to 41 °C): the
# same split as the celsius and fahrenheit lists of voice/sentences/en/_common.yaml.
FAHRENHEIT_ABOVE = 40
SIDES = {"driver": "the driver's side", "passenger": "the passenger side", "both": "both sides"}
OTHER_SIDE = {"driver": "passenger", "passenger": "driver"}


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _units(context: VehicleContext) -> dict[str, str]:
    units = context.fact("units") or {}
    if not isinstance(units, Mapping):  # a DisplayUnits-like object
        units = {k: getattr(units, k) for k in ("distance", "temperature", "pressure") if hasattr(units, k)}
    return {"distance": str(units.get("distance", "KILOMETERS")).upper(),
            "temperature": str(units.get("temperature", "C")).upper(),
            "pressure": str(units.get("pressure", "KPA")).upper()}


def _temperature(celsius: float, units: dict[str, str]) -> str:
    if units["temperature"] == "F":
        return f"{round(c_to_f(celsius))} degrees"
    return f"{_num(celsius)} degrees"


def _half(x: float) -> float:
    return round(x * 2) / 2


def _zone_name(zone: str) -> str:
    return {"driver": "Driver", "passenger": "Passenger", "both": "Cabin"}[zone]


class Dialogue:
    """One conversation. The cockpit keeps the pending action (a question awaiting yes or no) and passes
    it back with the next recognition; the dialogue remembers the last action carried out, and when
    (``clock``, monotonic seconds), for follow-ups."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last: Action | None = None
        self._last_at = 0.0

    def reply(self, rec: Recognition, context: VehicleContext, pending: Action | None = None) -> Reply:
        reply = self._reply(rec, context, pending)
        if rec.unsure and reply.action is not None and not reply.confirm and not rec.intent.startswith("dialogue."):
            return Reply(f"Did you say “{rec.text}”?", reply.action, confirm=True)
        if rec.intent == "dialogue.cancel":  # "never mind": nothing left to follow up on
            self._last = None
        elif reply.action is not None and not reply.confirm and not reply.action.name.startswith("dialogue."):
            self._last, self._last_at = reply.action, self._clock()
        return reply

    def last_action(self) -> Action | None:
        """The action follow-ups refer to: the last one carried out, if recent enough."""
        if self._last is not None and self._clock() - self._last_at <= CONTEXT_S:
            return self._last
        return None

    def _reply(self, rec: Recognition, context: VehicleContext, pending: Action | None) -> Reply:
        intent, slots = rec.intent, rec.slots
        if intent is None:
            if not rec.text.strip():
                return Reply("Sorry, I didn't catch that.", None)
            return Reply("Sorry, I can't help with that.", None)
        if intent == "dialogue.stop":
            return Reply("", Action("dialogue.stop", {}))
        if pending is not None:
            if intent == "dialogue.yes":
                return Reply(self.done(pending, context), pending)
            if intent in ("dialogue.no", "dialogue.cancel"):
                return Reply("Okay, I won't.", None)
        if intent in ("dialogue.yes", "dialogue.no"):
            return Reply("There is nothing to confirm.", None)
        if intent == "dialogue.cancel":
            return Reply("Okay.", None)
        if intent == "refuse.driving":
            return Reply("Sorry, I can't control driving functions. Please use the vehicle's controls.", None)
        if intent == "refuse.unsupported":
            if slots.get("unknown") == "place":
                return Reply("Sorry, I don't know that place. Say one of your favourites, or home or work.", None)
            if slots.get("unknown") == "contact":
                return Reply("Sorry, that is not one of your contacts.", None)
            return Reply("Sorry, I can't do that.", None)
        if intent.startswith("info.") or intent == "nav.eta":
            return Reply(self.answer(intent, context), None)
        if intent == "followup.correct":  # the question just asked, else the last thing done
            return self._correct(slots, context, pending or self.last_action())
        if intent == "followup.zone":
            return self._other_side(slots, context)
        if intent == "followup.step":
            return self._step(slots["direction"], int(slots.get("delta", 1)), context)
        handler = _ACTIONS.get(intent)
        if handler is None:
            return Reply("Sorry, I can't help with that.", None)
        return handler(self, slots, context)

    # --- answers -------------------------------------------------------------------------------------

    def answer(self, intent: str, context: VehicleContext) -> str:
        units = _units(context)
        fact = context.fact
        if intent == "info.range":
            km = fact("range_km")
            if not isinstance(km, int | float):
                return "I don't know the range right now."
            if units["distance"] == "MILES":
                return f"You have {round(km_to_mi(km))} miles of range left."
            return f"You have {round(km)} kilometers of range left."
        if intent == "info.battery":
            soc = fact("soc_percent")
            return "I don't know the battery level right now." if not isinstance(soc, int | float) \
                else f"The battery is at {round(soc)} percent."
        if intent == "info.outside_temperature":
            c = fact("outside_c")
            return "I don't know the outside temperature right now." if not isinstance(c, int | float) \
                else f"It is {_temperature(round(c), units)} outside."
        if intent == "info.doors_locked":
            locked = fact("doors_locked")
            if locked is None:
                return "I don't know whether the doors are locked."
            return "Yes, the doors are locked." if locked else "No, the doors are unlocked."
        if intent == "info.tire_pressure":
            return self._tires(fact("tire_kpa"), units)
        if intent == "nav.eta":
            minutes = fact("eta_min")
            if not isinstance(minutes, int | float):
                return "There is no active route."
            minutes = round(minutes)
            if minutes >= 60:
                return f"You will arrive in {minutes // 60} hours and {minutes % 60} minutes."
            return f"You will arrive in {minutes} minute{'s' if minutes != 1 else ''}."
        return "Sorry, I can't help with that."

    def _tires(self, tires: object, units: dict[str, str]) -> str:
        if not isinstance(tires, Mapping) or not tires:
            return "I don't know the tire pressures right now."
        unit = units["pressure"]

        def say(kpa: float) -> str:
            if unit == "PSI":
                return f"{round(kpa_to_psi(kpa))} PSI"
            if unit == "BAR":
                return f"{kpa / 100:.1f} bar"
            return f"{round(kpa)} kilopascals"

        values = {k: float(v) for k, v in tires.items() if isinstance(v, int | float)}
        if not values:
            return "I don't know the tire pressures right now."
        highest = max(values.values())
        low = [k for k, v in values.items() if v < 0.85 * highest]
        if low:
            return " ".join(f"The {CORNERS.get(k, k)} tire is low, at {say(values[k])}." for k in low)
        if highest - min(values.values()) <= 10:
            return f"All tires are fine, at about {say(sum(values.values()) / len(values))}."
        return ", ".join(f"{CORNERS.get(k, k)} {say(v)}" for k, v in values.items()).capitalize() + "."

    # --- actions -------------------------------------------------------------------------------------

    def done(self, action: Action, context: VehicleContext) -> str:
        """What the assistant says when ``action`` is carried out."""
        a, units = action.args, _units(context)
        match action.name:
            case "climate.set_temperature":
                return f"{_zone_name(a['zone'])} temperature set to {_temperature(a['celsius'], units)}."
            case "climate.adjust_temperature":
                size = _num(abs(a["delta_c"]) * (1.8 if units["temperature"] == "F" else 1))
                way = "warmer" if a["delta_c"] > 0 else "cooler"
                return f"Making it {size} degree{'s' if size != '1' else ''} {way}."
            case "climate.set_fan":
                return f"Fan set to {a['level']}."
            case "climate.adjust_fan":
                levels = f" {abs(a['steps'])} levels" if abs(a["steps"]) > 1 else ""
                return f"Fan {'up' if a['steps'] > 0 else 'down'}{levels}."
            case "climate.set_ac":
                return f"Air conditioning {'on' if a['on'] else 'off'}."
            case "climate.set_defrost":
                return f"{a['which'].capitalize()} defrost {'on' if a['on'] else 'off'}."
            case "climate.set_seat_heat":
                seat = f"{_zone_name(a['zone'])} seat heating" if a["zone"] != "both" else "Seat heating"
                return f"{seat} off." if a["level"] == 0 else f"{seat} set to level {a['level']}."
            case "media.play":
                return "Playing."
            case "media.pause":
                return "Paused."
            case "media.next":
                return "Next track."
            case "media.previous":
                return "Previous track."
            case "media.set_volume":
                return "Muted." if a["percent"] == 0 else f"Volume set to {a['percent']} percent."
            case "media.adjust_volume":
                return "Louder." if a["step"] > 0 else "Quieter."
            case "media.set_source":
                names = {"radio": "the radio", "bluetooth": "Bluetooth", "usb": "USB", "streaming": "streaming"}
                return f"Switching to {names.get(a['source'], a['source'])}."
            case "nav.go":
                return "Navigating home." if a["place"] == "home" else f"Navigating to {a['place']}."
            case "nav.cancel":
                return "Route cancelled."
            case "phone.call":
                return f"Calling {a['contact']}."
            case "phone.answer":
                return "Answering."
            case "phone.hang_up":
                return "Call ended."
            case "settings.set_units":
                said = []
                if "distance" in a:
                    said.append(f"distances in {a['distance'].lower()}")
                if "temperature" in a:
                    said.append(f"temperatures in {'Fahrenheit' if a['temperature'] == 'F' else 'Celsius'}")
                return "Showing " + " and ".join(said) + "."
            case "settings.set_theme":
                return f"Switching to the {a['theme']} theme."
            case "settings.set_brightness":
                return f"Screen brightness set to {a['percent']} percent."
            case "settings.adjust_brightness":
                return "Brighter." if a["step"] > 0 else "Dimmer."
            case "profile.switch":
                return f"Switching to {a['name']}'s profile."
        return "Done."

    def _act(self, action: Action, context: VehicleContext, question: str | None = None) -> Reply:
        if question is not None:
            return Reply(question, action, confirm=True)
        return Reply(self.done(action, context), action)

    def _set_temperature(self, slots: dict, context: VehicleContext) -> Reply:
        if "fahrenheit" in slots:
            celsius = _half(f_to_c(float(slots["fahrenheit"])))
        else:
            celsius = float(slots["celsius"])
        if not TEMP_MIN_C <= celsius <= TEMP_MAX_C:
            units = _units(context)
            return Reply(f"I can set the temperature between {_temperature(TEMP_MIN_C, units)} and "
                         f"{_temperature(TEMP_MAX_C, units)}.", None)
        return self._act(Action("climate.set_temperature", {"zone": slots.get("zone", "driver"), "celsius": celsius}),
                         context)

    def _adjust_temperature(self, slots: dict, context: VehicleContext) -> Reply:
        step = float(slots.get("delta", 1))
        if not 1 <= step <= MAX_STEP_DEGREES:
            return Reply(f"I can change it by 1 to {MAX_STEP_DEGREES} degrees at a time.", None)
        if _units(context)["temperature"] == "F":  # "two degrees warmer" means °F to this driver
            step = max(0.5, _half(step * 5 / 9))
        sign = 1 if slots["direction"] == "warmer" else -1
        # "warmer" right after setting the passenger side is about the passenger side
        last = self.last_action()
        same = last is not None and last.name in ("climate.set_temperature", "climate.adjust_temperature")
        zone = slots.get("zone", last.args["zone"] if same else "driver")
        action = Action("climate.adjust_temperature", {"zone": zone, "delta_c": sign * step})
        if "feeling" in slots:  # "I'm cold" is a wish only guessed at: ask (and a misheard remark does nothing)
            return self._act(action, context, f"Shall I make it {slots['direction']}?")
        return self._act(action, context)

    def _set_fan(self, slots: dict, context: VehicleContext) -> Reply:
        level = int(slots["fan"])
        if not 1 <= level <= FAN_LEVELS:
            return Reply(f"The fan goes from 1 to {FAN_LEVELS}.", None)
        # One blower serves the cabin in most cars: without a zone, "both".
        return self._act(Action("climate.set_fan", {"zone": slots.get("zone", "both"), "level": level}), context)

    def _adjust_fan(self, slots: dict, context: VehicleContext) -> Reply:
        steps = _signed(slots)
        return self._act(Action("climate.adjust_fan", {"zone": slots.get("zone", "both"), "steps": steps}), context)

    def _set_seat_heat(self, slots: dict, context: VehicleContext) -> Reply:
        if "seat_level" in slots:
            level = int(slots["seat_level"])
            if not 0 <= level <= HEAT_LEVELS:
                return Reply(f"Seat heating goes from 0 to {HEAT_LEVELS}.", None)
        else:
            level = SEAT_ON_LEVEL if slots.get("on_off", True) else 0
        return self._act(Action("climate.set_seat_heat", {"zone": slots.get("zone", "driver"), "level": level}),
                         context)

    def _set_volume(self, slots: dict, context: VehicleContext) -> Reply:
        percent = int(slots["percent"])
        if percent > 100:
            return Reply("I can set the volume from 0 to 100 percent.", None)
        action = Action("media.set_volume", {"percent": percent})
        return self._act(action, context, f"Set the volume to {percent} percent?" if percent >= LOUD_PERCENT else None)

    def _set_brightness(self, slots: dict, context: VehicleContext) -> Reply:
        percent = int(slots["percent"])
        if percent > 100:
            return Reply("I can set the screen brightness from 0 to 100 percent.", None)
        action = Action("settings.set_brightness", {"percent": percent})
        question = (f"Set the screen brightness to {percent} percent? The screen may be hard to read."
                    if percent <= DIM_PERCENT else None)
        return self._act(action, context, question)

    def _call(self, slots: dict, context: VehicleContext) -> Reply:
        return self._act(Action("phone.call", {"contact": slots["contact"]}), context, f"Call {slots['contact']}?")

    def _switch_profile(self, slots: dict, context: VehicleContext) -> Reply:
        name = slots["driver"]
        return self._act(Action("profile.switch", {"name": name}), context,
                         f"Switch to {name}'s profile? Seats and mirrors will move.")

    # --- follow-ups ----------------------------------------------------------------------------------

    def _step(self, direction: str, steps: int, context: VehicleContext) -> Reply:
        """"more" / "two more" / "lower": the last action's setting stepped again, through the intent a
        driver would have said ("warmer", "fan up"), so its limits and units apply. "more" and "less"
        go on from the way the last adjustment went; after a setting, they are "up" and "down"."""
        last = self.last_action()
        step = _STEPPED.get(last.name) if last is not None else None
        went_up = step is None or step[2] is None or last.args[step[2]] > 0
        up = {"up": True, "down": False, "more": went_up, "less": not went_up}[direction]
        if last is not None and last.name == "climate.set_seat_heat":  # levels 0-3, no relative action
            level = last.args["level"] + (steps if up else -steps)
            return self._set_seat_heat({"zone": last.args["zone"], "seat_level": level}, context)
        if step is None:
            what, examples = (("More", "'warmer', 'fan up' or 'louder'") if up
                              else ("Less", "'cooler', 'fan down' or 'quieter'"))
            return Reply(f"{what} of what? Say what to change, for example {examples}.", None)
        intent, (up_word, down_word), _ = step
        slots = {"direction": up_word if up else down_word, "delta": steps}
        if "zone" in last.args:
            slots["zone"] = last.args["zone"]
        return _ACTIONS[intent](self, slots, context)

    def _other_side(self, slots: dict, context: VehicleContext) -> Reply:
        """"and the passenger side too", "and mine": the last action again, on the side named or the other."""
        last = self.last_action()
        if last is None or "zone" not in last.args:
            return Reply("Which setting? Say it whole, for example 'set the passenger temperature to twenty "
                         "one' or 'heat the passenger seat'.", None)
        was = last.args["zone"]
        side = slots.get("zone", OTHER_SIDE.get(was, was))
        if side == was or was == "both":
            return Reply(f"That was for {SIDES[was]} already.", None)
        return self._act(Action(last.name, {**last.args, "zone": side}), context)

    def _correct(self, slots: dict, context: VehicleContext, subject: Action | None) -> Reply:
        """"no, 22" / "I said Michael": ``subject`` set again with the value corrected, through the
        intent that sets it, so the range is refused as in the first command."""
        intent, slot = _CORRECTED.get(subject.name, ("", "")) if subject is not None else ("", "")
        said = slots.get(slot if slot in ("contact", "place") else "amount")  # a name for a name, else a number
        if not intent or said is None:
            return Reply("What should I change? Say the whole command, for example 'set the temperature to "
                         "twenty two'.", None)
        if slot == "celsius" and said > FAHRENHEIT_ABOVE:
            slot = "fahrenheit"
        elif slot not in ("celsius", "contact", "place") and said != int(said):
            return Reply(f"That is set in whole numbers, not {_num(said)}.", None)
        corrected = {slot: said}
        if "zone" in subject.args:
            corrected["zone"] = subject.args["zone"]
        return _ACTIONS[intent](self, corrected, context)

    def _set_units(self, slots: dict, context: VehicleContext) -> Reply:
        args = {}
        if "distance" in slots:
            args["distance"] = slots["distance"]
        if "temperature_unit" in slots:
            args["temperature"] = slots["temperature_unit"]
        return self._act(Action("settings.set_units", args), context)


def _signed(slots: dict) -> int:
    """A relative change's steps: ``delta`` of them ("two more"), else one; "up" or "down"."""
    return int(slots.get("delta", 1)) * (1 if slots["direction"] == "up" else -1)


def _percent_step(name: str) -> Callable[[Dialogue, dict, VehicleContext], Reply]:
    return lambda d, slots, context: d._act(Action(name, {"step": PERCENT_STEP * _signed(slots)}), context)


def _simple(name: str, **fixed: object) -> Callable[[Dialogue, dict, VehicleContext], Reply]:
    return lambda d, slots, context: d._act(Action(name, dict(fixed)), context)


def _slot(name: str, arg: str, slot: str) -> Callable[[Dialogue, dict, VehicleContext], Reply]:
    return lambda d, slots, context: d._act(Action(name, {arg: slots[slot]}), context)


_ACTIONS: dict[str, Callable[[Dialogue, dict, VehicleContext], Reply]] = {
    "climate.set_temperature": Dialogue._set_temperature,
    "climate.adjust_temperature": Dialogue._adjust_temperature,
    "climate.set_fan": Dialogue._set_fan,
    "climate.adjust_fan": Dialogue._adjust_fan,
    "climate.set_ac": lambda d, s, c: d._act(Action("climate.set_ac", {"on": bool(s["on_off"])}), c),
    "climate.set_defrost": lambda d, s, c: d._act(
        Action("climate.set_defrost", {"which": s["which"], "on": bool(s["on_off"])}), c),
    "climate.set_seat_heat": Dialogue._set_seat_heat,
    "media.play": _simple("media.play"),
    "media.pause": _simple("media.pause"),
    "media.next": _simple("media.next"),
    "media.previous": _simple("media.previous"),
    "media.set_volume": Dialogue._set_volume,
    "media.adjust_volume": _percent_step("media.adjust_volume"),
    "media.set_source": _slot("media.set_source", "source", "source"),
    "nav.go": _slot("nav.go", "place", "place"),
    "nav.cancel": _simple("nav.cancel"),
    "phone.call": Dialogue._call,
    "phone.answer": _simple("phone.answer"),
    "phone.hang_up": _simple("phone.hang_up"),
    "settings.set_units": Dialogue._set_units,
    "settings.set_theme": _slot("settings.set_theme", "theme", "theme"),
    "settings.set_brightness": Dialogue._set_brightness,
    "settings.adjust_brightness": _percent_step("settings.adjust_brightness"),
    "profile.switch": Dialogue._switch_profile,
}

# What "more" and "less" step after each action: the intent that steps it, its words for up and down,
# and after a step the argument whose sign says which way it went ("cooler", then "more": cooler still).
_STEPPED: dict[str, tuple[str, tuple[str, str], str | None]] = {
    "climate.set_temperature": ("climate.adjust_temperature", ("warmer", "cooler"), None),
    "climate.adjust_temperature": ("climate.adjust_temperature", ("warmer", "cooler"), "delta_c"),
    "climate.set_fan": ("climate.adjust_fan", ("up", "down"), None),
    "climate.adjust_fan": ("climate.adjust_fan", ("up", "down"), "steps"),
    "media.set_volume": ("media.adjust_volume", ("up", "down"), None),
    "media.adjust_volume": ("media.adjust_volume", ("up", "down"), "step"),
    "settings.set_brightness": ("settings.adjust_brightness", ("up", "down"), None),
    "settings.adjust_brightness": ("settings.adjust_brightness", ("up", "down"), "step"),
}

# What "no, 22" or "no, Michael" corrects after each action: the intent that sets it and its slot.
_CORRECTED: dict[str, tuple[str, str]] = {
    "climate.set_temperature": ("climate.set_temperature", "celsius"),
    "climate.adjust_temperature": ("climate.set_temperature", "celsius"),
    "climate.set_fan": ("climate.set_fan", "fan"),
    "climate.adjust_fan": ("climate.set_fan", "fan"),
    "climate.set_seat_heat": ("climate.set_seat_heat", "seat_level"),
    "media.set_volume": ("media.set_volume", "percent"),
    "media.adjust_volume": ("media.set_volume", "percent"),
    "settings.set_brightness": ("settings.set_brightness", "percent"),
    "settings.adjust_brightness": ("settings.set_brightness", "percent"),
    "phone.call": ("phone.call", "contact"),
    "nav.go": ("nav.go", "place"),
}
