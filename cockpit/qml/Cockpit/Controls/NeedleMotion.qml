import QtQuick
import Cockpit.Theme

// Smooths a needle between samples: while `target` streams in (changes closer together than
// `window` ms), `value` follows it over Theme.duration.needle, so a signal sampled at 10 Hz moves
// steadily. A lone change, or a jump of more than `snap` (start-up, data coming back), is taken
// at once: the needle never trails a still value, and a screenshot shows what the digits say.
QtObject {
    id: root
    property real target: 0
    property real value: 0
    property real snap: 0.1
    property real window: Theme.duration.needle * 4

    property double lastChange: 0

    onTargetChanged: {
        const now = Date.now();
        const streaming = now - lastChange < window;
        lastChange = now;
        motion.stop();
        if (!streaming || Math.abs(target - value) > snap) {
            value = target;
        } else {
            motion.to = target;
            motion.start();
        }
    }
    Component.onCompleted: {
        value = target;
        lastChange = 0; // the initial binding is not a sample
    }

    readonly property NumberAnimation motion: NumberAnimation {
        target: root
        property: "value"
        duration: Theme.duration.needle
    }
}
