import QtQuick
import Cockpit.Theme

// One line of vehicle status: icon, label, and its state in words on the right. `tone` ""
// (normal), "ok", "warning", "danger" or "unknown" colours the icon and the state text.
Rectangle {
    id: root
    property string icon
    property string label
    property string value
    property string tone: ""
    property bool framed: true

    readonly property color toneColor: tone === "danger" ? Theme.color.telltale.danger
                                       : tone === "warning" ? Theme.color.telltale.warning
                                       : tone === "ok" ? Theme.color.telltale.on
                                       : tone === "unknown" ? Theme.color.text.disabled
                                       : Theme.color.text.primary

    implicitWidth: Theme.size.touchTarget * 5
    implicitHeight: Theme.size.touchTarget * 0.875
    radius: Theme.radius.m
    color: framed ? Theme.color.background.surface : Theme.color.none

    Accessible.role: Accessible.StaticText
    Accessible.name: label + ": " + value

    LineIcon {
        id: glyph
        anchors.left: parent.left
        anchors.leftMargin: root.framed ? Theme.space.m : 0
        anchors.verticalCenter: parent.verticalCenter
        name: root.icon
        size: Theme.size.iconSmall
        color: root.tone === "" || root.tone === "ok" ? Theme.color.text.secondary : root.toneColor
    }
    ThemedText {
        anchors.left: glyph.right
        anchors.leftMargin: Theme.space.m
        anchors.right: stateText.left
        anchors.rightMargin: Theme.space.m
        anchors.verticalCenter: parent.verticalCenter
        text: root.label
        color: Theme.color.text.secondary
    }
    ThemedText {
        id: stateText
        anchors.right: parent.right
        anchors.rightMargin: root.framed ? Theme.space.m : 0
        anchors.verticalCenter: parent.verticalCenter
        text: root.value
        font.weight: root.tone === "warning" || root.tone === "danger" ? Theme.font.weight.bold
                                                                        : Theme.font.weight.regular
        color: root.tone === "" ? Theme.color.text.primary : root.toneColor
    }
}
