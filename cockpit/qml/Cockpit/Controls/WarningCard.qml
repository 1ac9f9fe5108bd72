import QtQuick
import Cockpit.Theme

// A warning message: the telltale's symbol and the warning in plain words, outlined in the
// telltale's colour role ("danger" red for safety, "warning" amber), so card and telltale agree.
// A card that may be acknowledged says "OK" and emits acknowledged() when tapped; a safety card
// stays while its condition holds. `compact`: a narrow column (the city car's cluster): smaller
// symbol and type, up to three lines, no "OK" (a tap still acknowledges). A control: it knows the
// card's words, not the store.
Rectangle {
    id: root
    property string text
    property string role: "warning"
    property string icon
    property bool canAcknowledge: false
    property bool compact: false
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
        anchors.leftMargin: root.compact ? Theme.space.m : Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        width: root.compact ? Theme.size.icon : Theme.size.telltale
        height: width
        icon: root.icon
        color: root.tone
    }
    ThemedText {
        objectName: "warningText"
        anchors.left: symbol.right
        anchors.leftMargin: Theme.space.m
        anchors.right: ok.visible ? ok.left : parent.right
        anchors.rightMargin: root.compact ? Theme.space.m : Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        text: root.text
        font.pixelSize: root.compact ? Theme.font.size.caption : Theme.font.size.body
        font.weight: Theme.font.weight.bold
        wrapMode: Text.WordWrap
        maximumLineCount: root.compact ? 3 : 2
        elide: Text.ElideRight
    }
    ThemedText {
        id: ok
        anchors.right: parent.right
        anchors.rightMargin: Theme.space.l
        anchors.verticalCenter: parent.verticalCenter
        visible: root.canAcknowledge && !root.compact
        text: qsTr("OK")
        font.pixelSize: Theme.font.size.body
        color: Theme.color.text.secondary
    }
    TapHandler {
        enabled: root.canAcknowledge
        onTapped: root.acknowledged()
    }
}
