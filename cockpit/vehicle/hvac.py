"""Fan and heating levels as the screens show them, over the percent VSS carries. No Qt here."""

FAN_LEVELS = 7  # the HMI shows fan 0-7; VSS carries percent
HEAT_LEVELS = 3  # seat/steering heating 0-3; VSS carries percent (negative: cooling, not offered)


def fan_level(percent: int) -> int:
    return round(percent * FAN_LEVELS / 100)


def heat_level(percent: int) -> int:
    return round(max(percent, 0) * HEAT_LEVELS / 100)


def fan_percent(percent: int) -> int:
    """The percent the car takes for the level nearest ``percent`` (what a level button sends)."""
    return round(fan_level(percent) * 100 / FAN_LEVELS)


def heat_percent(percent: int) -> int:
    return round(heat_level(percent) * 100 / HEAT_LEVELS)
