import QtQuick
import Cockpit.Theme

// A driver's avatar: their initial in a circle (a person glyph when there is none), ringed in
// the accent while `active`, with a lock badge when the profile has a PIN. `size` is the edge,
// `textSize` the initial's font size.
Item {
    id: root
    property string initial
    property bool active: false
    property bool locked: false
    property real size: Theme.size.touchTarget * 1.5
    property real textSize: Theme.font.size.value // a font.size token fitting `size`

    implicitWidth: size
    implicitHeight: size

    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: root.active ? Theme.color.selected : Theme.color.background.raised
        border.width: root.active ? Theme.size.outline : Theme.size.border
        border.color: root.active ? Theme.color.accent : Theme.color.border
    }
    ThemedText {
        visible: root.initial !== ""
        anchors.centerIn: parent
        text: root.initial
        font.pixelSize: root.textSize
        font.weight: Theme.font.weight.bold
        color: root.active ? Theme.color.accent : Theme.color.text.primary
    }
    LineIcon {
        visible: root.initial === ""
        anchors.centerIn: parent
        name: "person"
        size: root.size * 0.5
        color: root.active ? Theme.color.accent : Theme.color.text.secondary
    }
    Rectangle { // the lock badge, on the rim
        visible: root.locked
        width: Theme.size.iconSmall + Theme.space.s
        height: width
        radius: width / 2
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        color: Theme.color.background.surface
        border.width: Theme.size.border
        border.color: Theme.color.border
        LineIcon {
            anchors.centerIn: parent
            name: "lock"
            size: Theme.size.iconSmall * 0.75
            color: Theme.color.text.secondary
        }
    }
}
