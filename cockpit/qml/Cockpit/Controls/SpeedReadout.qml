import QtQuick
import Cockpit.Theme

// Speed as large digits with the unit below: the dial-less counterpart of Speedometer. Not
// `valid` (missing or stale): "--", never an old number; `notice` says why, in place of the unit.
// `setSpeedShown` shows the cruise-control set speed beside the unit: in the cruise colour while
// `setSpeedActive` (controlling), in the secondary text colour on standby.
Item {
    id: root
    property real value: 0
    property bool valid: true
    property string unit: "km/h"
    property real setSpeed: 0
    property bool setSpeedShown: false
    property bool setSpeedActive: true
    property string notice
    // The width it must fit in (0: any): a narrow column (the city car's cluster) shrinks the whole
    // readout so that a three-digit speed and the set speed beside the unit fit — sized for the
    // widest speed, so it does not change size as the speed passes 100.
    property real fitWidth: 0

    scale: fitWidth > 0 ? Math.min(1, fitWidth / Math.max(widest.advanceWidth, footer.width)) : 1
    transformOrigin: Item.Top

    readonly property color setSpeedColor: setSpeedActive ? Theme.color.gauge.cruise : Theme.color.text.secondary
    // The height of the figures: the item's top is their top, not the font's ascent above them,
    // so that the readout lines up with what is beside it.
    readonly property real figureHeight: metrics.tightBoundingRect("0").height

    implicitWidth: Math.max(digits.implicitWidth, footer.width)
    implicitHeight: footer.y + footer.height

    FontMetrics {
        id: metrics
        font: digits.font
    }
    TextMetrics {
        id: widest
        font: digits.font
        text: "188"  // tabular figures: every three-digit speed is this wide
    }

    Text {
        id: digits
        anchors.horizontalCenter: parent.horizontalCenter
        // Tighter figures read as one number; the trailing spacing is not ink.
        anchors.horizontalCenterOffset: -font.letterSpacing / 2
        y: root.figureHeight - metrics.ascent
        text: root.valid ? Math.round(root.value) : "--"
        color: root.valid ? Theme.color.text.primary : Theme.color.text.secondary
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.display
        // dashes in the bold weight would read as two solid blocks
        font.weight: root.valid ? Theme.font.weight.bold : Theme.font.weight.regular
        font.letterSpacing: -Theme.space.xs
    }

    Item {
        id: footer
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: digits.baseline
        anchors.topMargin: Theme.space.l
        width: Math.max(unitLabel.width, noticeBox.width) + (cruise.visible ? (cruise.width + Theme.space.l) * 2 : 0)
        height: Math.max(unitLabel.height, noticeBox.height)

        Text {
            id: unitLabel
            anchors.centerIn: parent
            visible: !root.notice
            text: root.unit
            color: Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.title
        }
        // Why there is no number, in place of the unit.
        Rectangle {
            id: noticeBox
            anchors.centerIn: parent
            visible: !!root.notice
            width: visible ? noticeText.implicitWidth + Theme.space.l * 2 : 0
            height: visible ? noticeText.implicitHeight + Theme.space.s * 2 : 0
            radius: height / 2
            color: Theme.color.background.raised
            border.color: Theme.color.state.error
            border.width: Theme.size.border
            Text {
                id: noticeText
                anchors.centerIn: parent
                text: root.notice
                color: Theme.color.text.primary
                font.family: Theme.font.family.ui
                font.pixelSize: Theme.font.size.body
            }
        }
        // Cruise-control set speed, right of the unit.
        Row {
            id: cruise
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.space.s
            visible: root.setSpeedShown
            TelltaleSymbol {
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.font.size.title
                height: width
                icon: "cruise"
                color: root.setSpeedColor
            }
            Text {
                text: Math.round(root.setSpeed)
                color: root.setSpeedColor
                font.family: Theme.font.family.numeric
                font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
                font.pixelSize: Theme.font.size.title
            }
        }
    }
}
