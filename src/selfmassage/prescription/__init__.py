"""A therapist's prescriptions: a routine made for one patient, kept, printed and put in a calendar."""
