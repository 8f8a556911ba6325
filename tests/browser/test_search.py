"""Search in the header (Pagefind) finds initiatives by Swedish words,
announces the number of hits, and works with the keyboard alone."""

import pytest

from browser_support import serve
from support import new_project


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> str:
    project = new_project(tmp_path_factory.mktemp("search") / "project")
    project.add("distansundervisning", title="Distansundervisning under pandemin",
                description="Lärare och elever flyttade undervisningen hem på en vecka.",
                body="## Lösning\n\nVarje skola fick en egen plan för lärplattformen.\n")
    project.add("matlador", title="Matlådor till äldre", description="Bättre mat i hemtjänsten.",
                body="## Behov\n\nMånga äldre åt för lite.\n")
    assert project.build("--strict").returncode == 0
    return serve(project.site)


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    page.get_by_label("Sök bland initiativen", exact=True).fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("skolor", "initiatives/distansundervisning/"),  # stemming: skolor → skola
        ("hemtjänst", "initiatives/matlador/"),  # the description is indexed
        ("pandemi", "initiatives/distansundervisning/"),  # the title
    ],
)
def test_swedish_search_leads_to_initiative_pages(page, search_site, query, expected):
    links = search(page, search_site, query)
    assert links and all("/initiatives/" in link for link in links)
    assert links[0].split("#")[0] == search_site + expected


def test_hits_are_announced_and_reached_by_keyboard(page, search_site):
    page.goto(search_site + "initiatives/matlador/")
    page.keyboard.press("Tab")  # skip link first
    box = page.get_by_label("Sök bland initiativen", exact=True)
    box.focus()
    page.keyboard.type("lärare")
    status = page.get_by_role("status").filter(has_text="träff")
    status.wait_for(timeout=10_000)
    assert status.inner_text() == "1 träff"
    page.keyboard.press("Tab")  # the scrollable list of hits
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Sökresultat"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href").endswith("/initiatives/distansundervisning/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiatives/distansundervisning/")
    assert page.locator("h1").inner_text() == "Distansundervisning under pandemin"


def test_no_hits_and_only_local_requests(page, search_site):
    page.goto(search_site)
    page.get_by_label("Sök bland initiativen", exact=True).fill("zzzxq")
    page.get_by_role("status").filter(has_text="Inga träffar").wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() == 0
    assert all(url.startswith(search_site) for url in page.requests)

