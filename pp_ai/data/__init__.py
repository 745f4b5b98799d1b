"""Data access for pp_api's tables: one generic repository over the generated models."""
