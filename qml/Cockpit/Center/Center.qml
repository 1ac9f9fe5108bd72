import QtQuick
import Cockpit.Theme
import Cockpit.Stores

Window {
    id: window
    required property ClimateStore climate
    required property EnergyStore energy
    required property VehicleStatusStore vehicle
    required property SettingsStore settings
    required property ClusterStore cluster
    width: 1280
    height: 800
    title: qsTr("Cockpit — Center")
    color: Theme.color.background.base

    Text {
        anchors.centerIn: parent
        color: Theme.color.text.primary
        font.pixelSize: Theme.font.size.title
        text: window.climate.driverTemp.valid ? window.climate.driverTemp.shown : "--"
    }
}
