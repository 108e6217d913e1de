"""A therapist's prescriptions: a routine made for one patient, kept, printed, in a calendar."""
