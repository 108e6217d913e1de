"""Handouts: a routine and the therapist's options laid out for paper (text, Markdown, HTML)."""
