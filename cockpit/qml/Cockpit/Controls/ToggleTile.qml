pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// A square-ish tile for an on/off function (A/C, defrost) or, with `levels` > 0, a stepped one
// that the page cycles on tap (steering-wheel heating). Shows its state in words under the label
// ("On", "Level 2", "Setting…", "Not applied", "--"), the pending target outlined. Emits clicked().
Rectangle {
    id: root
    property string text
    property string icon
    property bool checked: false
    property int levels: 0
    property int level: 0
    property bool available: false
    property bool pending: false
    property string error
    property string stateText: !available && !pending ? "--"
                               : levels > 0 ? (level === 0 ? qsTr("Off") : qsTr("Level %1").arg(level))
                               : checked ? qsTr("On") : qsTr("Off")
    signal clicked()

    readonly property bool lit: (available || pending) && (levels > 0 ? level > 0 : checked)

    implicitWidth: Theme.size.touchTarget * 2
    implicitHeight: Theme.size.touchTarget * 1.5
    radius: Theme.radius.l
    color: tap.pressed ? Theme.color.background.raised : lit ? Theme.color.selected : Theme.color.background.surface
    border.width: pending || error !== "" ? Theme.size.outline : Theme.size.border
    border.color: pending ? Theme.color.state.pending
                  : error !== "" ? Theme.color.state.error
                  : lit ? Theme.color.accent : Theme.color.border

    Accessible.role: levels > 0 ? Accessible.Button : Accessible.CheckBox
    Accessible.name: text
    Accessible.checked: lit
    Accessible.description: status.text

    LineIcon {
        id: glyph
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        name: root.icon
        color: root.pending ? Theme.color.state.pending
               : root.lit ? Theme.color.accent : Theme.color.text.secondary
    }
    Row { // the level pips, top right
        visible: root.levels > 0
        anchors.right: parent.right
        anchors.verticalCenter: glyph.verticalCenter
        anchors.rightMargin: Theme.space.m
        spacing: Theme.space.xs
        Repeater {
            model: root.levels
            Rectangle {
                required property int index
                width: Theme.size.pip
                height: Theme.size.pip
                radius: width / 2
                color: !(root.available || root.pending) || index >= root.level ? Theme.color.gauge.track
                       : root.pending ? Theme.color.state.pending : Theme.color.accent
            }
        }
    }
    Column {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        ThemedText {
            width: parent.width
            text: root.text
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.primary
        }
        ActuatorStatus {
            id: status
            width: parent.width
            pending: root.pending
            error: root.error
            idleText: root.stateText
            color: root.pending ? Theme.color.state.pending
                   : root.error !== "" ? Theme.color.state.error
                   : root.lit ? Theme.color.accent : Theme.color.text.secondary
        }
    }
    TapHandler {
        id: tap
        onTapped: root.clicked()
    }
}
