"""AdasStore: what the assistance systems see and do, for the cluster's road scene and the HUD.

Geometry stays in metres (the scene draws it to scale); speeds are in the driver's units. An object
the sensors report only counts while its readings are fresh: a stale radar draws no car, rather
than a car where one was (the cluster never shows what it does not know now).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.sim.adas import GAP_BARS_S
from cockpit.vehicle.driving import SPEED

from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

ADAS = "Vehicle.ADAS."
CRUISE = ADAS + "CruiseControl."
FRONT = ADAS + "ObstacleDetection.Front.Center."
REAR = ADAS + "ObstacleDetection.Rear."
X = "Cockpit.ADAS."
FCW_STAGE = X + "ForwardCollision.Stage"
LANE_COUNT, LANE_INDEX, LANE_OFFSET = X + "Lane.Count", X + "Lane.Index", X + "Lane.Offset"
LDW_SIDE = X + "LaneDeparture.Side"
LIMIT = X + "SpeedLimit"
OVER_LIMIT_KMH = 3.0  # a speedometer's tolerance (UN R39): ISA speaks up past the limit by this much
PATHS = [CRUISE + p for p in ("IsAdaptive", "IsEnabled", "IsActive", "SpeedSet", "AdaptiveIntervalSet")] + [
    FRONT + "Distance", FRONT + "TimeGap", FRONT + "IsWarning", ADAS + "EBA.IsEngaged",
    ADAS + "LaneDepartureDetection.IsEnabled", ADAS + "LaneDepartureDetection.IsWarning",
    *(REAR + f"{side}.{p}" for side in ("Left", "Right") for p in ("IsWarning", "WarningType")),
    FCW_STAGE, X + "Lead.IsDetected", X + "Lead.Speed", LANE_COUNT, LANE_INDEX, LANE_OFFSET,
    *(X + f"Neighbour.{side}.{p}" for side in ("Left", "Right") for p in ("IsDetected", "Distance")),
    LDW_SIDE, X + "LaneKeeping.IsIntervening", LIMIT, SPEED,
]


@QmlElement
@QmlUncreatable("created by the application")
class AdasStore(DomainStore):
    changed = Signal()
    PATHS = frozenset(PATHS)

    def _neighbour(self, side: str) -> tuple[bool, float]:
        base = X + f"Neighbour.{side}."
        seen = self.flag(base + "IsDetected") and self.valid(base + "Distance")
        return seen, self.num(base + "Distance") if seen else 0.0

    def _blind_spot(self, side: str) -> bool:
        base = REAR + f"{side}."
        return self.flag(base + "IsWarning") and self.reading(base + "WarningType").value == "BLIND_SPOT"

    def compute(self) -> dict:
        u = self.units
        lanes = self.valid(LANE_COUNT) and self.valid(LANE_INDEX)
        lead = self.flag(X + "Lead.IsDetected") and self.valid(FRONT + "Distance")
        lead_m = self.num(FRONT + "Distance") if lead else 0.0
        own = self.num(SPEED) / 3.6
        ttc_ms = self.num(FRONT + "TimeGap", 60000.0) if lead else 60000.0
        stage = self.reading(FCW_STAGE).value if self.valid(FCW_STAGE) else "NONE"
        bars = int(self.num(CRUISE + "AdaptiveIntervalSet", 2)) if self.valid(CRUISE + "AdaptiveIntervalSet") else 0
        left, left_m = self._neighbour("Left")
        right, right_m = self._neighbour("Right")
        side = self.reading(LDW_SIDE).value if self.valid(LDW_SIDE) else "NONE"
        limit = self.num(LIMIT) if self.valid(LIMIT) else 0.0
        return {
            "available": lanes,
            "laneCount": int(self.num(LANE_COUNT, 1)) if lanes else 1,
            "laneIndex": int(self.num(LANE_INDEX)) if lanes else 0,
            "laneOffset": self.num(LANE_OFFSET),
            "leadDetected": lead,
            "leadDistance": lead_m,
            "leadSpeed": u.speed(self.num(X + "Lead.Speed")) if lead else 0.0,
            "timeGap": lead_m / own if lead and own > 0.5 else 0.0,  # s; 0: none (no lead, standing)
            "ttc": ttc_ms / 1000 if ttc_ms < 60000 else 0.0,  # s; 0: not closing in
            "fcw": {"WARNING": "warning", "URGENT": "urgent"}.get(stage, ""),
            "aeb": self.flag(ADAS + "EBA.IsEngaged"),
            "accAvailable": self.flag(CRUISE + "IsAdaptive"),
            "accEnabled": self.flag(CRUISE + "IsEnabled"),
            "accActive": self.flag(CRUISE + "IsActive"),
            "setSpeed": u.speed(self.num(CRUISE + "SpeedSet")),
            "gapBars": bars,  # 0: not known
            "gapSeconds": GAP_BARS_S.get(bars, 0.0),
            "lkaEnabled": self.flag(ADAS + "LaneDepartureDetection.IsEnabled"),
            "ldw": side.lower() if side in ("LEFT", "RIGHT") and self.flag(ADAS + "LaneDepartureDetection.IsWarning")
            else "",
            "lkaIntervening": self.flag(X + "LaneKeeping.IsIntervening"),
            "blindLeft": self._blind_spot("Left"),
            "blindRight": self._blind_spot("Right"),
            "leftCar": left, "leftDistance": left_m,
            "rightCar": right, "rightDistance": right_m,
            "speedLimit": round(u.speed(limit)) if limit else 0,  # signs are whole numbers; 0: none known
            "overLimit": bool(limit and self.valid(SPEED) and self.num(SPEED) > limit + OVER_LIMIT_KMH),
            "speedUnit": u.speed_unit(),
        }

    @Slot(int, result=str)
    def setGap(self, bars: int) -> str:  # noqa: N802
        """The steering wheel's gap button: 1 (closest) to 4 bars. Returns the refusal ('' when asked)."""
        if bars not in GAP_BARS_S:
            return f"the time gap is 1 to {max(GAP_BARS_S)} bars"
        return self.request(CRUISE + "AdaptiveIntervalSet", bars)

    available = prop(bool, "available", changed)  # lanes known now: without them, no scene
    laneCount = prop(int, "laneCount", changed)
    laneIndex = prop(int, "laneIndex", changed)  # 0 = the leftmost lane
    laneOffset = prop(float, "laneOffset", changed)  # m from the lane's centre, + right
    leadDetected = prop(bool, "leadDetected", changed)
    leadDistance = prop(float, "leadDistance", changed)  # m, bumper to bumper
    leadSpeed = prop(float, "leadSpeed", changed)
    timeGap = prop(float, "timeGap", changed)
    ttc = prop(float, "ttc", changed)
    fcw = prop(str, "fcw", changed)  # "", "warning", "urgent"
    aeb = prop(bool, "aeb", changed)
    accAvailable = prop(bool, "accAvailable", changed)
    accEnabled = prop(bool, "accEnabled", changed)
    accActive = prop(bool, "accActive", changed)
    setSpeed = prop(float, "setSpeed", changed)
    gapBars = prop(int, "gapBars", changed)
    gapSeconds = prop(float, "gapSeconds", changed)
    lkaEnabled = prop(bool, "lkaEnabled", changed)
    ldw = prop(str, "ldw", changed)  # "", "left", "right": the line being crossed
    lkaIntervening = prop(bool, "lkaIntervening", changed)
    blindLeft = prop(bool, "blindLeft", changed)
    blindRight = prop(bool, "blindRight", changed)
    leftCar = prop(bool, "leftCar", changed)
    leftDistance = prop(float, "leftDistance", changed)  # m ahead of the car's front (negative: behind)
    rightCar = prop(bool, "rightCar", changed)
    rightDistance = prop(float, "rightDistance", changed)
    speedLimit = prop(int, "speedLimit", changed)
    overLimit = prop(bool, "overLimit", changed)
    speedUnit = prop(str, "speedUnit", changed)
