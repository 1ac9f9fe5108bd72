"""CAN: DBC decoding, the DBC-to-VSS mapping file, and frame encoding for the simulated car. No Qt here."""
