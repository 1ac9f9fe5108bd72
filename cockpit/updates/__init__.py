"""Over-the-air updates: bundles signed with TUF by the maker, verified, installed A/B and rolled back by the car."""
