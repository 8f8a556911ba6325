"""Integration: a real `mkdocs build` on temporary content, asserting on the
produced HTML and JSON."""

import json
import re
import shutil

import pytest

from support import ONE_CORE, ROOT, png, run_engine


def cards(html: str) -> list[str]:
    return re.findall(r'class="portfolio-card[^"]*" data-slug="([^"]+)"', html)


@pytest.fixture
def built(project):
    project.add("skola-pa-distans", title="Skola på distans", facet="adaptive", stage="spread",
                status="completed", areas=["education"], sdgs=[4], started="2020-03-16", ended="2021-06-15")
    project.write("content/bilder/buss.png", png(64, 36))
    project.add("fossilfri-fordonsflotta", title="Fossilfri fordonsflotta", facet="mission", stage="realise",
                featured=True, sdgs=[7, 13], funding=[{"funder": "Klimatklivet", "amount_sek": 1250000}],
                image={"src": "../bilder/buss.png", "alt": "En elbuss vid hållplatsen"})
    project.add("ai-pilot", title="AI-pilot", facet="anticipatory", stage="explore", status="stopped")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_group_pages_list_exactly_their_initiatives(built):
    assert cards(built.html("facetter/missionsorienterad")) == ["fossilfri-fordonsflotta"]
    assert cards(built.html("facetter/forbattringsinriktad")) == []
    assert "Inga initiativ ännu" in built.html("facetter/forbattringsinriktad")
    assert cards(built.html("steg/sprida")) == ["skola-pa-distans"]
    assert cards(built.html("status/avbrutet")) == ["ai-pilot"]
    assert cards(built.html("globala-malen/7")) == ["fossilfri-fordonsflotta"]
    assert cards(built.html("omraden/forskola-och-skola")) == ["skola-pa-distans"]
    assert cards(built.html("organisationer/kommunledningsforvaltningen")) == [
        "ai-pilot", "fossilfri-fordonsflotta", "skola-pa-distans"]
    assert cards(built.html("alla-initiativ")) == ["ai-pilot", "fossilfri-fordonsflotta", "skola-pa-distans"]


def test_group_page_shows_the_taxonomy_description(built, taxonomies):
    html = built.html("steg/utforska-mojligheter")
    assert taxonomies["stage"].term("explore").description.split(".")[0] in html
    assert ">Utforska möjligheter</h1>" in html


def test_initiative_page(built):
    html = built.html("initiatives/fossilfri-fordonsflotta")
    assert html.count("<h1") == 1 and ">Fossilfri fordonsflotta</h1>" in html
    assert '<a href="../../facetter/missionsorienterad/">Missionsorienterad</a>' in html
    assert '<a href="../../steg/forverkliga/">Förverkliga</a>' in html
    assert '<a href="../../status/pagaende/">Pågående</a>' in html
    assert '<a href="../../organisationer/kommunledningsforvaltningen/">Kommunledningsförvaltningen</a>' in html
    assert '<a href="../../globala-malen/13/">Bekämpa klimatförändringen</a>' in html
    assert "Klimatklivet: 1\u202f250\u202f000 kr" in html
    assert '<h2 id="avsnitt-behov">Behov</h2>' in html  # ids from content are namespaced (portfolj.sanitize)
    assert 'lang="sv"' in html


def test_pictures_give_their_width_and_height_so_nothing_moves_as_they_load(built):
    page = built.html("initiatives/fossilfri-fordonsflotta")
    assert '<img src="../../bilder/buss.png" alt="En elbuss vid hållplatsen" width="64" height="36">' in page
    for listing in ("", "alla-initiativ", "steg/forverkliga"):  # the featured stories, the lists
        assert re.search(r'<img class="portfolio-card__image" src="[./]*bilder/buss.png" alt="" '
                         r'width="64" height="36" loading="lazy">', built.html(listing)), listing


def test_home_page_explains_and_counts(built):
    html = built.html("")
    for label in ("Förbättringsinriktad", "Missionsorienterad", "Anpassningsinriktad", "Framtidsinriktad",
                  "Lägga grunden", "Identifiera behov", "Utforska möjligheter", "Förverkliga", "Sprida"):
        assert label in html
    assert re.search(r'data-facet="mission" data-stage="realise">\s*<a href="alla-initiativ/\?facet=mission&amp;stage=realise"'
                     r' aria-label="1 initiativ: Missionsorienterad, Förverkliga">1</a>', html)
    assert re.search(r'data-facet="mission" data-stage="explore">\s*<a [^>]+>0</a>', html)
    featured = html[html.index('id="utvalda"'):html.index('id="matris"')]
    assert cards(featured) == ["fossilfri-fordonsflotta"]


def test_initiatives_are_not_in_the_menu_but_overviews_are(built):
    menu = built.html("")[: built.html("").index('class="md-content"')]
    assert "Fossilfri fordonsflotta" not in menu
    for title in ("Alla initiativ", "Innovationsfacetter", "Steg", "Verksamhetsområden"):
        assert title in menu


def test_the_menu_marks_the_current_page_also_where_it_is_shared(built):
    """The menu is rendered once per folder for pages it does not list; a page
    it lists still gets its own menu, with itself marked."""
    active = re.compile(r'class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<')
    assert active.findall(built.html("overblick")) == ["Överblick"]
    assert active.findall(built.html("alla-initiativ")) == ["Alla initiativ"]  # same depth as the overview
    assert active.findall(built.html("initiatives/ai-pilot")) == []
    assert active.findall(built.html("facetter/missionsorienterad")) == []


def test_initiatives_json(built):
    document = json.loads((built.site / "initiatives.json").read_text(encoding="utf-8"))
    assert document["version"] == 1 and document["count"] == 3
    records = {r["slug"]: r for r in document["initiatives"]}
    fleet = records["fossilfri-fordonsflotta"]
    assert fleet["url"] == "initiatives/fossilfri-fordonsflotta/"
    assert (built.site / fleet["url"] / "index.html").is_file()
    assert fleet["funding"] == [{"funder": "Klimatklivet", "amount_sek": 1250000}]
    assert records["skola-pa-distans"]["ended"] == "2021-06-15"
    assert "ended" not in fleet


def test_front_matter_values_are_escaped(project):
    project.add("farlig", title='Tom & "Jerry" <script>alert(1)</script>',
                description="</title><img src=x onerror=alert(1)>", organisation="<b>Fet</b> & co",
                partners=["<i>P</i>"], tags=['"><svg onload=alert(1)>'])
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    for url in ("initiatives/farlig", "alla-initiativ", "facetter/forbattringsinriktad", "status/pagaende"):
        html = project.html(url)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "<b>Fet</b>" not in html and "<svg onload" not in html
    page = project.html("initiatives/farlig")
    assert ">Tom &amp; &#34;Jerry&#34; &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert '<meta name="description" content="&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;">' in page
    assert "<title>Tom &amp; &#34;Jerry&#34; &lt;script&gt;" in page


def test_invalid_content_fails_the_build_with_swedish_messages(project):
    project.add("bra")
    project.add("fel", stage="explroe")
    project.write("content/initiatives/trasig.md", "---\ntitle: [\n---\n")
    for args in ((), ("--strict",)):
        result = project.build(*args)
        assert result.returncode == 1
        assert "content/initiatives/fel.md:5: fältet 'stage': Okänt värde 'explroe'. Menade du 'explore'" in result.stderr
        assert "content/initiatives/trasig.md:" in result.stderr
        assert "Innehållet har 2 fel" in result.stderr


def test_site_without_an_address_fails_with_a_clear_message(project):
    project.add("bra")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("site_url: https://innovation.asby.se/\n", ""))
    result = project.build()
    assert result.returncode == 1
    assert "mkdocs.yml: fältet 'site_url': Ange webbplatsens fullständiga adress som site_url i mkdocs.yml" in result.stderr


def test_a_wrong_setting_is_named_with_its_line_in_mkdocs_yml(project):
    project.add("bra")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  portfolio:\n", "  portfolio:\n    stale_after_months: noll\n", 1))
    line = config.splitlines().index("  portfolio:") + 2
    result = project.build()
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: fältet 'stale_after_months': Ska vara ett heltal" in result.stderr


def test_failed_build_keeps_the_last_good_site(project):
    project.add("bra", title="Bra initiativ")
    assert project.build().returncode == 0
    before = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    project.add("fel", facet="okänd")
    assert project.build().returncode == 1
    after = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before and "Bra initiativ" in project.html("initiatives/bra")


def test_empty_portfolio_builds(project):
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert json.loads((project.site / "initiatives.json").read_text())["initiatives"] == []
    assert "Inga initiativ ännu" in project.html("facetter/missionsorienterad")


def test_initiative_page_ends_with_related_initiatives(project):
    project.add("a", title="Trygghetskameror", areas=["elderly-care"], tags=["välfärdsteknik"])
    project.add("b", title="Digital tillsyn", areas=["elderly-care"], tags=["välfärdsteknik"])
    project.add("c", title="Läsplattor", areas=["elderly-care"])
    project.add("d", title="Matlådor")
    project.add("e", title="Inget gemensamt", facet="mission")
    assert project.build("--strict").returncode == 0
    html = project.html("initiatives/a")
    related = html[html.index('id="liknande"'):]
    assert re.findall(r'<li data-slug="([^"]+)"', related) == ["b", "c", "d"]
    assert "Samma tagg, innovationsfacett och verksamhetsområde: välfärdsteknik, Äldreomsorg" in related  # why b is related
    assert html.index('id="fakta"') < html.index('id="avsnitt-behov"') < html.index('id="liknande"')


def test_search_index_is_swedish_and_holds_only_initiatives(built):
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == 3
    assert not (built.site / "search" / "search_index.json").exists()
    assert 'id="portfolio-search-input"' in built.html("initiatives/ai-pilot")


def test_sitemap_is_a_small_index_of_the_full_page_list(built):
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.parse(built.site / "sitemap.xml").getroot()
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", ns)] == ["https://innovation.asby.se/sitemap-sidor.xml"]
    pages = ElementTree.parse(built.site / "sitemap-sidor.xml").getroot()
    locs = {loc.text for loc in pages.findall("s:url/s:loc", ns)}
    assert {f"https://innovation.asby.se/initiatives/{slug}/" for slug in ("ai-pilot", "skola-pa-distans")} <= locs
    assert "https://innovation.asby.se/facetter/missionsorienterad/" in locs


def test_old_term_addresses_lead_on_and_are_not_listed_as_content(built):
    """A term page's address before the Swedish names (its id) is a link page:
    it leads on, search engines skip it, and the sitemap lists only the new one."""
    from xml.etree import ElementTree

    old = built.html("steg/realise")
    assert '<meta name="robots" content="noindex">' in old
    assert 'href="../forverkliga/"' in old and ">Sidan har flyttats</h1>" in old
    new = built.html("steg/forverkliga")
    assert "noindex" not in new and ">Förverkliga</h1>" in new
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ElementTree.parse(built.site / "sitemap-sidor.xml").getroot().findall("s:url/s:loc", ns)}
    assert "https://innovation.asby.se/steg/forverkliga/" in locs and "https://innovation.asby.se/facetter/mission/" not in locs
    assert not any("/steg/realise/" in loc for loc in locs)


def test_accessibility_statement_has_what_digg_requires(project):
    project.add("ett")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace('assessed_on: "2026-11-01"', 'assessed_on: "2026-10-05"'))
    assert project.build("--strict").returncode == 0
    html = project.html("tillganglighet")
    assert "Åsby kommun står bakom webbplatsen Innovationsportföljen" in html
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert "WCAG) 2.1" in html and "Webbredigeraren för kommunens medarbetare (/admin/) är inte granskad." in html
    assert '<a href="mailto:kommun@asby.se">kommun@asby.se</a>' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert '<time datetime="2026-10-05">5 oktober 2026</time>' in html and '<time datetime="2026-11-22">' in html


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(project):
    # A copy of the templates, to change one of them between builds.
    (project.root / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project.root / "overrides")
    project.add("bra", title="Bra initiativ")
    assert project.build().returncode == 0
    cache = project.root / ".cache" / "templates"
    compiled = {path: path.read_bytes() for path in cache.iterdir()}
    assert len(compiled) > 20  # Material's templates and ours

    template = project.root / "overrides" / "portfolio" / "initiative.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<p>Ändrad mall</p>", 1), encoding="utf-8")
    assert project.build().returncode == 0

    assert "<p>Ändrad mall</p>" in project.html("initiatives/bra")
    changed = [path for path in cache.iterdir() if compiled.get(path) != path.read_bytes()]
    assert len(changed) == 1  # only the changed template was compiled again


def test_parts_rendered_once_per_folder_are_exactly_the_parts_rendered_for_each_page(project):
    """Material's menu, header, styles and footer are rendered once per folder for the
    many pages the menu does not list (see portfolj_mkdocs.render_cache):
    every page must come out as if they were rendered for it, whatever its
    skip-link target, depth or template."""
    bodies = {"a": "## Behov\n\nText.\n", "b": "## Bakgrund\n\nEn annan början.\n", "c": "Ingen rubrik alls.\n",
              "d": "## Behov\n\n### Delmål\n\nText.\n"}
    for n in range(12):
        group = "aabcd"[n % 5]
        project.add(f"{group}-{n}", body=bodies[group], title=f"Initiativ {n}", organisation=f"Enhet {n % 3}",
                    tags=[f"tagg{n % 2}"], facet=["enhancement", "mission"][n % 2])
    project.add("undermapp/djupare", body=bodies["b"], title="I en undermapp")

    def build() -> None:
        # On one core one process renders every page, from one cache.
        assert run_engine(project.root, "build", "--strict", prefix=ONE_CORE).returncode == 0

    build()

    def pages() -> dict[str, str]:
        return {str(path.relative_to(project.site)): path.read_text(encoding="utf-8")
                for path in project.site.rglob("*.html") if "pagefind" not in path.parts}

    once = pages()
    # The same project with every such part rendered for each page.
    overrides = project.root / "overrides"
    overrides.unlink()
    shutil.copytree(ROOT / "overrides", overrides)
    changed = 0
    for template in overrides.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        each = re.sub(r'portfolio_per_folder\("[^"]+", (\w+)\)', r"\1()", text)
        changed += each != text
        template.write_text(each, encoding="utf-8")
    assert changed >= 4  # the styles and the footer, the header, the menu, the back-to-top button
    build()
    each = pages()
    assert len(once) > 40 and once.keys() == each.keys()
    assert [path for path in once if once[path] != each[path]] == []
