"""The summary leads with what matters: themes per chapter, then what each group said."""

from __future__ import annotations

import re

from consult.db import utcnow
from consult.disclosure import Count, Hidden, merge_hidden, suppress
from consult.exports import formatting as fmt
from consult.exports.dataset import ThemeSummary, build_summary
from tests.exports.test_documents import docx_text, export, pdf_text


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def theme(by_group, size, label="Wonen") -> ThemeSummary:
    return ThemeSummary(id=1, label=label, description="", keywords=(), status="geaccepteerd",
                        chapter="Wonen", size=size, by_group=tuple(by_group),
                        by_municipality=(), quotes=(), exclusion_reason="")


def test_the_summary_opens_with_themes_per_chapter_and_what_each_group_said(
        app, themed_round):
    round_ = themed_round()
    for text in (docx_text(export(round_, "docx").data)[0],
                 pdf_text(export(round_, "pdf").data)):
        text = squash(text)  # PDF text extraction splits words at random
        lead = text[:text.index(squash("Over deze consultatie"))]
        assert squash("In het kort") in lead
        assert squash("Betaalbare woningen (9 antwoorden): Te weinig woningen na de opvang.") \
            in lead
        assert lead.index("Wonen") < lead.index("Betaalbare") < lead.index("Toegang")
        assert squash("Lange wachtlijsten (11 antwoorden)") in lead
        assert squash("Cliënt: vooral Lange wachtlijsten (7 antwoorden).") in lead
        assert squash("Vooral Cliënt; ook andere groepen.") in text  # beside each theme


def test_majority_and_minority_in_words_from_shown_counts_only():
    rule = dict(threshold=5)
    shown = suppress({"Cliënt": 9, "Naaste": 8, "Adviesraad": 6, "Ouder": 0}, **rule)
    words = fmt.theme_voices(theme(sorted(shown.items(), key=lambda i: i[1].rank), 23))
    assert words == "Vooral Cliënt en Naaste; ook Adviesraad."
    hidden = suppress({"Cliënt": 12, "Naaste": 3, "Adviesraad": 6}, **rule)
    pairs = sorted(hidden.items(), key=lambda i: i[1].rank)
    assert fmt.theme_voices(theme(pairs, 21)) == "Vooral Cliënt; ook andere groepen."
    assert "Naaste" not in fmt.theme_voices(theme(pairs, 21))  # a small group is not named
    even = suppress({"Cliënt": 5, "Naaste": 5, "Adviesraad": 5, "Ouder": 5}, **rule)
    assert fmt.theme_voices(theme(even.items(), 20)) == \
        "Vooral Cliënt, Naaste en Adviesraad; ook Ouder."
    assert fmt.theme_voices(theme([("Cliënt", Count(3, 5, Hidden.SMALL))], 3)) == ""


def test_seven_small_groups_become_one_line_whose_value_was_already_known():
    counts = {"Cliënt": 40, **{f"Groep {i}": 2 for i in range(7)}}
    shown = suppress(counts, threshold=5)
    assert sum(c.is_suppressed for c in shown.values()) == 7
    rows = fmt.table_rows(tuple(shown.items()))
    assert rows == [("Cliënt", "40"), ("Overig (" + ", ".join(f"Groep {i}" for i in range(7))
                                       + ")", "14")]
    merged, together = merge_hidden(shown)
    assert together.value == sum(counts.values()) - shown["Cliënt"].value
    assert fmt.table_rows((("Cliënt", shown["Cliënt"]),)) == [("Cliënt", "40")]


def test_group_highlights_name_each_group_s_top_theme(app, themed_round):
    summary = build_summary(themed_round(), now=utcnow())
    lines = fmt.group_highlights(summary)
    assert lines == ["Cliënt: vooral Lange wachtlijsten (7 antwoorden)."]
