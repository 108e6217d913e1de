"""The progress report a therapist reads: the figures of a journal, as HTML, PDF or JSON."""
