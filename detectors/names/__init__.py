"""Person-name rules without a model (run by detectors/recognizers/names.py).

`words`: the word lists (titles, roles, relations, credentials, stop and clinical
words); `rules`: the shared predicates and the title, role, credential and first/last
rules; the other modules are rules grouped by cue (capitalized runs, contact blocks,
lists, openers, staff, …) and `filters`, which drops candidates that are no person.
"""
