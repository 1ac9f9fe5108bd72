import QtQuick
import Cockpit.Theme

// A raised panel grouping related content; `padding` insets `content` children from its edge.
Rectangle {
    id: root
    property real padding: Theme.space.l
    default property alias content: inner.data
    // "": no outline; "pending" / "error" draw the actuator states' outline colour
    property string outline: ""

    color: Theme.color.background.surface
    radius: Theme.radius.l
    border.width: outline !== "" ? Theme.size.outline : 0
    border.color: outline === "error" ? Theme.color.state.error : Theme.color.state.pending

    Item {
        id: inner
        anchors.fill: parent
        anchors.margins: root.padding
    }
}
