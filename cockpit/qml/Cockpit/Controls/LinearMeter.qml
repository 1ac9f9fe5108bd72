pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// A straight meter: a rounded track with a band filled between the fractions `from` and `to`
// (either order, 0…1), an optional zero mark at `zero` (a fraction; negative: none), and labels
// under the track ({ at: fraction, text: "100" }, the end ones kept inside the track's length).
Item {
    id: root
    property real from: 0
    property real to: 0
    property real zero: -1
    property color fillColor: Theme.color.accent
    property var labels: []

    readonly property real fillStart: Math.max(0, Math.min(1, Math.min(from, to)))
    readonly property real fillEnd: Math.max(0, Math.min(1, Math.max(from, to)))

    implicitWidth: Theme.size.meterLength
    implicitHeight: track.height + Theme.space.s + Theme.font.size.caption * 1.25

    Rectangle {
        id: track
        width: root.width
        height: Theme.size.meterThickness
        radius: height / 2
        color: Theme.color.gauge.track

        Rectangle {
            id: fill
            readonly property real length: track.width * (root.fillEnd - root.fillStart)
            visible: length >= 1
            x: track.width * root.fillStart
            width: length
            height: track.height
            // a short band keeps square ends rather than shrinking into a dot
            radius: Math.min(track.radius, length / 2)
            antialiasing: true
            color: root.fillColor
        }
    }

    Rectangle {
        visible: root.zero >= 0 && root.zero <= 1
        x: track.width * Math.max(0, Math.min(1, root.zero)) - width / 2
        anchors.verticalCenter: track.verticalCenter
        width: Theme.size.border * 2
        height: track.height + Theme.space.m
        radius: width / 2
        color: Theme.color.text.primary
    }

    Repeater {
        model: root.labels
        Text {
            required property var modelData
            x: Math.max(0, Math.min(root.width - width, root.width * modelData.at - width / 2))
            y: track.height + Theme.space.s
            text: modelData.text
            color: Theme.color.text.secondary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.caption
        }
    }
}
