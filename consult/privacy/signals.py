"""Signals of the privacy feature, for other features to connect to (blinker). No Flask.

``erasing`` is sent inside the transaction that erases answers, before they are deleted,
with ``answer_ids`` and ``now``. A feature that keeps copies of answers outside rows that
reference them (JSON id lists, search indexes) removes those copies. Rows with a foreign key
to answers go with the answer (ON DELETE CASCADE).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()
erasing = _signals.signal("erasing")
