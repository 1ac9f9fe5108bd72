import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// A minimal head-up display: speed large in the middle with its unit, the gear beside it, the
// direction indicators at the sides, and below a row of the warning telltales that are lit (only
// those: a HUD shows what needs the driver's eyes, nothing else). Reads the ClusterStore; the
// controls get plain values.
Item {
    id: view
    required property ClusterStore store
    property NavigationStore navigation: null  // null: no navigation in this car

    // The next turn while guiding: its arrow and the distance, left of the speed, in the accent
    Column {
        objectName: "hudManeuver"
        visible: view.navigation !== null && view.navigation.active
        x: view.width * 0.22 - width / 2
        anchors.verticalCenter: speed.verticalCenter
        spacing: Theme.space.xs
        LineIcon {
            anchors.horizontalCenter: parent.horizontalCenter
            size: Theme.size.icon * 3
            color: Theme.color.hud.accent
            name: view.navigation ? "maneuver-" + view.navigation.maneuver : ""
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: view.navigation ? view.navigation.maneuverDistance + " " + view.navigation.maneuverUnit : ""
            color: Theme.color.hud.text
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.title
            font.weight: Font.Bold
        }
    }

    TurnIndicator {
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.l
        anchors.verticalCenter: speed.verticalCenter
        ghost: false
        on: view.store.leftIndicator
        phase: view.store.flashLit
    }
    TurnIndicator {
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.l
        anchors.verticalCenter: speed.verticalCenter
        ghost: false
        pointsRight: true
        on: view.store.rightIndicator
        phase: view.store.flashLit
    }

    Text {
        id: speed
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        // Missing or stale speed: dashes, never an old number.
        text: view.store.speedValid ? Math.round(view.store.speed) : "--"
        color: view.store.speedValid ? Theme.color.hud.text : Theme.color.hud.secondary
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.display
        font.weight: Theme.font.weight.bold  // bold figures read through the windscreen's glare
    }
    ThemedText {
        id: unit
        anchors.horizontalCenter: speed.horizontalCenter
        anchors.top: speed.baseline
        anchors.topMargin: Theme.space.s
        text: view.store.signalLost ? qsTr("No vehicle data") : view.store.speedUnit
        color: Theme.color.hud.secondary
        font.pixelSize: Theme.font.size.caption
    }
    // The gear stays put whatever the number of digits: beside the widest speed.
    TextMetrics {
        id: widestSpeed
        font: speed.font
        text: "888"
    }
    ThemedText {
        x: (view.width + widestSpeed.width) / 2 + Theme.space.l
        anchors.baseline: speed.baseline
        text: view.store.gear
        color: Theme.color.hud.accent
        font.pixelSize: Theme.font.size.value
        font.weight: Theme.font.weight.bold
    }

    Row {
        id: warnings
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space.m
        spacing: Theme.space.m

        // Red must be acted on now, amber soon; an unlit one takes no room.
        Telltale { icon: "seatBelt"; role: "danger"; size: Theme.size.icon; on: view.store.seatBelt; visible: on }
        Telltale { icon: "parkingBrake"; role: "danger"; size: Theme.size.icon; on: view.store.parkingBrake; visible: on }
        Telltale { icon: "doorOpen"; role: "danger"; size: Theme.size.icon; on: view.store.doorOpen; visible: on }
        Telltale { icon: "battery12v"; role: "danger"; size: Theme.size.icon; on: view.store.lowVoltage; visible: on }
        Telltale { icon: "abs"; role: "warning"; size: Theme.size.icon; on: view.store.absFault; visible: on }
        Telltale {
            icon: "esc"
            role: "warning"
            size: Theme.size.icon
            on: view.store.escFault || view.store.escActive
            blinking: view.store.escActive && !view.store.escFault
            phase: view.store.flashLit
            visible: on
        }
        Telltale { icon: "tirePressure"; role: "warning"; size: Theme.size.icon; on: view.store.tireLow; visible: on }
        Telltale { icon: "batteryLow"; role: "warning"; size: Theme.size.icon; on: view.store.lowSoc; visible: on }
        Telltale { icon: "laneDeparture"; role: "warning"; size: Theme.size.icon; on: view.store.laneWarning; visible: on }
    }
}
