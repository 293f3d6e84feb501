from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import IngestError
from pipeline.ingest import article_id, decode, discover, layout, normalise, read_article

TEXT = "Le chiffre d'affaires atteint 2,5 millions d'euros à Zürich.\n"

DECODED = [
    ("utf8", TEXT.encode("utf-8"), "utf-8"),
    ("utf8_bom", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf16_le_bom", TEXT.encode("utf-16"), "utf-16"),
    ("utf16_be_bom", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    ("cp1252_crlf", TEXT.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
    ("cp1252_euro_sign", "Un budget de 3 €".encode("cp1252"), "cp1252"),
]

REFUSED = [
    ("empty", b"", "empty"),
    ("only_space", b" \n\t\n", "empty"),
    ("nul_bytes", b"abc\x00def\x00", "binary"),
    ("png_header", b"\x89PNG\r\n\x1a\n" + bytes(range(0, 32)) * 4, "binary"),
    ("control_soup", bytes(range(1, 9)) * 50 + b"text", "binary"),
]


@pytest.mark.parametrize("name,data,encoding", DECODED, ids=[c[0] for c in DECODED])
def test_ingest_decode_records_encoding(name: str, data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert used == encoding
    assert normalise(text).rstrip("\n") == normalise(TEXT).rstrip("\n") or "€" in text


@pytest.mark.parametrize("name,data,code", REFUSED, ids=[c[0] for c in REFUSED])
def test_ingest_decode_refuses_with_code(name: str, data: bytes, code: str) -> None:
    with pytest.raises(IngestError) as info:
        decode(data)
    assert info.value.code == code
    assert str(info.value)


def test_ingest_normalise_nfc_and_newlines() -> None:
    decomposed = "Stabilite\u0301 AI\r\nligne\rfin"
    assert normalise(decomposed) == "Stabilité AI\nligne\nfin"


def test_ingest_article_id_is_sha256_of_normalised_text(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes("Titre\r\nCorps é".encode("cp1252"))
    b.write_bytes("Titre\nCorps e\u0301".encode())
    assert read_article(a).article_id == read_article(b).article_id == article_id("Titre\nCorps é")


LAYOUTS = [
    (
        "title_credit_source",
        "Un titre.\nJeanne Durand/Reuters\nCorps du texte.\nSource : Le Monde : Le Monde",
        ("Un titre.", "Le Monde", "Jeanne Durand/Reuters"),
    ),
    (
        "source_english",
        "\n\nHeadline\nBody text here.\nSource: Financial Times",
        ("Headline", "Financial Times", None),
    ),
    (
        "quelle_german",
        "Überschrift\nText.\nQuelle: Handelsblatt",
        ("Überschrift", "Handelsblatt", None),
    ),
    ("no_source", "Titulo\nEl texto.", ("Titulo", None, None)),
    ("fraction_not_credit", "Title\n3/4 of revenue came from ads.\nBody.", ("Title", None, None)),
]


@pytest.mark.parametrize("name,text,expected", LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_ingest_layout_recognises_lines(name: str, text: str, expected: tuple[str, ...]) -> None:
    found = layout(text)
    assert (found.title, found.source, found.credit) == expected


def test_ingest_layout_date_line() -> None:
    text = "Titre\nPublié le 2 avril 2024\nCorps."
    found = layout(text)
    assert found.date_line is not None
    assert text[found.date_line[0]:found.date_line[1]] == "Publié le 2 avril 2024"


def test_ingest_read_refuses_bad_files(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    os.symlink(tmp_path / "missing", tmp_path / "dangling.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    codes = {}
    for name in ("dir.txt", "dangling.txt", "big.txt", "gone.txt"):
        with pytest.raises(IngestError) as info:
            read_article(tmp_path / name, max_bytes=1024)
        codes[name] = info.value.code
    assert codes == {
        "dir.txt": "not_a_file", "dangling.txt": "vanished", "big.txt": "too_large",
        "gone.txt": "vanished",
    }


def test_ingest_discover_recursive_sorted_unique(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for rel in ("b/z.txt", "a.txt", "b/y.md"):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = list(discover([tmp_path, tmp_path / "a.txt"]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/z.txt"]


@given(st.binary(max_size=400))
def test_ingest_decode_never_raises_other_errors(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except IngestError as error:
        assert error.code in {"empty", "binary", "undecodable"}
    else:
        assert isinstance(text, str) and encoding


@given(st.text(max_size=300))
def test_ingest_normalise_is_idempotent_nfc(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
