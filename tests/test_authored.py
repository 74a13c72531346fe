"""Quoted history, signatures, disclaimers and help-desk lines are not the author's words.

Trial 19: a rude email reply scored 23 alone and 75 with the customer's email quoted under
it; a customer's "Where is my refund??" read grateful because the agent's cheerful macro was
quoted below it. Analysers read :func:`authored_text`; the output keeps ``text`` and lists
the parts in ``turns[].excluded``.
"""

from __future__ import annotations

import pytest

from servicemind.analyse._authored import authored_text, excluded_parts
from servicemind.api import analyze
from servicemind.conversation import Conversation

REPLY = (
    "Hi Anna,\n\nAs I already said in my last email, you need to read the manual. "
    "Blenders overheat if you run them too long.\n\nTom"
)
CUSTOMER = (
    "Hi, the blender I ordered stopped working after two days. "
    "I have guests this weekend. Can you send a replacement?"
)
QUOTE = (
    "\n> Hi, the blender I ordered stopped working after two days.\n> Can you send a replacement?"
)

WRAPPED = {
    "quoted": REPLY + "\n\nOn Mon 3 Nov 2025 at 09:14, Anna Berg <anna@example.com> wrote:" + QUOTE,
    "quoted-wrapped-header": REPLY
    + "\n\nOn Mon, 3 Nov 2025 at 09:14, Anna Berg\n<anna@example.com> wrote:"
    + QUOTE,
    "quoted-fr": REPLY + "\n\nLe lun. 3 nov. 2025 à 09:14, Anna Berg a écrit :" + QUOTE,
    "quoted-de": REPLY + "\n\nAm 03.11.2025 um 09:14 schrieb Anna Berg <anna@example.com>:" + QUOTE,
    "quoted-es": REPLY + "\n\nEl lun, 3 nov 2025 a las 9:14, Anna Berg escribió:" + QUOTE,
    "outlook": REPLY + "\n\n________________________________\nFrom: Anna Berg <anna@example.com>\n"
    "Sent: Monday, November 3, 2025 9:14 AM\nTo: Support\nSubject: Blender\n\n"
    "It stopped working, this is a joke. Can you send a replacement?",
    "original-message": REPLY
    + "\n\n-----Original Message-----\nFrom: Anna\nSent: 3 November 2025\n\nIt broke.",
    "signature": REPLY + "\n\n-- \nTom Price | Lumio Home\nwww.lumio.example | +44 20 7946 0000",
    "device": REPLY + "\n\nSent from my iPhone",
    "contact-block": REPLY
    + "\nCustomer Service Team\nLumio Haushalt GmbH\nFriedrichstraße 123\n10117 Berlin\n"
    "Tel. +49 30 1234567\nFax +49 30 1234568\nwww.lumio.example",
    "disclaimer": REPLY
    + "\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and "
    "intended solely for the addressee. If you are not the intended recipient, please notify "
    "the sender immediately and delete this e-mail.",
    "zendesk": "##- Please type your reply above this line -##\n\nTicket #5520 updated\n\n"
    "Your request (5520) has been updated. To add additional comments, reply to this email.\n"
    "----------------------------------------------\n\n" + REPLY,
    "footer": REPLY + "\n\n🎄 Black Friday: 30% off everything! Shop now at lumio.example/bf 🎄\n"
    "Follow us on Instagram @lumiohome | Unsubscribe",
}


@pytest.mark.parametrize("name", sorted(WRAPPED))
def test_the_reply_alone_is_what_is_read(name: str) -> None:
    text = WRAPPED[name]
    kept = authored_text(text)
    assert "read the manual" in kept
    for foreign in (
        "Friedrichstraße",
        "+49",
        "Can you send a replacement",
        "Lumio Home",
        "iPhone",
        "recipient",
        "Ticket #5520",
        "Unsubscribe",
    ):
        assert foreign not in kept
    # every offset into what is read is an offset into the text as ingested
    assert all(kept[i] == text[i] for i in range(len(kept)) if not kept[i].isspace())


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, all sorted now.",  # one line: chats and tweets have none of these parts
        "Your flight details:\nFrom: London Heathrow\nTo: Paris CDG\nDeparts 09:40",  # no Sent/Date line
        "On Monday, the engineer wrote:\nthe fault is in the street cabinet.",  # no date: own words
        "I've checked the account.\n--\nthen the next step is the refund, which I've sent today, "
        + "\n".join(f"line {i}" for i in range(20)),  # '--' with a long tail is not a signature
        "The information in this email is correct as of today.\n\nThe information in this "
        "email replaces our letter of May.",  # no legal term: not a disclaimer
        "On Mon 3 Nov 2025 at 09:14, Anna wrote:\n> It broke.",  # all quoted: nothing of its own left
        "Your order ships Monday.\n\nCall us on 0800 123 4567 if you need anything.",
        "I've updated your address to:\n12 Baker Street\nLondon NW1 6XE",  # one contact line
        "First paragraph.\n\nPlease see our privacy policy at the link above for how we use data.",
    ],
)
def test_look_alikes_are_the_authors_own_words(text: str) -> None:
    assert excluded_parts(text) == ()
    assert authored_text(text) == text


def test_interleaved_quote_lines_are_excluded_wherever_they_are() -> None:
    text = "> Where is my order?\nIt left the depot this morning.\n> And the refund?\nSent today."
    parts = excluded_parts(text)
    assert [p.kind for p in parts] == ["quoted", "quoted"]
    assert authored_text(text).split() == [
        "It",
        "left",
        "the",
        "depot",
        "this",
        "morning.",
        "Sent",
        "today.",
    ]


def _scores(reply: str) -> tuple[dict[str, dict[str, object]], list[dict[str, object]]]:
    conv = Conversation.from_turns(
        [{"role": "customer", "text": CUSTOMER}, {"role": "agent", "text": reply}], id="x"
    )
    out = next(iter(analyze([conv])))  # validated against the JSON Schema
    turn = out["turns"][1]
    for ev in (e for t in turn["agent"]["traits"].values() for e in t["evidence"]):
        assert reply[ev["start"] : ev["end"]] == ev["text"]
        for part in turn.get("excluded", []):
            assert ev["end"] <= part["start"] or ev["start"] >= part["end"]
    return turn["agent"]["traits"], turn.get("excluded", [])


@pytest.mark.parametrize("name", ["quoted", "outlook", "signature", "disclaimer", "footer"])
def test_a_wrapped_reply_scores_as_the_reply_alone(name: str) -> None:
    plain, none = _scores(REPLY)
    wrapped, parts = _scores(WRAPPED[name])
    assert none == [] and parts
    assert {t: v["score"] for t, v in wrapped.items()} == {t: v["score"] for t, v in plain.items()}


def test_a_customer_email_is_read_without_the_macro_quoted_under_it() -> None:
    chase = "Where is my refund?? You said 5 days, it's been 12."
    quoted = (
        chase + "\n\nOn Tue 4 Nov 2025, Lumio Care <care@lumio.example> wrote:\n"
        "> Thank you so much for contacting us! We're delighted to help. Great news: your refund "
        "is on its way!"
    )
    labels = []
    for text in (chase, quoted):
        conv = Conversation.from_turns([{"role": "customer", "text": text}], id="c")
        out = next(iter(analyze([conv])))
        labels.append(out["turns"][0]["customer"]["emotion"]["label"])
    assert labels[0] == labels[1] != "grateful"
