pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// Adaptive cruise on the HUD: its symbol and set speed, and under them the time gap as bars (1 to
// 4, the steering wheel's setting). Green while it holds the speed (ISO 2575: a system at work),
// grey while it is on but not holding (standby: the driver braked, or it has not been set).
// Only the bars set are drawn: a HUD shows no empty slots.
Column {
    id: root
    property bool active: false
    property real setSpeed: 0
    property int gapBars: 0  // 0: not known (plain cruise control): no bars

    readonly property color tone: active ? Theme.color.hud.active : Theme.color.hud.secondary

    spacing: Theme.space.s

    Row {
        anchors.right: parent.right
        spacing: Theme.space.s
        TelltaleSymbol {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.size.icon
            height: width
            icon: "cruise"
            color: root.tone
        }
        Text {
            objectName: "hudSetSpeed"
            anchors.verticalCenter: parent.verticalCenter
            text: Math.round(root.setSpeed)
            color: root.tone
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }
            font.pixelSize: Theme.font.size.title
            font.weight: Theme.font.weight.bold
        }
    }
    // The bars recede like the road: the nearest widest, at the bottom.
    Column {
        objectName: "hudGapBars"
        anchors.right: parent.right
        spacing: Theme.space.xs
        visible: root.gapBars > 0
        Repeater {
            model: root.gapBars
            Rectangle {
                required property int index
                readonly property int fromNear: root.gapBars - 1 - index
                anchors.horizontalCenter: parent.horizontalCenter
                width: Theme.size.icon * (1.4 - 0.3 * fromNear)
                height: Theme.space.s
                radius: height / 2
                color: root.tone
            }
        }
    }
}
