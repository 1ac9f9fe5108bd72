import QtQuick
import Cockpit.Theme
import Cockpit.Stores

Item {
    id: view
    required property ClusterStore store

    Text {
        anchors.centerIn: parent
        color: Theme.color.text.primary
        font.pixelSize: Theme.font.size.display
        text: view.store.speedValid ? Math.round(view.store.speed) : "--"
    }
}
