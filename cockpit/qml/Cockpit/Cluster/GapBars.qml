pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// Adaptive cruise's time gap as bars lying across the car's lane just ahead of it, as most cars
// draw it (BMW, Mercedes, VW): four places, the nearest `bars` lit in `tone`, the others as empty
// slots, so the setting reads as a count and the bars never move as it changes. Drawn through the
// road scene's camera (RoadScene's focal, cameraHeight, horizonY, cameraBack); a bar beyond
// `reachM` (the car ahead) is left out.
Item {
    id: root
    property real focal: 1
    property real cameraHeight: 1
    property real horizonY: 0
    property real cameraBack: 0
    property int bars: 0
    property color tone: Theme.color.road.follow
    property real reachM: 1000

    readonly property int slots: 4
    readonly property real firstM: 2  // m ahead of the car's front
    readonly property real pitchM: 2.6
    readonly property real depthM: 1.1
    readonly property real halfWidthM: 0.95  // about the car's half width

    Repeater {
        model: root.slots
        GroundQuad {
            required property int index
            readonly property real startM: root.firstM + index * root.pitchM
            objectName: "gapBar" + index
            anchors.fill: parent
            visible: startM + root.depthM < root.reachM
            focal: root.focal
            cameraHeight: root.cameraHeight
            horizonY: root.horizonY
            xLeft: -root.halfWidthM
            xRight: root.halfWidthM
            zNear: root.cameraBack + startM
            zFar: root.cameraBack + startM + root.depthM
            color: index < root.bars ? root.tone : Theme.color.road.slot
        }
    }
}
