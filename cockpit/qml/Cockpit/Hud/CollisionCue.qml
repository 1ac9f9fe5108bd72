import QtQuick
import Cockpit.Theme

// A collision ahead, in the driver's line of sight: one red word, as large as the HUD's figures,
// that needs no reading ("Brake!"); urgent, a red band across the top of the picture as well (the
// light bar some cars put under the windscreen); and, once the car brakes by itself, what it is
// doing.
Item {
    id: root
    property string stage  // "warning", "urgent" (AdasStore.fcw)
    property bool braking: false  // emergency braking engaged

    readonly property bool urgent: stage === "urgent" || braking

    Rectangle {
        id: band
        objectName: "hudCollisionBand"
        visible: root.urgent
        width: parent.width
        height: Theme.space.s
        color: Theme.color.hud.danger
    }

    // Placed by their capitals, not their line boxes (taller by the accents and descenders): the
    // word and the line under it share the room between the band and the speed evenly.
    FontMetrics { id: wordMetrics; font: word.font }
    FontMetrics { id: lineMetrics; font: line.font }
    readonly property real wordCaps: wordMetrics.tightBoundingRect("H").height
    readonly property real lineCaps: lineMetrics.tightBoundingRect("H").height
    readonly property real gap: Theme.space.s * 1.5
    readonly property real block: wordCaps + (braking ? gap + lineCaps : 0)
    readonly property real blockTop: (height + band.height - block) / 2

    Text {
        id: word
        anchors.horizontalCenter: parent.horizontalCenter
        y: root.blockTop + root.wordCaps - baselineOffset
        text: qsTr("Brake!")  // the cluster says the same word
        color: Theme.color.hud.danger
        font.family: Theme.font.family.ui
        font.pixelSize: Theme.font.size.hero
        font.weight: Theme.font.weight.bold
    }
    Text {
        id: line
        anchors.horizontalCenter: parent.horizontalCenter
        y: root.blockTop + root.wordCaps + root.gap + root.lineCaps - baselineOffset
        visible: root.braking
        text: qsTr("Emergency braking")
        color: Theme.color.hud.danger
        font.family: Theme.font.family.ui
        font.pixelSize: Theme.font.size.body
        font.weight: Theme.font.weight.bold
    }
}
