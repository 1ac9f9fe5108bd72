pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls
import Cockpit.Voice

// The instrument cluster: telltales along the top between the direction indicators; power
// (left), speed (centre) and battery (right) as dials or as straight meters around a large speed
// readout, as the theme's layout variant says; odometer, outside temperature and clock along the
// bottom. The only place that reads the ClusterStore: controls get plain values. A microphone
// beside the telltales shows the voice assistant at work; V or F9 (the steering-wheel voice
// button's stand-in) starts push-to-talk, Escape cancels it.
Item {
    id: view
    required property ClusterStore store
    required property VoiceStore voice  // null: this car has no voice assistant
    property NavigationStore navigation: null  // null: no navigation (this car, or this screen)
    property WarningsStore warnings: null  // the warning card; null: none shown (a harness)
    property AdasStore adas: null  // the road scene's; null: none (a harness)
    property int adasLevel: 0  // the car's assistance (VariantStore.adasLevel): 0 none, 1 warnings, 2 + ACC

    // The road scene takes the middle (the speed above it) while the car knows its lanes; without
    // them it would be an empty road, so the speed dial or readout comes back — after a moment,
    // so that lane lines lost for a second (a junction, worn paint) do not swap the layout.
    readonly property bool lanesKnown: adas !== null && adasLevel >= 1 && adas.available
    property bool sceneShown: false
    onLanesKnownChanged: {
        if (lanesKnown) {
            sceneHold.stop();
            sceneShown = true;
        } else if (adas !== null && adasLevel >= 1) {
            sceneHold.restart();
        } else {
            sceneShown = false;  // no assistance at all (a harness switching levels): at once
        }
    }
    Component.onCompleted: sceneShown = lanesKnown
    Timer {
        id: sceneHold
        interval: 3000
        onTriggered: view.sceneShown = view.lanesKnown
    }

    Shortcut {
        sequences: ["V", "F9"]
        enabled: view.voice !== null
        onActivated: view.voice.pushToTalk()
    }
    // false while something else in the window takes the keys (the kiosk's PIN pad: its Return
    // submits the PIN, not the warning card)
    property bool okKeyEnabled: true
    // The steering wheel's OK key acknowledges the warning card (a safety card stays)
    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: view.okKeyEnabled && view.warnings !== null && view.warnings.cardCanAcknowledge
        onActivated: view.warnings.acknowledge()
    }
    Shortcut {
        sequence: "Escape"
        enabled: view.voice !== null && view.voice.state !== "idle"
        onActivated: view.voice.cancel()
    }

    // The driver's choice (profile) if any, else the theme's layout variant: "dials" or "bar".
    readonly property string layout: store.layout !== "" ? store.layout : Theme.layout.cluster ?? "dials"
    // Set speed while cruise control is on; 0 means none has been set yet.
    readonly property bool cruiseShown: (store.cruiseEnabled || store.cruiseActive) && store.cruiseSpeed > 0
    // Without speed the cluster cannot be trusted: say so plainly.
    readonly property string notice: store.signalLost ? qsTr("No vehicle data") : ""

    Row {
        id: telltales
        anchors.horizontalCenter: parent.horizontalCenter
        y: Theme.space.l
        spacing: Theme.space.m

        TurnIndicator {
            on: view.store.leftIndicator
            phase: view.store.flashLit
        }
        Item { width: Theme.space.xl; height: 1 }

        // Lights and driver assistance (green, blue for high beam, amber for rear fog).
        Telltale { icon: "lowBeam"; role: "on"; on: view.store.lowBeam }
        Telltale { icon: "highBeam"; role: "highBeam"; on: view.store.highBeam }
        Telltale { icon: "frontFog"; role: "on"; on: view.store.frontFog }
        Telltale { icon: "rearFog"; role: "warning"; on: view.store.rearFog }
        Telltale { icon: "cruise"; role: "on"; on: view.store.cruiseEnabled || view.store.cruiseActive }
        Telltale { icon: "laneDeparture"; role: view.store.roles.laneDeparture; on: view.store.laneWarning }

        Item { width: Theme.space.xl; height: 1 }

        // Faults and warnings: red must be acted on now, amber soon.
        Telltale { icon: "seatBelt"; role: view.store.roles.seatBelt; on: view.store.seatBelt }
        Telltale { icon: "parkingBrake"; role: view.store.roles.parkingBrake; on: view.store.parkingBrake }
        Telltale { icon: "doorOpen"; role: view.store.roles.doorOpen; on: view.store.doorOpen }
        Telltale { icon: "battery12v"; role: view.store.roles.battery12v; on: view.store.lowVoltage }
        Telltale { icon: "abs"; role: view.store.roles.abs; on: view.store.absFault }
        // ESC: flashing while it intervenes, steady when it has failed.
        Telltale {
            icon: "esc"
            role: view.store.roles.esc
            on: view.store.escFault || view.store.escActive
            blinking: view.store.escActive && !view.store.escFault
            phase: view.store.flashLit
        }
        Telltale { icon: "tirePressure"; role: view.store.roles.tirePressure; on: view.store.tireLow }
        Telltale { icon: "batteryLow"; role: view.store.roles.batteryLow; on: view.store.lowSoc }
        Telltale { icon: "service"; role: view.store.roles.service; on: view.store.serviceDue }

        Item { width: Theme.space.xl; height: 1 }
        TurnIndicator {
            pointsRight: true
            on: view.store.rightIndicator
            phase: view.store.flashLit
        }
    }

    VoiceIndicator {
        objectName: "voiceIndicator"
        anchors.left: telltales.right
        anchors.leftMargin: Theme.space.l
        anchors.verticalCenter: telltales.verticalCenter
        voiceState: view.voice ? view.voice.state : "idle"
    }

    // The meters between the telltales and the bottom line, in the theme's layout variant
    // (Theme.layout.cluster): "dials" (power, speed and battery dials) or "bar" (a large speed
    // readout between straight power and battery meters). Only the variant shown is created.
    Loader {
        id: meters
        objectName: "clusterMeters"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: telltales.bottom
        anchors.bottom: bottomBar.top
        sourceComponent: view.layout === "bar" ? barMeters : dialMeters
    }

    Component {
        id: dialMeters
        Item {
            objectName: "dialMeters"
            readonly property real sideOffset: (Theme.size.gauge + Theme.size.gaugeSide) / 2 + Theme.space.xl * 2

            PowerMeter {
                objectName: "powerMeter"
                anchors.verticalCenter: parent.verticalCenter
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.horizontalCenterOffset: -parent.sideOffset
                value: view.store.power
                valid: view.store.powerValid
                maximum: view.store.powerMax
                regenMaximum: view.store.regenMax
            }

            // the speed dial, or the road scene under the speed
            Loader {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: view.sceneShown ? (parent.sideOffset - Theme.size.gaugeSide / 2 - Theme.space.l) * 2 : Theme.size.gauge
                sourceComponent: view.sceneShown ? roadCentre : speedDial
            }

            BatteryGauge {
                objectName: "batteryGauge"
                anchors.verticalCenter: parent.verticalCenter
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.horizontalCenterOffset: parent.sideOffset
                soc: view.store.soc
                socValid: view.store.socValid
                low: view.store.lowSoc
                range: view.store.range
                rangeValid: view.store.rangeValid
                rangeUnit: view.store.distanceUnit
            }
        }
    }

    // What holds the speed in the bar layout: the side meters line up with its `sideLine`.
    component SpeedCentre: Item {
        property real sideLine
    }

    Component {
        id: speedDial
        Item {
            Speedometer {
                id: speedometer
                objectName: "speedometer"
                anchors.centerIn: parent
                value: view.store.speed
                valid: view.store.speedValid
                maximum: view.store.speedMax
                unit: view.store.speedUnit
                setSpeed: view.store.cruiseSpeed
                // Set speed while cruise control is on; 0 means none has been set yet.
                setSpeedShown: view.cruiseShown
                setSpeedActive: view.store.cruiseActive
                // Without speed the cluster cannot be trusted: say so plainly.
                notice: view.notice
            }
            GearIndicator {
                anchors.horizontalCenter: speedometer.horizontalCenter
                anchors.bottom: speedometer.bottom
                anchors.bottomMargin: Theme.space.m
                gear: view.store.gear
            }
        }
    }

    // The speed on top between the speed limit sign (left) and the gear (right, only the one
    // engaged: the scene is shown while driving), the road scene under it: speed stays the
    // largest thing, the road is what the eye drops to. The road ends clear of the warning card.
    Component {
        id: roadCentre
        SpeedCentre {
            // the straight side meters (bar layout) beside the road, clear of the sign and gear
            sideLine: road.y + road.height / 2
            // room for three figures either side of the middle, whatever the type scale
            readonly property real besideFigures: widest.advanceWidth / 2 + Theme.space.l
            TextMetrics {
                id: widest
                font.family: Theme.font.family.numeric
                font.features: { "tnum": 1 }  // as the readout's figures
                font.pixelSize: Theme.font.size.display
                font.weight: Theme.font.weight.bold
                text: "188"
            }
            SpeedReadout {
                id: readout
                objectName: "speedReadout"
                anchors.horizontalCenter: parent.horizontalCenter
                y: Theme.space.s  // clear of the telltales above
                value: view.store.speed
                valid: view.store.speedValid
                unit: view.store.speedUnit
                setSpeed: view.store.cruiseSpeed
                setSpeedShown: view.cruiseShown
                setSpeedActive: view.store.cruiseActive
                notice: view.notice
            }
            SpeedLimitSign {
                objectName: "clusterLimit"
                anchors.right: parent.horizontalCenter
                anchors.rightMargin: parent.besideFigures
                y: readout.y + (readout.figureHeight - height) / 2
                limit: view.adas.speedLimit
                over: view.adas.overLimit
            }
            GearIndicator {
                objectName: "sceneGear"
                anchors.left: parent.horizontalCenter
                anchors.leftMargin: parent.besideFigures
                y: readout.y + (readout.figureHeight - height) / 2
                gears: view.store.gear !== "" ? [view.store.gear] : []
                gear: view.store.gear
            }
            RoadScene {
                id: road
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: readout.bottom
                anchors.bottom: parent.bottom
                bottomMargin: Theme.space.xl + Theme.space.m  // the warning card's top
                adas: view.adas
                acc: view.adasLevel >= 2
                signalLeft: view.store.leftIndicator
                signalRight: view.store.rightIndicator
            }
        }
    }

    Component {
        id: barMeters
        Item {
            objectName: "barMeters"

            readonly property real sideLine: centre.item ? centre.y + (centre.item as SpeedCentre).sideLine : 0
            // The speed readout and the gear below it, centred as one group, the side meters lined
            // up with the speed figures; or the road scene under the speed, the meters beside it.
            Loader {
                id: centre
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: parent.width - (Theme.size.meterLength + Theme.space.xl * 3) * 2
                sourceComponent: view.sceneShown ? roadCentre : barSpeed
            }
            Component {
                id: barSpeed
                SpeedCentre {
                    sideLine: readout.y + readout.figureHeight / 2
                    SpeedReadout {
                        id: readout
                        objectName: "speedReadout"
                        anchors.horizontalCenter: parent.horizontalCenter
                        y: (parent.height - height - Theme.space.l - gear.height) / 2
                        value: view.store.speed
                        valid: view.store.speedValid
                        unit: view.store.speedUnit
                        setSpeed: view.store.cruiseSpeed
                        setSpeedShown: view.cruiseShown
                        setSpeedActive: view.store.cruiseActive
                        notice: view.notice
                    }
                    GearIndicator {
                        id: gear
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.top: readout.bottom
                        anchors.topMargin: Theme.space.l
                        gear: view.store.gear
                    }
                }
            }

            PowerBar {
                objectName: "powerBar"
                anchors.left: parent.left
                anchors.leftMargin: Theme.space.xl * 2
                y: parent.sideLine - height / 2
                value: view.store.power
                valid: view.store.powerValid
                maximum: view.store.powerMax
                regenMaximum: view.store.regenMax
            }

            BatteryLevel {
                objectName: "batteryLevel"
                anchors.right: parent.right
                anchors.rightMargin: Theme.space.xl * 2
                y: parent.sideLine - height / 2
                soc: view.store.soc
                socValid: view.store.socValid
                low: view.store.lowSoc
                range: view.store.range
                rangeValid: view.store.rangeValid
                rangeUnit: view.store.distanceUnit
            }
        }
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
        // Valet mode (driver profiles): said on the cluster, with the speed it warns above.
        ValetBanner {
            objectName: "valetBanner"
            visible: view.store.valet
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.verticalCenter: parent.verticalCenter
            limit: view.store.speedCap
            unit: view.store.speedUnit
            over: view.store.overSpeedCap
        }
    }

    // The next turn while guiding, low on the left where the eye drops from the road to the speed
    ManeuverCard {
        objectName: "clusterManeuver"
        visible: view.navigation !== null && view.navigation.active
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.l
        anchors.bottom: bottomBar.top
        width: Theme.size.touchTarget * 6
        maneuver: view.navigation ? view.navigation.maneuver : ""
        distance: view.navigation ? view.navigation.maneuverDistance : ""
        unit: view.navigation ? view.navigation.maneuverUnit : ""
        street: view.navigation ? view.navigation.maneuverStreet : ""
        roundaboutExit: view.navigation ? view.navigation.roundaboutExit : 0
    }

    // One warning at a time in plain words (safety first, then the newest), low in the middle
    // where the eye drops from the road; outlined in its telltale's colour.
    WarningCard {
        objectName: "warningCard"
        visible: view.warnings !== null && view.warnings.hasCard
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space.xs  // clear of the gear selector above it
        text: view.warnings ? view.warnings.cardText : ""
        role: view.warnings ? view.warnings.cardRole : "warning"
        icon: view.warnings ? view.warnings.cardIcon : ""
        canAcknowledge: view.warnings !== null && view.warnings.cardCanAcknowledge
        onAcknowledged: view.warnings.acknowledge()
    }
}
