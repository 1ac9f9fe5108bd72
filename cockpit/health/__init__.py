"""Vehicle health on the car: signal history, degradation models and predictions (docs/health-history.md)."""
