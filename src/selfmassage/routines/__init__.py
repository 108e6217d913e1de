"""Routines: the model, strict loading of routine files, the catalog, the user's own."""
