"""Splits the raw data into training and test sets (placeholder for the anti-pattern showcase)."""
print("prepare")
