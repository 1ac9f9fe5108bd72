pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The cluster's road scene, after Tesla's and Polestar's driver displays: the car from behind and
// above in its lane, the lanes converging to the horizon, the other cars where the sensors put
// them, and colour only where an assistance system speaks — lane keeping on the car's lane lines
// (amber on the side it warns of, a chevron while it steers back), the car adaptive cruise follows
// and the time gap set (green, as the set speed), a collision risk (amber, red and a word), a car
// in the blind spot (amber, red with the indicator toward it).
//
// Drawn to scale through one pinhole camera, level, `cameraBack` metres behind the car's front
// and `cameraHeight` above the road: a point on the road z metres ahead of the camera and x to
// the right is drawn at (centre + focal·x/z, horizon + focal·cameraHeight/z), so a car 40 m ahead
// is where 40 m is, not a symbol at a fixed place. The focal length is fitted so the car's lane is
// `laneFraction` of the scene's width at the car's rear bumper, and the height so that bumper
// stands `bottomMargin` above the scene's bottom: in the 1920 × 720 cluster's dial layout (a
// 648 × 353 scene) 565 px and 5.1 m, 16 m behind — a camera high over a car following. Geometry in metres from the AdasStore; objects glide between its
// 10 Hz updates (linear, over one update's time).
// Nothing is drawn without lane data (`available`): the cluster never shows what it does not know.
Item {
    id: scene
    objectName: "roadScene"
    required property AdasStore adas  // never null: a car without one has no scene
    property bool acc: false  // the car has adaptive cruise (ADAS level 2), not only warnings
    property bool signalLeft: false  // the direction indicators: a car in the blind spot on the
    property bool signalRight: false  // side the driver indicates toward turns its marker red

    clip: true

    // --- the camera and the road -------------------------------------------------------------
    readonly property real laneWidthM: 3.5  // a motorway lane (EU: 3.5–3.75 m)
    readonly property real carLengthM: 4.7  // the simulator's cars (cockpit.sim.traffic.CAR_LENGTH_M)
    readonly property real cameraBack: 16  // m behind the car's front
    property real laneFraction: 0.27
    property real horizonY: Theme.space.l
    property real bottomMargin: Theme.space.s  // below the car's rear bumper
    readonly property real egoRearZ: cameraBack - carLengthM
    readonly property real focal: laneFraction * width * egoRearZ / laneWidthM
    readonly property real cameraHeight: Math.max(0.1, (height - bottomMargin - horizonY) * egoRearZ / Math.max(1, focal))
    // the road drawn from just behind the car (a slab under it, as in Tesla's view: nothing
    // behind the car is shown) to where it meets the horizon, give or take a pixel
    readonly property real nearZ: egoRearZ - 1
    readonly property real farZ: 400

    function groundY(z: real): real { return horizonY + focal * cameraHeight / z; }
    function groundX(x: real, z: real): real { return width / 2 + focal * x / z; }

    // --- what the store says, smoothed between its updates ---------------------------------------
    readonly property bool shown: adas.available
    readonly property int laneCount: shown ? Math.max(1, adas.laneCount) : 1
    readonly property int laneIndex: shown ? Math.max(0, Math.min(laneCount - 1, adas.laneIndex)) : 0
    property real offsetM: shown ? adas.laneOffset : 0
    Behavior on offsetM { NumberAnimation { duration: scene.glide } }
    // an object not seen waits where it would come from (a lead at the radar's range, a
    // neighbour past 80 m), so one appearing glides in rather than jumps from 0 m
    property real leadM: shown && adas.leadDetected ? adas.leadDistance : 250
    Behavior on leadM { NumberAnimation { duration: scene.glide } }
    property real leftM: shown && adas.leftCar ? adas.leftDistance : 80
    Behavior on leftM { NumberAnimation { duration: scene.glide } }
    property real rightM: shown && adas.rightCar ? adas.rightDistance : 80
    Behavior on rightM { NumberAnimation { duration: scene.glide } }
    readonly property int glide: 100  // ms: one update of the store (10 Hz)

    // a lane boundary's x (m, + right of the car): 0 is the road's left edge
    function lineX(boundary: int): real { return (boundary - laneIndex - 0.5) * laneWidthM - offsetM; }

    // --- what the colours mean ----------------------------------------------------------------
    readonly property bool following: acc && shown && adas.accActive && adas.leadDetected
    readonly property string risk: !shown ? "" : adas.aeb || adas.fcw === "urgent" ? "danger" : adas.fcw
    readonly property color leadTone: risk === "danger" ? Theme.color.telltale.danger
        : risk === "warning" ? Theme.color.telltale.warning
        : following ? Theme.color.road.follow : Theme.color.road.car
    function laneLineTone(side: string): color {
        if (adas.ldw === side)
            return Theme.color.telltale.warning;
        return adas.lkaEnabled ? Theme.color.road.lineActive : Theme.color.road.line;
    }

    Item {
        id: road
        anchors.fill: parent
        visible: scene.shown

        // the carriageway, from the left edge line to the right one
        GroundQuad {
            anchors.fill: parent
            focal: scene.focal
            cameraHeight: scene.cameraHeight
            horizonY: scene.horizonY
            xLeft: scene.lineX(0) - 0.3
            xRight: scene.lineX(scene.laneCount) + 0.3
            zNear: scene.nearZ
            zFar: scene.farZ
            color: Theme.color.road.surface
            fade: true
            fadeDepth: (scene.height - scene.horizonY) * 0.5
        }

        // the lane lines: the car's own two wider, in lane keeping's colours
        Repeater {
            model: scene.laneCount + 1
            GroundQuad {
                required property int index
                readonly property bool own: index === scene.laneIndex || index === scene.laneIndex + 1
                readonly property real halfM: own ? 0.1 : 0.06
                anchors.fill: parent
                focal: scene.focal
                cameraHeight: scene.cameraHeight
                horizonY: scene.horizonY
                xLeft: scene.lineX(index) - halfM
                xRight: scene.lineX(index) + halfM
                zNear: scene.nearZ
                zFar: scene.farZ
                color: !own ? Theme.color.road.line
                    : scene.laneLineTone(index === scene.laneIndex ? "left" : "right")
                opacity: own ? 1 : 0.6
                fade: true
                fadeDepth: (scene.height - scene.horizonY) * 0.4
            }
        }

        // the time gap set (1–4 bars) lying on the road ahead of the car, in front of the car it
        // follows; every place drawn, the ones set lit
        GapBars {
            anchors.fill: parent
            visible: scene.acc && (scene.adas.accEnabled || scene.adas.accActive) && scene.adas.gapBars > 0
            focal: scene.focal
            cameraHeight: scene.cameraHeight
            horizonY: scene.horizonY
            cameraBack: scene.cameraBack
            bars: scene.adas.gapBars
            tone: scene.risk === "danger" ? Theme.color.telltale.danger
                : scene.risk === "warning" ? Theme.color.telltale.warning
                : scene.adas.accActive ? Theme.color.road.follow : Theme.color.text.secondary
            // no bar beyond the car ahead: the gap ends at its bumper
            reachM: scene.adas.leadDetected ? scene.leadM : scene.farZ
        }

        // blind spots: a band on the road beside the car, from behind it to its front
        Repeater {
            model: ["left", "right"]
            GroundQuad {
                required property string modelData
                readonly property bool isLeft: modelData === "left"
                readonly property real edge: isLeft ? scene.lineX(scene.laneIndex) : scene.lineX(scene.laneIndex + 1)
                objectName: isLeft ? "blindSpotLeft" : "blindSpotRight"
                anchors.fill: parent
                visible: isLeft ? scene.adas.blindLeft : scene.adas.blindRight
                focal: scene.focal
                cameraHeight: scene.cameraHeight
                horizonY: scene.horizonY
                xLeft: isLeft ? edge - 0.8 : edge + 0.25
                xRight: isLeft ? edge - 0.25 : edge + 0.8
                zNear: scene.nearZ
                zFar: scene.cameraBack + 0.5
                color: (isLeft ? scene.signalLeft : scene.signalRight) ? Theme.color.telltale.danger
                                                                    : Theme.color.telltale.warning
            }
        }

        // the other cars, far to near so the nearer is drawn over the farther
        RoadCar {
            objectName: "leadCar"
            readonly property real zM: scene.cameraBack + scene.leadM
            visible: scene.adas.leadDetected
            pxPerMetre: scene.focal / zM
            groundX: scene.groundX(-scene.offsetM, zM)  // the lane's middle: the radar gives no lateral place
            groundY: scene.groundY(zM)
            tone: scene.leadTone
        }
        Repeater {
            model: ["left", "right"]
            RoadCar {
                required property string modelData
                readonly property bool isLeft: modelData === "left"
                readonly property bool there: isLeft ? scene.adas.leftCar && scene.laneIndex > 0
                                                   : scene.adas.rightCar && scene.laneIndex < scene.laneCount - 1
                readonly property real aheadM: isLeft ? scene.leftM : scene.rightM  // its front, from the car's front
                // a car beside the car or partly behind it is drawn beside it (the camera shows
                // nothing under the car); one wholly behind only while the radar has it in the blind
                // spot, beside the band, where the driver has to look
                readonly property real zM: Math.max(scene.egoRearZ, scene.cameraBack + aheadM - scene.carLengthM)
                objectName: isLeft ? "leftCar" : "rightCar"
                visible: there && (aheadM > -scene.carLengthM || (isLeft ? scene.adas.blindLeft : scene.adas.blindRight))
                pxPerMetre: scene.focal / zM
                groundX: scene.groundX((isLeft ? -1 : 1) * scene.laneWidthM - scene.offsetM, zM)
                groundY: scene.groundY(zM)
            }
        }
    }

    // the car itself, steady in the middle: the road moves around it
    RoadCar {
        id: ego
        objectName: "egoCar"
        visible: scene.shown
        pxPerMetre: scene.focal / scene.egoRearZ
        groundX: scene.width / 2
        groundY: scene.groundY(scene.egoRearZ)
        tone: Theme.color.road.ego
    }
    // lane keeping steering back: a chevron beside the car on the side it drifted to, pointing
    // back into the lane
    SteerHint {
        objectName: "steerHint"
        readonly property bool toLeft: scene.shown && (scene.adas.ldw === "right" || (scene.adas.ldw === "" && scene.adas.laneOffset > 0))
        visible: scene.shown && scene.adas.lkaIntervening
        pointsLeft: toLeft
        size: ego.height * 0.5
        x: toLeft ? ego.x + ego.width + Theme.space.m : ego.x - width - Theme.space.m
        y: ego.y + (ego.height - height) / 2
        color: Theme.color.road.lineActive
    }

    // a collision risk in one word, over the road ahead, while it is urgent or the car brakes
    Rectangle {
        objectName: "collisionWord"
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(0, scene.horizonY - height / 2)
        visible: scene.shown && word.text !== ""
        width: word.implicitWidth + Theme.space.l * 2
        height: word.implicitHeight + Theme.space.s
        radius: height / 2
        color: Theme.color.background.base
        border.width: Theme.size.outline
        border.color: Theme.color.telltale.danger
        Text {
            id: word
            anchors.centerIn: parent
            text: !scene.shown ? "" : scene.adas.aeb ? qsTr("Emergency braking")
                : scene.adas.fcw === "urgent" ? qsTr("Brake!") : ""
            color: Theme.color.telltale.danger
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.title
            font.weight: Theme.font.weight.bold
        }
    }
}
