"""Analysers: customer side (emotion, hostility, satisfaction, moments), agent side
(traits, commitments, scorecard), and the pipeline that runs them."""

from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS, TRAITS, Analyser, Doc
from servicemind.analyse.pipeline import DEFAULT_COMPONENTS, Pipeline
from servicemind.analyse.registry import get_component, register, registered

__all__ = [
    "DEFAULT_COMPONENTS",
    "EMOTIONS",
    "FINE_EMOTIONS",
    "TRAITS",
    "Analyser",
    "Doc",
    "Pipeline",
    "get_component",
    "register",
    "registered",
]
