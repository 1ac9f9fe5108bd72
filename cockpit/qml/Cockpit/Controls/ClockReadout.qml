import QtQuick
import Cockpit.Theme

// The time of day, as the store formats it ("14:32").
Text {
    property string time
    text: time
    color: Theme.color.text.primary
    font.family: Theme.font.family.numeric
    font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
    font.pixelSize: Theme.font.size.body
}
