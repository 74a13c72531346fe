"""The scorecard: one 0..100 ``overall`` per agent reply, and the conversation summary.

``overall`` is the weighted mean of the applicable traits' scores, with weights from a
profile in ``analyse/scorecard.toml`` (default, restaurant, airline, bank, public_office,
it_helpdesk). Non-applicable traits drop out, so a reply is never punished for a trait
the context gave no opportunity for. ``summary.overall`` is the mean of the replies'
overall scores; ``summary.traits`` the mean of each trait over the replies where it applied.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from servicemind.analyse.base import TRAITS, Analyser, Doc
from servicemind.analyse.registry import register
from servicemind.analyse.traits._unsafe import UNSAFE_FLAG
from servicemind.conversation import role_key
from servicemind.errors import ConfigError

__all__ = [
    "BROKEN_FLAG",
    "PROFILES",
    "ScorecardAnalyser",
    "load_profiles",
    "overall_score",
    "profile_name",
]

#: A reply where no trait applied (e.g. "You're welcome!") gets this neutral overall score
#: rather than none: the contract requires an integer (midpoint of 0..100).
NO_APPLICABLE_OVERALL = 50
#: The highest overall of a reply that helps in an unsafe way (flag ``unsafe_compliance``:
#: a password given out, two-factor login switched off, data sent to someone unverified).
#: training/guidelines/traits.md: "overall at most 2, however warm it is"; 2 of the 1..5
#: scale is 40 of 100. Its other traits stay as scored: the cap is on the whole reply.
UNSAFE_OVERALL = 40
#: The highest overall of a reply in a language the customer did not write (flag
#: ``wrong_language``): a customer who cannot read the reply has not been served, however
#: good it is (trial 21a F7: it cost 5 points for a customer, 32 for a supplier). On the
#: train part of the labelled replies the passes give such replies overall 2 (120 of 167)
#: or 3 (35), rarely more; a cap at 3 of 5 (60) agrees best with them (overall Spearman
#: 0.8295 -> 0.8302; caps of 70, 50 and 40: 0.8301, 0.8301, 0.8296).
WRONG_LANGUAGE_OVERALL = 60
#: The caps by flag: a flagged reply's overall is at most the lowest of its flags' caps.
OVERALL_CAPS = {UNSAFE_FLAG: UNSAFE_OVERALL, "wrong_language": WRONG_LANGUAGE_OVERALL}


@cache
def load_profiles() -> dict[str, dict[str, float]]:
    """Every profile's trait weights, read once from ``scorecard.toml``."""
    raw = resources.files("servicemind.analyse").joinpath("scorecard.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    out: dict[str, dict[str, float]] = {}
    for name, spec in data["profiles"].items():
        missing = [t for t in TRAITS if t not in spec]
        if missing:
            raise ConfigError(f"scorecard profile '{name}' lacks weights for {missing}")
        out[name] = {t: float(spec[t]) for t in TRAITS}
    return out


def profile_name(name: str) -> str:
    """The profile ``name`` names, compared as roles, labels and field names are: case
    ignored, spaces, hyphens and underscores alike (``Airline``, ``Public Office`` and
    ``it-helpdesk`` are ``airline``, ``public_office`` and ``it_helpdesk``). A name that
    matches no profile comes back as given, for the caller's error to quote."""
    key = role_key(name).replace("-", "_")  # (the profiles' own names use underscores)
    return key if key in load_profiles() else name


PROFILES: tuple[str, ...] = (
    "default",
    "restaurant",
    "airline",
    "bank",
    "public_office",
    "it_helpdesk",
)


def overall_score(traits: Mapping[str, Mapping[str, Any]], weights: Mapping[str, float]) -> int:
    """0..100: weighted mean of the applicable traits' scores."""
    num = den = 0.0
    for t, w in weights.items():
        d = traits.get(t)
        if not d or not d.get("applicable") or d.get("score") is None:
            continue
        num += w * float(d["score"])
        den += w
    if den == 0:
        return NO_APPLICABLE_OVERALL
    return round(100 * num / den)


#: The flag of a reply whose promise a later turn shows broken (``agent.commitments``
#: status). The reply's scores stay as they are: they judge the reply as written, in the
#: context it had (what the labels judge), and the same reply scores the same whatever
#: happens later; the flag is how the broken promise shows (the report's best replies and
#: the conversation summary leave a flagged reply out of "best").
BROKEN_FLAG = "broken_promise"


@register("scorecard")
class ScorecardAnalyser(Analyser):
    """Weighted overall score per reply and the conversation summary of the agent side.

    Parameters
    ----------
    profile:
        The weight profile (see ``analyse/scorecard.toml`` and docs/scorecard.md).
    """

    version = "2"
    requires = ("agent.traits",)
    assigns = ("agent.overall", "agent.flags", "summary.overall", "summary.traits")

    def __init__(self, profile: str = "default") -> None:
        self.profile = profile_name(profile)  # the standard spelling, as provenance shows it

    def annotate(self, docs: Sequence[Doc]) -> None:
        profiles = load_profiles()
        if self.profile not in profiles:
            raise ConfigError(
                f"unknown scorecard profile '{self.profile}'",
                hint=f"choose one of: {', '.join(sorted(profiles))}",
            )
        weights = profiles[self.profile]
        for doc in docs:
            overalls: list[int] = []
            sums = dict.fromkeys(TRAITS, 0.0)
            counts = dict.fromkeys(TRAITS, 0)
            for _, agent in doc.iter_agent():
                traits = agent.get("traits", {})
                agent["overall"] = overall_score(traits, weights)
                for flag in agent.get("flags", ()):
                    cap = OVERALL_CAPS.get(flag)
                    if cap is not None and agent["overall"] > cap:
                        agent["overall"] = cap
                if any(c.get("status") == "broken" for c in agent.get("commitments", ())):
                    flags = agent.setdefault("flags", [])
                    if BROKEN_FLAG not in flags:
                        flags.append(BROKEN_FLAG)
                overalls.append(agent["overall"])
                for t in TRAITS:
                    d = traits.get(t)
                    if d and d.get("applicable") and d.get("score") is not None:
                        sums[t] += float(d["score"])
                        counts[t] += 1
            summary = doc.out["summary"]
            summary["overall"] = round(sum(overalls) / len(overalls)) if overalls else None
            summary["traits"] = {
                t: (round(sums[t] / counts[t], 3) if counts[t] else None) for t in TRAITS
            }
