import QtQuick
import Cockpit.Theme

// The speed dial: large digits in the middle, a ring filled up to the speed with a needle at its
// tip, a scale to `maximum`. Not `valid` (missing or stale): "--" and a grey needle at rest,
// never an old number; `notice` says why (e.g. "No vehicle data"). `setSpeedShown` marks the
// cruise-control set speed on the ring and shows it below the unit: in the cruise colour while
// `setSpeedActive` (controlling), in the secondary text colour on standby.
Item {
    id: root
    property real value: 0
    property real maximum: 200
    property bool valid: true
    property string unit: "km/h"
    property real majorStep: 20
    property real minorStep: majorStep / 2
    property real setSpeed: 0
    property bool setSpeedShown: false
    property bool setSpeedActive: true
    property string notice

    readonly property real startAngle: 150
    readonly property real sweep: 240
    readonly property real fraction: valid && maximum > 0 ? Math.max(0, Math.min(1, value / maximum)) : 0
    readonly property real shownFraction: motion.value
    readonly property color setSpeedColor: setSpeedActive ? Theme.color.gauge.cruise : Theme.color.text.secondary
    NeedleMotion {
        id: motion
        target: root.fraction
    }

    function steps(step) {
        const out = [];
        if (step > 0 && maximum > 0)
            for (let v = 0; v <= maximum + step / 1000; v += step)
                out.push(v / maximum);
        return out;
    }

    implicitWidth: Theme.size.gauge
    implicitHeight: Theme.size.gauge

    DialArc {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        to: root.shownFraction
        fillColor: root.valid ? Theme.color.gauge.speed : Theme.color.gauge.stale
    }

    DialScale {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        outerRadius: root.width / 2 - Theme.size.gaugeStroke - Theme.space.s
        minor: root.steps(root.minorStep)
        major: root.steps(root.majorStep)
        labels: root.steps(root.majorStep).map(f => ({ at: f, text: String(Math.round(f * root.maximum)) }))
    }

    // Cruise-control set speed: a notch outside the ring.
    Item {
        anchors.fill: parent
        visible: root.setSpeedShown && root.maximum > 0
        rotation: root.startAngle + root.sweep * Math.max(0, Math.min(1, root.setSpeed / root.maximum)) + 90
        Rectangle {
            x: parent.width / 2 - width / 2
            y: -Theme.space.s
            width: Theme.size.gaugeStroke / 2
            height: Theme.size.gaugeStroke + Theme.space.s
            radius: width / 2
            color: root.setSpeedColor
        }
    }

    Item {
        id: needle
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
        id: digits
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -Theme.space.xl
        // Tighter figures keep three digits clear of the scale; the trailing spacing is not ink.
        anchors.horizontalCenterOffset: -font.letterSpacing / 2
        text: root.valid ? Math.round(root.value) : "--"
        color: root.valid ? Theme.color.text.primary : Theme.color.text.secondary
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.display
        font.weight: Theme.font.weight.light
        font.letterSpacing: -Theme.space.s
    }
    Text {
        id: unitLabel
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: digits.baseline
        anchors.topMargin: Theme.space.m
        visible: !root.notice
        text: root.unit
        color: Theme.color.text.secondary
        font.family: Theme.font.family.ui
        font.pixelSize: Theme.font.size.body
    }
    // Why there is no number, in place of the unit.
    Rectangle {
        anchors.centerIn: unitLabel
        visible: !!root.notice
        width: noticeText.implicitWidth + Theme.space.l * 2
        height: noticeText.implicitHeight + Theme.space.s * 2
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

    // Cruise-control set speed, below the unit.
    Row {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: unitLabel.bottom
        anchors.topMargin: Theme.space.l
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
