"""What audit events mean, in Dutch: the audit log shows these, never the stored codes."""

from __future__ import annotations

from consult.themes.models import CURATION_LABELS

ACTION_LABELS: dict[str, str] = {
    "agreement.create": "Afspraak toegevoegd",
    "agreement.delete": "Afspraak verwijderd",
    "agreement.status": "Stand van zaken van een gemeente bijgewerkt",
    "agreement.update": "Afspraak gewijzigd",
    "agreements.export": "Afspraken of voortgangsrapport gedownload",
    "analysis.cancel": "Analyse gestopt",
    "analysis.start": "Analyse gestart",
    "api_token.create": "API-sleutel gemaakt",
    "api_token.revoke": "API-sleutel ingetrokken",
    "chapter.delete": "Hoofdstuk van de visie verwijderd",
    "chapter.save": "Hoofdstuk van de visie opgeslagen",
    "feedback.response": "Reactie op een thema opgeslagen",
    "group.create": "Groep toegevoegd",
    "group.rename": "Naam van een groep gewijzigd",
    "group_session.close": "Groepssessie gesloten",
    "group_session.open": "Groepssessie geopend",
    "import.create": "Bestand geïmporteerd",
    "import.withdraw": "Import ingetrokken",
    "input_session.create": "Bijeenkomst voor invoer gestart",
    "page_item.create": "Publicatie of bijeenkomst toegevoegd aan de openbare pagina",
    "page_item.delete": "Publicatie of bijeenkomst van de openbare pagina gehaald",
    "page_item.update": "Publicatie of bijeenkomst op de openbare pagina gewijzigd",
    "municipality.create": "Gemeente toegevoegd",
    "municipality.delete": "Gemeente verwijderd",
    "privacy.contact": "Privacy- en contactgegevens gewijzigd",
    "privacy.erase": "Inbreng gewist op verzoek",
    "privacy.purge": "Oude gegevens opgeruimd",
    "question.delete": "Vraag verwijderd",
    "question.move": "Volgorde van vragen gewijzigd",
    "question.save": "Vraag opgeslagen",
    "region.create": "Regio toegevoegd",
    "region.page_texts": "Achtergrond of doelstelling op de openbare pagina gewijzigd",
    "round.close": "Ronde gesloten",
    "round.export": "Samenvatting of data gedownload",
    "round.publish": "Terugkoppeling gepubliceerd",
    "round.release": "Ronde vrijgegeven",
    "round.reopen": "Ronde heropend",
    "round.save": "Ronde opgeslagen",
    "round.unpublish": "Terugkoppeling offline gehaald",
    "safeguarding.contact_add": "Aandachtsfunctionaris aangewezen",
    "safeguarding.contact_remove": "Aandachtsfunctionaris niet meer aangewezen",
    "signal.action": "Actie bij een signaal vastgelegd",
    "signal.close": "Signaal afgehandeld en gesloten",
    "signal.queue_view": "Lijst met signalen bekeken",
    "signal.view": "Signaal bekeken",
    "submission.correct": "Ingevoerde inbreng verbeterd",
    "submission.enter": "Inbreng ingevoerd door begeleider",
    "submission.remove": "Ingevoerde inbreng verwijderd",
    "theme.undo": "Actie op thema ongedaan gemaakt",
    "themes.sign_off": "Thema's vastgesteld",
    "themes.sign_off_disagreed": "Niet eens met de thema's",
    "themes.sign_off_requested": "Thema's aangeboden om vast te stellen",
    "membership.accept": "Uitnodiging voor een regio aangenomen",
    "membership.decline": "Uitnodiging voor een regio afgeslagen",
    "user.disable": "Account uitgezet",
    "user.enable": "Account aangezet",
    "user.invite": "Medewerker uitgenodigd",
    "user.set_password": "Wachtwoord ingesteld",  # nosec B105 (a label, not a password)
    "user.totp_disable": "Tweestapsverificatie uitgezet",
    "user.totp_enable": "Tweestapsverificatie aangezet",
    "user.totp_reset": "Tweestapsverificatie hersteld door beheerder",
    **{f"theme.{kind}": f"Thema: {label.lower()}" for kind, label in CURATION_LABELS.items()},
}

OBJECT_LABELS: dict[str, str] = {
    "agreement": "Afspraak",
    "analysisrun": "Analyse",
    "apitoken": "API-sleutel",
    "curationevent": "Actie op thema",
    "groupsession": "Groepssessie",
    "importbatch": "Import",
    "inputsession": "Bijeenkomst",
    "membership": "Rol in een regio",
    "municipality": "Gemeente",
    "pageitem": "Publicatie of bijeenkomst",
    "question": "Vraag",
    "region": "Regio",
    "round": "Ronde",
    "crisissignal": "Signaal",
    "safeguardingcontact": "Aandachtsfunctionaris",
    "stakeholdergroup": "Groep",
    "submission": "Inbreng",
    "theme": "Thema",
    "themeresponse": "Reactie op thema",
    "themeset": "Thema's van een vraag",
    "user": "Medewerker",
    "visionchapter": "Hoofdstuk van de visie",
    # Written before record() unwrapped Flask's current_user: always a staff member.
    "localproxy": "Medewerker",
}

# Filter choices: the actions of one kind together, then each action.
GROUP_LABELS: dict[str, str] = {
    "round.": "Rondes", "question.": "Vragen", "submission.": "Inbreng", "import.": "Imports",
    "group_session.": "Groepssessies",
    "analysis.": "Analyses", "theme.": "Thema's", "themes.": "Vaststellen van thema's",
    "privacy.": "Privacy", "user.": "Medewerkers", "membership.": "Rollen in een regio",
    "region.": "Regio's", "agreement.": "Afspraken (uitvoering)", "signal.": "Signalen",
    "safeguarding.": "Aandachtsfunctionarissen",
    "page_item.": "Openbare pagina: publicaties en bijeenkomsten",
}


def action_label(action: str) -> str:
    """The Dutch description of an audit action."""
    return ACTION_LABELS.get(action, "Andere actie")


def object_label(object_type: str, object_id: int | None) -> str:
    """'Ronde 5': what the action was done to."""
    if not object_type:
        return ""
    name = OBJECT_LABELS.get(object_type, "Ander object")
    return f"{name} {object_id}" if object_id is not None else name


def filter_choices() -> list[tuple[str, str]]:
    """The audit log's action filter: all, per kind, or one action."""
    kinds = [(prefix, f"{label} (alle acties)") for prefix, label in GROUP_LABELS.items()]
    actions = sorted(ACTION_LABELS.items(), key=lambda item: item[1])
    return [("", "Alle acties"), *kinds, *actions]
