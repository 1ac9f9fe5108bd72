"""Predictive maintenance on the car: explainable models over the car's own history (no Qt)."""
