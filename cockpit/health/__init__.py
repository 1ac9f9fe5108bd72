"""Vehicle health on the car, no Qt: the signal history (history.py, docs/health-history.md) and explainable
predictive-maintenance models over it (models.py, report.py; docs/health-models.md)."""
