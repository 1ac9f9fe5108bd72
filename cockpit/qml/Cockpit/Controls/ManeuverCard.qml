import QtQuick
import Cockpit.Theme

// The next maneuver at a glance: its arrow, the distance to it (large) and the street (below).
// The same card on the center screen's map and in the cluster; the HUD draws its own, bolder.
SurfaceCard {
    id: card
    property string maneuver: ""  // depart, turn-left, slight-right, roundabout, arrive, ... (guidance.py)
    property string distance: ""
    property string unit: ""
    property string street: ""
    property int roundaboutExit: 0
    property real iconSize: Theme.size.icon * 2.2

    padding: Theme.space.m
    implicitWidth: Theme.size.touchTarget * 6
    implicitHeight: iconSize + 2 * padding

    LineIcon {
        id: arrow
        objectName: "maneuverIcon"
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        size: card.iconSize
        color: Theme.color.accent
        name: "maneuver-" + card.maneuver
    }
    Column {
        anchors.left: arrow.right
        anchors.leftMargin: Theme.space.m
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        ThemedText {
            objectName: "maneuverDistance"
            width: parent.width
            text: card.maneuver === "arrive" && card.distance === "" ? qsTr("Arriving") : card.distance + " " + card.unit
            font.pixelSize: Theme.font.size.title
            font.weight: Font.DemiBold
            font.family: Theme.font.family.numeric
        }
        ThemedText {
            objectName: "maneuverStreet"
            width: parent.width
            readonly property string road: card.street !== "" ? card.street
                                            : card.maneuver === "arrive" ? qsTr("Destination") : qsTr("the road")
            // a roundabout: which exit, before the street it leads to
            text: card.maneuver === "roundabout" && card.roundaboutExit > 0
                  ? qsTr("Exit %1 · %2").arg(card.roundaboutExit).arg(road) : road
            color: Theme.color.text.secondary
        }
    }
}
