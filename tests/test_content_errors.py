"""Mistakes in the content that reach the build: a Swedish message naming
the file, exit code 1, no traceback; drafts stay out of the public site."""

import json

from support import MINIMAL, front_matter


def test_a_page_colliding_with_a_generated_file_or_page(project):
    """Pages may only be initiatives, challenges and the home page, so no
    content file can take a generated page's or file's address."""
    project.add("bra")
    project.write("content/initiatives.json.md", "# Krock\n")
    project.write("content/alla-initiativ.md", "# Krock\n")
    project.write("content/utmaningar/index.md", "# Krock\n")
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for name in ("alla-initiativ.md", "initiatives.json.md"):
        assert (f"content/{name}: Textfilen publiceras inte: sidor får bara ligga i content/initiatives/ "
                "(initiativ) och content/utmaningar/ (utmaningar) eller vara content/index.md. Flytta filen dit "
                "eller ta bort den.") in result.stderr
    assert "content/utmaningar/index.md: Filnamnet index.md är reserverat för sidan som visar mappen." in result.stderr
    assert "Innehållet har 3 fel." in result.stderr


def test_extra_portfolio_that_is_not_a_mapping(project):
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("extra:\n")
    project.write("mkdocs.yml", config[:start] + "extra:\n  portfolio: [taxonomy.yml]\n" + config[config.index("\nwatch:"):])
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("mkdocs.yml:62: fältet 'extra.portfolio': Ska vara en grupp av fält på egna rader med indrag "
            "(namn: värde).") in result.stderr


def test_drafts_stay_out_of_the_public_site(project):
    project.add("klar", title="Klart initiativ")
    project.add("utkast", title="Hemligt utkast", draft=True, organisation="Utkastförvaltningen",
                body="## Behov\n\nVad gör ni, och hur?\n")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert not (project.site / "initiatives" / "utkast").exists()
    published = [path for path in project.site.rglob("*") if path.is_file() and path.suffix != ".gz"]
    assert [path for path in published if "Hemligt utkast" in path.read_text(encoding="utf-8", errors="ignore")
            or "Utkastförvaltningen" in path.read_text(encoding="utf-8", errors="ignore")] == []
    document = json.loads((project.site / "initiatives.json").read_text(encoding="utf-8"))
    assert document["count"] == 1 and "draft" not in document["initiatives"][0]
    assert "draft" not in (project.site / "initiatives.csv").read_text(encoding="utf-8").splitlines()[0]


def test_the_template_text_is_not_published(project):
    body = "## Behov\n\nVilket behov eller problem ska initiativet möta, och för vem?\n"
    project.write("content/initiatives/mall.md", front_matter(
        MINIMAL | {"description": "Skriv en eller två meningar om initiativet."}, body))
    result = project.build()
    assert result.returncode == 1
    assert ("content/initiatives/mall.md:3: fältet 'description': Beskrivningen är fortfarande mallens hjälptext. "
            "Skriv egen text i stället, eller skriv draft: true så länge texten inte är klar.") in result.stderr
    assert ("content/initiatives/mall.md:12: Texten innehåller fortfarande mallens hjälptext 'Vilket behov eller "
            "problem ska initiativet möta, och för vem?'.") in result.stderr


def test_other_pages_that_cannot_be_read(project):
    project.add("bra")
    project.write("content/index.md", "---\ntitle: Källa\n---\n".encode("latin-1"))
    (project.root / "content" / "initiatives" / "borta.md").symlink_to(project.root / "finns-inte.md")
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/index.md:2: Filen är inte sparad som UTF-8." in result.stderr
    assert ("content/initiatives/borta.md: Det här är en symbolisk länk (genväg) till en plats utanför content/."
            in result.stderr)
