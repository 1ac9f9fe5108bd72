import QtQuick
import Cockpit.Theme

// Motor power in kW on a straight meter: consumption fills rightwards from the zero mark,
// regeneration (negative power) leftwards in the regen colour; the number above says how much.
// The zero mark sits where the two full scales, `maximum` and `regenMaximum`, meet. Not `valid`:
// "--" and an empty track. The straight counterpart of PowerMeter.
Item {
    id: root
    property real value: 0
    property real maximum: 200
    property real regenMaximum: 80
    property bool valid: true
    property string unit: qsTr("kW")
    property string caption: qsTr("Power")
    property string regenCaption: qsTr("Regen")

    readonly property real span: Math.max(1, maximum + regenMaximum)
    readonly property real zero: regenMaximum / span
    readonly property bool regen: valid && Math.round(value) < 0
    readonly property real fraction: valid ? zero + Math.max(-regenMaximum, Math.min(maximum, value)) / span : zero
    NeedleMotion {
        id: motion
        target: root.fraction
    }

    function mark(kw) {
        return { at: zero + kw / span, text: kw < 0 ? "\u2212" + Math.abs(kw) : String(kw) };
    }

    implicitWidth: Theme.size.meterLength
    implicitHeight: reading.height + Theme.space.m + meter.height

    Item {
        id: reading
        width: root.width
        height: number.height
        Text {
            id: number
            text: !root.valid ? "--" : root.regen ? "\u2212" + Math.round(-root.value) : Math.round(root.value)
            color: !root.valid ? Theme.color.text.secondary : root.regen ? Theme.color.gauge.regen : Theme.color.text.primary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.title
            font.weight: root.valid ? Theme.font.weight.bold : Theme.font.weight.regular
        }
        Text {
            anchors.left: number.right
            anchors.leftMargin: Theme.space.s
            anchors.baseline: number.baseline
            text: root.unit
            color: Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.body
        }
        Text {
            anchors.right: parent.right
            anchors.baseline: number.baseline
            text: root.regen ? root.regenCaption : root.caption
            color: root.regen ? Theme.color.gauge.regen : Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.body
        }
    }

    LinearMeter {
        id: meter
        anchors.top: reading.bottom
        anchors.topMargin: Theme.space.m
        width: root.width
        from: root.zero
        to: motion.value
        zero: root.zero
        fillColor: motion.value < root.zero ? Theme.color.gauge.regen : Theme.color.gauge.consumption
        labels: [root.mark(-root.regenMaximum), root.mark(0), root.mark(root.maximum / 2), root.mark(root.maximum)]
    }
}
