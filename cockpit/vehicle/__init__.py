"""The vehicle-signal model: catalogue, SignalStore and display units. No Qt here."""
