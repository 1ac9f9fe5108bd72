"""Navigation on OpenStreetMap data (issue 14): the road graph of an extract and routes over it. No Qt here."""
