import QtQuick
import Cockpit.Theme

// The speed limit in force as the round European sign (Vienna Convention C14: red ring, white
// disc, black figures), drawn the same in every theme so it is recognised rather than read.
// `over`: the car is faster than the limit — a calm amber ring around the sign (ISA's cue), no
// red and no flashing: the sign is already red, and the driver only has to ease off.
// `limit` 0: no limit known, nothing drawn.
Item {
    id: root
    property int limit: 0
    property bool over: false
    // the sign's diameter, and its figures' size (three figures are narrowed to fit, as on the road)
    property real size: Theme.size.touchTarget
    property real figureSize: Theme.font.size.title

    visible: limit > 0
    implicitWidth: size
    implicitHeight: size

    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Speed limit %1").arg(limit)

    // the amber cue, a band just outside the ring with a gap between (a ring wider than the
    // sign's own would read as a different sign)
    Rectangle {
        objectName: "overLimitCue"
        anchors.centerIn: parent
        visible: root.over
        width: root.size + Theme.space.s * 2 + Theme.size.outline * 2
        height: width
        radius: width / 2
        color: Theme.color.none
        border.width: Theme.size.outline
        border.color: Theme.color.telltale.warning
    }
    Rectangle {
        id: disc
        anchors.fill: parent
        radius: width / 2
        color: Theme.color.sign.face
        // C14's ring is about a tenth of the diameter
        border.width: Math.round(root.size / 10)
        border.color: Theme.color.sign.ring
    }
    Text {
        anchors.centerIn: parent
        width: root.size - disc.border.width * 2 - Theme.space.xs * 2
        horizontalAlignment: Text.AlignHCenter
        text: root.limit
        color: Theme.color.sign.legend
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.weight: Theme.font.weight.bold
        font.pixelSize: root.figureSize
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.font.size.caption
        font.letterSpacing: -Theme.space.xs / 2
    }
}
