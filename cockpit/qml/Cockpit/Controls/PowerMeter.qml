import QtQuick
import Cockpit.Theme

// Motor power in kW: consumption fills clockwise from the zero mark (up and to the right),
// regeneration (negative power) anticlockwise in the regen colour. The zero mark sits where the
// two full scales, `maximum` and `regenMaximum`, meet. Not `valid`: "--" and a grey needle at zero.
Item {
    id: root
    property real value: 0
    property real maximum: 200
    property real regenMaximum: 80
    property bool valid: true
    property string unit: qsTr("kW")
    property real majorStep: 50

    readonly property real startAngle: 150
    readonly property real sweep: 240
    readonly property real span: Math.max(1, maximum + regenMaximum)
    readonly property real zero: regenMaximum / span
    readonly property bool regen: valid && value < 0
    readonly property real fraction: valid ? zero + Math.max(-regenMaximum, Math.min(maximum, value)) / span : zero
    readonly property real shownFraction: motion.value
    NeedleMotion {
        id: motion
        target: root.fraction
    }

    // Fractions of the scale at multiples of `step` kW, both sides of zero.
    function steps(step) {
        const out = [];
        for (let v = -Math.floor(regenMaximum / step) * step; v <= maximum + step / 1000; v += step)
            out.push(zero + v / span);
        return out;
    }
    function label(kw) {
        return { at: zero + kw / span, text: kw < 0 ? "\u2212" + Math.abs(kw) : String(kw) };
    }

    implicitWidth: Theme.size.gaugeSide
    implicitHeight: Theme.size.gaugeSide

    DialArc {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        stroke: Theme.size.gaugeStrokeSide
        from: root.zero
        to: root.shownFraction
        fillColor: !root.valid ? Theme.color.gauge.stale
                               : root.shownFraction < root.zero ? Theme.color.gauge.regen : Theme.color.gauge.consumption
    }

    DialScale {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        outerRadius: root.width / 2 - Theme.size.gaugeStrokeSide - Theme.space.s
        majorLength: Theme.size.gaugeStrokeSide
        minorLength: Theme.size.gaugeStrokeSide / 2
        minor: root.steps(root.majorStep / 2)
        major: [0, 1].concat(root.steps(root.majorStep))
        labels: [root.label(-root.regenMaximum), root.label(0), root.label(root.maximum / 2), root.label(root.maximum)]
    }

    Item {
        anchors.fill: parent
        rotation: root.startAngle + root.sweep * root.shownFraction + 90
        Rectangle {
            x: parent.width / 2 - width / 2
            y: -Theme.space.s
            width: Theme.size.gaugeStroke / 2
            height: Theme.size.gaugeStroke * 3
            radius: width / 2
            antialiasing: true
            color: root.valid ? Theme.color.gauge.needle : Theme.color.gauge.stale
        }
    }

    Text {
        id: number
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -Theme.space.m
        text: !root.valid ? "--" : root.value < 0 ? "\u2212" + Math.round(-root.value) : Math.round(root.value)
        color: !root.valid ? Theme.color.text.secondary : root.regen ? Theme.color.gauge.regen : Theme.color.text.primary
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.title
    }
    Text {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: number.bottom
        text: root.unit
        color: Theme.color.text.secondary
        font.family: Theme.font.family.ui
        font.pixelSize: Theme.font.size.body
    }
}
