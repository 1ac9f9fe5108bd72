import QtQuick
import Cockpit.Theme

// A read-only figure: a label over a value and its unit, optional icon. `value` is already
// formatted text ("--" when the figure is missing); `tone` "warning" / "danger" colours it.
Rectangle {
    id: root
    property string label
    property string value: "--"
    property string unit
    property string icon
    property string tone: ""

    readonly property color toneColor: tone === "danger" ? Theme.color.telltale.danger
                                       : tone === "warning" ? Theme.color.telltale.warning
                                       : Theme.color.text.primary

    implicitWidth: Theme.size.touchTarget * 3
    implicitHeight: Theme.size.touchTarget * 1.5
    radius: Theme.radius.l
    color: Theme.color.background.surface

    Accessible.role: Accessible.StaticText
    Accessible.name: label + " " + value + " " + unit

    LineIcon {
        id: glyph
        visible: root.icon !== ""
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        name: root.icon
        size: Theme.size.iconSmall
        color: root.tone !== "" ? root.toneColor : Theme.color.text.secondary
    }
    ThemedText {
        id: caption
        anchors.left: parent.left
        anchors.right: glyph.visible ? glyph.left : parent.right
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        text: root.label
        font.pixelSize: Theme.font.size.caption
        color: Theme.color.text.secondary
    }
    Row {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        spacing: Theme.space.s
        ThemedText {
            id: figure
            text: root.value
            font.family: Theme.font.family.numeric
            font.pixelSize: Theme.font.size.title
            font.weight: Theme.font.weight.bold
            color: root.value === "--" ? Theme.color.text.disabled : root.toneColor
        }
        ThemedText {
            anchors.baseline: figure.baseline
            visible: root.value !== "--" && root.unit !== ""
            text: root.unit
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
    }
}
