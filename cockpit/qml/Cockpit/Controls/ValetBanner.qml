import QtQuick
import Cockpit.Theme

// The cluster's valet-mode line: a lock, "Valet", and the speed above which it warns; in the
// warning colour (and saying so in words) while the car is faster than that.
Rectangle {
    id: root
    property real limit: 0
    property string unit
    property bool over: false

    readonly property color ink: over ? Theme.color.telltale.warning : Theme.color.text.primary

    implicitWidth: row.implicitWidth + Theme.space.l * 2
    implicitHeight: Math.max(Theme.size.telltale, row.implicitHeight + Theme.space.s * 2)
    radius: height / 2
    color: Theme.color.background.surface
    border.width: Theme.size.outline
    border.color: over ? Theme.color.telltale.warning : Theme.color.border

    Accessible.role: Accessible.StaticText
    Accessible.name: label.text

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.space.s
        LineIcon {
            anchors.verticalCenter: parent.verticalCenter
            name: "lock"
            size: Theme.size.iconSmall
            color: root.ink
        }
        ThemedText {
            id: label
            anchors.verticalCenter: parent.verticalCenter
            text: (root.over ? qsTr("Valet · over %1 %2") : qsTr("Valet · warns above %1 %2"))
                  .arg(Math.round(root.limit)).arg(root.unit)
            font.weight: Theme.font.weight.bold
            color: root.ink
        }
    }
}
