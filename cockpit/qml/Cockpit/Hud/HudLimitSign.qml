import QtQuick
import Cockpit.Theme

// The speed limit in force as the road sign (a red ring, Vienna Convention C,14), drawn for a HUD:
// light only where the sign has colour — the ring and the figures — and nothing inside, since a
// white disc would glow over the road. The ring's red is the sign's deep red, not the light red the
// HUD keeps for a collision ahead.
Item {
    id: root
    property int limit

    implicitWidth: Theme.size.telltale * 1.4
    implicitHeight: implicitWidth

    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: Theme.color.none
        border.width: width * 0.11  // the sign's proportions: a ring a tenth of its diameter
        border.color: Theme.color.hud.sign
    }
    Text {
        anchors.centerIn: parent
        width: parent.width * 0.62
        horizontalAlignment: Text.AlignHCenter
        text: root.limit
        color: Theme.color.hud.text
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }
        font.pixelSize: Theme.font.size.title
        font.weight: Theme.font.weight.bold
        // three figures (120) get smaller to stay inside the ring, never below a glanceable size
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.font.size.caption
    }
}
