import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// The ring of a dial: a track over `sweep` degrees from `startAngle` (0° = 3 o'clock, clockwise)
// and a band filled between the fractions `from` and `to` of the sweep (either order, 0…1).
Shape {
    id: root
    property real startAngle: 150
    property real sweep: 240
    property real from: 0
    property real to: 0
    property real stroke: Theme.size.gaugeStroke
    property color trackColor: Theme.color.gauge.track
    property color fillColor: Theme.color.gauge.speed

    readonly property real radius: (Math.min(width, height) - stroke) / 2
    readonly property real fillStart: Math.max(0, Math.min(1, Math.min(from, to)))
    readonly property real fillEnd: Math.max(0, Math.min(1, Math.max(from, to)))

    antialiasing: true

    ShapePath {
        strokeColor: root.trackColor
        strokeWidth: root.stroke
        fillColor: Theme.color.none
        capStyle: ShapePath.FlatCap
        PathAngleArc {
            centerX: root.width / 2
            centerY: root.height / 2
            radiusX: root.radius
            radiusY: root.radius
            startAngle: root.startAngle
            sweepAngle: root.sweep
        }
    }
    ShapePath {
        strokeColor: root.fillColor
        strokeWidth: root.fillEnd > root.fillStart ? root.stroke : -1
        fillColor: Theme.color.none
        capStyle: ShapePath.FlatCap
        PathAngleArc {
            centerX: root.width / 2
            centerY: root.height / 2
            radiusX: root.radius
            radiusY: root.radius
            startAngle: root.startAngle + root.sweep * root.fillStart
            sweepAngle: root.sweep * (root.fillEnd - root.fillStart)
        }
    }
}
