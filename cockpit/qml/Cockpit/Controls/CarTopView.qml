pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// The car seen from above, front up: open doors swing out, an open hood, frunk or trunk is
// filled, in the "open" colour; a wheel with low pressure is drawn in the warning colour.
// Drawn on a 200 × 440 grid and scaled to fit; when `openingsKnown` is false the body is dimmed.
Item {
    id: root
    property bool frontLeftOpen: false
    property bool frontRightOpen: false
    property bool rearLeftOpen: false
    property bool rearRightOpen: false
    property bool hoodOpen: false
    property bool frunkOpen: false
    property bool trunkOpen: false
    property bool openingsKnown: true
    property bool frontLeftLow: false
    property bool frontRightLow: false
    property bool rearLeftLow: false
    property bool rearRightLow: false

    // where the axles are drawn, in this item's coordinates (to place tire readouts beside them)
    readonly property real frontAxleY: car.y + (car.height - car.height * car.scale) / 2 + 101 * car.scale
    readonly property real rearAxleY: car.y + (car.height - car.height * car.scale) / 2 + 349 * car.scale
    readonly property real carWidth: car.width * car.scale

    readonly property color outline: openingsKnown ? Theme.color.vehicle.outline : Theme.color.gauge.stale
    readonly property color openColor: Theme.color.vehicle.open

    implicitWidth: Theme.size.touchTarget * 3
    implicitHeight: Theme.size.touchTarget * 6

    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Car, seen from above")

    component Wheel: Rectangle {
        property bool low: false
        width: 22
        height: 62
        radius: Theme.radius.s
        color: low ? Theme.color.telltale.warning : Theme.color.vehicle.tire
        border.width: Theme.size.border
        border.color: low ? Theme.color.telltale.warning : root.outline
    }
    component Door: Rectangle {
        property bool open: false
        property bool leftSide: true
        width: 7
        radius: width / 2
        transformOrigin: Item.Top
        rotation: open ? (leftSide ? 38 : -38) : 0
        color: open ? root.openColor : root.outline
    }

    Item {
        id: car
        width: 200
        height: 440
        anchors.centerIn: parent
        scale: Math.min(root.width / width, root.height / height)

        Wheel { x: 3; y: 70; low: root.frontLeftLow }
        Wheel { x: 175; y: 70; low: root.frontRightLow }
        Wheel { x: 3; y: 318; low: root.rearLeftLow }
        Wheel { x: 175; y: 318; low: root.rearRightLow }

        Shape {
            anchors.fill: parent
            antialiasing: true
            ShapePath { // body
                strokeColor: root.outline
                strokeWidth: 2.5
                fillColor: Theme.color.vehicle.body
                joinStyle: ShapePath.RoundJoin
                PathSvg { path: "M60 12 Q100 4 140 12 Q172 20 174 60 L176 380 Q174 422 140 428 Q100 434 60 428 "
                                + "Q26 422 24 380 L26 60 Q28 20 60 12 Z" }
            }
            ShapePath { // mirrors
                strokeColor: root.outline
                strokeWidth: 2.5
                fillColor: Theme.color.vehicle.body
                joinStyle: ShapePath.RoundJoin
                PathSvg { path: "M27 146 L10 140 Q6 150 12 156 L27 158 Z M173 146 L190 140 Q194 150 188 156 L173 158 Z" }
            }
            ShapePath { // hood
                strokeColor: root.hoodOpen ? root.openColor : root.outline
                strokeWidth: 2
                fillColor: root.hoodOpen ? root.openColor : Theme.color.none
                PathSvg { path: "M60 12 Q100 4 140 12 Q172 20 174 60 L175 126 Q100 116 25 126 L26 60 Q28 20 60 12 Z" }
            }
            ShapePath { // frunk, under the hood
                strokeColor: root.frunkOpen ? root.openColor : root.outline
                strokeWidth: 2
                strokeStyle: root.frunkOpen ? ShapePath.SolidLine : ShapePath.DashLine
                fillColor: root.frunkOpen ? root.openColor : Theme.color.none
                PathSvg { path: "M58 36 Q100 30 142 36 L146 100 Q100 94 54 100 Z" }
            }
            ShapePath { // windscreen, glass roof, rear window
                strokeColor: root.outline
                strokeWidth: 2
                fillColor: Theme.color.vehicle.glass
                joinStyle: ShapePath.RoundJoin
                PathSvg { path: "M38 138 Q100 118 162 138 L152 182 Q100 172 48 182 Z "
                                + "M52 192 Q100 186 148 192 L148 296 Q100 302 52 296 Z "
                                + "M50 306 Q100 300 150 306 L158 346 Q100 358 42 346 Z" }
            }
            ShapePath { // trunk lid
                strokeColor: root.trunkOpen ? root.openColor : root.outline
                strokeWidth: 2
                fillColor: root.trunkOpen ? root.openColor : Theme.color.none
                PathSvg { path: "M25 362 Q100 372 175 362 L176 380 Q174 422 140 428 Q100 434 60 428 Q26 422 24 380 Z" }
            }
        }

        Door { x: 21; y: 152; height: 100; open: root.frontLeftOpen }
        Door { x: 172; y: 152; height: 100; open: root.frontRightOpen; leftSide: false }
        Door { x: 21; y: 258; height: 88; open: root.rearLeftOpen }
        Door { x: 172; y: 258; height: 88; open: root.rearRightOpen; leftSide: false }
    }
}
