"""An issue raised earlier stays open until a customer message closes it (issue 5, trial 20
F11): a statement that closes nothing keeps the traits applicable, a thank-you after the
answer closes in the corpus languages, a thank-you followed by a new complaint does not."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._context import build_context, closes

EARLIER_PROBLEM = [("Our payroll export fails since Monday, 120 staff won't be paid.", {})]


def test_a_statement_that_does_not_close_keeps_the_issue_open() -> None:
    ctx = build_context(
        [("The vendor changed the file format last week, that's all I know.", {})],
        EARLIER_PROBLEM,
        ["Did anything change on your side?"],
    )
    assert ctx.closing is False
    assert ctx.problem is True


@pytest.mark.parametrize(
    ("thanks", "closing"),
    [
        ("Thank you, that fixed the export.", "Understood, thanks."),
        ("Vielen Dank für die schnelle Hilfe.", "Alles klar, danke."),
        ("Dank je wel voor de snelle hulp.", "Helder, dank je."),
        ("Muito obrigado pela ajuda.", "Entendido, obrigado."),
        ("Merci beaucoup pour votre aide.", "Compris, merci."),
    ],
)
def test_a_thanks_after_the_answer_closes_the_earlier_issue(thanks: str, closing: str) -> None:
    ctx = build_context(
        [(closing, {})],
        [*EARLIER_PROBLEM, (thanks, {}), ("One more thing: where do I see the new format?", {})],
        ["I've reverted the format for you.", "It's under Settings > Export."],
    )
    assert ctx.closing is True


def test_a_thanks_without_a_closing_before_it_leaves_the_issue_open() -> None:
    ctx = build_context([("ok thanks", {})], EARLIER_PROBLEM, ["I've raised it with the team."])
    assert ctx.closing is False
    assert ctx.problem is True


def test_a_thanks_followed_by_a_new_complaint_is_not_a_closing() -> None:
    ctx = build_context(
        [
            ("Great, thank you Lee.", {}),
            ("Hello, the export failed again tonight and staff are still unpaid. Fix it.", {}),
        ],
        EARLIER_PROBLEM,
        ["I've restarted the export job."],
    )
    assert ctx.closing is False


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("Vielen Dank für die schnelle Klärung.", True),
        ("dank u wel!", True),
        ("Thanks, but it still fails?", False),
        ("Thanks, the export is still broken.", False),
    ],
)
def test_closes(text: str, closed: bool) -> None:
    assert closes(text) is closed
