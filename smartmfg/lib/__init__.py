"""Generic helpers that know nothing of the programme."""
