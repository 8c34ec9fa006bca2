"""The source register (seeds/sources.yaml): the article's record, its claims and references."""

from __future__ import annotations

from pydantic import Field

from caspian_tabletop.scenario.schema import Reference, SourceId, Strict


class Article(Strict):
    id: SourceId
    title: str
    author: str
    publication: str
    volume: int
    issue: int
    date: str
    publisher: str
    url: str


class Claim(Strict):
    """One of the article's claims, paraphrased in our words, with its paragraph number."""

    id: SourceId
    paragraph: int = Field(ge=1)
    text: str = Field(min_length=10)
    note: str | None = None


class Register(Strict):
    article: Article
    claims: list[Claim] = Field(min_length=1)
    references: list[Reference] = Field(default_factory=list)

    def ids(self) -> set[str]:
        """Every id a scenario figure may cite."""
        return {self.article.id} | {c.id for c in self.claims} | {r.id for r in self.references}
