"""Writes evaluation.json with the model's metrics (placeholder for the anti-pattern showcase)."""
print("evaluate")
