import QtQuick
import Cockpit.Theme

// One entry of the navigation rail: an icon over a label, highlighted while `checked`.
Item {
    id: root
    property string text
    property string icon
    property bool checked: false
    signal clicked()

    implicitWidth: Theme.size.navRail
    implicitHeight: Theme.size.touchTarget + Theme.space.l

    Accessible.role: Accessible.PageTab
    Accessible.name: text
    Accessible.checked: checked

    Rectangle {
        anchors.fill: parent
        anchors.leftMargin: Theme.space.s
        anchors.rightMargin: Theme.space.s
        radius: Theme.radius.m
        color: root.checked || tap.pressed ? Theme.color.selected : Theme.color.none
    }
    Rectangle { // the selection mark on the rail's edge
        visible: root.checked
        width: Theme.space.xs
        height: parent.height - Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        radius: Theme.radius.s
        color: Theme.color.accent
    }
    Column {
        anchors.centerIn: parent
        spacing: Theme.space.xs
        LineIcon {
            anchors.horizontalCenter: parent.horizontalCenter
            name: root.icon
            color: root.checked ? Theme.color.accent : Theme.color.text.secondary
        }
        ThemedText {
            anchors.horizontalCenter: parent.horizontalCenter
            text: root.text
            font.pixelSize: Theme.font.size.caption
            font.weight: root.checked ? Theme.font.weight.bold : Theme.font.weight.regular
            color: root.checked ? Theme.color.text.primary : Theme.color.text.secondary
        }
    }
    TapHandler {
        id: tap
        onTapped: root.clicked()
    }
}
