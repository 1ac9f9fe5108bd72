"""The offline voice assistant (no Qt inside). Built in its own issue."""
