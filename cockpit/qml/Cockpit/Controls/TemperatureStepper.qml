import QtQuick
import Cockpit.Theme
import "Format.js" as Format

// A temperature setpoint between − and + buttons. Shows `value` (the target while `pending`,
// outlined in the pending colour), "--" when not `available`; emits stepRequested(±1).
Item {
    id: root
    property real value
    property bool available: false
    property bool pending: false
    property string error
    property string unit
    property int decimals: 1
    property string zoneName // for accessibility: "Driver", "Passenger"
    signal stepRequested(int steps)

    implicitWidth: Theme.size.touchTarget * 4
    implicitHeight: Theme.size.touchTarget + Theme.space.l

    Accessible.role: Accessible.SpinBox
    Accessible.name: zoneName
    Accessible.description: readout.text

    StepButton {
        id: minus
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        icon: "minus"
        accessibleName: qsTr("%1 cooler").arg(root.zoneName)
        onClicked: root.stepRequested(-1)
    }
    StepButton {
        id: plus
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        icon: "plus"
        accessibleName: qsTr("%1 warmer").arg(root.zoneName)
        onClicked: root.stepRequested(1)
    }
    Rectangle { // the readout's frame: pending / error outline
        anchors.left: minus.right
        anchors.right: plus.left
        anchors.leftMargin: Theme.space.s
        anchors.rightMargin: Theme.space.s
        anchors.verticalCenter: parent.verticalCenter
        height: parent.height
        radius: Theme.radius.m
        color: Theme.color.none
        border.width: root.pending || root.error !== "" ? Theme.size.outline : 0
        border.color: root.pending ? Theme.color.state.pending : Theme.color.state.error

        Column {
            anchors.centerIn: parent
            Row {
                anchors.horizontalCenter: parent.horizontalCenter
                LayoutMirroring.enabled: false  // "21.0 °C": a number and its unit read left to right in every language
                ThemedText {
                    id: readout
                    text: Format.number(root.value, root.available, root.decimals)
                    font.family: Theme.font.family.numeric
                    font.pixelSize: Theme.font.size.value
                    color: root.pending ? Theme.color.state.pending
                                        : root.available ? Theme.color.text.primary : Theme.color.text.disabled
                }
                ThemedText {
                    anchors.top: readout.top
                    anchors.topMargin: Theme.space.s
                    visible: root.available
                    text: root.unit
                    font.pixelSize: Theme.font.size.caption
                    color: Theme.color.text.secondary
                }
            }
            ActuatorStatus {
                anchors.horizontalCenter: parent.horizontalCenter
                visible: text !== ""
                pending: root.pending
                error: root.error
            }
        }
    }
}
