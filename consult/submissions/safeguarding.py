"""Adapter to the crisis-signal detection in nlp.signals, and the help that goes with it."""

from __future__ import annotations

from collections.abc import Iterable

# Which help line comes first for each kind of signal; 112 closes every list.
HELP_ORDER = {
    "suicide": ("113", "veilig_thuis", "shelter", "112"),
    "danger": ("veilig_thuis", "112", "113", "shelter"),
    "homeless": ("shelter", "veilig_thuis", "113", "112"),
    "medical": ("112", "113", "veilig_thuis", "shelter"),
}


def signal_kinds(texts: Iterable[str]) -> list[str]:
    """The crisis signal kinds in a participant's raw answers (never sent off this machine)."""
    from nlp.signals import KINDS

    found = {kind for kinds in kinds_per_text(t for t in texts if t) for kind in kinds}
    return [kind for kind in KINDS if kind in found]


def kinds_per_text(texts: Iterable[str]) -> list[tuple[str, ...]]:
    """The crisis signal kinds of each raw text, in order (an empty tuple: no signal)."""
    from nlp.signals import detect_many

    return [signals.kinds for signals in detect_many(texts)]


def help_lines(kinds: Iterable[str]) -> list[str]:
    """Keys of the help lines to show, the most relevant for the first kind first."""
    kinds = [kind for kind in kinds if kind in HELP_ORDER]
    return list(HELP_ORDER[kinds[0]]) if kinds else []
