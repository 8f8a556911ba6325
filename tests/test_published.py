"""Which files of content/ may be published: passive files whose bytes match their kind, and the pages."""

import pytest

from portfolj.published import file_refusal, publication_problems

REAL = {
    "a.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF", "a.JPEG": b"\xff\xd8\xff\xdb", "a.png": b"\x89PNG\r\n\x1a\n\x00",
    "a.gif": b"GIF89a\x01\x00", "a.webp": b"RIFF\x10\x00\x00\x00WEBPVP8 ", "a.avif": b"\x00\x00\x00\x1cftypavif",
    "a.pdf": b"%PDF-1.7\n",
}


@pytest.mark.parametrize("name", list(REAL))
def test_real_images_and_documents_are_published(tmp_path, name):
    (tmp_path / name).write_bytes(REAL[name])
    assert file_refusal(f"bilder/{name}", tmp_path / name) is None


@pytest.mark.parametrize("name, content", [
    ("a.png", b"<html><script>alert(1)</script>"), ("a.jpg", b"\x89PNG\r\n\x1a\n"), ("a.webp", b"RIFF\x10\x00\x00\x00WAVE"),
    ("a.pdf", b"<!doctype html>"), ("a.gif", b""),
])
def test_files_that_are_not_what_their_name_says_are_refused(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    assert "men är ingen" in file_refusal(f"bilder/{name}", tmp_path / name)


@pytest.mark.parametrize("name", ["a.svg", "a.SVG", "a.html", "a.htm", "a.xml", "a.js", "a.mjs", "a.css", "a.json",
                                  "a.yml", "a.md.html", "a.MD", "a.exe", "a", "a.png.html"])
def test_active_or_unknown_files_are_refused(tmp_path, name):
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    assert file_refusal(f"bilder/{name}", tmp_path / name) is not None


@pytest.mark.parametrize("relative, allowed", [
    ("index.md", True), ("initiatives/a.md", True), ("initiatives/under/b.md", True),
    ("initiatives/index.md", False), ("initiatives/a.markdown", False), ("initiatives/a.mkd", False),
    ("om.md", False), ("bilder/a.md", False), ("index.markdown", False), ("utkast/index.md", False),
])
def test_only_registered_pages_are_rendered(tmp_path, relative, allowed):
    assert (file_refusal(relative, tmp_path / "unused") is None) == allowed


def test_dot_files_are_the_engines_to_ignore(tmp_path):
    (tmp_path / ".gitkeep").write_text("")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    assert publication_problems(tmp_path, tmp_path) == []
