"""Demo content: regions, rounds and realistic Dutch participant input.

The answers are composed from hand-written sentences per topic so that every run of the
demo produces the same varied, believable set. A few contain personal details, as real
input does, to show that redaction works (see DEMO_PII).
"""

from __future__ import annotations

ZEELAND_MUNICIPALITIES = (
    "Borsele", "Goes", "Hulst", "Kapelle", "Middelburg", "Noord-Beveland", "Reimerswaal",
    "Schouwen-Duiveland", "Sluis", "Terneuzen", "Tholen", "Veere", "Vlissingen",
)
MEIERIJ_MUNICIPALITIES = (
    "'s-Hertogenbosch", "Bernheze", "Boxtel", "Heusden", "Maasdriel", "Meierijstad", "Oss",
    "Sint-Michielsgestel", "Vught", "Zaltbommel",
)

# Privacy statement and participant contact per region (fictitious addresses and numbers).
PRIVACY_CONTACTS = {
    "Zeeland": {
        "controller": "Gemeente Vlissingen, namens de dertien Zeeuwse gemeenten",
        "privacy_email": "privacy@vlissingen.example", "privacy_phone": "0118 - 000 000",
        "contact_name": "Projectteam Beschermd Wonen Zeeland",
        "contact_email": "meedoen@bwmo-zeeland.example", "contact_phone": "0118 - 000 001",
    },
    "Meierij en Bommelerwaard": {
        "controller": "Gemeente 's-Hertogenbosch, centrumgemeente",
        "privacy_email": "privacy@s-hertogenbosch.example", "privacy_phone": "073 - 000 0000",
        "contact_name": "Team Regiovisie Meierij en Bommelerwaard",
        "contact_email": "regiovisie@meierij.example", "contact_phone": "073 - 000 0001",
    },
}

ZEELAND_CHAPTERS = (
    ("Preventie", "preventie, vroeg, voorkomen, basispakket, huisuitzetting"),
    ("Toegang", "toegang, aanmelding, beoordelingskader, verhuizen, wachtlijst"),
    ("Financiën en solidariteit", "financiering, solidariteitsfonds, geld, budget, kosten"),
    ("Wonen", "woning, huis, huur, woningcorporatie, doorstroming"),
    ("Cliëntperspectief", "ervaringsdeskundige, meedoen, inspraak, bejegening"),
)
MEIERIJ_CHAPTERS = (
    ("Vroegsignalering", "signaleren, vroeg, huisarts, buren, wijkteam"),
    ("Schulden", "schulden, budgetbeheer, bewindvoering, betalingsachterstand"),
    ("Participatie", "dagbesteding, vrijwilligerswerk, meedoen, eenzaamheid"),
    ("Werk en inkomen", "werk, uitkering, inkomen, baan, participatiewet"),
    ("Wonen", "woning, huis, huur, woningcorporatie, doorstroming"),
    ("Toegang", "toegang, aanmelding, loket, wachtlijst, centrumgemeente"),
)

QUESTIONS = {
    "zeeland": (
        ("Wat gaat er goed en wat kan beter in de hulp, het wonen en de opvang in uw gemeente?",
         "Denk aan uw eigen ervaring of aan die van mensen die u kent.", True),
        ("Wat is volgens u nodig om te voorkomen dat mensen dakloos worden of beschermd moeten "
         "wonen?", "Bijvoorbeeld hulp bij geldzaken, een vaste begeleider of sneller hulp.", False),
    ),
    "meierij": (
        ("Wat heeft u nodig om zo zelfstandig mogelijk te kunnen wonen?",
         "Vertel wat helpt en wat in de weg zit.", True),
        ("Wat moet de regio volgens u als eerste verbeteren?", "", False),
    ),
}

TOPICS: dict[str, tuple[str, ...]] = {
    "wonen": (
        "Er zijn veel te weinig betaalbare woningen voor mensen die uit de opvang komen.",
        "Ik woon nu twee jaar in een begeleide woonvorm en ik ben klaar om zelfstandig te wonen, "
        "maar er is geen huis.",
        "De woningcorporatie heeft geen kleine woningen voor alleenstaanden.",
        "Doorstromen naar een eigen huis duurt veel te lang, daardoor blijven plekken bezet.",
        "Een eigen voordeur geeft rust, dat heb ik zelf gemerkt.",
        "Mensen wonen soms jaren in een kamer zonder perspectief op een eigen woning.",
        "Skaeve huse of tussenvoorzieningen zouden helpen voor mensen die niet in een flat passen.",
        "Voor jongeren die uit een instelling komen is er bijna geen woonruimte.",
    ),
    "wachtlijst": (
        "De wachtlijsten voor beschermd wonen zijn veel te lang.",
        "Mijn zoon staat al anderhalf jaar op de wachtlijst en in die tijd gaat het steeds "
        "slechter.",
        "Tijdens het wachten krijg je geen enkele hulp, je hoort gewoon niets.",
        "Als je eindelijk aan de beurt bent, is de situatie vaak al uit de hand gelopen.",
        "Het zou helpen als je tijdens de wachttijd al een vast aanspreekpunt hebt.",
        "De wachttijd voor ambulante begeleiding is bij ons ongeveer een half jaar.",
    ),
    "schulden": (
        "Schulden zijn vaak het begin van alle problemen.",
        "Ik had schulden en durfde geen post meer open te maken.",
        "Hulp bij geldzaken moet veel eerder komen, voordat er een huisuitzetting dreigt.",
        "Budgetbeheer heeft mij echt geholpen om weer rust te krijgen.",
        "Bewindvoering is duur en je hebt er weinig zeggenschap over.",
        "Als de huur niet betaald wordt, moet de woningcorporatie meteen het wijkteam inschakelen.",
        "Een betalingsachterstand bij de zorgverzekering is vaak het eerste signaal.",
    ),
    "begeleiding": (
        "Mijn begeleider is heel belangrijk voor mij, maar die wisselt steeds.",
        "Ik wil één vaste begeleider die mij kent en niet steeds opnieuw mijn verhaal vertellen.",
        "De begeleiding stopt te snel als je eenmaal zelfstandig woont.",
        "Ambulante begeleiding aan huis werkt beter dan een paar keer per jaar een gesprek.",
        "Er is te weinig tijd per cliënt, begeleiders hebben het veel te druk.",
        "Na de opvang viel ik in een gat, er was niemand meer die langskwam.",
        "Nazorg na beschermd wonen moet standaard een jaar doorlopen.",
    ),
    "ervaringsdeskundigheid": (
        "Zet meer ervaringsdeskundigen in, zij begrijpen wat je meemaakt.",
        "Als ervaringsdeskundige merk ik dat cliënten sneller vertrouwen hebben in iemand die het "
        "zelf heeft meegemaakt.",
        "Ervaringsdeskundigen moeten ook echt betaald worden en niet alleen als vrijwilliger.",
        "Laat cliënten meepraten over het beleid, niet alleen achteraf maar vanaf het begin.",
        "De cliëntenraad wordt te laat betrokken bij belangrijke besluiten.",
    ),
    "toegang": (
        "Het is niet duidelijk waar je je moet melden als je hulp nodig hebt.",
        "Bij het loket word je van het kastje naar de muur gestuurd.",
        "Een regionaal beoordelingskader zorgt ervoor dat iedereen op dezelfde manier wordt "
        "beoordeeld.",
        "De toegang moet laagdrempelig zijn, zonder ingewikkelde formulieren.",
        "Ik moest drie keer een intake doen bij verschillende organisaties.",
        "Het wijkteam weet vaak niet wat er in de regio mogelijk is.",
        "Mensen zonder vaste woonplaats worden soms nergens ingeschreven en vallen zo buiten "
        "de hulp.",
    ),
    "verhuizing": (
        "Als je naar een andere gemeente verhuist, moet je alles opnieuw aanvragen.",
        "Ik wilde dichter bij mijn familie wonen, maar de nieuwe gemeente wilde de indicatie niet "
        "overnemen.",
        "Afspraken tussen gemeenten over verhuizing moeten veel duidelijker.",
        "Landelijke toegankelijkheid betekent dat je overal hulp kunt vragen, maar in de praktijk "
        "merk je daar weinig van.",
        "De overdracht tussen gemeenten gaat vaak mis, dossiers komen niet aan.",
    ),
    "preventie": (
        "Investeer in preventie, dat is goedkoper dan opvang achteraf.",
        "Elke gemeente zou een minimaal pakket aan preventie moeten hebben.",
        "Vroegsignalering door huisartsen, scholen en buren kan veel ellende voorkomen.",
        "Jongeren die uit huis gaan hebben meer steun nodig, zodat ze niet op straat belanden.",
        "Huisuitzettingen moeten zoveel mogelijk worden voorkomen, zeker als er kinderen zijn.",
        "Een buurtteam dat gewoon langskomt als het niet goed gaat, dat werkt.",
    ),
    "financiering": (
        "Een gezamenlijk solidariteitsfonds is eerlijk, want de kosten verschillen per gemeente.",
        "Kleine gemeenten kunnen de kosten van dure plekken niet alleen dragen.",
        "Het geld moet de cliënt volgen en niet de organisatie.",
        "De tarieven voor zorgaanbieders zijn te laag om goede begeleiding te bieden.",
        "Ik ben bang dat er bezuinigd wordt op de opvang als het budget krap wordt.",
        "Maak duidelijke afspraken over wie wat betaalt, nu wordt er te veel naar elkaar gewezen.",
    ),
    "werk": (
        "Werk of dagbesteding geeft structuur aan de dag.",
        "Met een uitkering is het bijna onmogelijk om rond te komen.",
        "Ik wil graag werken, maar dan verlies ik meteen een deel van mijn toeslagen.",
        "Vrijwilligerswerk heeft mij geholpen om weer mee te doen.",
        "Er moeten meer plekken zijn voor beschut werk in de buurt.",
    ),
    "opvang": (
        "In de nachtopvang slaap je met veel mensen op een kamer, dat is onveilig.",
        "De maatschappelijke opvang is overdag gesloten, dan zwerf je de hele dag rond.",
        "Er is te weinig opvang voor vrouwen en voor mensen met een hond.",
        "De medewerkers in de opvang doen hun best, maar er zijn te weinig plekken.",
        "Na een crisis moet je direct een veilige plek hebben, niet pas na weken.",
    ),
    "ggz": (
        "Veel mensen in de opvang hebben psychische klachten en krijgen geen behandeling.",
        "De samenwerking tussen de ggz en de opvang moet veel beter.",
        "Verslavingszorg en begeleiding moeten samen optrekken.",
        "Een crisisbed in de eigen regio is hard nodig.",
    ),
}

OPENERS = (
    "", "", "", "Als cliënt wil ik zeggen: ", "Vanuit mijn werk: ",
    "Als moeder van een dochter in beschermd wonen: ", "Mijn ervaring: ",
    "Wat mij opvalt: ", "Eerlijk gezegd ", "Namens de adviesraad: ",
)

CLOSERS = (
    "", "", "", " Dank dat u het vraagt.", " Dit moet echt beter.",
    " Ik hoop dat er iets mee gedaan wordt.", " Graag meer aandacht hiervoor.",
)

# Answers with personal details, as real input contains. Redaction must remove them.
PII_ANSWERS = (
    "Mijn begeleider Sandra de Vries belt me elke week, dat helpt echt. U kunt mij bereiken op "
    "06-12345678.",
    "Ik ben Jan Bakker en ik woon al drie jaar in de opvang. Mail gerust naar "
    "jan.bakker@voorbeeld.nl als u vragen heeft.",
    "Voor de aanvraag moest ik mijn BSN 111222333 drie keer doorgeven aan verschillende "
    "loketten, dat is toch niet nodig.",
    "Mijn zus Fatima El Amrani zit al een jaar op de wachtlijst. Bel haar op 0118-412345 als u "
    "meer wilt weten.",
    "Ik woonde op de Lange Kerkstraat 12, 4461 AB Goes, tot ik uit huis werd gezet door "
    "schulden.",
    "Stort het geld maar op NL91ABNA0417164300, grapje. Maar serieus: budgetbeheer hielp mij.",
    "Mijn vriend Pieter van den Berg (+31 6 24681357) wacht al maanden op een plek.",
    "Ik ben geboren op 14-03-1987 en woon sinds mijn achttiende niet meer thuis.",
)

DEMO_PII = (
    "Sandra de Vries", "06-12345678", "Jan Bakker", "jan.bakker@voorbeeld.nl", "111222333",
    "Fatima El Amrani", "0118-412345", "Lange Kerkstraat 12", "4461 AB", "NL91ABNA0417164300",
    "Pieter van den Berg", "+31 6 24681357", "14-03-1987",
)

STAFF = (
    ("demo.admin@consult.test", "Anna Admin", "admin"),
    ("demo.projectleider@consult.test", "Pieter Projectleider", "project_leader"),
    ("demo.beleid@consult.test", "Bea Beleid", "policy_officer"),
    ("demo.facilitator@consult.test", "Fatih Facilitator", "facilitator"),
    ("demo.tweestap@consult.test", "Tessa Tweestap", "policy_officer"),
)
DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105  # nosec B105 - documented demo accounts only
# The demo account with two-step login, and its authenticator key as the README shows it.
TWO_STEP_ACCOUNT = "demo.tweestap@consult.test"
TWO_STEP_KEY = "CONSULTDEMOTWEESTAPCONSULTDEMO23"  # noqa: S105  # nosec B105 - documented demo

# Safeguarding: answers that show a possible crisis, so the signal queue has something in it.
# (text, hours ago, contact details given with consent to be contacted, or None)
CRISIS_ANSWERS = (
    ("Ik wil soms niet meer leven sinds ik mijn huis kwijt ben. Niemand belt mij terug.",
     24 * 5, "06-98765432"),
    ("Ik ben vandaag uit mijn huis gezet en slaap vannacht buiten. De opvang zit vol.",
     3, None),
)
SAFEGUARDING_CONTACT = ("demo.beleid@consult.test", "Zeeland")
