import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Energy: power now and over the last two minutes, the battery and range, and the trip figures.
Item {
    id: page
    required property EnergyStore energy

    component Figure: InfoTile {
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.preferredHeight: Theme.size.touchTarget * 1.5
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            SurfaceCard { // power
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                padding: Theme.space.m + Theme.space.s

                ThemedText {
                    id: powerCaption
                    anchors.left: parent.left
                    anchors.top: parent.top
                    text: qsTr("Power")
                    font.pixelSize: Theme.font.size.caption
                    font.weight: Theme.font.weight.bold
                    color: Theme.color.text.secondary
                }
                Row {
                    id: powerNow
                    anchors.left: parent.left
                    anchors.top: powerCaption.bottom
                    spacing: Theme.space.s
                    ThemedText {
                        id: powerFigure
                        objectName: "powerNow"
                        text: Format.signed(page.energy.power, page.energy.powerValid, 0)
                        font.family: Theme.font.family.numeric
                        font.pixelSize: Theme.font.size.value
                        font.weight: Theme.font.weight.bold
                        color: !page.energy.powerValid ? Theme.color.text.disabled
                               : page.energy.power < 0 ? Theme.color.chart.regen : Theme.color.text.primary
                    }
                    ThemedText {
                        anchors.baseline: powerFigure.baseline
                        visible: page.energy.powerValid
                        text: qsTr("kW")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                }
                Row { // legend
                    anchors.right: parent.right
                    anchors.top: parent.top
                    spacing: Theme.space.l
                    Repeater {
                        model: [
                            { text: qsTr("Consumption"), regen: false },
                            { text: qsTr("Regen"), regen: true }
                        ]
                        Row {
                            id: legendEntry
                            required property var modelData
                            spacing: Theme.space.s
                            Rectangle {
                                anchors.verticalCenter: parent.verticalCenter
                                width: Theme.size.pip
                                height: Theme.size.pip
                                radius: width / 2
                                color: legendEntry.modelData.regen ? Theme.color.chart.regen
                                                                   : Theme.color.chart.consumption
                            }
                            ThemedText {
                                text: legendEntry.modelData.text
                                font.pixelSize: Theme.font.size.caption
                                color: Theme.color.text.secondary
                            }
                        }
                    }
                }
                PowerChart {
                    objectName: "powerChart"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: powerNow.bottom
                    anchors.topMargin: Theme.space.m
                    anchors.bottom: parent.bottom
                    values: page.energy.powerHistory
                }
            }

            SurfaceCard { // battery
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                padding: Theme.space.m + Theme.space.s

                ThemedText {
                    id: batteryCaption
                    anchors.left: parent.left
                    anchors.top: parent.top
                    text: qsTr("Battery")
                    font.pixelSize: Theme.font.size.caption
                    font.weight: Theme.font.weight.bold
                    color: Theme.color.text.secondary
                }
                ThemedText {
                    anchors.right: parent.right
                    anchors.baseline: batteryCaption.baseline
                    visible: page.energy.charging
                    text: qsTr("Charging")
                    font.pixelSize: Theme.font.size.caption
                    font.weight: Theme.font.weight.bold
                    color: Theme.color.chart.regen
                }
                Row {
                    anchors.left: parent.left
                    anchors.bottom: bar.top
                    anchors.bottomMargin: Theme.space.s
                    spacing: Theme.space.s
                    ThemedText {
                        id: socFigure
                        objectName: "soc"
                        text: Format.number(page.energy.soc, page.energy.socValid, 0)
                        font.family: Theme.font.family.numeric
                        font.pixelSize: Theme.font.size.hero
                        font.weight: Theme.font.weight.bold
                        color: page.energy.socValid ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        anchors.baseline: socFigure.baseline
                        visible: page.energy.socValid
                        text: "%"
                        font.pixelSize: Theme.font.size.title
                        color: Theme.color.text.secondary
                    }
                }
                BatteryBar {
                    id: bar
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: rangeRow.top
                    anchors.bottomMargin: Theme.space.m
                    soc: page.energy.soc
                    valid: page.energy.socValid
                    low: page.energy.lowSoc
                    charging: page.energy.charging
                }
                Row {
                    id: rangeRow
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    spacing: Theme.space.s
                    ThemedText {
                        id: rangeFigure
                        objectName: "range"
                        text: Format.number(page.energy.range, page.energy.rangeValid, 0)
                        font.family: Theme.font.family.numeric
                        font.pixelSize: Theme.font.size.value
                        font.weight: Theme.font.weight.bold
                        color: page.energy.rangeValid ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        anchors.baseline: rangeFigure.baseline
                        text: page.energy.rangeValid ? qsTr("%1 range").arg(page.energy.distanceUnit) : qsTr("range")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: false
            columns: 3
            rowSpacing: Theme.space.m
            columnSpacing: Theme.space.m

            Figure {
                label: qsTr("Trip distance")
                icon: "route"
                value: Format.number(page.energy.trip, page.energy.tripValid, 1)
                unit: page.energy.distanceUnit
            }
            Figure {
                label: qsTr("Trip energy")
                icon: "energy"
                value: Format.number(page.energy.tripEnergy, page.energy.tripEnergyValid, 1)
                unit: qsTr("kWh")
            }
            Figure {
                label: qsTr("Average consumption")
                icon: "gauge"
                value: Format.number(page.energy.consumption, page.energy.consumptionValid, 0)
                unit: page.energy.consumptionUnit
            }
            Figure {
                label: qsTr("Average speed")
                icon: "speed"
                value: Format.number(page.energy.averageSpeed, page.energy.averageSpeedValid, 0)
                unit: page.energy.speedUnit
            }
            Figure {
                label: qsTr("Battery temperature")
                icon: "thermometer"
                value: Format.number(page.energy.batteryTemp, page.energy.batteryTempValid, 0)
                unit: page.energy.temperatureUnit
            }
            Figure {
                label: qsTr("Odometer")
                icon: "odometer"
                value: Format.number(page.energy.odometer, page.energy.odometerValid, 0)
                unit: page.energy.distanceUnit
            }
        }
    }
}
