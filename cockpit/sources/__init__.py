"""Signal sources: each writes into a SignalStore and may carry actuator requests back."""
