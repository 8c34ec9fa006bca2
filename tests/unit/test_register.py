"""The bundled source register holds together, and the shipped scenario cites it honestly.

The validator already refuses a `sources`/`cites` id the register lacks.  These tests cover what
it cannot see: ids named inside prose, claims kept in reading order, uncertain references that
explain themselves, and relations whose citations speak of both states of the pair.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from caspian_tabletop import paths
from caspian_tabletop.scenario.load import load_register
from caspian_tabletop.scenario.register import Register
from shipped import scenario

CITED_ID = re.compile(r"\b(?:EDM-\d{2}|REF-[a-z0-9]+(?:-[a-z0-9]+)*)\b")
ARTICLE_PARAGRAPHS = 8

# Words by which a claim or reference names each state of the reference scenario.
NAMES = {
    "RU": ("Russia", "Russian", "Moscow"),
    "IR": ("Iran", "Iranian", "Tehran"),
    "AZ": ("Azerbaijan", "Azerbaijani", "Baku"),
    "KZ": ("Kazakhstan", "Kazakh", "Astana"),
    "TM": ("Turkmenistan", "Turkmen", "Ashgabat"),
    "TR": ("Turkey", "Turkish", "Ankara", "Türkiye"),
    "AF": ("Afghanistan", "Afghan", "Kabul"),
}


@cache
def register() -> Register:
    return load_register()


def _register_texts(reg: Register) -> dict[str, str]:
    """Each register entry's prose, by id."""
    texts = {c.id: " ".join([c.text, c.note or ""]) for c in reg.claims}
    texts.update({r.id: " ".join([r.title, r.note or ""]) for r in reg.references})
    return texts


def _names(text: str, actor: str) -> bool:
    return any(re.search(rf"\b{re.escape(word)}\b", text) for word in NAMES[actor])


def test_claims_run_in_reading_order_without_gaps() -> None:
    claims = register().claims
    assert [c.id for c in claims] == [f"EDM-{n:02d}" for n in range(1, len(claims) + 1)]
    paragraphs = [c.paragraph for c in claims]
    assert paragraphs == sorted(paragraphs)
    assert set(paragraphs) == set(range(1, ARTICLE_PARAGRAPHS + 1))


def test_register_ids_are_unique() -> None:
    reg = register()
    ids = [reg.article.id, *(c.id for c in reg.claims), *(r.id for r in reg.references)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_every_id_named_in_register_prose_exists() -> None:
    reg = register()
    known = reg.ids()
    dangling = {
        (entry, named)
        for entry, text in _register_texts(reg).items()
        for named in CITED_ID.findall(text)
        if named not in known
    }
    assert dangling == set()


@pytest.mark.parametrize("name", ["caspian-2021.yaml", "tutorial.yaml",
                                  "replays/historical-2020-2021.yaml"])
def test_every_id_named_in_a_shipped_file_exists(name: str) -> None:
    text = (paths.scenarios_dir() / name).read_text(encoding="utf-8")
    assert set(CITED_ID.findall(text)) - register().ids() == set()


def test_uncertain_references_say_why() -> None:
    silent = [r.id for r in register().references
              if r.confidence in ("conflict", "derived", "unverified") and not r.note]
    assert silent == []


def test_references_point_at_web_pages() -> None:
    assert [r.id for r in register().references
            if not r.url.startswith(("https://", "http://"))] == []


def test_each_relation_cites_sources_that_name_both_states_or_says_it_is_an_estimate() -> None:
    texts = _register_texts(register())
    wrong = []
    for relation in scenario("caspian-2021").initial.relations:
        a, b = relation.pair
        if not relation.cites:
            if "designer estimate" not in relation.rationale:
                wrong.append((a, b, "no cites and not called a designer estimate"))
            continue
        cited = " ".join(texts[i] for i in relation.cites)
        missing = [x for x in (a, b) if not _names(cited, x)]
        if missing:
            wrong.append((a, b, f"cited sources never name {', '.join(missing)}"))
    assert wrong == []


def test_a_citation_naming_only_one_state_of_the_pair_is_caught() -> None:
    """The check above can fail: EDM-12 (Lapis Lazuli) names Afghanistan but not Russia."""
    texts = _register_texts(register())
    assert _names(texts["EDM-12"], "AF")
    assert not _names(texts["EDM-12"], "RU")


def test_presence_shares_are_explained_by_each_littoral_state() -> None:
    unexplained = [aid for aid, actor in scenario("caspian-2021").actors.items()
                   if actor.presence and (actor.provenance.estimate is None
                                          or "Presence" not in actor.provenance.estimate.rationale)]
    assert unexplained == []
