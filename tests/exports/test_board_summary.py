"""The summary leads with what matters: themes per chapter, then what each group said."""

from __future__ import annotations

import re

from consult.db import utcnow
from consult.disclosure import Count, Hidden, merge_hidden, suppress
from consult.exports import formatting as fmt
from consult.exports.dataset import AnswerRow, ThemeSummary, build_summary, distinct_quotes
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


LETTER = ("Beste gemeente, er zijn te weinig betaalbare woningen voor mensen die uit de "
          "opvang komen. Doe daar iets aan.")


def row(number: int, text: str) -> AnswerRow:
    return AnswerRow(id=number, ref=f"#R1-{number:04d}/V2", submission_ref=f"#R1-{number:04d}",
                     question_id=1, question_number=2, group="Cliënt", municipality="Goes",
                     channel="Webformulier", created_at=utcnow(), quotable=True, text=text,
                     theme_ids=(1,))


def test_near_copies_are_quoted_once_each_quote_with_its_reference():
    rows = [row(58, LETTER), row(59, LETTER.replace("Beste gemeente", "Geachte gemeente")),
            row(60, LETTER), row(61, "Ja."), row(62, "ja. "),
            row(63, "De wachtlijst voor beschermd wonen is veel te lang, al twee jaar."),
            row(64, "Een derde, heel ander verhaal over vervoer naar de dagbesteding.")]
    quotes = distinct_quotes(rows)
    assert [q.ref for q in quotes] == ["#R1-0058/V2", "#R1-0061/V2", "#R1-0063/V2"]
    assert quotes[0].text == LETTER


def test_summary_documents_show_no_quote_twice(app, themed_round):
    round_ = themed_round()
    summary = build_summary(round_, now=utcnow())
    for theme_ in summary.themes:
        texts = [q.text for q in theme_.quotes]
        assert len(texts) == len(set(texts)) and texts
    text = docx_text(export(round_, "docx").data)[0]
    assert text.count("Er zijn te weinig betaalbare woningen voor mensen uit de opvang.") == 1
    assert re.search(r"opvang\. = SOM\(A1\)” \(#R\d+-\d{4}/V1\)", text)
