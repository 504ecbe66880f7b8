"""Pieces shared by every kind of record: text items, dates, sources and the record base."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


_FIELD_SETS: dict[frozenset[str], set[str]] = {}
"""One set of field names for every object that sets the same fields (see Strict.model_post_init)."""


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given: pydantic keeps one per object (16 MB at 1,000 records, where
        68,000 objects have 34 different sets). Nothing reads it but pydantic's ``exclude_unset``, which we
        do not use; the one validator that assigns (RaisedBy's item) assigns a field that was given, which
        is in the set already."""
        names = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(names), names))


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty: write some text here or remove the field")
    return value


Text = Annotated[str, AfterValidator(_non_blank)]
"""A piece of text shown as written (a small inline Markdown subset: *emphasis*, **strong**, [links](https://...))."""

Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, description="Lower-case letters, digits and hyphens, e.g. 'domestic-abuse'."),
]
ThemeId = Slug


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> str:
    """Accept 2013-09-27, 2013-09 or 2013 and return the same text after checking it is real."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("should be a date written as YYYY-MM-DD (or YYYY-MM, or YYYY)")
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        guess = _day_first(value)
        raise ValueError(
            f"'{value}' is not a date written as YYYY-MM-DD (for example 2013-09-27), "
            "YYYY-MM (2013-04) or YYYY (2013)" + (f": did you mean {guess}?" if guess else "")
        )
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"'{value}' is not a real date (check the day and the month)") from None
    return value.strip()


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")


def _day_first(value: str) -> str | None:
    """'14/02/14' (day, month, year, as dates are written in the UK) as 2014-02-14; None when it is no such date."""
    match = _DAY_FIRST.match(value)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(description="A date as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known."),
]


def _full_date(value: Any) -> str:
    result = _partial_date(value)
    if len(result) != 10:
        raise ValueError(f"'{value}' needs a day as well: write YYYY-MM-DD, for example 2013-09-27")
    return result


FullDate = Annotated[
    str,
    BeforeValidator(_full_date),
    Field(description="A date written as YYYY-MM-DD, for example 2013-09-27."),
]


class Item(Strict):
    """A bullet point or statement, optionally tagged with themes. Plain text is accepted as shorthand."""

    text: Text = Field(description="The statement, in the source's words.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes from the vocabulary this item is about.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value


class Question(Item):
    """A question from a question bank, optionally tagged with themes."""


class Block(Strict):
    """One block of running text: a paragraph, a sub-heading, or a list of points (exactly one)."""

    paragraph: Text | None = Field(default=None, description="A paragraph of text.")
    heading: Text | None = Field(default=None, description="A sub-heading inside the text.")
    points: list[Item] | None = Field(default=None, description="A bulleted list of points.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes this block is about.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"paragraph": value}
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        present = [n for n in ("paragraph", "heading", "points") if getattr(self, n) is not None]
        if len(present) != 1:
            raise ValueError(
                "each block needs exactly one of 'paragraph', 'heading' or 'points'"
                + (f" (this one has {', '.join(present)})" if present else "")
            )
        return self


class Link(Strict):
    """A link to a web page or document."""

    title: Text = Field(description="The words shown for the link.")
    url: Text = Field(description="The address: https://…, http://…, mailto:… or a page of this site.")


class Source(Strict):
    """Where a record came from."""

    document: Text = Field(description="The title of the source document, as it was published.")
    file: str | None = Field(default=None, description="The file name of the source document, if kept.")
    note: str | None = Field(default=None, description="Anything lost or changed on transcription (e.g. a figure).")


class ChangeNote(Strict):
    """One entry of a record's change history: when it changed and what changed, in a sentence."""

    date: FullDate = Field(description="When the record was changed, YYYY-MM-DD.")
    note: Text = Field(description="What changed, in a sentence, e.g. 'Added the resulting actions.'")


class Record(Strict):
    """Fields every published record has."""

    id: Slug = Field(description="A short unique name for the record, used in its web address, e.g. 'cheltenham-2013-09-27'.")
    title: Text = Field(description="The record's title as shown on the site and in handouts.")
    short_title: Text | None = Field(
        default=None,
        description="A short name for lists, page titles and source lines, e.g. 'Hampshire thematic review' "
                    "(panel meetings get one made from their place and date, e.g. 'Cheltenham panel, 27 September 2013').",
    )
    publisher: Text | None = Field(
        default=None,
        description="The board, committee or partnership that published it; leave out when the source names none.",
    )
    published: PartialDate | None = Field(default=None, description="When it was published or finalised.")
    updated: PartialDate | None = Field(
        default=None,
        description="When it was last revised, if ever (the latest change note's date counts too).",
    )
    changes: list[ChangeNote] = Field(
        default_factory=list,
        description="The record's change history, one note per change, e.g. 'Added the resulting actions.'",
    )
    review_every_months: int | None = Field(
        default=None, ge=1,
        description="How often the source says it is reviewed, in months (12 for 'annually'); the next review "
                    "date is worked out from the last update or publication.",
    )
    restricted: bool = Field(default=False, description="true keeps the record off the site and out of every handout.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes from the vocabulary the whole record is about.")
    summary: Text | None = Field(default=None, description="One or two sentences shown in listings.")
    source: Source | None = Field(default=None, description="The document this record was transcribed from.")
