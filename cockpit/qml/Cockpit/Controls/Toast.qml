import QtQuick
import Cockpit.Theme

// A short message at the bottom of the screen (a refused or rolled-back request): shown by
// show(text) (tone "error") or inform(text) (tone "info"), gone after Theme.duration.toast or on tap.
Rectangle {
    id: root
    property string text
    property string tone: "error"

    function show(message: string) {
        tone = "error";
        text = message;
        shown = true;
        timer.restart();
    }
    // The same, for news rather than a failure (a profile applied, settings waiting for P).
    function inform(message: string) {
        show(message);
        tone = "info";
    }
    property bool shown: false

    implicitWidth: Math.min(Theme.size.touchTarget * 10, message.implicitWidth + glyph.width + 3 * Theme.space.l)
    implicitHeight: Math.max(Theme.size.touchTarget, message.implicitHeight + 2 * Theme.space.m)
    radius: Theme.radius.l
    color: Theme.color.background.raised
    border.width: Theme.size.border
    border.color: tone === "error" ? Theme.color.state.error : Theme.color.border
    opacity: shown ? 1 : 0
    visible: opacity > 0

    Behavior on opacity { NumberAnimation { duration: Theme.duration.normal } }

    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    LineIcon {
        id: glyph
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        name: "warning"
        color: root.tone === "error" ? Theme.color.state.error : Theme.color.text.secondary
    }
    ThemedText {
        id: message
        anchors.left: glyph.right
        anchors.leftMargin: Theme.space.m
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        text: root.text
        wrapMode: Text.Wrap
        maximumLineCount: 3
    }
    Timer {
        id: timer
        interval: Theme.duration.toast
        onTriggered: root.shown = false
    }
    TapHandler {
        onTapped: root.shown = false
    }
}
