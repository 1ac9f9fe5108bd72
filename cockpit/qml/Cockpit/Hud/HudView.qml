import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// The head-up display, after the augmented-reality HUDs: the road ahead above, the car below.
//  - Above, on the road: the next maneuver as chevrons lying on it in perspective, bending the way
//    the route goes (RoadChevrons), or, a collision ahead, one red word (CollisionCue).
//  - Below: speed, large, in the middle (amber over the limit); the speed limit sign beside it;
//    adaptive cruise on the other side (set speed and time gap); the direction indicators at the
//    edges.
//  - In the top corners, small: the next turn's symbol and distance; the warning telltales lit.
// Only what needs the driver's eyes: nothing is drawn unlit, and the gear is left to the cluster
// (chosen by the driver, it needs no watching through the windscreen). Reads the stores; the
// controls get plain values.
Item {
    id: view
    required property ClusterStore store
    property NavigationStore navigation: null  // null: no navigation in this car
    property AdasStore adas: null
    property int adasLevel: 0  // the car's assistance (VariantStore.adasLevel): 0 none, 1 warnings, 2 + ACC

    readonly property bool adasWarnings: adas !== null && adasLevel >= 1
    readonly property bool collision: adasWarnings && (adas.fcw !== "" || adas.aeb)
    readonly property bool guiding: navigation !== null && navigation.active

    // How near the next maneuver is, 0 (guideFromM metres away or more) to 1 (within brightM):
    // chevrons appear on the road only on the way up to it, as an AR HUD's do — a left turn drawn
    // two kilometres early would only tell the driver to turn into the next side street.
    readonly property real guideFromM: 500
    readonly property real brightM: 80
    readonly property real nearness: guiding
        ? Math.max(0, Math.min(1, (guideFromM - navigation.maneuverMetres) / (guideFromM - brightM))) : 0

    // The road: the space above the speed.
    RoadChevrons {
        objectName: "hudRoad"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: view.figuresTop - Theme.space.m
        // With no route there is nothing to follow, so no chevrons: lane guidance drawn under
        // adaptive cruise would look the same as a route's and be taken for one, and the lane is
        // plain to see. (The cluster's road scene shows what ACC follows.)
        visible: view.guiding && view.nearness > 0 && !view.collision
        maneuver: view.guiding ? view.navigation.maneuver : ""
        opacity: 0.45 + 0.55 * view.nearness
    }
    CollisionCue {
        objectName: "hudCollision"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: view.figuresTop - Theme.space.m
        visible: view.collision
        stage: view.adasWarnings ? view.adas.fcw : ""
        braking: view.adasWarnings && view.adas.aeb
    }

    // The next turn, small in the top left: its symbol and how far
    Row {
        objectName: "hudManeuver"
        visible: view.guiding
        x: Theme.space.m
        y: Theme.space.m
        spacing: Theme.space.s
        LineIcon {
            anchors.verticalCenter: parent.verticalCenter
            size: Theme.size.icon * 1.5
            color: Theme.color.hud.accent
            name: view.navigation ? "maneuver-" + view.navigation.maneuver : ""
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: view.navigation ? view.navigation.maneuverDistance + " " + view.navigation.maneuverUnit : ""
            color: Theme.color.hud.text
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.title
            font.weight: Font.Bold
        }
    }

    // The warning telltales that are lit, small in the top right
    Row {
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.m
        y: Theme.space.m
        spacing: Theme.space.m
        layoutDirection: Qt.RightToLeft

        // Red must be acted on now, amber soon, as the warning table says (the cluster's telltales
        // and cards read the same roles), in the HUD's bright shades; an unlit one takes no room.
        component HudTelltale: Telltale {
            colors: Theme.color.hud.telltale
            size: Theme.size.icon
            visible: on
        }
        HudTelltale { icon: "seatBelt"; role: view.store.roles.seatBelt; on: view.store.seatBelt }
        HudTelltale { icon: "parkingBrake"; role: view.store.roles.parkingBrake; on: view.store.parkingBrake }
        HudTelltale { icon: "doorOpen"; role: view.store.roles.doorOpen; on: view.store.doorOpen }
        HudTelltale { icon: "battery12v"; role: view.store.roles.battery12v; on: view.store.lowVoltage }
        HudTelltale { icon: "abs"; role: view.store.roles.abs; on: view.store.absFault }
        HudTelltale {
            icon: "esc"
            role: view.store.roles.esc
            on: view.store.escFault || view.store.escActive
            blinking: view.store.escActive && !view.store.escFault
            phase: view.store.flashLit
        }
        HudTelltale { icon: "tirePressure"; role: view.store.roles.tirePressure; on: view.store.tireLow }
        HudTelltale { icon: "batteryLow"; role: view.store.roles.batteryLow; on: view.store.lowSoc }
        HudTelltale { icon: "laneDeparture"; role: view.store.roles.laneDeparture; on: view.store.laneWarning }
    }

    // ----- the car: speed in the middle, what bounds it on either side --------------------------

    Text {
        id: speed
        anchors.horizontalCenter: parent.horizontalCenter
        y: unit.y - Theme.space.s - baselineOffset  // figures have no descent: their baseline is their foot
        // Missing or stale speed: dashes, never an old number.
        text: view.store.speedValid ? Math.round(view.store.speed) : "--"
        // Over the limit (by more than a speedometer's tolerance): the figures turn amber, a calm cue
        // where the driver already looks, with the limit beside them; nothing flashes.
        color: !view.store.speedValid ? Theme.color.hud.secondary
            : view.adasWarnings && view.adas.overLimit ? Theme.color.hud.caution : Theme.color.hud.text
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.hero
        font.weight: Theme.font.weight.bold  // bold figures read through the windscreen's glare
    }
    ThemedText {
        id: unit
        anchors.horizontalCenter: speed.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space.s
        text: view.store.signalLost ? qsTr("No vehicle data") : view.store.speedUnit
        color: Theme.color.hud.secondary
        font.pixelSize: Theme.font.size.caption
    }
    // What stands beside the speed stays put whatever its number of digits: beside the widest.
    TextMetrics {
        id: widestSpeed
        font: speed.font
        text: "888"
    }
    // Where the figures are, not their line box (taller by the room for accents): the road ends
    // above them, and what sits beside them is centred on them.
    FontMetrics {
        id: speedMetrics
        font: speed.font
    }
    readonly property real figuresHeight: speedMetrics.tightBoundingRect("8").height
    readonly property real figuresTop: speed.y + speed.baselineOffset - figuresHeight
    readonly property real figuresMiddle: figuresTop + figuresHeight / 2

    // The sign as on the road, white disc and all, as production HUDs draw it: a sign is recognised,
    // not read, and it is small beside the figures. Over the limit, the amber figures say so; the
    // sign's own amber ring (`over`) stays off here: two cues where one does, and its amber is the
    // telltales', which a light theme darkens for a light background — dim on the HUD's black.
    SpeedLimitSign {
        objectName: "hudLimit"
        x: (view.width + widestSpeed.width) / 2 + Theme.space.l
        y: view.figuresMiddle - height / 2
        size: Theme.size.telltale * 1.4
        limit: view.adasWarnings ? view.adas.speedLimit : 0  // 0: none known, no sign and no guess
    }
    AccReadout {
        objectName: "hudAcc"
        x: (view.width - widestSpeed.width) / 2 - Theme.space.l - width
        y: view.figuresMiddle - height / 2
        visible: view.adas !== null && view.adasLevel >= 2 && view.adas.accEnabled
        active: view.adas !== null && view.adas.accActive
        setSpeed: view.adas ? view.adas.setSpeed : 0
        gapBars: view.adas !== null && view.adas.accAvailable ? view.adas.gapBars : 0
        following: view.adas !== null && view.adas.leadDetected
    }

    TurnIndicator {
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.l
        y: view.figuresMiddle - height / 2
        ghost: false
        colors: Theme.color.hud.telltale
        on: view.store.leftIndicator
        phase: view.store.flashLit
    }
    TurnIndicator {
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.l
        y: view.figuresMiddle - height / 2
        ghost: false
        colors: Theme.color.hud.telltale
        pointsRight: true
        on: view.store.rightIndicator
        phase: view.store.flashLit
    }
}
