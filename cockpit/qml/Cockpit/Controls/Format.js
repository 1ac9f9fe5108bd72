.pragma library
// Formatting of values for display. A value that is not valid is shown as "--", never as a
// frozen number.

const missing = "--";

// Numbers are written the way the screens' language does (decimal comma in German and French):
// Qt.uiLanguage is the locale (cockpit/hmi/language_store.py), and reading it here makes every
// binding that formats a number follow a language switch.
function fixed(value, decimals) {
    return Number(value).toLocaleString(Qt.locale(Qt.uiLanguage), "f", decimals || 0);
}

function number(value, valid, decimals) {
    if (!valid || value === null || value === undefined || isNaN(value))
        return missing;
    return fixed(value, decimals);
}

// "+12" / "−8": power and other signed quantities (a real minus sign, not a hyphen)
function signed(value, valid, decimals) {
    if (!valid || value === null || value === undefined || isNaN(value))
        return missing;
    const text = fixed(Math.abs(value), decimals);
    if (Number(Math.abs(value).toFixed(decimals || 0)) === 0)
        return text;
    return (value < 0 ? "\u2212" : "+") + text;
}

function temperatureDecimals(unit) {
    return unit === "\u00b0F" ? 0 : 1;
}

function pressureDecimals(unit) {
    return unit === "bar" ? 1 : 0;
}
