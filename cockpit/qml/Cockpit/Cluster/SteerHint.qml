import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// Lane keeping steering the car back: a chevron pointing the way it steers.
Shape {
    id: hint
    property bool pointsLeft: true
    property real size: Theme.size.icon
    property color color: Theme.color.road.lineActive

    width: size * 0.5
    height: size
    preferredRendererType: Shape.CurveRenderer
    ShapePath {
        strokeColor: hint.color
        strokeWidth: Math.max(2, hint.size / 7)
        fillColor: Theme.color.none
        capStyle: ShapePath.RoundCap
        joinStyle: ShapePath.RoundJoin
        PathPolyline {
            readonly property real inset: hint.size / 12
            path: hint.pointsLeft
                ? [Qt.point(hint.width - inset, inset), Qt.point(inset, hint.height / 2), Qt.point(hint.width - inset, hint.height - inset)]
                : [Qt.point(inset, inset), Qt.point(hint.width - inset, hint.height / 2), Qt.point(inset, hint.height - inset)]
        }
    }
}
