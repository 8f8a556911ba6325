"""The filter on the list of all initiatives, in a real browser: each
dimension, combinations, counts, URL state both ways, the back button, the
announced result count, the keyboard, sorting, paging, no JavaScript, and the
links from the home page's matrix."""

import re

import pytest
from playwright.sync_api import expect  # wait_for_function only with a function: it runs a bare expression with eval, which the pages refuse

from browser_support import serve
from support import new_project

NAMED = {
    "alfa": dict(title="Äldreboende digitalt", facet="mission", stage="explore", status="active",
                 organisation="Vård- och omsorgsförvaltningen", areas=["elderly-care"], sdgs=[3], started="2024-05-01"),
    "beta": dict(title="Ångbåtstrafik", facet="mission", stage="realise", status="completed",
                 organisation="Samhällsbyggnadsförvaltningen", areas=["transport"], sdgs=[11, 13],
                 started="2019-03-01", ended="2020-01-01"),
    "gamma": dict(title="Öppna skolgårdar", facet="adaptive", stage="explore", status="paused",
                  organisation="Barn- och utbildningsförvaltningen", areas=["education"], sdgs=[4], started="2022-08-15",
                  description="Skolgårdar blir mötesplatser på kvällen."),
    "delta": dict(title="Avfallssortering", facet="anticipatory", stage="needs", status="stopped",
                  organisation="Samhällsbyggnadsförvaltningen", areas=["water-waste", "environment"], sdgs=[12],
                  started="2024-01-10"),
    "epsilon": dict(title="Zonindelning", facet="mission", stage="spread"),
}
FILLERS = 100  # a page of the list holds 100 cards: the last filler is on page 2


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    project = new_project(tmp_path_factory.mktemp("filter") / "project")
    for slug, fields in NAMED.items():
        project.add(slug, **fields)
    for n in range(1, FILLERS + 1):
        project.add(f"filler-{n:02}", title=f"Filler {n:02}", facet="enhancement", stage="foundation",
                    organisation="Kultur- och fritidsförvaltningen", started="2015-01-01")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return serve(project.site)


TOTAL = len(NAMED) + FILLERS


def open_list(page, site, query=""):
    page.goto(site + "alla-initiativ/" + query)
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    return page


def slugs(page) -> list[str]:
    """The cards shown, once those from other pages have come."""
    page.locator(".portfolio-cards:not([aria-busy])").wait_for(state="attached")
    return page.eval_on_selector_all(".portfolio-cards > li", "cards => cards.map(c => c.dataset.slug)")


def status(page) -> str:
    locator = page.locator("#resultat")
    expect(page.locator("#resultat")).to_have_text(re.compile("."))
    return locator.inner_text()


def choose(page, name, value) -> None:
    """Tick an option as a visitor would: open its group first if it is closed."""
    box = page.locator(f'input[name="{name}"][value="{value}"]')
    details = page.locator("details.portfolio-filter__dimension").filter(has=box)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    box.check()


def count_of(page, name, value) -> str:
    return page.locator(f'input[name="{name}"][value="{value}"] ~ [data-count]').inner_text()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("facet", "mission", ["epsilon", "beta", "alfa"]),
        ("stage", "explore", ["alfa", "gamma"]),
        ("status", "stopped", ["delta"]),
        ("organisation", "samhallsbyggnadsforvaltningen", ["delta", "beta"]),
        ("areas", "environment", ["delta"]),
        ("sdgs", "13", ["beta"]),
        ("year", "2024", ["delta", "alfa"]),
    ],
)
def test_each_dimension_filters_and_writes_the_url(page, site, name, value, expected):
    open_list(page, site)
    choose(page, name, value)
    page.wait_for_url(f"**/alla-initiativ/?{name}={value}")
    assert slugs(page) == expected
    expect(page.locator("#resultat")).to_have_text(re.compile(f"^{len(expected)} av"))
    assert status(page) == f"{len(expected)} av {TOTAL} initiativ"


def test_and_across_dimensions_or_within_one(page, site):
    open_list(page, site, "?facet=mission&stage=explore&stage=realise")
    assert slugs(page) == ["beta", "alfa"]
    assert page.locator('input[name="stage"][value="realise"]').is_checked()
    open_list(page, site, "?facet=mission&facet=adaptive&stage=explore")
    assert slugs(page) == ["alfa", "gamma"]


def test_each_option_counts_what_it_would_leave(page, site):
    open_list(page, site, "?facet=mission")
    assert count_of(page, "stage", "explore") == "(1)"  # alfa; gamma is adaptive
    assert count_of(page, "stage", "foundation") == "(0)"
    assert count_of(page, "facet", "enhancement") == f"({FILLERS})"  # own dimension ignores itself
    assert count_of(page, "facet", "mission") == "(3)"


def test_url_opens_the_view_with_text_and_sort(page, site):
    open_list(page, site, "?q=skolg%C3%A5rdar&sort=newest")
    assert page.locator("#filter-q").input_value() == "skolgårdar"
    assert page.locator("#filter-sort").input_value() == "newest"
    assert slugs(page) == ["gamma"]


def test_typing_filters_title_and_description(page, site):
    open_list(page, site)
    page.locator("#filter-q").fill("mötesplatser")
    page.wait_for_url("**/alla-initiativ/?q=m%C3%B6tesplatser")
    assert slugs(page) == ["gamma"]


def test_words_are_searched_in_swedish_without_accents(page, site):
    open_list(page, site, "?q=skolgard&facet=adaptive")  # "Öppna skolgårdar", stemmed, no å needed
    page.wait_for_function("() => document.getElementById('resultat').textContent.startsWith('1 av')")
    assert slugs(page) == ["gamma"]


@pytest.mark.parametrize("query", ["skolgårdar", "förvaltningen", "mission"])
def test_the_header_search_and_the_list_give_the_same_hits(page, site, query):
    page.goto(site)
    page.get_by_label("Sök bland initiativen", exact=True).fill(query)
    header = page.locator("#portfolio-search-status")
    page.wait_for_function("() => /träff/.test(document.getElementById('portfolio-search-status').textContent)")
    hits = int(header.inner_text().split()[0])
    page.wait_for_function(f"() => document.querySelectorAll('.md-search-result__item').length === {min(hits, 10)}")
    listed = {link.split("/")[-2] for link in page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)")}
    page.keyboard.press("Enter")  # the header's search leads to the list, with its filters
    page.wait_for_url("**/alla-initiativ/?q=*")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    assert page.locator("#filter-q").input_value() == query
    page.wait_for_function(f"() => document.getElementById('resultat').textContent.startsWith('{hits} av')")
    shown = slugs(page)
    assert len(shown) == hits and (set(shown) == listed if hits <= 10 else set(shown) > listed)


def test_back_button_restores_earlier_views(page, site):
    open_list(page, site)
    page.locator('input[name="facet"][value="mission"]').check()
    page.wait_for_url("**/?facet=mission")
    page.locator('input[name="stage"][value="explore"]').check()
    page.wait_for_url("**/?facet=mission&stage=explore")
    assert slugs(page) == ["alfa"]
    page.go_back()
    page.wait_for_url("**/?facet=mission")
    assert slugs(page) == ["epsilon", "beta", "alfa"]
    assert not page.locator('input[name="stage"][value="explore"]').is_checked()
    page.go_back()
    page.wait_for_url("**/alla-initiativ/")
    assert len(slugs(page)) == 100


def test_sorting_is_swedish_and_by_date(page, site):
    open_list(page, site, "?facet=mission&facet=adaptive&facet=anticipatory")
    assert slugs(page) == ["delta", "epsilon", "beta", "alfa", "gamma"]  # A, Z, Å, Ä, Ö
    page.locator("#filter-sort").select_option("newest")
    page.wait_for_url("**&sort=newest")
    assert slugs(page) == ["alfa", "delta", "gamma", "beta", "epsilon"]  # undated last
    page.locator("#filter-sort").select_option("oldest")
    assert slugs(page) == ["beta", "gamma", "delta", "alfa", "epsilon"]


def test_keyboard_alone(page, site):
    open_list(page, site)
    page.locator("#filter-q").focus()
    page.keyboard.press("Tab")  # sort
    page.keyboard.press("Tab")  # first summary (open)
    page.keyboard.press("Tab")  # first checkbox: enhancement
    page.keyboard.press("Tab")  # mission
    assert page.evaluate("document.activeElement.value") == "mission"
    page.keyboard.press("Space")
    page.wait_for_url("**/?facet=mission")
    assert slugs(page) == ["epsilon", "beta", "alfa"]


def test_results_come_a_page_at_a_time(page, site):
    open_list(page, site)
    assert len(slugs(page)) == 100 and status(page) == f"{TOTAL} initiativ"
    assert page.locator(".portfolio-pagination").is_visible()  # unfiltered: the numbered pages
    open_list(page, site, "?sort=newest")
    more = page.get_by_role("button", name=re.compile("Visa fler"))
    assert more.inner_text() == f"Visa fler ({TOTAL - 100} till)"
    assert page.locator(".portfolio-pagination").is_hidden()  # they list another order
    more.click()
    page.wait_for_function(f"() => document.querySelectorAll('.portfolio-cards > li').length === {TOTAL}")
    assert more.is_hidden()
    assert page.evaluate("document.activeElement.closest('li').dataset.slug") == slugs(page)[100]


def test_the_filter_covers_the_cards_of_every_page(page, site):
    # Zonindelning, Ångbåtstrafik and Äldreboende are on page 2 (after the fillers in title order).
    open_list(page, site, "?facet=mission")
    page.wait_for_function("() => document.querySelectorAll('.portfolio-cards > li').length === 3")
    assert slugs(page) == ["epsilon", "beta", "alfa"]
    page.locator('.portfolio-cards > li[data-slug="epsilon"] a').first.click()  # its link, made absolute, works
    page.wait_for_url("**/initiatives/epsilon/")


def test_chips_show_and_remove_the_active_filters(page, site):
    open_list(page, site, "?facet=mission&stage=explore&q=digitalt")
    chips = page.locator(".portfolio-chip")
    chips.first.wait_for()
    assert [chip.get_attribute("aria-label") for chip in chips.all()] == [
        "Ta bort filtret Sökord: digitalt", "Ta bort filtret Missionsorienterad", "Ta bort filtret Utforska möjligheter"]
    page.get_by_role("button", name="Ta bort filtret Missionsorienterad").click()
    page.wait_for_url("**/alla-initiativ/?stage=explore&q=digitalt")
    assert not page.locator('input[name="facet"][value="mission"]').is_checked()
    assert page.evaluate("document.activeElement.textContent").startswith("Utforska möjligheter")
    page.keyboard.press("Enter")  # the chip in focus removes its filter too
    page.wait_for_url("**/alla-initiativ/?q=digitalt")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_first_results_are_in_the_first_viewport_and_nothing_moves(browser, site, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    page = context.new_page()
    page.add_init_script("""window.__shifts = [];
      new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shifts.push([e.value, e.startTime]); }))
        .observe({type: 'layout-shift', buffered: true});""")
    page.goto(site + "alla-initiativ/")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    page.wait_for_function("() => document.getElementById('resultat').textContent.length > 0")
    page.wait_for_timeout(500)  # the filter data has loaded and the form is filled in
    first = page.locator(".portfolio-cards > li").first.bounding_box()
    assert first["y"] + 40 < height  # the first result's title is on the first screen
    # Once the page is parsed (before that, a slow machine paints half-read
    # cards, which the filter has nothing to do with), nothing moves: not
    # when the filter's data comes, nor when the logo or the cards' pictures load.
    assert page.evaluate("""window.__shifts.filter(([value, time]) =>
        time >= performance.getEntriesByType('navigation')[0].domInteractive).map(([value]) => value)""") == []
    summary = page.locator("details.portfolio-list__filters > summary")
    if width < 960:
        assert summary.is_visible() and page.locator("form.portfolio-filter").is_hidden()
        page.goto(site + "alla-initiativ/?facet=mission&stage=explore&status=active")
        page.wait_for_function("() => document.querySelector('details.portfolio-list__filters > summary').textContent.trim() === 'Filtrera (3)'")
        summary.click()
        assert page.locator("form.portfolio-filter").is_visible()
    else:
        assert summary.is_hidden() and page.locator("form.portfolio-filter").is_visible()
        form, results = page.locator("form.portfolio-filter").bounding_box(), page.locator(".portfolio-cards").bounding_box()
        assert form["x"] + form["width"] <= results["x"] and form["y"] < results["y"] + results["height"]  # beside
    context.close()


def test_no_match_is_announced(page, site):
    open_list(page, site, "?q=finnsinte")
    expect(page.locator("#resultat")).to_have_text(re.compile("^Inga"))
    assert slugs(page) == []


def test_without_javascript_the_list_is_paged_with_numbered_links(page_without_js, site):
    page_without_js.goto(site + "alla-initiativ/?facet=mission")
    assert len(slugs(page_without_js)) == 100
    assert page_without_js.locator("form.portfolio-filter").is_hidden()
    assert page_without_js.locator("#resultat").inner_text() == f"{TOTAL} initiativ"
    page_without_js.get_by_role("navigation", name="Sidor i listan").get_by_role("link", name="Sida 2").click()
    page_without_js.wait_for_url("**/alla-initiativ/sida-2/")
    assert slugs(page_without_js) == ["filler-99", "epsilon", "beta", "alfa", "gamma"]
    assert page_without_js.title().startswith("Alla initiativ, sida 2")
    current = page_without_js.locator('[aria-current="page"]')
    assert " ".join(current.inner_text().split()) == "Sida 2"
    page_without_js.get_by_role("link", name="Föregående sida").click()
    page_without_js.wait_for_url("**/alla-initiativ/")
    # Where the filter would be, the vocabularies' pages.
    assert page_without_js.get_by_role("navigation", name="Bläddra efter").get_by_role("link", name="Steg").is_visible() \
        or page_without_js.locator("details.portfolio-list__filters > summary").is_visible()


def test_matrix_cells_open_the_filtered_list(page, site):
    page.goto(site)
    cell = page.get_by_role("link", name="1 initiativ: Missionsorienterad, Förverkliga")
    cell.click()
    page.wait_for_url("**/alla-initiativ/?facet=mission&stage=realise")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    assert slugs(page) == ["beta"]
    assert page.errors == []
