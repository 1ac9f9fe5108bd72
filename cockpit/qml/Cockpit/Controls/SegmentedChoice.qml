pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// One choice out of a few, side by side: `options` is a list of {value, text}. The `current`
// value is filled with the accent; while `pending` it is outlined in the pending colour instead.
// Nothing is selected when not `available`. Emits chosen(value).
Rectangle {
    id: root
    property var options: []
    property var current
    property bool available: true
    property bool pending: false
    property string error
    property string accessibleName
    signal chosen(var value)

    implicitWidth: Math.max(1, options.length) * Theme.size.touchTarget * 1.5
    implicitHeight: Theme.size.touchTarget
    radius: Theme.radius.m
    color: Theme.color.background.raised
    border.width: error !== "" && !pending ? Theme.size.outline : Theme.size.border
    border.color: error !== "" && !pending ? Theme.color.state.error : Theme.color.border

    Accessible.role: Accessible.RadioButton
    Accessible.name: accessibleName

    Row {
        anchors.fill: parent
        anchors.margins: Theme.space.xs
        Repeater {
            model: root.options
            Rectangle {
                id: segment
                required property var modelData
                readonly property bool selected: root.available && modelData.value === root.current
                width: parent.width / root.options.length
                height: parent.height
                radius: Theme.radius.m - Theme.space.xs
                color: selected && !root.pending ? Theme.color.accent
                       : selected || tap.pressed ? Theme.color.selected : Theme.color.none
                border.width: selected && root.pending ? Theme.size.outline : 0
                border.color: Theme.color.state.pending

                Accessible.role: Accessible.RadioButton
                Accessible.name: modelData.text
                Accessible.checked: selected

                ThemedText {
                    anchors.fill: parent
                    anchors.margins: Theme.space.xs
                    horizontalAlignment: Text.AlignHCenter
                    text: segment.modelData.text
                    font.weight: segment.selected ? Theme.font.weight.bold : Theme.font.weight.regular
                    color: !segment.selected ? Theme.color.text.secondary
                           : root.pending ? Theme.color.state.pending : Theme.color.text.onAccent
                }
                TapHandler {
                    id: tap
                    onTapped: root.chosen(segment.modelData.value)
                }
            }
        }
    }
}
