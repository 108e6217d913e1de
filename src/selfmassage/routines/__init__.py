"""Routines: the model, strict loading of routine files, the catalog, and the user's own routines."""
