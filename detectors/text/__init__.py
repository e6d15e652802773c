"""Text machinery shared by the token-based recognizers (names, places).

`tokens`: word tokens with case shape and line mode, tokenized once per chunk and
shared; `token_facts`: what the tokenizer knows of each distinct word and gap;
`lexicon`: census names, Moby first names, GeoNames places and English word
frequencies; `candidates`: token-range candidates and their merging; `common_words`:
stop words, clinical shorthand and endings that no name or place has.
"""
