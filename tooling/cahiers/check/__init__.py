"""Check: pure rules over the model (schema-level references here; review rules alongside)."""
