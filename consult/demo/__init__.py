"""Demo data for trying Consult out."""
