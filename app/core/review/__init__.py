"""The office manager's side: read, check and summarise the central folder's records.

The reader and its checks, the review window's tables and panels, exports, follow-up
annotations and the HIPAA audit report. Qt-free; app/ui shows what this computes.
"""
