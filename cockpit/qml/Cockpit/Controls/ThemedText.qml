import QtQuick
import Cockpit.Theme

// Text in the theme's type: body size, primary colour, UI family unless told otherwise.
// Plain text: names, titles and transcripts come from drivers and files, and Qt's default (AutoText)
// would render one starting with a tag ("<i>Bo</i>", "<img src=…>") as markup.
Text {
    textFormat: Text.PlainText
    color: Theme.color.text.primary
    font.family: Theme.font.family.ui
    // tabular figures in every text (Inter's tnum): a number that changes keeps its width, so a
    // distance or a temperature does not jitter, and figures in a column line up
    font.features: { "tnum": 1 }
    font.pixelSize: Theme.font.size.body
    elide: Text.ElideRight
    // a label longer than its box (a translation, a long name) first gets smaller, down to the
    // smallest size a driver can read at a glance, and only then is cut short
    fontSizeMode: Text.HorizontalFit
    minimumPixelSize: Theme.font.size.caption
    verticalAlignment: Text.AlignVCenter
    // a script font with tall glyphs (Arabic) keeps the line height the layouts were drawn for
    lineHeightMode: Theme.script !== "" ? Text.FixedHeight : Text.ProportionalHeight
    lineHeight: Theme.script !== "" ? Math.round(font.pixelSize * 1.2) : 1.0
}
