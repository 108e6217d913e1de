"""The session journal: SQLite storage, frozen records, streaks and courses, export and import."""
