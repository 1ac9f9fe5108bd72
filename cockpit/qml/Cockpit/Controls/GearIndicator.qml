pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// P R N D with the selected one highlighted; `gear` "" (unknown) highlights none.
Row {
    id: root
    property string gear
    property var gears: ["P", "R", "N", "D"]

    spacing: Theme.space.s

    Repeater {
        model: root.gears
        Rectangle {
            id: cell
            required property string modelData
            readonly property bool current: modelData === root.gear
            width: Theme.font.size.title + Theme.space.m
            height: width
            radius: Theme.radius.s
            color: current ? Theme.color.accent : Theme.color.none
            Text {
                anchors.centerIn: parent
                text: cell.modelData
                color: cell.current ? Theme.color.text.onAccent : Theme.color.text.secondary
                font.family: Theme.font.family.ui
                font.pixelSize: Theme.font.size.title
                font.weight: cell.current ? Theme.font.weight.bold : Theme.font.weight.regular
            }
        }
    }
}
