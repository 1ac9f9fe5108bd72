pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// The vertical navigation rail: one NavButton per entry of `model` ({title, icon}).
Rectangle {
    id: root
    property var model: []
    property int currentIndex: 0
    signal selected(int index)

    implicitWidth: Theme.size.navRail
    color: Theme.color.background.surface

    Column {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.space.s
        Repeater {
            model: root.model
            NavButton {
                required property var modelData
                required property int index
                width: parent.width
                // seven pages on an 800-pixel screen: each a little shorter, still a full touch target
                height: Math.min(implicitHeight, (root.height - (root.model.length - 1) * Theme.space.s)
                                                 / Math.max(1, root.model.length))
                text: modelData.title
                icon: modelData.icon
                checked: index === root.currentIndex
                onClicked: root.selected(index)
            }
        }
    }
    Rectangle { // hairline between rail and content
        anchors.right: parent.right
        width: Theme.size.border / 2
        height: parent.height
        color: Theme.color.border
    }
}
