pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls
import Cockpit.Voice

// Home: what a glance needs. Clock and outside temperature, battery and range, the two
// temperature setpoints, the vehicle's state in three lines, what is playing with the route and
// the phone beside it, and a tile per page (openPage). Push-to-talk sits top right, as in the
// other pages' status bar.
Item {
    id: page
    required property ClimateStore climate
    required property EnergyStore energy
    required property VehicleStatusStore vehicle
    required property SettingsStore settings
    required property ClusterStore cluster
    required property MediaStore media
    required property NavigationStore navigation  // null: the car has no navigation
    required property PhoneStore phone
    required property VoiceStore voice  // null: the car has no voice assistant
    property HealthStore health: null  // wear forecasts (null: the car keeps none)
    // the status rows share the clock's height: a fourth (health) makes each shorter
    readonly property real statusRowHeight: Theme.size.touchTarget * (health ? 0.45 : 0.6)
    signal openPage(string name)

    readonly property int decimals: Format.temperatureDecimals(climate.temperatureUnit)
    readonly property bool anyTireLow: vehicle.frontLeftLow || vehicle.frontRightLow || vehicle.rearLeftLow
                                       || vehicle.rearRightLow
    readonly property bool tiresKnown: vehicle.frontLeftPressureValid && vehicle.frontRightPressureValid
                                       && vehicle.rearLeftPressureValid && vehicle.rearRightPressureValid
    readonly property string openingsText: {
        const v = page.vehicle;
        const open = [[v.frontLeftOpen || v.frontRightOpen || v.rearLeftOpen || v.rearRightOpen, qsTr("Door open")],
                      [v.hoodOpen, qsTr("Hood open")], [v.frunkOpen, qsTr("Frunk open")],
                      [v.trunkOpen, qsTr("Trunk open")]].filter(entry => entry[0]);
        return open.length === 1 ? open[0][1] : open.length > 1 ? qsTr("%1 open").arg(open.length)
               : v.openingsValid ? qsTr("All closed") : "--";
    }
    readonly property string routeText: navigation && navigation.active
                                        ? qsTr("%1 · %2 min").arg(navigation.destination).arg(navigation.etaMinutes)
                                        : qsTr("No route")
    readonly property string callText: phone.callState === "ringing" ? qsTr("%1 calling").arg(phone.contact)
                                       : phone.callState === "inCall" ? qsTr("In call · %1").arg(phone.contact)
                                       : qsTr("No call")
    readonly property string tiresText: anyTireLow ? qsTr("Tire pressure low") : tiresKnown ? qsTr("Tires OK") : "--"

    // The date, re-read whenever the clock ticks over.
    function today(clock: string): string {
        return clock !== "" ? new Date().toLocaleDateString(Qt.locale(Qt.uiLanguage), "dddd d MMMM") : "";
    }
    // a number with its unit, isolated (U+2066 … U+2069): inside Arabic text it still reads "21.0 °C"
    function temperatureText(value: real, valid: bool, decimals: int): string {
        return valid ? "\u2066" + Format.number(value, true, decimals) + " " + page.climate.temperatureUnit + "\u2069"
                     : "--";
    }

    component Shortcut: ActionTile {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
    }

    component ZoneStepper: RowLayout {
        id: zone
        required property string zone
        required property string title
        required property ActuatorState actuator
        Layout.fillWidth: true
        // the two zones share the card's height (a taller theme type leaves less), never less than a button
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.size.touchTarget
        spacing: Theme.space.m
        ThemedText {
            Layout.preferredWidth: Theme.size.touchTarget * 1.75
            text: zone.title
            color: Theme.color.text.secondary
        }
        TemperatureStepper {
            objectName: zone.zone + "Stepper"
            Layout.fillWidth: true
            zoneName: zone.title
            value: zone.actuator.shown ?? 0
            available: zone.actuator.valid || zone.actuator.pending
            pending: zone.actuator.pending
            error: zone.actuator.error
            unit: page.climate.temperatureUnit
            decimals: page.decimals
            onStepRequested: steps => page.climate.stepTemperature(zone.zone, steps)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        // ----- clock, outside temperature, vehicle state
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.space.l

            Column {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                ThemedText {
                    objectName: "clock"
                    text: page.cluster.clock !== "" ? page.cluster.clock : "--:--"
                    font.family: Theme.font.family.numeric
                    font.pixelSize: Theme.font.size.hero
                    font.weight: Theme.font.weight.bold
                    height: Theme.font.size.hero * 1.1
                }
                Row {
                    spacing: Theme.space.m
                    LineIcon {
                        anchors.verticalCenter: parent.verticalCenter
                        name: "thermometer"
                        size: Theme.size.iconSmall
                        color: Theme.color.text.secondary
                    }
                    ThemedText {
                        objectName: "outsideTemperature"
                        anchors.verticalCenter: parent.verticalCenter
                        text: page.temperatureText(page.climate.outsideTemp, page.climate.outsideTempValid, 1)
                        font.pixelSize: Theme.font.size.title
                        color: page.climate.outsideTempValid ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        anchors.verticalCenter: parent.verticalCenter
                        text: page.today(page.cluster.clock)
                        color: Theme.color.text.secondary
                    }
                }
            }
            Column {
                Layout.preferredWidth: Theme.size.touchTarget * 4
                Layout.alignment: Qt.AlignTop
                spacing: Theme.space.xs
                StatusRow {
                    objectName: "lockSummary"
                    width: parent.width
                    height: page.statusRowHeight
                    framed: false
                    icon: page.vehicle.lockedValid && !page.vehicle.locked ? "lockOpen" : "lock"
                    label: qsTr("Doors")
                    value: !page.vehicle.lockedValid ? "--"
                           : page.vehicle.locked ? qsTr("Locked") : qsTr("Unlocked")
                    tone: page.vehicle.lockedValid ? "" : "unknown"
                }
                StatusRow {
                    objectName: "openingsSummary"
                    width: parent.width
                    height: page.statusRowHeight
                    framed: false
                    icon: "door"
                    label: qsTr("Openings")
                    value: page.openingsText
                    tone: page.vehicle.anyOpen ? "warning" : page.vehicle.openingsValid ? "ok" : "unknown"
                }
                StatusRow {
                    objectName: "tiresSummary"
                    width: parent.width
                    height: page.statusRowHeight
                    framed: false
                    icon: "tire"
                    label: qsTr("Tires")
                    value: page.anyTireLow ? qsTr("Low") : page.tiresKnown ? qsTr("OK") : "--"
                    tone: page.anyTireLow ? "warning" : page.tiresKnown ? "ok" : "unknown"
                }
                StatusRow {
                    // the wear forecasts in a word, in P only (driving, they wait: the Health page says so)
                    objectName: "healthSummary"
                    width: parent.width
                    height: page.statusRowHeight
                    visible: page.health !== null
                    framed: false
                    icon: "health"
                    label: qsTr("Health")
                    readonly property int cards: page.health ? page.health.forecastCards.length : 0
                    value: !page.health || !page.health.hasData || !page.health.parked ? "--"
                           : cards > 0 ? qsTr("Check") : qsTr("OK")
                    tone: value === "--" ? "unknown" : cards > 0 ? "warning" : "ok"
                }
            }
            VoiceButton {
                objectName: "talkButton"
                Layout.alignment: Qt.AlignTop
                visible: page.voice !== null
                voiceState: page.voice ? page.voice.state : "idle"
                onClicked: page.voice.pushToTalk()
            }
        }

        // ----- battery and climate
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                padding: Theme.space.m + Theme.space.s

                ThemedText {
                    id: batteryCaption
                    objectName: "batteryCaption"
                    anchors.left: parent.left
                    anchors.top: parent.top
                    text: page.energy.charging ? qsTr("Battery · charging") : qsTr("Battery")
                    font.pixelSize: Theme.font.size.caption
                    font.weight: Theme.font.weight.bold
                    color: Theme.color.text.secondary
                }
                Item { // the figure as large as the room between the caption and the bar allows, up to hero size
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: batteryCaption.bottom
                    anchors.bottom: bar.top
                    anchors.bottomMargin: Theme.space.s
                    ThemedText {
                        id: socFigure
                        objectName: "soc"
                        anchors.fill: parent
                        verticalAlignment: Text.AlignBottom
                        fontSizeMode: Text.VerticalFit
                        minimumPixelSize: Theme.font.size.title
                        elide: Text.ElideNone
                        text: Format.number(page.energy.soc, page.energy.socValid, 0)
                        font.family: Theme.font.family.numeric
                        font.pixelSize: Theme.font.size.hero
                        font.weight: Theme.font.weight.bold
                        color: page.energy.socValid ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        x: socFigure.contentWidth + Theme.space.s
                        anchors.baseline: socFigure.baseline
                        visible: page.energy.socValid
                        text: "%"
                        font.pixelSize: Theme.font.size.title
                        color: Theme.color.text.secondary
                    }
                }
                Row {
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    spacing: Theme.space.s
                    ThemedText {
                        id: rangeFigure
                        objectName: "range"
                        text: Format.number(page.energy.range, page.energy.rangeValid, 0)
                        font.family: Theme.font.family.numeric
                        font.pixelSize: Theme.font.size.title
                        font.weight: Theme.font.weight.bold
                        color: page.energy.rangeValid ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        anchors.baseline: rangeFigure.baseline
                        text: page.energy.rangeValid ? qsTr("%1 range").arg(page.energy.distanceUnit) : qsTr("range")
                        color: Theme.color.text.secondary
                    }
                }
                BatteryBar {
                    id: bar
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: rangeFigure.height + Theme.space.m
                    soc: page.energy.soc
                    valid: page.energy.socValid
                    low: page.energy.lowSoc
                    charging: page.energy.charging
                }
            }

            SurfaceCard {
                objectName: "climateCard"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                padding: Theme.space.m + Theme.space.s

                ThemedText {
                    id: climateCaption
                    anchors.left: parent.left
                    anchors.top: parent.top
                    text: qsTr("Climate")
                    font.pixelSize: Theme.font.size.caption
                    font.weight: Theme.font.weight.bold
                    color: Theme.color.text.secondary
                }
                ThemedText {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    text: qsTr("Cabin %1").arg(page.temperatureText(page.climate.cabinTemp, page.climate.cabinTempValid, page.decimals))
                    font.pixelSize: Theme.font.size.caption
                    color: Theme.color.text.secondary
                }
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: climateCaption.bottom
                    anchors.bottom: parent.bottom
                    spacing: 0
                    ZoneStepper {
                        zone: "driver"
                        title: qsTr("Driver")
                        actuator: page.climate.driverTemp
                    }
                    ZoneStepper {
                        zone: "passenger"
                        title: qsTr("Passenger")
                        actuator: page.climate.passengerTemp
                    }
                }
            }
        }

        // ----- media, route and phone
        SurfaceCard {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.size.touchTarget + 2 * padding
            padding: Theme.space.s

            NowPlaying {
                objectName: "nowPlaying"
                anchors.left: parent.left
                anchors.leftMargin: Theme.space.s
                anchors.right: divider.left
                anchors.rightMargin: Theme.space.m
                anchors.verticalCenter: parent.verticalCenter
                track: page.media.track
                artist: page.media.artist
                source: page.media.sourceTitle
                playing: page.media.playing
                onPreviousRequested: page.media.previous()
                onPlayPauseRequested: page.media.togglePlay()
                onNextRequested: page.media.next()
            }
            Rectangle {
                id: divider
                anchors.right: trip.left
                anchors.rightMargin: Theme.space.m
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Theme.size.border
                color: Theme.color.border
            }
            Column {
                id: trip
                anchors.right: parent.right
                anchors.rightMargin: Theme.space.s
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.size.touchTarget * 4
                StatusRow {
                    objectName: "routeSummary"
                    visible: page.navigation !== null // a car without navigation shows no route line
                    width: parent.width
                    height: Theme.size.touchTarget / 2
                    framed: false
                    icon: "navigation"
                    label: qsTr("Route")
                    value: page.routeText
                    tone: page.navigation && page.navigation.active ? "ok" : ""
                }
                StatusRow {
                    objectName: "phoneSummary"
                    width: parent.width
                    height: Theme.size.touchTarget / 2
                    framed: false
                    icon: "phone"
                    label: qsTr("Phone")
                    value: page.callText
                    tone: page.phone.callState === "ringing" ? "warning" : page.phone.callState === "inCall" ? "ok" : ""
                }
            }
        }

        // ----- a shortcut per page
        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.size.touchTarget * 1.5
            Layout.fillHeight: false
            spacing: Theme.space.m

            Shortcut {
                objectName: "climateShortcut"
                icon: "climate"
                title: qsTr("Climate")
                subtitle: {
                    const c = page.climate;
                    const ac = !c.ac.valid ? qsTr("A/C --") : c.ac.shown ? qsTr("A/C on") : qsTr("A/C off");
                    const fan = !c.driverFan.valid ? qsTr("fan --")
                                : c.driverFan.shown > 0 ? qsTr("fan %1").arg(c.driverFan.shown) : qsTr("fan off");
                    return ac + " · " + fan;
                }
                onClicked: page.openPage("climate")
            }
            Shortcut {
                objectName: "energyShortcut"
                icon: "energy"
                title: qsTr("Energy")
                subtitle: page.energy.tripValid
                          ? qsTr("Trip %1 %2").arg(Format.number(page.energy.trip, true, 1)).arg(page.energy.distanceUnit)
                          : qsTr("Trip --")
                onClicked: page.openPage("energy")
            }
            Shortcut {
                objectName: "vehicleShortcut"
                icon: "vehicle"
                title: qsTr("Vehicle")
                subtitle: page.anyTireLow ? page.tiresText : page.openingsText
                tone: page.anyTireLow || page.vehicle.anyOpen ? "warning" : ""
                onClicked: page.openPage("vehicle")
            }
            Shortcut {
                objectName: "settingsShortcut"
                icon: "settings"
                title: qsTr("Settings")
                subtitle: qsTr("Units, theme")
                onClicked: page.openPage("settings")
            }
        }
    }
}
