"""Hostile files of every kind the site refuses: the build stops with one
Swedish message per file (and line), the last good site stays as it was,
and nothing from outside the project reaches it. What is published harmless
instead is visited in a browser (tests/browser/test_safety.py)."""

import os
import re

import pytest

from portfolj.csp import public_policy, with_policy
from support import new_project

PASSWD = "/etc/passwd"


def errors(stderr: str) -> list[str]:
    return [line.removeprefix("ERROR   -  portfolj: ") for line in stderr.splitlines()
            if line.startswith("ERROR   -  portfolj: ") and "Innehållet har" not in line]  # not the summary


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """A site built once from good content, then built again with every hostile file."""
    project = new_project(tmp_path_factory.mktemp("refused") / "project")
    project.add("vanlig", title="Vanligt initiativ")
    assert project.build("--strict").returncode == 0
    good = {p.relative_to(project.site).as_posix(): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}

    # 2. Markdown the engine would render outside the validated pages.
    project.write("content/extra.markdown", "<script>alert(1)</script>")
    project.write("content/om/sida.md", "---\ntitle: Om\n---\n<script>alert(1)</script>")
    project.write("content/initiatives/gammal.mdown", "<script>alert(1)</script>")
    project.write("content/initiatives/index.md", "---\ntitle: x\n---\n")
    # 3. Addresses as browsers read them, in the body and in the front matter.
    project.add("adresser", body=(
        "## Behov\n\n"
        "[klicka](JavaScript:alert(1))\n"
        "![spårning](\\\\tracker.example/p.gif)\n"
        '<a href="jav&#x09;ascript:alert(2)">x</a>\n'
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/x"></iframe>\n'
        '<img src="https://innovation.asby.se@tracker.example/p.gif" alt="x">\n'
    ), image={"src": "//tracker.example/a.jpg", "alt": "Bild"},
        links=[{"title": "Kommunen", "url": "https://www.asby.se@evil.example/"}])
    # 4. Active or disguised files.
    project.write("content/bilder/logga.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    project.write("content/bilder/foto.png", "<html><script>alert(1)</script></html>")
    project.write("content/sida.html", "<script>alert(1)</script>")
    project.write("content/bilder/skript.js", "alert(1)")
    # 5. Links out of content/.
    os.symlink(PASSWD, project.root / "content/bilder/losen.png")
    os.symlink("/proc/self", project.root / "content/proc")
    os.symlink("../initiatives", project.root / "content/bilder/kopia")
    project.add("bild-utanfor", image={"src": "../bilder/losen.png", "alt": "Bild"})
    # 6. Addresses the site itself uses, and unsafe segments.
    taxonomy = (project.root / "taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = taxonomy.replace("path: status", "path: admin").replace("path: omraden", "path: steg")
    taxonomy = taxonomy.replace("- id: paused", "- id: ../../paused")
    project.write("taxonomy.yml", taxonomy)
    result = project.build("--strict")
    return project, result, good


def test_the_build_fails_and_the_last_good_site_is_untouched(refused):
    project, result, good = refused
    assert result.returncode == 1
    assert "Den senast byggda webbplatsen är orörd." in result.stderr
    now = {p.relative_to(project.site).as_posix(): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert now == good


def taxonomy_line(project, text: str, nth: int = 1) -> int:
    """The line of the taxonomy file that holds ``text`` (its ``nth`` time)."""
    lines = (project.root / "taxonomy.yml").read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if text in line][nth - 1]


def test_the_taxonomy_file_is_judged_first(refused):
    """A broken taxonomy stops the reading of content: its message comes alone."""
    project, result, _ = refused
    assert errors(result.stderr) == [
        f"taxonomy.yml:{taxonomy_line(project, '- id: ../../paused')}: fältet 'status, terms, värde 2, id': "
        "Id:t '../../paused' blir en del av sidans adress och får "
        "bara innehålla små bokstäver a–z, siffror och enkla bindestreck (till exempel paused)."]


@pytest.fixture(scope="module")
def refused_content(refused):
    project, _, _ = refused
    taxonomy = (project.root / "taxonomy.yml").read_text(encoding="utf-8")
    project.write("taxonomy.yml", taxonomy.replace("- id: ../../paused", "- id: paused"))
    result = project.build("--strict")
    assert result.returncode == 1
    return project, errors(result.stderr)


def line_of(project, path: str, text: str) -> int:
    return (project.root / path).read_text(encoding="utf-8").splitlines().index(text) + 1


def test_every_hostile_file_is_named_with_its_swedish_message(refused_content):
    project, found = refused_content
    link = "Det här är en symbolisk länk (genväg) till en plats {}. Bara riktiga filer i content/ publiceras: " \
           "ersätt länken med en kopia av filen eller mappen, eller ta bort den."
    page = ("Textfilen publiceras inte: sidor får bara ligga i content/initiatives/ (initiativ) och "
            "content/utmaningar/ (utmaningar) eller vara content/index.md. Flytta filen dit eller ta bort den.")
    expected = [
        f"content/bilder/foto.png: Filen heter .png men är ingen PNG-bild: innehållet är av ett annat slag. "
        "Spara den på nytt som PNG-bild eller ta bort den.",
        f"content/bilder/kopia: {link.format('i content/')}",
        f"content/bilder/logga.svg: SVG-bilder kan innehålla skript och publiceras inte. Spara bilden som PNG "
        "eller WebP och ändra sökvägen till den.",
        f"content/bilder/losen.png: {link.format('utanför content/')}",
        "content/bilder/skript.js: Filen publiceras inte: i mappen content/ får bara bilder (JPEG, PNG, GIF, "
        "WebP, AVIF) och PDF-dokument ligga, utöver textfilerna (.md). Ta bort filen eller flytta den utanför content/.",
        f"content/extra.markdown: {page}",
        "content/initiatives/gammal.mdown: Filen har fel filändelse: filerna i content/initiatives/ (initiativ) "
        "ska sluta på .md. Byt namn på filen.",
        "content/initiatives/index.md: Filnamnet index.md är reserverat för sidan som visar mappen. Ge filen "
        "ett eget namn, till exempel sidans titel med bindestreck.",
        f"content/om/sida.md: {page}",
        f"content/proc: {link.format('utanför content/')}",
        "content/sida.html: Filen publiceras inte: i mappen content/ får bara bilder (JPEG, PNG, GIF, WebP, AVIF) "
        "och PDF-dokument ligga, utöver textfilerna (.md). Ta bort filen eller flytta den utanför content/.",
    ]
    assert [line for line in found if not line.startswith(("content/initiatives/adresser", "content/initiatives/bild-",
                                                            "content/initiatives/index.md:", "taxonomy"))
            ] == [line for line in expected if not line.startswith("content/initiatives/index.md")]
    assert expected[7] in found


def test_addresses_are_refused_with_file_and_line(refused_content):
    project, found = refused_content
    path = "content/initiatives/adresser.md"
    at = lambda text: f"{path}:{line_of(project, path, text)}"  # noqa: E731
    image = ("ligger inte på webbplatsen. Bilder från andra webbplatser är inte tillåtna: de skulle visa den "
             "webbplatsen vem som läser sidan. Ladda ner bilden (om licensen tillåter det), lägg den i mappen "
             "content/ och skriv sökvägen dit, till exempel ../bilder/foto.jpg.")
    link = ("är inte tillåten: länkar får bara gå till webbsidor (https://…) eller e-postadresser (mailto:…). "
            "Rätta eller ta bort länken.")
    user = ("innehåller ett användarnamn (tecknet @ före webbplatsens namn): den ser ut att leda till en webbplats "
            "men leder till en annan. Skriv adressen utan det.")
    backslashes = "\\\\tracker.example/p.gif"
    anchor = '<a href="jav&#x09;ascript:alert(2)">x</a>'
    frame = '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/x"></iframe>'
    image_with_user = '<img src="https://innovation.asby.se@tracker.example/p.gif" alt="x">'
    assert [line for line in found if line.startswith(path)] == [
        f"{at('  src: //tracker.example/a.jpg')}: fältet 'image, src': Bilden '//tracker.example/a.jpg' {image}",
        f"{at('  url: https://www.asby.se@evil.example/')}: fältet 'links, url': "
        f"Adressen 'https://www.asby.se@evil.example/' {user}",
        f"{at('[klicka](JavaScript:alert(1))')}: Länken 'JavaScript:alert(1)' {link}",
        f"{at(f'![spårning]({backslashes})')}: Bilden '{backslashes}' {image}",
        f"{at(anchor)}: Länken 'jav\\u0009ascript:alert(2)' {link}",
        f"{at(frame)}: Videon 'https://www.youtube-nocookie.com.evil.example/embed/x' får inte bäddas in: bara "
        "https-adresser från webbplatserna i embed_hosts i mkdocs.yml är tillåtna (www.youtube-nocookie.com, "
        "player.vimeo.com). Länka till videon i stället.",
        f"{at(image_with_user)}: Adressen 'https://innovation.asby.se@tracker.example/p.gif' {user}",
    ]


def test_an_image_through_a_link_out_of_content_is_refused(refused_content):
    project, found = refused_content
    path = "content/initiatives/bild-utanfor.md"
    assert f"{path}:{line_of(project, path, '  src: ../bilder/losen.png')}: fältet 'image, src': Bildfilen " \
           "'../bilder/losen.png' ligger utanför mappen content/. Bara filer i content/ publiceras: lägg bilden " \
           "där, till exempel i content/bilder/." in found


def test_reserved_names_name_both_sources(project):
    project.add("ett")
    taxonomy = (project.root / "taxonomy.yml").read_text(encoding="utf-8")
    project.write("taxonomy.yml", taxonomy.replace("path: status", "path: admin").replace("path: omraden", "path: steg")
                  .replace("path: globala-malen", "path: bilder"))
    project.write("content/bilder/a.png", b"\x89PNG\r\n\x1a\n")
    project.write("content/pagefind/b.png", b"\x89PNG\r\n\x1a\n")
    result = project.build("--strict")
    assert result.returncode == 1
    assert errors(result.stderr) == [
        "content/pagefind: Namnet 'pagefind' används redan av webbplatsen för sökindexet. Byt namn på det.",
        f"taxonomy.yml:{taxonomy_line(project, 'path: admin')}: fältet 'status, path': "
        "Sökvägen 'admin' används redan av webbredigeraren. "
        "Välj en annan path för taxonomin status.",
        f"taxonomy.yml:{taxonomy_line(project, 'path: steg', 2)}: fältet 'areas, path': "
        "Sökvägen 'steg' används redan av taxonomin stage i taxonomy.yml. "
        "Välj en annan path för taxonomin areas.",
        f"taxonomy.yml:{taxonomy_line(project, 'path: bilder')}: fältet 'sdgs, path': "
        "Sökvägen 'bilder' används redan av mappen content/bilder. "
        "Välj en annan path för taxonomin sdgs.",
    ]


def test_an_organisation_called_index_cannot_take_the_overview_page(project):
    project.add("ett", organisation="Index")
    result = project.build("--strict")
    assert result.returncode == 1
    assert "Termen 'index' skulle få samma adress som sidan Organisationer (organisationer/)" in result.stderr


def test_nothing_from_outside_the_project_is_published(refused_content):
    project, _ = refused_content
    secret = open(PASSWD, "rb").read()[:32]
    assert not [p for p in project.site.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_the_editorial_page_is_validated_and_sanitised(project):
    project.add("ett")
    project.write("content/index.md", "---\ntitle: Start\ntemplate: 404.html\nhide: [navigation]\n---\n\nText.\n")
    result = project.build("--strict")
    assert errors(result.stderr) == [
        "content/index.md:3: fältet 'template': Otillåtet värde '404.html'. Tillåtna värden: 'portfolio/home.html'.",
        "content/index.md:4: fältet 'hide': Okänt fält 'hide'. Tillåtna fält: title, description, template.",
    ]
    project.write("content/index.md", "---\ntitle: '<script>alert(1)</script>Start'\n---\n\n"
                  '<p id="__config" onclick="alert(1)">Hej</p><script>alert(2)</script>\n')
    assert project.build("--strict").returncode == 0
    html = (project.site / "index.html").read_text(encoding="utf-8")
    assert '<p id="avsnitt-__config">Hej</p>' in html
    assert "alert(2)" not in html and "<script>alert" not in html
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;Start</h1>" in html  # the title names the site, see main.html


def test_taxonomy_text_is_escaped_in_the_menu_and_on_pages(project):
    hostile = "<img src=x onerror=alert(1)>"
    taxonomy = (project.root / "taxonomy.yml").read_text(encoding="utf-8")
    project.write("taxonomy.yml", taxonomy.replace("plural: Innovationsfacetter", f"plural: '{hostile}'")
                  .replace("label: Förbättringsinriktad", f"label: '{hostile}'")
                  .replace("  path: facetter\n  pages: true\n  description: >-\n",
                           f"  path: facetter\n  pages: true\n  description: >-\n    {hostile} [x](javascript:alert(2))\n"))
    project.add("ett")
    assert project.build("--strict").returncode == 0
    for page in project.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert hostile not in html and 'href="javascript:' not in html, page


def test_heading_links_and_the_table_of_contents_follow_the_namespaced_ids(project):
    project.add("ett", body="## Behov {#__config}\n\nSe [behov](#__config), [lösning](#losning) och "
                            "[målet](tva.md#mal).\n\n## Lösning\n\nText.\n")
    project.add("tva", body="## Mål\n\nText.\n")
    assert project.build("--strict").returncode == 0
    html = project.html("initiatives/ett")
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert "avsnitt-__config" in ids and "avsnitt-losning" in ids and ids.count("__config") == 1
    assert '<a href="#avsnitt-__config">behov</a>' in html and '<a href="../tva/#avsnitt-mal">målet</a>' in html
    # Material's table of contents links to the same ids.
    assert re.search(r'<a href="#avsnitt-losning" class="md-nav__link">', html)


def test_every_page_has_a_policy_allowing_only_the_themes_scripts(project):
    project.add("ett")
    assert project.build("--strict").returncode == 0
    pages = [p for p in project.site.rglob("*.html") if "admin" not in p.parts]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert len(policies) == 1, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        assert "'unsafe-inline'" not in policies[0] and "default-src 'none'" in policies[0]
    admin = (project.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert admin.count("Content-Security-Policy") == 1  # its own, from portfolj.cms


def test_a_script_in_the_body_is_never_allowed_by_hash():
    body = "<p>x</p><script>alert(1)</script>"
    page = f"<html><head><meta charset=\"utf-8\"><script>theme()</script></head><body>{body}</body></html>"
    policy = public_policy(page, body)
    assert len(re.findall(r"'sha256-", policy)) == 1
    assert public_policy(page.replace(body, ""), "") == policy
    assert "'unsafe-inline'" not in policy and "'unsafe-inline'" in public_policy(page, body, preview=True)
    assert with_policy(page, policy).startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
