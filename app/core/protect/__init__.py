"""Protection at paste time: clipboard and window events in, decisions and incidents out.

The pipeline, the pure decision table, the in-memory clearance, the override-reason
filter, the tray's state and the words the dialog and tray show.
"""
