"""MIR indicators (PAT) computed from live data."""
