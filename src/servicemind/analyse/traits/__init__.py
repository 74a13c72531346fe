"""The eleven service-mindset traits of agent replies: transparent cue-based detectors.

Importing this package registers the ``traits`` analyser. One module per trait family
(``_empathy``, ``_ownership``, ``_fit``, ``_pressure``, ``_politeness``, ``_genuineness``)
over a shared cue engine (``_cues``) and context reader (``_context``).
"""

from servicemind.analyse.traits._analyser import TraitsAnalyser, score_reply
from servicemind.analyse.traits._language import detect_language

__all__ = ["TraitsAnalyser", "detect_language", "score_reply"]
