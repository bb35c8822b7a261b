"""Full-text search over redacted answers: SQLite FTS5 or PostgreSQL 'dutch'. No Flask.

Only ``answers.text`` (the redacted text) is indexed; ``raw_text`` never is. The index
itself is made by a migration (migrations/versions/313ccfae1f43_search_index.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlalchemy.engine import Connection

MARK_START, MARK_END = "\x02", "\x03"  # never typed by people; checked per answer anyway
MAX_TERMS = 12
MAX_TERM_LENGTH = 60
_TERM = re.compile(r"[^\W_]+")  # letters and digits only: nothing FTS5 could parse as syntax


@dataclass(frozen=True)
class RankedAnswer:
    answer_id: int
    marked: Markup  # escaped answer text with <mark> around the matches


def query_terms(raw: str) -> list[str]:
    """The words of a user's query, lower-cased; syntax characters and emoji are dropped."""
    terms = [t.casefold()[:MAX_TERM_LENGTH] for t in _TERM.findall(raw or "")]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def fts5_query(terms: list[str]) -> str:
    """An FTS5 query matching every term as a quoted prefix ("woning"* finds woningen)."""
    return " ".join(f'"{term}"*' for term in terms)


def search_answers(
    conn: Connection, terms: list[str], *, round_id: int, question_id: int | None,
    limit: int, offset: int,
) -> tuple[int, list[RankedAnswer]]:
    """Count and rank the live answers of a round that contain every term."""
    if not terms:
        return 0, []
    params = {"round_id": round_id, "question_id": question_id, "limit": limit,
              "offset": offset, "start": MARK_START, "end": MARK_END}
    if conn.dialect.name == "postgresql":
        params["q"] = " ".join(terms)
        where, rank, marked, source = _POSTGRES
    else:
        params["q"] = fts5_query(terms)
        where, rank, marked, source = _SQLITE
    filters = f"{where} AND s.round_id = :round_id AND s.withdrawn_at IS NULL"
    if question_id is not None:
        filters += " AND a.question_id = :question_id"
    total = conn.scalar(text(f"SELECT count(*) FROM {source} WHERE {filters}"), params)  # noqa: S608  # nosec B608 - fixed fragments, values bound
    rows = conn.execute(text(
        f"SELECT a.id, a.text, {marked} FROM {source} WHERE {filters} "  # noqa: S608  # nosec B608
        f"ORDER BY {rank}, a.id LIMIT :limit OFFSET :offset"), params).all()
    return total, [RankedAnswer(row[0], render_marked(row[2], row[1])) for row in rows]


# Fixed SQL fragments per backend: (match condition, rank order, marked text, FROM clause).
_SQLITE = (
    "answers_fts MATCH :q",
    "bm25(answers_fts)",
    "highlight(answers_fts, 0, :start, :end)",
    "answers_fts JOIN answers a ON a.id = answers_fts.rowid "
    "JOIN submissions s ON s.id = a.submission_id",
)
_POSTGRES = (
    "to_tsvector('dutch', a.text) @@ plainto_tsquery('dutch', :q)",
    "ts_rank(to_tsvector('dutch', a.text), plainto_tsquery('dutch', :q)) DESC",
    "ts_headline('dutch', a.text, plainto_tsquery('dutch', :q), "
    "'StartSel=' || :start || ', StopSel=' || :end || ', HighlightAll=true')",
    "answers a JOIN submissions s ON s.id = a.submission_id",
)


def render_marked(marked: str | None, original: str) -> Markup:
    """Escape the answer and turn the highlighter's markers into <mark> elements."""
    if (
        marked is None
        or MARK_START in original or MARK_END in original
        or marked.replace(MARK_START, "").replace(MARK_END, "") != original
        or marked.count(MARK_START) != marked.count(MARK_END)
    ):
        return escape(original)
    escaped = str(escape(marked))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S704  # nosec B704
