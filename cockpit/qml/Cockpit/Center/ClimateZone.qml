pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// One climate zone's card: its temperature, fan and seat heating, each showing the actuator's
// pending target until the car confirms it. On the Climate page for both zones, and on the
// passenger screen for the passenger's.
SurfaceCard {
    id: zone
    required property ClimateStore climate
    required property string zone // "driver" | "passenger"
    required property string title
    required property ActuatorState temperature
    required property ActuatorState fan
    required property ActuatorState seat

    readonly property int decimals: Format.temperatureDecimals(climate.temperatureUnit)
    padding: Theme.space.m + Theme.space.s
    outline: ""

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.s

        ThemedText {
            text: zone.title
            font.pixelSize: Theme.font.size.caption
            font.weight: Theme.font.weight.bold
            color: Theme.color.text.secondary
        }
        TemperatureStepper {
            Layout.fillWidth: true
            zoneName: zone.title
            value: zone.temperature.shown ?? 0
            available: zone.temperature.valid || zone.temperature.pending
            pending: zone.temperature.pending
            error: zone.temperature.error
            unit: zone.climate.temperatureUnit
            decimals: zone.decimals
            onStepRequested: steps => zone.climate.stepTemperature(zone.zone, steps)
        }
        Item { Layout.fillHeight: true }
        ThemedText {
            text: qsTr("Fan")
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
        LevelSelector {
            Layout.fillWidth: true
            accessibleName: qsTr("%1 fan").arg(zone.title)
            level: zone.fan.shown ?? 0
            levels: zone.climate.fanLevels
            available: zone.fan.valid || zone.fan.pending
            pending: zone.fan.pending
            error: zone.fan.error
            onLevelRequested: level => zone.climate.setFan(zone.zone, level)
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            ThemedText {
                Layout.fillWidth: true
                text: qsTr("Seat heating")
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
            }
            ActuatorStatus {
                pending: zone.seat.pending
                error: zone.seat.error
            }
        }
        SegmentedChoice {
            Layout.fillWidth: true
            accessibleName: qsTr("%1 seat heating").arg(zone.title)
            options: {
                const out = [{ value: 0, text: qsTr("Off") }];
                for (let i = 1; i <= zone.climate.heatLevels; ++i)
                    out.push({ value: i, text: String(i) });
                return out;
            }
            current: zone.seat.shown
            available: zone.seat.valid || zone.seat.pending
            pending: zone.seat.pending
            error: zone.seat.error
            onChosen: value => zone.climate.setSeatHeat(zone.zone, value)
        }
    }
}
