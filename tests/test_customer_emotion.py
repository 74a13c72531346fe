"""Emotion analyser: hand-written support messages, output shape and contract."""

from __future__ import annotations

import jsonschema
import pytest

from _customer_helpers import CUSTOMER_PATH, doc, schema_fragment
from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS
from servicemind.analyse.pipeline import Pipeline
from servicemind.analyse.registry import get_component


def _emotion(text: str) -> dict[str, object]:
    d = doc(("customer", text))
    get_component("emotion")().annotate([d])
    out = d.out["turns"][0]["customer"]["emotion"]
    assert isinstance(out, dict)
    return out


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Thank you so much, you saved my day", "grateful"),
        ("This is the third time I'm asking, are you kidding me?", "angry"),
        ("I don't understand what this charge is", "confused"),
        ("my flight leaves in 2 hours and I still have no ticket", "anxious"),
        ("I'm terrified someone stole my identity, please help", "anxious"),
        ("Great, another delay. Well done.", "angry"),
        ("oh wonderful, the third time", "angry"),
        ("Brilliant, you charged me twice", "angry"),
        ("What does 'pending authorisation' mean?", "confused"),
        ("I'm confused, the app says paid but the email says overdue", "confused"),
        ("Which plan am I on? No idea what the difference is", "confused"),
        ("The package finally arrived today, thanks for your help!", "grateful"),
        ("I'd like to update the email address on my account", "neutral"),
        # trial 18: a thank-you that a contrast and a problem follow is not gratitude
        ("Thanks, but it still does not work. I have tried everything you said twice.", "angry"),
        ("Oh wonderful, my package is 'delivered' but it's not here. Love that for me.", "angry"),
        ("Great service as always 🙄", "angry"),
    ],
)
def test_emotion_labels_hand_written_support_messages(text: str, label: str) -> None:
    assert _emotion(text)["label"] == label


def test_emotion_output_is_complete_and_calibrated_shape() -> None:
    e = _emotion("Why was I charged twice??? This is ridiculous")
    scores = e["scores"]
    fine = e["fine"]
    assert isinstance(scores, dict) and isinstance(fine, dict)
    assert list(scores) == list(EMOTIONS)
    assert list(fine) == list(FINE_EMOTIONS)
    assert abs(sum(scores.values()) - 1.0) < 1e-3
    assert all(0.0 <= v <= 1.0 for v in fine.values())
    labels = e["fine_labels"]
    assert isinstance(labels, list)
    assert set(labels) <= set(FINE_EMOTIONS)
    assert [fine[x] for x in labels] == sorted((fine[x] for x in labels), reverse=True)


def test_emotion_writes_only_customer_side_turns_and_cues() -> None:
    d = doc(("customer", "WHERE IS MY REFUND!!!"), ("agent", "Sorry, let me check."))
    get_component("emotion")().annotate([d])
    assert "emotion" in d.out["turns"][0]["customer"]
    assert "customer" not in d.out["turns"][1]
    assert {c["cue"] for c in d.out["turns"][0]["customer"]["emotion"]["cues"]} >= {
        "repeated punctuation",
        "shouting (ALL CAPS)",
    }


def test_emotion_batch_equals_one_by_one() -> None:
    texts = ["thanks a lot!", "where is my order", "I'm so confused by this bill"]
    batch = doc(*[("customer", t) for t in texts])
    get_component("emotion")().annotate([batch])
    for i, t in enumerate(texts):
        assert batch.out["turns"][i]["customer"]["emotion"] == _emotion(t)


def test_emotion_customer_fields_validate_against_the_contract() -> None:
    d = doc(
        ("customer", "@AcmeHelp my order #A12345 is late again 😡"),
        ("agent", "I'm sorry to hear that, let me look into it."),
        ("customer", ""),
        ("customer", "ok thank you so much, you're a star"),
    )
    pipe = Pipeline(components=["emotion", "hostility", "satisfaction", "moments"])
    pipe.annotate([d])
    validator = jsonschema.Draft202012Validator(schema_fragment(*CUSTOMER_PATH))
    for t in d.out["turns"]:
        if t["side"] == "customer":
            validator.validate(t["customer"])


def test_emotion_applies_to_the_asking_colleague() -> None:
    d = doc(
        ("colleague", "Thanks a lot for covering my shift, you saved me"),
        ("supplier", "No problem, happy to help."),
    )
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    asker, answerer = d.out["turns"]
    assert asker["customer"]["emotion"]["label"] == "grateful"
    assert "customer" not in answerer
    assert d.out["summary"]["satisfaction"] is not None


_LITERAL_PRAISE = {"admiration", "approval", "excitement", "gratitude", "joy", "love"}


@pytest.mark.parametrize(
    "text",
    [
        "Great, another delay.",
        "oh wonderful, the third time",
        "Perfect, my order is still missing",
        "Brilliant, you charged me twice",
        "I just love waiting on hold for an hour.",
        "Oh wonderful, my package is 'delivered' but it's not here. Love that for me.",
        "Great service as always 🙄",
    ],
)
def test_emotion_fine_labels_read_sarcastic_praise_as_annoyance(text: str) -> None:
    e = _emotion(text)
    labels = e["fine_labels"]
    fine = e["fine"]
    assert isinstance(labels, list) and isinstance(fine, dict)
    assert "annoyance" in labels
    assert not _LITERAL_PRAISE & set(labels)
    assert fine["annoyance"] > max(fine[x] for x in _LITERAL_PRAISE)


def test_emotion_fine_labels_keep_sincere_praise() -> None:
    e = _emotion("Great, thanks, that fixed it!")
    labels = e["fine_labels"]
    assert isinstance(labels, list)
    assert "gratitude" in labels
    assert "annoyance" not in labels


def test_emotion_thanks_then_contrast_is_not_grateful_and_says_why() -> None:
    text = "Thanks, but it still does not work. I have tried everything you said twice."
    e = _emotion(text)
    scores = e["scores"]
    assert isinstance(scores, dict)
    assert e["label"] != "grateful"
    assert scores["grateful"] < 0.2
    cues = e["cues"]
    assert isinstance(cues, list)
    assert any(c["text"] == "Thanks, but" for c in cues)
    # the same thanks without the contrast stays grateful
    assert _emotion("Thanks, it works now.")["label"] == "grateful"
