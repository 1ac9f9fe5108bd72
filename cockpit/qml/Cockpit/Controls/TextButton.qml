import QtQuick
import Cockpit.Theme

// A button with a line icon and a label, a full touch target high. `tone` "accent" (the main
// action), "danger" (destructive: erase) or "" (plain). Emits clicked() unless not `available`.
Rectangle {
    id: root
    property string text
    property string icon
    property string tone: ""
    property bool available: true
    // why the button may not be used now (a lockout while driving): it looks disabled and, tapped,
    // emits refused(lockedReason) so the screen can say why
    property string lockedReason: ""
    signal clicked()
    signal refused(string why)

    readonly property color ink: !available || lockedReason !== "" ? Theme.color.text.disabled
                                 : tone === "danger" ? Theme.color.state.error
                                 : tone === "accent" ? Theme.color.accent : Theme.color.text.primary

    implicitWidth: Math.max(Theme.size.touchTarget * 2, row.implicitWidth + 2 * Theme.space.l)
    implicitHeight: Theme.size.touchTarget
    radius: Theme.radius.m
    color: tap.pressed && available ? Theme.color.selected : Theme.color.background.raised
    border.width: tone !== "" && available ? Theme.size.outline : Theme.size.border
    border.color: tone === "danger" && available ? Theme.color.state.error
                  : tone === "accent" && available ? Theme.color.accent : Theme.color.border

    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: lockedReason

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.space.s
        LineIcon {
            visible: root.icon !== "" || root.lockedReason !== ""
            anchors.verticalCenter: parent.verticalCenter
            name: root.lockedReason !== "" ? "lock" : root.icon
            size: Theme.size.iconSmall
            color: root.ink
        }
        ThemedText {
            anchors.verticalCenter: parent.verticalCenter
            text: root.text
            font.weight: Theme.font.weight.bold
            color: root.ink
        }
    }
    TapHandler {
        id: tap
        enabled: root.available
        onTapped: root.lockedReason !== "" ? root.refused(root.lockedReason) : root.clicked()
    }
}
