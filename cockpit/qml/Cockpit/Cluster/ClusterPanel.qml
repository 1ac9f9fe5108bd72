import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls
import Cockpit.Voice

// The cluster of a car with one screen (root.variant.integratedCluster): a column on the driver's
// side of the center screen holding what a cluster must show at a glance — the direction
// indicators, the speed (with the set speed of cruise control), the gear, the telltales (every
// position kept, lit or not, so a lamp never moves), the battery and range, the voice assistant
// at work, and the speed limit sign. Reads the stores; the controls get plain values.
Item {
    id: panel
    objectName: "clusterPanel"
    required property ClusterStore store
    required property VoiceStore voice  // null: this car has no voice assistant
    property WarningsStore warnings: null  // the warning card; null: none shown
    property AdasStore adas: null  // the road scene's; null: none
    property int adasLevel: 0  // the car's assistance (VariantStore.adasLevel): 0 none, 1 warnings, 2 + ACC

    readonly property bool cruiseShown: (store.cruiseEnabled || store.cruiseActive) && store.cruiseSpeed > 0

    Rectangle {
        anchors.fill: parent
        color: Theme.color.background.surface
    }
    // the edge between the cluster and the pages
    Rectangle {
        anchors.right: parent.right
        width: 1
        height: parent.height
        color: Theme.color.border
    }

    // the direction indicators either side of the gear, where the eye already is
    TurnIndicator {
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.s
        anchors.verticalCenter: gear.verticalCenter
        on: panel.store.leftIndicator
        phase: panel.store.flashLit
    }
    TurnIndicator {
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.s
        anchors.verticalCenter: gear.verticalCenter
        pointsRight: true
        on: panel.store.rightIndicator
        phase: panel.store.flashLit
    }

    SpeedReadout {
        id: readout
        objectName: "panelSpeed"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: Theme.space.xl
        value: panel.store.speed
        valid: panel.store.speedValid
        unit: panel.store.speedUnit
        setSpeed: panel.store.cruiseSpeed
        setSpeedShown: panel.cruiseShown
        setSpeedActive: panel.store.cruiseActive
        notice: panel.store.signalLost ? qsTr("No vehicle data") : ""
        fitWidth: panel.width - 2 * Theme.space.s
    }
    GearIndicator {
        id: gear
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: readout.bottom
        anchors.topMargin: Theme.space.l
        gear: panel.store.gear
    }

    Grid {
        id: telltales
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: gear.bottom
        anchors.topMargin: Theme.space.l
        columns: 5
        spacing: Theme.space.m
        Telltale { icon: "lowBeam"; role: "on"; size: Theme.size.icon; on: panel.store.lowBeam }
        Telltale { icon: "highBeam"; role: "highBeam"; size: Theme.size.icon; on: panel.store.highBeam }
        Telltale { icon: "frontFog"; role: "on"; size: Theme.size.icon; on: panel.store.frontFog }
        Telltale { icon: "rearFog"; role: "warning"; size: Theme.size.icon; on: panel.store.rearFog }
        Telltale { icon: "cruise"; role: "on"; size: Theme.size.icon; on: panel.store.cruiseEnabled || panel.store.cruiseActive }
        Telltale { icon: "laneDeparture"; role: panel.store.roles.laneDeparture; size: Theme.size.icon; on: panel.store.laneWarning }
        Telltale { icon: "seatBelt"; role: panel.store.roles.seatBelt; size: Theme.size.icon; on: panel.store.seatBelt }
        Telltale { icon: "parkingBrake"; role: panel.store.roles.parkingBrake; size: Theme.size.icon; on: panel.store.parkingBrake }
        Telltale { icon: "doorOpen"; role: panel.store.roles.doorOpen; size: Theme.size.icon; on: panel.store.doorOpen }
        Telltale { icon: "battery12v"; role: panel.store.roles.battery12v; size: Theme.size.icon; on: panel.store.lowVoltage }
        Telltale { icon: "abs"; role: panel.store.roles.abs; size: Theme.size.icon; on: panel.store.absFault }
        Telltale {
            icon: "esc"
            role: panel.store.roles.esc
            size: Theme.size.icon
            on: panel.store.escFault || panel.store.escActive
            blinking: panel.store.escActive && !panel.store.escFault
            phase: panel.store.flashLit
        }
        Telltale { icon: "tirePressure"; role: panel.store.roles.tirePressure; size: Theme.size.icon; on: panel.store.tireLow }
        Telltale { icon: "batteryLow"; role: panel.store.roles.batteryLow; size: Theme.size.icon; on: panel.store.lowSoc }
        Telltale { icon: "service"; role: panel.store.roles.service; size: Theme.size.icon; on: panel.store.serviceDue }
    }

    // One warning at a time in plain words, under the telltales and over the battery while it is up
    // (a tap acknowledges it; the column has no room beside it)
    WarningCard {
        objectName: "panelWarningCard"
        visible: panel.warnings !== null && panel.warnings.hasCard
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: telltales.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        z: 1
        compact: true
        text: panel.warnings ? panel.warnings.cardText : ""
        role: panel.warnings ? panel.warnings.cardRole : "warning"
        icon: panel.warnings ? panel.warnings.cardIcon : ""
        canAcknowledge: panel.warnings !== null && panel.warnings.cardCanAcknowledge
        onAcknowledged: panel.warnings.acknowledge()
    }

    // The speed limit in force between the telltales and the battery (the column has no room for
    // the road scene: that is the full cluster's; its warnings reach this car by the telltales
    // and the card)
    SpeedLimitSign {
        objectName: "panelLimit"
        anchors.horizontalCenter: parent.horizontalCenter
        y: (telltales.y + telltales.height + battery.y - height) / 2
        visible: panel.adas !== null && panel.adasLevel >= 1 && limit > 0
                 && telltales.y + telltales.height + Theme.space.s < y
                 && !(panel.warnings !== null && panel.warnings.hasCard)  // under the card: hidden, not peeking
        size: Theme.size.telltale + Theme.space.s
        figureSize: Theme.font.size.caption
        limit: panel.adas !== null ? panel.adas.speedLimit : 0
        over: panel.adas !== null && panel.adas.overLimit
    }

    BatteryLevel {
        id: battery
        objectName: "panelBattery"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.space.l
        anchors.bottom: valet.visible ? valet.top : parent.bottom
        anchors.bottomMargin: Theme.space.l
        soc: panel.store.soc
        socValid: panel.store.socValid
        low: panel.store.lowSoc
        range: panel.store.range
        rangeValid: panel.store.rangeValid
        rangeUnit: panel.store.distanceUnit
    }
    ValetBanner {
        id: valet
        visible: panel.store.valet
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space.l
        limit: panel.store.speedCap
        unit: panel.store.speedUnit
        over: panel.store.overSpeedCap
    }
    VoiceIndicator {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.l
        voiceState: panel.voice ? panel.voice.state : "idle"
    }
}
