pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// A level 0..`levels` between − and + buttons, drawn as rising bars (fan speed). Emits
// levelRequested(level) with the new level; shows the target in the pending colour while `pending`.
Item {
    id: root
    property int level: 0
    property int levels: 7
    property bool available: false
    property bool pending: false
    property string error
    property string accessibleName
    signal levelRequested(int level)

    implicitWidth: Theme.size.touchTarget * 4
    implicitHeight: Theme.size.touchTarget

    Accessible.role: Accessible.Slider
    Accessible.name: accessibleName
    Accessible.description: caption.text

    StepButton {
        id: minus
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        icon: "minus"
        accessibleName: qsTr("%1 lower").arg(root.accessibleName)
        onClicked: if (root.level > 0 || !root.available) root.levelRequested(Math.max(0, root.level - 1))
    }
    StepButton {
        id: plus
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        icon: "plus"
        accessibleName: qsTr("%1 higher").arg(root.accessibleName)
        onClicked: if (root.level < root.levels) root.levelRequested(root.level + 1)
    }
    Rectangle {
        id: frame
        anchors.left: minus.right
        anchors.right: plus.left
        anchors.leftMargin: Theme.space.s
        anchors.rightMargin: Theme.space.s
        height: parent.height
        radius: Theme.radius.m
        color: Theme.color.none
        border.width: root.pending || root.error !== "" ? Theme.size.outline : 0
        border.color: root.pending ? Theme.color.state.pending : Theme.color.state.error

        Row {
            id: bars
            readonly property real barWidth: Math.min(Theme.size.pip * 1.5,
                (frame.width - 2 * Theme.space.m - (root.levels - 1) * spacing) / root.levels)
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.top
            anchors.topMargin: Theme.space.m
            height: Theme.size.iconSmall
            spacing: Theme.space.xs
            Repeater {
                model: root.levels
                Rectangle {
                    required property int index
                    anchors.bottom: parent.bottom
                    width: bars.barWidth
                    height: Theme.size.pip / 2 + (bars.height - Theme.size.pip / 2) * (index + 1) / root.levels
                    radius: Theme.radius.s / 2
                    color: !root.available || index >= root.level ? Theme.color.gauge.track
                           : root.pending ? Theme.color.state.pending : Theme.color.accent
                }
            }
        }
        ActuatorStatus {
            id: caption
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: bars.bottom
            anchors.topMargin: Theme.space.xs
            pending: root.pending
            error: root.error
            idleText: !root.available ? "--" : root.level === 0 ? qsTr("Off") : String(root.level)
        }
    }
}
