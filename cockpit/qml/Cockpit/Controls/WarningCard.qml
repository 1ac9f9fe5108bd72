import QtQuick
import Cockpit.Theme

// A warning message: the telltale's symbol and the warning in plain words, outlined in the
// telltale's colour role ("danger" red for safety, "warning" amber), so card and telltale agree.
// A card that may be acknowledged says "OK" and emits acknowledged() when tapped; a safety card
// stays while its condition holds. A control: it knows the card's words, not the store.
Rectangle {
    id: root
    property string text
    property string role: "warning"
    property string icon
    property bool canAcknowledge: false
    signal acknowledged()

    readonly property color tone: Theme.color.telltale[root.role] ?? Theme.color.telltale.warning

    implicitWidth: Theme.size.touchTarget * 9
    implicitHeight: Theme.size.touchTarget * 1.1
    radius: Theme.radius.l
    color: Theme.color.background.surface
    border.width: Theme.size.outline
    border.color: root.tone

    Accessible.role: Accessible.AlertMessage
    Accessible.name: root.text

    TelltaleSymbol {
        id: symbol
        anchors.left: parent.left
        anchors.leftMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        width: Theme.size.telltale
        height: Theme.size.telltale
        icon: root.icon
        color: root.tone
    }
    ThemedText {
        objectName: "warningText"
        anchors.left: symbol.right
        anchors.leftMargin: Theme.space.m
        anchors.right: ok.visible ? ok.left : parent.right
        anchors.rightMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        text: root.text
        font.pixelSize: Theme.font.size.body
        font.weight: Theme.font.weight.bold
        wrapMode: Text.WordWrap
        maximumLineCount: 2
    }
    ThemedText {
        id: ok
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        visible: root.canAcknowledge
        text: qsTr("OK")
        font.pixelSize: Theme.font.size.body
        color: Theme.color.text.secondary
    }
    TapHandler {
        enabled: root.canAcknowledge
        onTapped: root.acknowledged()
    }
}
