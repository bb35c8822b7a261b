"""SVG charts: labelled for screen readers, every text escaped."""

from __future__ import annotations

from datetime import date, timedelta

from consult.insight import charts


def test_bar_chart_is_labelled_and_escapes_labels():
    svg = charts.bar_chart(
        [charts.Bar("<b>Groep</b>", 12, "12"), charts.Bar("Klein & fijn", None, "< 5")],
        chart_id="grafiek-x", title='Per "groep"')
    assert 'role="img" aria-labelledby="grafiek-x-titel grafiek-x-beschrijving"' in svg
    assert '<title id="grafiek-x-titel">Per &#34;groep&#34;</title>' in svg
    assert "&lt;b&gt;Groep&lt;/b&gt;: 12; Klein &amp; fijn: minder dan 5." in svg
    assert "<b>" not in svg
    assert svg.count("<rect") == 1  # no bar for a hidden cell


def test_column_chart_describes_the_timeline():
    start = date(2026, 11, 1)
    days = [(start + timedelta(days=i), n) for i, n in enumerate([0, 3, 8, 1])]
    svg = charts.column_chart(days, chart_id="dag", title="Per dag")
    assert svg.count("<rect") == 3
    assert "Van 1 nov 2026 tot en met 4 nov 2026: 12 inzendingen." in svg
    assert "De drukste dag was 3 nov met 8." in svg
