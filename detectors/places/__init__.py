"""Place and facility rules (run by detectors/recognizers/locations.py).

`words`: facility words, movement cues, unit acronyms; `facilities`: names before a
facility word; `moves`: places after
movement and residence cues, wards, emergency rooms; `institutions`: saints and
universities; `regions`: regions smaller than a state.
"""
