"""A tokenizer-only NLP engine for Presidio: fast, offline, no statistical model.

Presidio's default engine loads (and may download) a spaCy model whose NER is slow
(~220 ms per 3 KB here) and poor on clinical text. Our recognizers tokenize the raw
text themselves (recognizers/_tokens.py) and score context themselves, and the engine
replaces Presidio's lemma context enhancer (engine.OwnContextOnly). So the artifacts
only need spaCy's tokenizer output: no per-token lemma or index lists, which would
cost more than all the name rules together on long texts.
"""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language


class TokenizerNlpEngine(NlpEngine):
    """Presidio NlpEngine backed by spacy.blank('en'): tokens only, no model."""

    def __init__(self) -> None:
        self._nlp: Language | None = None

    def load(self) -> None:
        nlp = spacy.blank("en")
        nlp.max_length = 2_000_000
        self._nlp = nlp

    def is_loaded(self) -> bool:
        return self._nlp is not None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self.load()
        assert self._nlp is not None
        return self._nlp

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=self.nlp.make_doc(text),
            tokens_indices=[],
            lemmas=[],
            nlp_engine=None,
            language=language,
        )

    def process_batch(  # type: ignore[override]
        self,
        texts: list[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        **kwargs: object,
    ) -> list[tuple[str, NlpArtifacts]]:
        return [(text, self.process_text(text, language)) for text in texts]

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["en"]
