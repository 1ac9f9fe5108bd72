pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// A car of the road scene seen from behind and a little above: body, rear window, tail lights.
// Placed by the scene's projection: `pxPerMetre` at its rear bumper's distance, standing on that
// bumper's ground point (`groundX`, `groundY`). `tone`: the body's colour (the scene says what it
// means: the car itself, another car, the car cruise follows, a collision risk).
Item {
    id: car
    property real pxPerMetre: 1
    property real groundX: 0
    property real groundY: 0
    property color tone: Theme.color.road.car

    readonly property real widthM: 1.85  // a mid-size car's width, mirrors folded
    width: widthM * pxPerMetre
    // the rear (about 1.45 m high) and a sliver of roof beyond it, as a camera a few metres above
    // sees them
    height: width * 0.8
    x: groundX - width / 2
    y: groundY - height

    Rectangle {
        anchors.fill: parent
        radius: car.width * 0.2
        color: car.tone
    }
    Rectangle {
        x: car.width * 0.15
        y: car.height * 0.12
        width: car.width * 0.7
        height: car.height * 0.3
        radius: car.width * 0.08
        color: Theme.color.road.glass
    }
    Repeater {
        model: 2
        Rectangle {
            required property int index
            x: index === 0 ? car.width * 0.07 : car.width * 0.73
            y: car.height * 0.55
            width: car.width * 0.2
            height: Math.max(2, car.height * 0.09)
            radius: height / 2
            color: Theme.color.road.taillight
        }
    }
}
