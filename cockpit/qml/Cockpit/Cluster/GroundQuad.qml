import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// A rectangle lying on the road, drawn through the road scene's camera: from `xLeft` to `xRight`
// metres (+ right of the car's centre line), `zNear` to `zFar` metres ahead of the camera. `fade`:
// it dissolves toward the horizon, as a road does in haze, and softly at its near end (lane lines
// and the carriageway: the road is a slab under the car, not a cut-out).
Shape {
    id: quad
    // the camera (RoadScene): focal length in px, height in m, horizon and centre in px
    property real focal: 1
    property real cameraHeight: 1
    property real horizonY: 0
    property real centreX: width / 2
    property real xLeft: 0
    property real xRight: 0
    property real zNear: 1
    property real zFar: 2
    property color color: Theme.color.road.line
    property bool fade: false
    property real fadeDepth: 1  // px below the horizon over which it fades in
    readonly property real nearY: at(0, zNear).y

    function at(x: real, z: real): point {
        return Qt.point(centreX + focal * x / z, horizonY + focal * cameraHeight / z);
    }

    preferredRendererType: Shape.CurveRenderer  // antialiased edges without multisampling
    ShapePath {
        strokeWidth: -1
        strokeColor: Theme.color.none
        fillColor: quad.color
        fillGradient: quad.fade ? haze : null
        PathPolyline {
            path: [quad.at(quad.xLeft, quad.zNear), quad.at(quad.xRight, quad.zNear),
                   quad.at(quad.xRight, quad.zFar), quad.at(quad.xLeft, quad.zFar)]
        }
    }
    LinearGradient {
        id: haze
        x1: 0
        y1: quad.horizonY
        x2: 0
        y2: quad.nearY
        GradientStop { position: 0; color: Qt.alpha(quad.color, 0) }
        GradientStop { position: Math.min(0.8, quad.fadeDepth / Math.max(1, quad.nearY - quad.horizonY)); color: quad.color }
        GradientStop { position: 0.9; color: quad.color }
        GradientStop { position: 1; color: Qt.alpha(quad.color, 0.2) }
    }
}
