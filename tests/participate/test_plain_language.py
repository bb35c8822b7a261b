"""Every participant page reads at B1 level: Flesch-Douma of its main text is at least 60."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from consult.db import db, utcnow
from consult.demo import content
from consult.demo.services import ROUNDS
from consult.privacy import statement
from consult.rounds import services as rounds
from nlp.readability import TARGET_SCORE, analyse

BLOCKS = {"p", "li", "h1", "h2", "h3", "label", "legend", "button", "option", "dt", "dd",
          "div", "section", "ul", "ol", "a", "summary", "td", "th", "caption", "form"}
SKIP_CLASSES = {"url", "receipt"}  # a link or a code shown as is: not prose


class MainText(HTMLParser):
    """The text inside <main>, one line per block element, without scripts, URLs or codes."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.lines, self.stack = 0, 0, [""], []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "main":
            self.depth += 1
        if tag in {"script", "style", "textarea", "input", "select"} - {"select"} or (
                classes & SKIP_CLASSES):
            self.skip += 1
            self.stack.append(tag)
        if tag in BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            self.skip -= 1
        if tag == "main":
            self.depth -= 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.lines[-1] += data

    def text(self) -> str:
        return "\n".join(re.sub(r"\s+", " ", line).strip() for line in self.lines
                         if line.strip())


def main_text(html: str) -> str:
    parser = MainText()
    parser.feed(html)
    return parser.text()


def _demo_round(make_round, region, index: int, **overrides):
    _name, key, _slug, title, intro = ROUNDS[index]
    round_ = make_round(title=title, intro=intro, questions=0, released=False, **overrides)
    for prompt, help_text, required in content.QUESTIONS[key]:
        rounds.save_question(round_, rounds.QuestionFields(
            prompt=prompt, help_text=help_text, is_required=required, max_length=2000),
            actor=None, now=utcnow())
    rounds.release(round_, actor=None, now=utcnow())
    statement.save_contact(region, content.PRIVACY_CONTACTS["Zeeland"], actor=None, now=utcnow())
    db.session.commit()
    return round_


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


def _submit(client, round_, text: str) -> str:
    form = client.get(f"/r/{round_.slug}").text
    question = round_.questions[0]
    client.post(f"/r/{round_.slug}", data={
        "group": "client", "consent_analysis": "y", "consent_quote": "y",
        "started": _hidden(form, "started"), "form_token": _hidden(form, "form_token"),
        f"answer_{question.id}": text})
    return client.get(f"/r/{round_.slug}/ontvangen").text


def _pages(client, round_) -> dict[str, str]:
    slug = f"/r/{round_.slug}"
    pages = {"home": client.get("/").text, "form": client.get(slug).text,
             "privacy statement": client.get(f"{slug}/privacy").text,
             "accessibility statement": client.get("/toegankelijkheid").text,
             "enter code": client.get(f"{slug}/mijn-inbreng").text,
             "erase": client.get(f"{slug}/verwijderen").text}
    received = _submit(client, round_, "Ik slaap vannacht buiten. Ik heb geen huis meer.")
    assert "Hulp als het nu niet goed gaat" in received
    pages["receipt with help"] = received
    code = re.search(r'class="receipt"[^>]*>([^<]+)<', received).group(1)
    client.post(f"{slug}/mijn-inbreng", data={"code": code})
    pages["my input"] = client.get(f"{slug}/mijn-inbreng/inzien").text
    pages["withdraw"] = client.get(f"{slug}/mijn-inbreng/intrekken").text
    pages["withdrawn"] = client.post(f"{slug}/mijn-inbreng/intrekken").text
    other = _submit(client, round_, "Meer begeleiding bij geldzaken is nodig.")
    other_code = re.search(r'class="receipt"[^>]*>([^<]+)<', other).group(1)
    pages["erased"] = client.post(f"{slug}/verwijderen",
                                  data={"code": other_code, "confirm": "y"}).text
    return pages


@pytest.mark.parametrize("index", [0, 1])
def test_every_participant_page_reads_at_b1(client, make_round, region, index):
    round_ = _demo_round(make_round, region, index)
    scores = {}
    for name, html in _pages(client, round_).items():
        result = analyse(main_text(html))
        assert result.words > 15, f"{name}: no main text found"
        scores[name] = round(result.score, 1)
    low = {name: score for name, score in scores.items() if score < TARGET_SCORE}
    assert not low, f"below Flesch-Douma {TARGET_SCORE}: {low}"


@pytest.mark.parametrize("state", ["concept", "gepland", "gesloten", "gepubliceerd"])
def test_pages_of_a_round_that_is_not_open_read_at_b1(client, make_round, region, state):
    round_ = _demo_round(make_round, region, 0)
    now = utcnow()
    if state == "concept":
        round_.is_released = False
    elif state == "gepland":
        round_.opens_at = now + timedelta(days=3)
    elif state == "gesloten":
        round_.closed_at = now - timedelta(hours=1)
    else:
        round_.published_at = now
    db.session.commit()
    pages = {"not open": client.get(f"/r/{round_.slug}").text}
    if state == "gepubliceerd":
        pages["feedback"] = client.get(f"/r/{round_.slug}/terugkoppeling").text
        pages["feedback enter code"] = client.get(
            f"/r/{round_.slug}/terugkoppeling/mijn-inbreng").text
    for name, html in pages.items():
        result = analyse(main_text(html))
        assert result.words > 10, f"{name}: no main text found"
        assert result.score >= TARGET_SCORE, f"{name}: {result.score:.1f}\n{main_text(html)}"


def test_main_text_drops_urls_codes_and_scripts():
    html = ('<main><h1>Titel</h1><p>Eerste zin.<a class="url" href="/x">http://x/y</a></p>'
            '<p class="receipt">K7PM-4RXQ</p><script>var a = 1;</script></main><footer>Voet'
            '</footer>')
    assert main_text(html) == "Titel\nEerste zin."
