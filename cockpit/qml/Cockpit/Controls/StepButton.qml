import QtQuick
import Cockpit.Theme

// A round touch button with a line icon (the − and + of steppers).
Rectangle {
    id: root
    property string icon: "plus"
    property string accessibleName
    signal clicked()

    implicitWidth: Theme.size.touchTarget
    implicitHeight: Theme.size.touchTarget
    radius: height / 2
    color: tap.pressed ? Theme.color.selected : Theme.color.background.raised
    border.width: Theme.size.border
    border.color: tap.pressed ? Theme.color.accent : Theme.color.border

    Accessible.role: Accessible.Button
    Accessible.name: accessibleName

    LineIcon {
        anchors.centerIn: parent
        name: root.icon
        size: Theme.size.icon
        color: Theme.color.text.primary
    }

    TapHandler {
        id: tap
        onTapped: root.clicked()
    }
}
