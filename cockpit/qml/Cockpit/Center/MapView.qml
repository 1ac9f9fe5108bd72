pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Cockpit.Theme
import Cockpit.Stores

// The map: tiles of the OpenStreetMap extract drawn once per zoom level and theme (files,
// cockpit/hmi/map_tiles.py) and moved as images; the route line and the car drawn live on top.
// It follows the car, north-up or heading-up, until the driver pans; pinch (or the wheel, or the
// + and - buttons) zooms. Positions are Web Mercator (0..1 across the world).
Item {
    id: map
    required property NavigationStore navigation
    property real zoom: 16.5
    property bool follow: true
    property bool headingUp: false
    // the height of what a page lays over the map's foot (a trip card): the attribution stays above it
    property real bottomInset: 0
    // the point shown at the view's anchor (its middle; lower down in heading-up: more road ahead)
    property real centerX: 0.5
    property real centerY: 0.5
    readonly property real minZoom: 13
    readonly property real maxZoom: 18.9
    readonly property int tileZoom: Math.floor(zoom)
    readonly property real tileScale: Math.pow(2, zoom - tileZoom)
    readonly property real worldPx: 256 * Math.pow(2, tileZoom)
    readonly property real anchorY: headingUp ? height * 0.68 : height / 2
    // the car, eased between position fixes (5 a second) so that it glides rather than hops
    property real carX: navigation.carX
    property real carY: navigation.carY
    property real carHeading: navigation.heading
    Behavior on carX { enabled: map.navigation.hasPosition; NumberAnimation { duration: 200 } }
    Behavior on carY { enabled: map.navigation.hasPosition; NumberAnimation { duration: 200 } }
    Behavior on carHeading { RotationAnimation { duration: 200; direction: RotationAnimation.Shortest } }
    readonly property real rotationDeg: headingUp ? -carHeading : 0

    clip: true

    // when following stops (a pan), the map stays where it was: nothing restored
    Binding { map.centerX: map.carX; when: map.follow && map.navigation.hasPosition; restoreMode: Binding.RestoreNone }
    Binding { map.centerY: map.carY; when: map.follow && map.navigation.hasPosition; restoreMode: Binding.RestoreNone }
    // no position: the map's middle, until the driver pans
    Binding {
        map.centerX: map.navigation.mapCenterX
        when: map.follow && !map.navigation.hasPosition
        restoreMode: Binding.RestoreNone
    }
    Binding {
        map.centerY: map.navigation.mapCenterY
        when: map.follow && !map.navigation.hasPosition
        restoreMode: Binding.RestoreNone
    }

    function setZoom(z: real) { zoom = Math.max(minZoom, Math.min(maxZoom, z)) }

    // tiles in a ring around the anchor, enough for any rotation
    readonly property real reach: Math.hypot(width, height) / tileScale + 256
    readonly property int cols: Math.ceil(reach / 256) + 1
    readonly property real cx: centerX * worldPx
    readonly property real cy: centerY * worldPx
    readonly property int originX: Math.floor((cx - reach / 2) / 256)
    readonly property int originY: Math.floor((cy - reach / 2) / 256)

    Rectangle {  // the land while a tile is still on its way
        anchors.fill: parent
        color: Theme.dark ? Theme.color.background.base : Qt.darker(Theme.color.background.base, 1.05)
    }

    Item {
        id: pivot
        x: map.width / 2
        y: map.anchorY
        scale: map.tileScale
        rotation: map.rotationDeg
        transformOrigin: Item.TopLeft

        Item {
            id: plane
            x: -(map.cx - map.originX * 256)
            y: -(map.cy - map.originY * 256)

            Repeater {
                // each delegate keeps its column and row modulo the grid, so a move of one tile
                // changes the source of one column or row only
                model: map.cols * map.cols
                Image {
                    id: tile
                    objectName: "mapTile"
                    required property int index
                    readonly property int col: index % map.cols
                    readonly property int row: Math.floor(index / map.cols)
                    readonly property int tx: map.originX + ((col - map.originX) % map.cols + map.cols) % map.cols
                    readonly property int ty: map.originY + ((row - map.originY) % map.cols + map.cols) % map.cols
                    x: (tx - map.originX) * 256
                    y: (ty - map.originY) * 256
                    width: 256
                    height: 256
                    asynchronous: true
                    smooth: map.tileScale !== 1 || map.rotationDeg !== 0
                    // a file once drawn (cockpit/hmi/map_tiles.py); asked again as tiles get ready
                    source: map.navigation.ready
                            ? map.navigation.tilesObject.url(Theme.name, map.tileZoom, tx, ty,
                                                             map.navigation.tilesObject.revision)
                            : ""
                }
            }

            Shape {
                id: routeLine
                objectName: "routeLine"
                visible: map.navigation.active
                preferredRendererType: Shape.CurveRenderer
                ShapePath {
                    strokeColor: Theme.color.accent
                    strokeWidth: 9 / map.tileScale
                    fillColor: "transparent"
                    capStyle: ShapePath.RoundCap
                    joinStyle: ShapePath.RoundJoin
                    PathPolyline {
                        path: map.navigation.routePath.map(p => Qt.point(p.x * map.worldPx - map.originX * 256,
                                                                         p.y * map.worldPx - map.originY * 256))
                    }
                }
            }

            Item {  // the car: an arrow pointing where it heads
                id: car
                objectName: "carMarker"
                visible: map.navigation.hasPosition
                x: map.carX * map.worldPx - map.originX * 256
                y: map.carY * map.worldPx - map.originY * 256
                rotation: map.carHeading
                scale: 1 / map.tileScale
                Shape {
                    x: -16
                    y: -18
                    width: 32
                    height: 36
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        strokeColor: Theme.color.background.base
                        strokeWidth: 3
                        fillColor: Theme.color.accent
                        joinStyle: ShapePath.RoundJoin
                        startX: 16; startY: 0
                        PathLine { x: 32; y: 36 }
                        PathLine { x: 16; y: 27 }
                        PathLine { x: 0; y: 36 }
                        PathLine { x: 16; y: 0 }
                    }
                }
            }
        }
    }

    // ----- touch: pan, pinch, wheel ---------------------------------------------------------------
    DragHandler {
        id: drag
        target: null
        property point last: Qt.point(0, 0)
        onActiveChanged: if (active) { last = Qt.point(0, 0); map.follow = false }
        onTranslationChanged: {
            const dx = translation.x - last.x, dy = translation.y - last.y;
            last = translation;
            // a drag on screen, back into the plane: undo the rotation and the scale
            const a = -map.rotationDeg * Math.PI / 180;
            const px = (dx * Math.cos(a) - dy * Math.sin(a)) / map.tileScale;
            const py = (dx * Math.sin(a) + dy * Math.cos(a)) / map.tileScale;
            map.centerX -= px / map.worldPx;
            map.centerY -= py / map.worldPx;
        }
    }
    PinchHandler {
        target: null
        property real startZoom: map.zoom
        onActiveChanged: if (active) startZoom = map.zoom
        onActiveScaleChanged: map.setZoom(startZoom + Math.log2(activeScale))
    }
    WheelHandler {
        target: null
        onWheel: event => map.setZoom(map.zoom + event.angleDelta.y / 480)
    }

    Text {
        objectName: "attribution"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.xs
        anchors.bottomMargin: Theme.space.xs + map.bottomInset
        text: map.navigation.attribution
        color: Theme.color.text.secondary
        font.family: Theme.font.family.ui
        font.pixelSize: Theme.font.size.caption
        style: Text.Outline
        styleColor: Theme.color.background.base
    }
}
