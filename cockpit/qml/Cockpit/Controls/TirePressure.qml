import QtQuick
import Cockpit.Theme
import "Format.js" as Format

// One tire's pressure: position label, value and unit; in the warning colour when `low`,
// "--" when not `valid`. `alignRight` mirrors it for the car's right side.
Item {
    id: root
    property string label
    property real pressure
    property bool valid: false
    property bool low: false
    property string unit
    property bool alignRight: false

    readonly property color figureColor: low ? Theme.color.telltale.warning
                                        : valid ? Theme.color.text.primary : Theme.color.text.disabled

    implicitWidth: Theme.size.touchTarget * 2
    implicitHeight: column.implicitHeight

    Accessible.role: Accessible.StaticText
    Accessible.name: label + " " + figure.text + " " + unit + (low ? " " + qsTr("low") : "")

    Column {
        id: column
        anchors.left: root.alignRight ? undefined : parent.left
        anchors.right: root.alignRight ? parent.right : undefined
        ThemedText {
            anchors.left: root.alignRight ? undefined : parent.left
            anchors.right: root.alignRight ? parent.right : undefined
            text: root.label
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
        Row {
            anchors.left: root.alignRight ? undefined : parent.left
            anchors.right: root.alignRight ? parent.right : undefined
            spacing: Theme.space.s
            ThemedText {
                id: figure
                text: Format.number(root.pressure, root.valid, Format.pressureDecimals(root.unit))
                font.family: Theme.font.family.numeric
                font.pixelSize: Theme.font.size.title
                font.weight: Theme.font.weight.bold
                color: root.figureColor
            }
            ThemedText {
                anchors.baseline: figure.baseline
                visible: root.valid
                text: root.unit
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
            }
        }
        ThemedText {
            anchors.left: root.alignRight ? undefined : parent.left
            anchors.right: root.alignRight ? parent.right : undefined
            visible: root.low
            text: qsTr("Low")
            font.pixelSize: Theme.font.size.caption
            font.weight: Theme.font.weight.bold
            color: Theme.color.telltale.warning
        }
    }
}
