"""An initiative prints as a clean one-page A4 handout."""

import io

from pypdf import PdfReader


def test_initiative_prints_on_one_page_without_navigation(page, base_url):
    page.goto(base_url + "initiatives/fossilfri-fordonsflotta/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".portfolio-facts").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('.portfolio-body a[href^=\"http\"], "
                          "a[href^=\"mailto:\"]'), '::after').content")
    assert "attr(href)" in after or "mailto:" in after
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Fossilfri fordonsflotta" in text and "Fakta om initiativet" in text and "sara.holm@asby.se" in text


def test_overview_prints_on_a4_with_whole_charts(page, base_url):
    page.goto(base_url + "overblick/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert 1 <= len(pdf.pages) <= 9  # balance, stages, years, status, organisations, gaps, movement, standstill
    text = "".join(p.extract_text() for p in pdf.pages)
    for title in ("Balansen mellan facetterna", "Steg per facett", "Facett och steg", "Startade initiativ per år",
                  "Där initiativ saknas", "Mediantid i varje steg", "Initiativ som stått still"):
        assert title in text
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.portfolio-chart')).breakInside") == "avoid"
