"""When resiliency and enthusiasm apply, by the guideline (training/guidelines/traits.md).

Resiliency applies where hostility starts by versions 2 and 3: insults and blame in personal
terms, threats, ultimatums with a consequence for the company, rhetorical challenges,
sarcasm at the agent, shouting; not mere frustration, not an insult at a product, not one
word in capitals. Enthusiasm is "na" when the customer's situation asks for a sober tone
(grief, safety, fraud), whatever the reply says. The customer-side ``hostile`` score stays
the narrower reading (insults, threats, abuse): every case here gives it 0.
"""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._context import build_context, shouts

CALM = "I'm sorry about this. Let me check your account right now."


@pytest.mark.parametrize(
    "customer",
    [
        "WHERE IS MY ORDER. I HAVE WAITED THREE WEEKS.",
        "Sort this out by Friday or I cancel my contract.",
        "Fix it or I'm leaving a 1-star review everywhere.",
        "3rd time i'm asking. do you even read these?",
        "Wow, amazing service as always. Third week without internet.",
        "Joke of a company. Five days without broadband.",
        "If this isn't refunded by Friday, our lawyer will be in touch.",
        "I'm taking this to the Ombudsman and to the local paper.",
        "If payment is not received within 7 days we will suspend deliveries.",
        "@AirVelia 3h d'attente pour nos bagages. C'est une honte.",
        "Llevo 3 semanas sin fibra. Sois una vergüenza.",
        "Ihr seid so eine Abzocke, 3 Monate Verlängerung ohne Zustimmung.",
        "volo cancellato, nessuno del personale. vergogna",
        "Já é a quarta vez que escrevo. Vocês são uma vergonha!",
        "weer niks bezorgd terwijl er 'afgeleverd' staat. dit is gewoon diefstal",
    ],
)
def test_resiliency_applies_under_the_guidelines_pressure_forms(customer: str) -> None:
    t = trait(customer, CALM, "resiliency", emotion="angry", hostile=0.0)
    assert t["applicable"] is True


@pytest.mark.parametrize(
    "customer",
    [
        "My order still hasn't arrived and I'm really disappointed.",
        "This app is rubbish, it keeps crashing when I upload.",  # frustration at a thing
        "The parcel arrived AGAIN damaged, can you send another?",  # one word in capitals
        "SSO via SAML fails for our API users since Monday.",  # acronyms, not shouting
        "I wrote NO PEANUTS in the notes and there were peanuts in it.",
        "I've been scammed by someone pretending to be you, I sent them £300.",
        "Can you tell me whether the refund went through?",
    ],
)
def test_resiliency_stays_na_for_look_alikes(customer: str) -> None:
    t = trait(customer, CALM, "resiliency", emotion="disappointed", hostile=0.0)
    assert t["applicable"] is False


def test_resiliency_pressure_earlier_in_the_conversation_still_counts() -> None:
    turns = [
        ("customer", "Fix it by tonight or I'm porting out, I'm sick of you people."),
        ("agent", "Could you send me the account number?"),
        ("customer", "44120"),
        ("agent", CALM),
    ]
    doc = make_doc(turns, [customer_fields("angry"), customer_fields("neutral")])
    TraitsAnalyser(calibrated=False).annotate([doc])
    assert last_agent(doc)["traits"]["resiliency"]["applicable"] is True


def test_pressure_leaves_the_customer_hostile_reading_narrow() -> None:
    block = [("Sort this out by Friday or I cancel my contract.", customer_fields("angry"))]
    ctx = build_context(block, [], [])
    assert ctx.pressure is True
    assert ctx.hostile is False  # customer.hostile (0.0 here) decides that one alone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WHERE IS MY ORDER", True),
        ("this is the 4th time. IT DOESN'T WORK.", True),
        ("YOUR WEBSITE CHARGED ME 3 TIMES", True),
        ("ICH BIN DER ADMIN", True),
        ("it broke AGAIN", False),
        ("SSO SAML API URI", False),
        ("NO PEANUTS SEVERE ALLERGY", False),
        ("Flight LHR JFK on the 9th", False),
    ],
)
def test_shouts_needs_a_run_of_capitals_with_function_words(text: str, expected: bool) -> None:
    assert shouts(text) is expected


CHEERFUL = "Hi there!! 😊 Happy to help, I've sorted it all out for you. Have a great day!!"
SOBER = "I'm very sorry. I've cancelled the card and a colleague will call you today."


@pytest.mark.parametrize(
    "customer",
    [
        "My father died last week and I need to close his account.",
        "Hello, I'd like to close the joint account with my late husband.",
        "yes hello there's a strong smell of gas in my kitchen right now",
        "Hola, tengo un cargo de 89,99 € que no reconozco en mi tarjeta. Estoy muy preocupada.",
        "Power cut since 6am and my mum uses an oxygen concentrator, the battery lasts 5 hours.",
        "I think I was sent to a scammer, I moved £2,000 and now he doesn't answer.",
    ],
)
@pytest.mark.parametrize("reply", [CHEERFUL, SOBER])
def test_enthusiasm_is_na_by_the_customers_situation_not_the_reply(
    customer: str, reply: str
) -> None:
    assert trait(customer, reply, "enthusiasm", emotion="anxious")["applicable"] is False


@pytest.mark.parametrize(
    "customer",
    [
        "I booked the wrong date by accident, can I fix it?",
        "Can you tell me which terminal my flight leaves from?",
        "my prepayment meter is on emergency credit and the top-up isn't showing",
        "My grandad's in hospital for a few weeks and his contract is up, will it auto renew?",
        "Due to a fire at our plant we can't ship your cartons for 3 weeks.",
    ],
)
def test_enthusiasm_stays_applicable_for_look_alikes(customer: str) -> None:
    assert trait(customer, SOBER, "enthusiasm", emotion="anxious")["applicable"] is True


def test_enthusiasm_sober_situation_holds_in_later_turns() -> None:
    turns = [
        ("customer", "My father passed away on Monday. I need to cancel his flight to Rome."),
        ("agent", "I'm so sorry for your loss. Could you send me the booking reference?"),
        ("customer", "It's KX42PL."),
        ("agent", "Thank you. I've cancelled it and the full refund goes back to his card."),
    ]
    doc = make_doc(turns, [customer_fields("disappointed"), customer_fields("neutral")])
    TraitsAnalyser(calibrated=False).annotate([doc])
    assert last_agent(doc)["traits"]["enthusiasm"]["applicable"] is False
