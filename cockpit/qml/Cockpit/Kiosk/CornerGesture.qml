import QtQuick
import Cockpit.Theme

// The operator's hidden way out: a long press (holdSeconds) in one corner of the window emits
// held(). Nothing is drawn. A short tap passes through to whatever lies underneath.
Item {
    id: root
    property string corner: "top-right"
    property real holdSeconds: 3
    signal held()

    width: Theme.size.touchTarget * 1.5
    height: Theme.size.touchTarget * 1.5
    anchors.left: corner.endsWith("left") ? parent.left : undefined
    anchors.right: corner.endsWith("right") ? parent.right : undefined
    anchors.top: corner.startsWith("top") ? parent.top : undefined
    anchors.bottom: corner.startsWith("bottom") ? parent.bottom : undefined

    TapHandler {
        gesturePolicy: TapHandler.DragThreshold
        longPressThreshold: root.holdSeconds
        onLongPressed: root.held()
    }
}
