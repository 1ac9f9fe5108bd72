"""The simulated car: drive cycles, EV dynamics, scenario timelines. No Qt here."""
