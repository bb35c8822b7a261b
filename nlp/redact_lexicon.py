"""Word lists that correct deduce for this policy field; found by probing it on answers."""

from __future__ import annotations

import re

# Organisations and domain terms in this policy field that look like names to deduce
# (found by probing it on consultation text). A name detection inside one is dropped.
PROTECTED_TERMS = (
    "Reinier van Arkel", "Bouman GGZ", "De Kessel", "Rode Kruis", "Leger des Heils",
    "De Herberg", "Vincent van Gogh", "Jan Arends", "Pro Persona", "GGZ Breburg", "Amarant",
    "Pameijer", "Philadelphia", "Ipse de Bruggen", "Prinsenstichting", "Stichting Prisma",
    "Zuidwester", "Het Zuidwester", "Leviaan", "Humanitas", "Emergis", "Novadic-Kentron",
    "Novadic", "Kentron", "Juvent", "RIBW", "Tactus", "Iriszorg", "Kwintes", "Lister",
    "Parnassia", "Arkin", "Cordaan", "HVO-Querido", "Victas", "Antes", "Palier", "Mondriaan",
    "Exodus", "Moviera", "Kompaan", "Sterk Huis", "Veilig Thuis", "Zeeuwse Gronden", "Dock",
    "Beschermd Wonen", "Begeleid Wonen", "Maatschappelijke Opvang", "Housing First",
    "Vrouwenopvang", "Nachtopvang", "Dagopvang", "wijkteam", "WMO-loket", "Wmo", "GGZ",
    "Sociaal Wijkteam", "Kamer van Koophandel", "Sociaal Raadslieden", "Voedselbank",
    "Kerk in Actie", "Den Bosch", "Jeroen Bosch Ziekenhuis", "Jeroen Bosch",
)  # fmt: skip
PROTECTED = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(t) for t in sorted(PROTECTED_TERMS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)

# Words deduce takes for names (capitalised at sentence start or as the first word of an
# imperative: "Bel Sandra ...") that in these answers are ordinary words. Real surnames
# that are also words (Bos, Koning, de Vries) are deliberately absent: recall first.
NOT_NAMES = frozenset({
    "bel", "mail", "app", "sms", "buurman", "buurvrouw", "neef", "nicht", "vriend",
    "vriendin", "kat", "hond", "kunst", "stad", "zee", "winter", "zomer", "lente", "herfst",
    "baas", "moed", "vrede", "lieve", "beste", "hoi", "hallo", "groet", "groeten", "dank",
})  # fmt: skip

# "mijn vriend Tesfay": a capitalised word right after a relation or role noun is a name,
# also when it is in none of deduce's (mostly Dutch) name lists.
_RELATIONS = (
    "zus", "zusje", "broer", "broertje", "vriend", "vriendin", "moeder", "vader", "zoon",
    "dochter", "begeleider", "begeleidster", "casemanager", "buurman", "buurvrouw", "partner",
    "man", "vrouw", "oom", "tante", "neef", "nicht", "opa", "oma", "ex", "collega",
    "ervaringsdeskundige", "mentor", "bewindvoerder", "hulpverlener", "huisgenoot",
    "kamergenoot", "schoonmoeder", "schoonvader", "stiefvader", "stiefmoeder", "consulent",
    "coach", "maatje", "verpleegkundige", "psychiater", "psycholoog", "huisarts",
)  # fmt: skip
# Capitalised words that follow such a cue without being a name ("Groeten, Ik ...").
NOT_NAMES_AFTER_CUE = frozenset({
    "ik", "wij", "we", "jij", "hij", "zij", "namens", "de", "het", "een", "en", "uit", "team",
    "allemaal", "iedereen", "alle",
})  # fmt: skip

# Self-introductions and sign-offs work the same way: "ik heet Tesfay", "Groeten, Tesfay".
RELATION_NAME = re.compile(
    r"(?<!\w)(?:(?:mijn|m'n|onze|ons|zijn|z'n|haar|hun|je|jouw)\s+(?:"
    + "|".join(_RELATIONS)
    + r")(?:\s+heet)?|ik\s+heet|mijn\s+naam\s+is|(?:met\s+)?(?:vriendelijke\s+)?groet(?:en)?,?"
    + r"|mvg,?)\s+(?P<name>[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*)",
    re.IGNORECASE,
)

# Arabic and other name particles that deduce's tokenizer splits off: "Ahmad Al-Hassan"
# comes back as "Ahmad" and "Hassan"; the gap between two name parts closes over these.
NAME_GAP = re.compile(
    r"[\s-]*(?:(?:al|el|abu|ben|bin|bint|ibn|da|di|dos|du)[\s-]+)?", re.IGNORECASE
)

# Words that can end a deduce name span but never end a real name ("Anton op de").
TRAILING_PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "'t", "op", "in", "te", "ter", "ten", "bij", "uit",
    "voor", "en",
})  # fmt: skip
