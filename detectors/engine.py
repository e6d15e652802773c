"""Builds the Presidio AnalyzerEngine explicitly and offline.

Never construct the AnalyzerEngine without arguments: that builds a default NLP engine
which downloads en_core_web_lg. We pass an NLP engine that runs no NLP and a registry
holding only our recognizers (plus the policy's custom patterns).
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
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule
from detectors.settings import CustomPattern, ScanSettings


def build_engine(settings: ScanSettings | None = None) -> AnalyzerEngine:
    """An AnalyzerEngine with our NLP engine and recognizers; loads nothing from the network."""
    settings = settings or ScanSettings()
    recognizers = all_recognizers() + [_custom(p) for p in settings.custom_patterns]
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


def _custom(pattern: CustomPattern) -> EntityRecognizer:
    context = ContextSpec(pattern.context, required=True) if pattern.context else None
    return RegexRecognizer(
        entity=pattern.type,
        rules=[Rule(pattern.name, pattern.pattern, pattern.score)],
        name=f"custom:{pattern.name}",
        context=context,
        read_literals=False,
    )
