"""Trains the model (placeholder for the anti-pattern showcase)."""
print("train")
