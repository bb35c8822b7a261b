"""Demo content for the regions' public pages: texts at B1 level, publications and events.

The links point at example.org: the demo must not send visitors to real pages that may
have moved, nor pretend that these items exist there.
"""

from __future__ import annotations

from datetime import date

# region name -> (background, goal, items); an item is (kind, title, date, description, link)
PAGES = {
    "Zeeland": (
        "In Zeeland werken dertien gemeenten samen aan Beschermd Wonen en Maatschappelijke "
        "Opvang. Beschermd Wonen is voor mensen met psychische problemen die nog niet "
        "zelfstandig kunnen wonen. Maatschappelijke Opvang is voor mensen die dakloos zijn, "
        "of dakloos dreigen te worden.\n\n"
        "Vroeger regelde vooral de centrumgemeente deze hulp. Nu zijn alle gemeenten er samen "
        "verantwoordelijk voor. Daarom maken zij samen een uitvoeringsplan. Cliënten, "
        "ervaringsdeskundigen, naasten, adviesraden en zorgaanbieders denken mee.",
        "Wij willen dat iedereen in Zeeland een veilige plek heeft om te wonen, met de hulp die "
        "hij of zij nodig heeft, zo dicht mogelijk bij huis.\n\n"
        "Daarvoor maken de gemeenten afspraken over drie onderwerpen. Ten eerste: problemen "
        "eerder zien en voorkomen. Elke gemeente krijgt daarvoor hetzelfde basispakket. Ten "
        "tweede: de toegang. U vraagt hulp in elke gemeente op dezelfde manier aan, ook als u "
        "verhuist. Ten derde: de gemeenten betalen samen, uit één gezamenlijk fonds.",
        (
            ("rapport", "Uitvoeringsplan Beschermd Wonen en Maatschappelijke Opvang Zeeland",
             date(2023, 6, 15),
             "Het plan van de dertien gemeenten: wat zij samen gaan doen aan preventie, "
             "toegang en de verdeling van het geld.",
             "https://www.example.org/zeeland/uitvoeringsplan"),
            ("bijeenkomst", "Inloopavond over het uitvoeringsplan in Goes", date(2023, 9, 20),
             "Een avond voor iedereen die wil meepraten. Medewerkers van de gemeenten vertellen "
             "wat er in het plan staat en horen graag wat u ervan vindt.", ""),
            ("podcast", "Podcast Thuis in Zeeland: wonen na de opvang", date(2024, 2, 8),
             "Twee ervaringsdeskundigen vertellen hoe zij na de opvang weer een eigen huis "
             "vonden, en wat hen daarbij hielp.",
             "https://www.example.org/zeeland/podcast-thuis-in-zeeland-1"),
        ),
    ),
    "Meierij en Bommelerwaard": (
        "Tien gemeenten doen mee. 's-Hertogenbosch is de centrumgemeente: die regelt een deel "
        "van de hulp voor de hele regio.\n\n"
        "De regiovisie is samen met meer dan honderd mensen geschreven: cliënten, "
        "ervaringsdeskundigen, naasten, zorgaanbieders en medewerkers van de gemeenten. In de "
        "visie staat hoe de regio mensen helpt die een veilige plek en steun nodig hebben.",
        "Wij willen dat mensen zo zelfstandig mogelijk kunnen wonen, in een gewone wijk, met "
        "steun die bij hen past. Als het nodig is, is er snel een veilige plek.\n\n"
        "Elk jaar maken de gemeenten een uitvoeringsprogramma. Daarin staat wat zij dat jaar "
        "gaan doen. Op deze pagina leest u wat er al gebeurd is.",
        (
            ("rapport", "Regiovisie Beschermd Wonen en Maatschappelijke Opvang",
             date(2020, 11, 1),
             "De visie van de regio, geschreven met meer dan honderd mensen. Met een korte "
             "samenvatting in eenvoudige taal.",
             "https://www.example.org/meierij-bommelerwaard/regiovisie"),
            ("talkshow", "Beweging in kwetsbaarheid, aflevering 1: een eigen thuis",
             date(2021, 1, 28),
             "De eerste aflevering van de maandelijkse talkshow (januari tot en met juni "
             "2021). Gasten praten over wonen in de wijk, en wat daarvoor nodig is.",
             "https://www.example.org/meierij-bommelerwaard/talkshow-1"),
            ("talkshow", "Beweging in kwetsbaarheid, aflevering 3: geldzorgen",
             date(2021, 3, 25),
             "Over schulden en geldzorgen: hoe herkent u ze op tijd, en waar vindt u hulp?",
             "https://www.example.org/meierij-bommelerwaard/talkshow-3"),
            ("talkshow", "Beweging in kwetsbaarheid, aflevering 6: terugblik",
             date(2021, 6, 24),
             "De laatste aflevering. Wat hebben wij geleerd, en wat gaan de gemeenten nu doen?",
             "https://www.example.org/meierij-bommelerwaard/talkshow-6"),
            ("podcast", "Podcast: ervaringsdeskundigen aan het woord", date(2021, 9, 16),
             "Drie ervaringsdeskundigen vertellen wat hen hielp toen zij dakloos waren.",
             "https://www.example.org/meierij-bommelerwaard/podcast"),
        ),
    ),
}
