import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// The instrument cluster: telltales along the top between the direction indicators; power
// (left), speed (centre) and battery (right) dials; odometer, outside temperature and clock
// along the bottom. The only place that reads the ClusterStore: controls get plain values.
Item {
    id: view
    required property ClusterStore store

    readonly property real dialCentreY: (telltales.y + telltales.height + bottomBar.y) / 2
    readonly property real sideOffset: (Theme.size.gauge + Theme.size.gaugeSide) / 2 + Theme.space.xl * 2

    // Hazard lights: both arrows start their lit phase together.
    readonly property bool hazard: store.hazard
    onHazardChanged: {
        leftTurn.restart();
        rightTurn.restart();
    }

    Row {
        id: telltales
        anchors.horizontalCenter: parent.horizontalCenter
        y: Theme.space.l
        spacing: Theme.space.m

        TurnIndicator {
            id: leftTurn
            on: view.store.leftIndicator
        }
        Item { width: Theme.space.xl; height: 1 }

        // Lights and driver assistance (green, blue for high beam, amber for rear fog).
        Telltale { icon: "lowBeam"; role: "on"; on: view.store.lowBeam }
        Telltale { icon: "highBeam"; role: "highBeam"; on: view.store.highBeam }
        Telltale { icon: "frontFog"; role: "on"; on: view.store.frontFog }
        Telltale { icon: "rearFog"; role: "warning"; on: view.store.rearFog }
        Telltale { icon: "cruise"; role: "on"; on: view.store.cruiseEnabled || view.store.cruiseActive }
        Telltale { icon: "laneDeparture"; role: "warning"; on: view.store.laneWarning }

        Item { width: Theme.space.xl; height: 1 }

        // Faults and warnings: red must be acted on now, amber soon.
        Telltale { icon: "seatBelt"; role: "danger"; on: view.store.seatBelt }
        Telltale { icon: "parkingBrake"; role: "danger"; on: view.store.parkingBrake }
        Telltale { icon: "doorOpen"; role: "danger"; on: view.store.doorOpen }
        Telltale { icon: "battery12v"; role: "danger"; on: view.store.lowVoltage }
        Telltale { icon: "abs"; role: "warning"; on: view.store.absFault }
        // ESC: flashing while it intervenes, steady when it has failed.
        Telltale {
            icon: "esc"
            role: "warning"
            on: view.store.escFault || view.store.escActive
            blinking: view.store.escActive && !view.store.escFault
        }
        Telltale { icon: "tirePressure"; role: "warning"; on: view.store.tireLow }
        Telltale { icon: "batteryLow"; role: "warning"; on: view.store.lowSoc }
        Telltale { icon: "service"; role: "warning"; on: view.store.serviceDue }

        Item { width: Theme.space.xl; height: 1 }
        TurnIndicator {
            id: rightTurn
            pointsRight: true
            on: view.store.rightIndicator
        }
    }

    PowerMeter {
        x: speedometer.x + (speedometer.width - width) / 2 - view.sideOffset
        y: view.dialCentreY - height / 2
        value: view.store.power
        valid: view.store.powerValid
        maximum: view.store.powerMax
        regenMaximum: view.store.regenMax
    }

    Speedometer {
        id: speedometer
        anchors.horizontalCenter: parent.horizontalCenter
        y: view.dialCentreY - height / 2
        value: view.store.speed
        valid: view.store.speedValid
        maximum: view.store.speedMax
        unit: view.store.speedUnit
        setSpeed: view.store.cruiseSpeed
        // Set speed while cruise control is on; 0 means none has been set yet.
        setSpeedShown: (view.store.cruiseEnabled || view.store.cruiseActive) && view.store.cruiseSpeed > 0
        setSpeedActive: view.store.cruiseActive
        // Without speed the cluster cannot be trusted: say so plainly.
        notice: view.store.signalLost ? qsTr("No vehicle data") : ""
    }

    GearIndicator {
        anchors.horizontalCenter: speedometer.horizontalCenter
        anchors.bottom: speedometer.bottom
        anchors.bottomMargin: Theme.space.m
        gear: view.store.gear
    }

    BatteryGauge {
        x: speedometer.x + (speedometer.width - width) / 2 + view.sideOffset
        y: view.dialCentreY - height / 2
        soc: view.store.soc
        socValid: view.store.socValid
        low: view.store.lowSoc
        range: view.store.range
        rangeValid: view.store.rangeValid
        rangeUnit: view.store.distanceUnit
    }

    Item {
        id: bottomBar
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.l
        height: Theme.font.size.title

        Odometer {
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            odometer: view.store.odometer
            odometerValid: view.store.odometerValid
            trip: view.store.trip
            tripValid: view.store.tripValid
            unit: view.store.distanceUnit
        }
        Row {
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.space.l
            OutsideTemperature {
                value: view.store.outsideTemp
                valid: view.store.outsideTempValid
                unit: view.store.temperatureUnit
            }
            ClockReadout {
                time: view.store.clock
            }
        }
    }
}
