"""A tokenizer-only NLP engine for Presidio: fast, offline, no statistical model.

Presidio's default engine loads (and may download) a spaCy model whose NER is slow
(~220 ms per 3 KB here) and poor on clinical text. Our recognizers need tokens and
lower-cased lemmas (for Presidio's context enhancer), which a blank pipeline gives
in about a millisecond per 3 KB.
"""

from __future__ import annotations

from detectors import offline as _offline  # noqa: F401  (must precede presidio)

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language
from spacy.tokens import Doc

_LEMMA_COMPONENT = "pastewarden_lemma_copy"


@Language.component(_LEMMA_COMPONENT)
def _copy_lower_as_lemma(doc: Doc) -> Doc:
    """Blank pipelines have no lemmatizer; context words match on the lower-cased form."""
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class TokenizerNlpEngine(NlpEngine):
    """Presidio NlpEngine backed by spacy.blank('en') plus a lemma-copy component."""

    def __init__(self) -> None:
        self._nlp: Language | None = None

    def load(self) -> None:
        nlp = spacy.blank("en")
        nlp.add_pipe(_LEMMA_COMPONENT)
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
        doc = self.nlp(text)
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lemma_ for token in doc],
            nlp_engine=self,
            language=language,
        )

    def process_batch(  # type: ignore[override]
        self, texts: list[str], language: str, batch_size: int = 1, n_process: int = 1, **kwargs: object
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
