"""Builds the Presidio AnalyzerEngine explicitly and offline.

Never construct the AnalyzerEngine without arguments: that builds a default NLP engine
which downloads en_core_web_lg. We pass an NLP engine that runs no NLP and a registry
holding only our recognizers (plus the policy's custom patterns). The scanner runs
those recognizers through ChunkAnalyzer, which reports what the engine's analyze does.
"""

from __future__ import annotations

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.nlp import EmptyArtifactsNlpEngine
from detectors.recognizers import all_recognizers
from detectors.recognizers._capital_leads import prepare_union
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule
from detectors.settings import CustomPattern, ScanSettings


def build_engine(settings: ScanSettings | None = None) -> AnalyzerEngine:
    """An AnalyzerEngine with our NLP engine and recognizers; loads nothing from the network."""
    settings = settings or ScanSettings()
    recognizers = all_recognizers() + [_custom(p) for p in settings.custom_patterns]
    prepare_union()  # the capital-led gates' one search, built now rather than in a scan
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    nlp_engine = EmptyArtifactsNlpEngine()
    return OwnContextEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        default_score_threshold=0.0,
    )


class OwnContextEngine(AnalyzerEngine):
    """An AnalyzerEngine that leaves context scoring to our recognizers.

    Our recognizers gate and score on context themselves (base.ContextSpec, name rules)
    and none overrides EntityRecognizer.enhance_using_context (a test checks), so
    Presidio's context step cannot change a result. It still costs: it splits the
    results once per recognizer (O(recognizers x results), ~10 ms per 30 KB) and its
    lemma enhancer deep-copies every result. Its only lasting effect is the order:
    results grouped by recognizer, which decides ties in Presidio's de-duplication, so
    that order is kept.
    """

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        rank = {recognizer.id: index for index, recognizer in enumerate(recognizers)}
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        known = [r for r in raw_results if r.recognition_metadata[key] in rank]
        return sorted(known, key=lambda result: rank[result.recognition_metadata[key]])


class ChunkAnalyzer:
    """Runs an engine's recognizers on a chunk and reports what `engine.analyze` reports.

    AnalyzerEngine.analyze picks the recognizers for the requested types, runs them,
    applies our context step (OwnContextEngine), drops results under the threshold and
    de-duplicates (EntityRecognizer.remove_duplicates). The choice of recognizers, and
    their order that decides ties in the de-duplication, are made here once per scanner
    rather than once per chunk, and the de-duplication keys results by a tuple rather
    than by Presidio's hash of a formatted string: ~5% of a 1 MB scan. The result list
    is the same set; its order is not kept (the scanner sorts findings itself). A test
    compares the two on varied text and type selections.
    """

    def __init__(
        self, engine: AnalyzerEngine, entities: list[str] | None, threshold: float
    ) -> None:
        registry = engine.registry.recognizers
        self._recognizers = [
            recognizer
            for recognizer in registry
            if recognizer.supported_language == "en"
            and (entities is None or any(e in recognizer.supported_entities for e in entities))
        ]
        for recognizer in self._recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        self._entities = entities if entities else engine.get_supported_entities("en")
        self._nlp = engine.nlp_engine
        self._threshold = threshold

    def __call__(self, text: str) -> list[RecognizerResult]:
        if not self._recognizers:  # as analyze does, on each call
            raise ValueError("No matching recognizers were found to serve the request.")
        artifacts = self._nlp.process_text(text, "en")
        threshold = self._threshold
        kept = [
            result
            for recognizer in self._recognizers
            for result in recognizer.analyze(text, self._entities, artifacts)
            if result.score >= threshold
        ]
        return remove_duplicates(kept)


def remove_duplicates(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """EntityRecognizer.remove_duplicates, with the same results kept (in another order).

    Equal results (span, type, score) keep the first; a result inside another of its
    type with an equal or higher score goes, as do zero scores. Each result is ranked
    by a tuple (type, start, longest, strongest, position) sorted at C speed.
    """
    keys = sorted(
        [(r.entity_type, r.start, r.start - r.end, -r.score, i) for i, r in enumerate(results)]
    )
    return [results[i] for i in _uncontained(keys)]


def _uncontained(keys: list[tuple[str, int, int, float, int]]) -> list[int]:
    """Positions of the results kept, from their sorted keys (see remove_duplicates).

    Sorted, an equal result follows the first of its kind, and a result can only sit
    inside one of its type kept before it. Results that end before this one starts
    cannot hold it (the test checks that too), so they leave the list of candidates
    now and then rather than at every step.
    """
    kept: list[int] = []
    active: list[tuple[int, int, float]] = []
    kind, last = None, None
    for key in keys:
        if key[:4] == last:
            continue
        last = key[:4]
        entity, start, neg_length, neg_score, index = key
        if entity != kind:
            kind, active = entity, []
        if neg_score == 0:
            continue
        end = start - neg_length
        for outer_start, outer_end, outer_neg_score in active:
            if (
                start <= outer_end
                and outer_start <= start
                and end <= outer_end
                and outer_neg_score <= neg_score
            ):
                break
        else:
            if len(active) > 8:
                active = [other for other in active if other[1] >= start]
            kept.append(index)
            active.append((start, end, neg_score))
    return kept


def _custom(pattern: CustomPattern) -> EntityRecognizer:
    context = ContextSpec(pattern.context, required=True) if pattern.context else None
    return RegexRecognizer(
        entity=pattern.type,
        rules=[Rule(pattern.name, pattern.pattern, pattern.score)],
        name=f"custom:{pattern.name}",
        context=context,
        read_literals=False,
    )
