"""Domain rules: identity numbers, MRZ, eligibility, validity and fees. Pure functions."""
