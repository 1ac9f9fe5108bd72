pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Climate: each zone's temperature, fan and seat heating; cabin and outside temperature; the
// A/C, recirculation, defrost and steering-wheel heating tiles. Every control shows the
// actuator's pending target until the car confirms it.
Item {
    id: page
    required property ClimateStore climate

    readonly property int decimals: Format.temperatureDecimals(climate.temperatureUnit)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            ClimateZone {
                objectName: "driverZone"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                climate: page.climate
                zone: "driver"
                title: qsTr("Driver")
                temperature: page.climate.driverTemp
                fan: page.climate.driverFan
                seat: page.climate.driverSeat
            }
            SurfaceCard { // cabin and outside
                Layout.fillHeight: true
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                padding: Theme.space.m + Theme.space.s

                Column {
                    anchors.centerIn: parent
                    spacing: Theme.space.xl
                    Column {
                        anchors.horizontalCenter: parent.horizontalCenter
                        LineIcon {
                            anchors.horizontalCenter: parent.horizontalCenter
                            name: "climate"
                            size: Theme.size.icon * 1.5
                            color: Theme.color.accent
                        }
                        ThemedText {
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: qsTr("Cabin")
                            font.pixelSize: Theme.font.size.caption
                            color: Theme.color.text.secondary
                        }
                        ThemedText {
                            objectName: "cabinTemperature"
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: Format.number(page.climate.cabinTemp, page.climate.cabinTempValid, page.decimals)
                                  + (page.climate.cabinTempValid ? " " + page.climate.temperatureUnit : "")
                            font.family: Theme.font.family.numeric
                            font.pixelSize: Theme.font.size.title
                            font.weight: Theme.font.weight.bold
                            color: page.climate.cabinTempValid ? Theme.color.text.primary : Theme.color.text.disabled
                        }
                    }
                    Column {
                        anchors.horizontalCenter: parent.horizontalCenter
                        ThemedText {
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: qsTr("Outside")
                            font.pixelSize: Theme.font.size.caption
                            color: Theme.color.text.secondary
                        }
                        ThemedText {
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: Format.number(page.climate.outsideTemp, page.climate.outsideTempValid, 1)
                                  + (page.climate.outsideTempValid ? " " + page.climate.temperatureUnit : "")
                            font.family: Theme.font.family.numeric
                            color: page.climate.outsideTempValid ? Theme.color.text.primary : Theme.color.text.disabled
                        }
                    }
                }
            }
            ClimateZone {
                objectName: "passengerZone"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                climate: page.climate
                zone: "passenger"
                title: qsTr("Passenger")
                temperature: page.climate.passengerTemp
                fan: page.climate.passengerFan
                seat: page.climate.passengerSeat
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.size.touchTarget * 1.5
            Layout.fillHeight: false
            spacing: Theme.space.m

            Repeater {
                model: [
                    { name: "ac", text: qsTr("A/C"), icon: "ac", state: page.climate.ac },
                    { name: "recirculation", text: qsTr("Recirculation"), icon: "recirculation",
                      state: page.climate.recirculation },
                    { name: "frontDefrost", text: qsTr("Front defrost"), icon: "frontDefrost",
                      state: page.climate.frontDefrost },
                    { name: "rearDefrost", text: qsTr("Rear defrost"), icon: "rearDefrost",
                      state: page.climate.rearDefrost }
                ]
                ToggleTile {
                    required property var modelData
                    readonly property ActuatorState actuator: modelData.state
                    objectName: modelData.name + "Tile"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    text: modelData.text
                    icon: modelData.icon
                    checked: actuator.shown === true
                    available: actuator.valid
                    pending: actuator.pending
                    error: actuator.error
                    onClicked: page.climate.toggle(modelData.name)
                }
            }
            ToggleTile {
                objectName: "steeringHeatTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                text: qsTr("Heated wheel")
                icon: "steering"
                levels: page.climate.heatLevels
                level: page.climate.steeringHeat.shown ?? 0
                available: page.climate.steeringHeat.valid
                pending: page.climate.steeringHeat.pending
                error: page.climate.steeringHeat.error
                onClicked: page.climate.setSteeringHeat((level + 1) % (levels + 1))
            }
        }
    }
}
