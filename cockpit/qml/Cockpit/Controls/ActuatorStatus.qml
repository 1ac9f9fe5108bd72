import QtQuick
import Cockpit.Theme

// The one-line state of an actuator under its value: "Setting…" while a target is pending,
// "Not applied" after a rollback, else `idleText`. Colour is never the only cue.
ThemedText {
    id: root
    property bool pending: false
    property string error
    property string idleText

    text: pending ? qsTr("Setting…") : error !== "" ? qsTr("Not applied") : idleText
    font.pixelSize: Theme.font.size.caption
    color: pending ? Theme.color.state.pending
                   : error !== "" ? Theme.color.state.error : Theme.color.text.secondary
}
