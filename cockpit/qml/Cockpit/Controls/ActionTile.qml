import QtQuick
import Cockpit.Theme

// A large tappable tile: icon, title, and a one-line summary (a shortcut on the home page, a
// theme to pick in settings). `checked` marks the current choice; `tone` "warning" colours the
// summary. Emits clicked().
Rectangle {
    id: root
    property string icon
    property string title
    property string subtitle
    property bool checked: false
    property string tone: ""
    property bool onSurface: false // on a card: drawn one step raised so it stands out
    signal clicked()

    implicitWidth: Theme.size.touchTarget * 3
    implicitHeight: Theme.size.touchTarget * 1.5
    radius: Theme.radius.l
    color: checked ? Theme.color.selected
           : tap.pressed || onSurface ? Theme.color.background.raised : Theme.color.background.surface
    border.width: checked ? Theme.size.outline : 0
    border.color: Theme.color.accent

    Accessible.role: Accessible.Button
    Accessible.name: title
    Accessible.description: subtitle
    Accessible.checked: checked

    LineIcon {
        id: glyph
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        name: root.icon
        color: root.checked ? Theme.color.accent : Theme.color.text.secondary
    }
    LineIcon {
        visible: root.checked
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        name: "check"
        size: Theme.size.iconSmall
        color: Theme.color.accent
    }
    Column {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        anchors.bottomMargin: Theme.space.s  // room for a script with tall letters (Arabic) under the icon
        ThemedText {
            width: parent.width
            text: root.title
            font.weight: Theme.font.weight.bold
        }
        ThemedText {
            width: parent.width
            text: root.subtitle
            font.pixelSize: Theme.font.size.caption
            color: root.tone === "warning" ? Theme.color.telltale.warning : Theme.color.text.secondary
        }
    }
    TapHandler {
        id: tap
        onTapped: root.clicked()
    }
}
