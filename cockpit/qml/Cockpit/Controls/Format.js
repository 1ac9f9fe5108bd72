.pragma library
// Formatting of values for display. A value that is not valid is shown as "--", never as a
// frozen number.

const missing = "--";

function number(value, valid, decimals) {
    if (!valid || value === null || value === undefined || isNaN(value))
        return missing;
    return Number(value).toFixed(decimals || 0);
}

// "+12" / "−8": power and other signed quantities (a real minus sign, not a hyphen)
function signed(value, valid, decimals) {
    if (!valid || value === null || value === undefined || isNaN(value))
        return missing;
    const text = Math.abs(value).toFixed(decimals || 0);
    if (Number(text) === 0)
        return text;
    return (value < 0 ? "\u2212" : "+") + text;
}

function temperatureDecimals(unit) {
    return unit === "\u00b0F" ? 0 : 1;
}

function pressureDecimals(unit) {
    return unit === "bar" ? 1 : 0;
}
