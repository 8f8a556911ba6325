"""The filter on the list of all initiatives, in a real browser: each
dimension, combinations, counts, URL state both ways, the back button, the
announced result count, the keyboard, sorting, paging, no JavaScript, and the
links from the home page's matrix."""

import re

import pytest
from playwright.sync_api import expect  # not wait_for_function: the page's policy refuses eval

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
FILLERS = 50  # one page of cards is 50


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
    page.locator("form.portfolio-filter").wait_for(state="visible")
    return page


def slugs(page) -> list[str]:
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
    assert len(slugs(page)) == 50


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
    assert len(slugs(page)) == 50 and status(page) == f"{TOTAL} initiativ"
    more = page.get_by_role("button", name=re.compile("Visa fler"))
    assert more.inner_text() == f"Visa fler ({TOTAL - 50} till)"
    more.click()
    assert len(slugs(page)) == TOTAL and more.is_hidden()
    assert page.evaluate("document.activeElement.closest('li').dataset.slug") == slugs(page)[50]


def test_no_match_is_announced(page, site):
    open_list(page, site, "?q=finnsinte")
    expect(page.locator("#resultat")).to_have_text(re.compile("^Inga"))
    assert slugs(page) == []


def test_without_javascript_every_initiative_is_listed(page_without_js, site):
    page_without_js.goto(site + "alla-initiativ/?facet=mission")
    assert len(slugs(page_without_js)) == TOTAL
    assert page_without_js.locator("form.portfolio-filter").is_hidden()
    assert page_without_js.locator("#resultat").inner_text() == f"{TOTAL} initiativ"


def test_matrix_cells_open_the_filtered_list(page, site):
    page.goto(site)
    cell = page.get_by_role("link", name="1 initiativ: Missionsorienterad, Förverkliga")
    cell.click()
    page.wait_for_url("**/alla-initiativ/?facet=mission&stage=realise")
    page.locator("form.portfolio-filter").wait_for(state="visible")
    assert slugs(page) == ["beta"]
    assert page.errors == []
