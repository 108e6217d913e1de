"""Screening: the questionnaire, the verdict, the saved answers, and the gate before a session."""
