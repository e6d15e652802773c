"""Builds the Presidio AnalyzerEngine explicitly and offline.

Never construct the AnalyzerEngine without arguments: that builds a default NLP engine
which downloads en_core_web_lg. We pass our tokenizer-only engine and a registry holding
only our recognizers (plus the policy's custom patterns).
"""

from __future__ import annotations

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.nlp import TokenizerNlpEngine
from detectors.recognizers import all_recognizers
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule
from detectors.settings import CustomPattern, ScanSettings


def build_engine(settings: ScanSettings | None = None) -> AnalyzerEngine:
    """An AnalyzerEngine with our NLP engine and recognizers; loads nothing from the network."""
    settings = settings or ScanSettings()
    recognizers = all_recognizers() + [_custom(p) for p in settings.custom_patterns]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    nlp_engine = TokenizerNlpEngine()
    nlp_engine.load()
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        default_score_threshold=0.0,
        context_aware_enhancer=OwnContextOnly(),
    )


class OwnContextOnly(ContextAwareEnhancer):
    """Our recognizers gate and score on context themselves (base.ContextSpec, name rules).

    Presidio's lemma enhancer would only deep-copy every result to change nothing,
    which costs about a tenth of the scan time on long texts.
    """

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


def _custom(pattern: CustomPattern) -> EntityRecognizer:
    context = ContextSpec(pattern.context, required=True) if pattern.context else None
    return RegexRecognizer(
        entity=pattern.type,
        rules=[Rule(pattern.name, pattern.pattern, pattern.score)],
        name=f"custom:{pattern.name}",
        context=context,
    )
