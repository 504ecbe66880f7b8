"""A practitioner forum event report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.models.action import Action, Response
from generator.content.models.common import Block, Item, PartialDate, Record, Strict, Text


class AgencyAttendance(Strict):
    """Attendance from one agency."""

    agency: Text = Field(description="The agency's name.")
    count: int | None = Field(default=None, ge=0, description="How many staff from it attended; leave out when not known.")


class Attendance(Strict):
    """How many attended, in total and by agency."""

    total: int | None = Field(default=None, ge=0, description="Total number of staff who took part.")
    text: list[Text] = Field(default_factory=list, description="What the report says about attendance.")
    by_agency: list[AgencyAttendance] = Field(default_factory=list, description="Attendance by agency (the chart's numbers), when known.")
    chart_title: str | None = Field(default=None, description="The title of the attendance chart in the source.")
    missing: str | None = Field(default=None, description="What was lost from the source (e.g. the chart's numbers), shown to readers.")


class Events(Strict):
    """The forum events the report covers."""

    count: int = Field(ge=1, description="How many events took place.")
    when: PartialDate = Field(description="When they took place (YYYY-MM when only the month is known).")
    focus: list[Text] = Field(default_factory=list, description="Paragraphs on the events' theme and purpose.")


class Evaluation(Strict):
    """How participants evaluated the events."""

    text: list[Text] = Field(default_factory=list, description="Paragraphs summarising the evaluations.")
    changes_question: str | None = Field(default=None, description="The question participants were asked about changes to their practice.")
    quotes: list[Item] = Field(default_factory=list, description="Practitioners' own words, as quoted.")


class AppendixSection(Strict):
    """A titled list in the report's appendix."""

    heading: Text = Field(description="The section's heading.")
    points: list[Item] = Field(min_length=1, description="The points listed.")


class ForumReport(Record):
    """A report on practitioner forum events (content/forum-reports/*.yaml)."""

    kind: Literal["forum-report"] = Field(description="Always 'forum-report'.")
    committee: Text = Field(description="The committee the report was written for.")
    reporting_officer: Text | None = Field(default=None, description="The officer who wrote the report, in their professional role.")
    subject: Text | None = Field(default=None, description="The subject line of the report.")
    report_date: PartialDate = Field(description="The date of the committee meeting the report went to.")
    item_for: str | None = Field(default=None, description="What the committee was asked to do with it, e.g. 'Discussion'.")
    events: Events = Field(description="The events covered.")
    introduction: list[Block] = Field(default_factory=list, description="The report's introduction.")
    attendance: Attendance = Field(default_factory=Attendance, description="Who attended.")
    learning: list[Block] = Field(default_factory=list, description="Text introducing the learning and practice change discussion.")
    practice_table_title: str | None = Field(default=None, description="The caption of the keep / stop / start / good practice table, as in the source.")
    keep_doing: list[Item] = Field(default_factory=list, description="Things to keep doing.")
    stop_doing: list[Item] = Field(default_factory=list, description="Things to stop doing.")
    start_doing: list[Item] = Field(default_factory=list, description="Things to start doing.")
    good_practice: list[Item] = Field(default_factory=list, description="What we are currently doing well.")
    key_messages_title: str | None = Field(default=None, description="The caption of the key messages table, as in the source.")
    key_messages_question: str | None = Field(default=None, description="The question that drew out the key messages.")
    key_messages: list[Item] = Field(default_factory=list, description="Key messages practitioners asked to be passed on.")
    responses: list[Response] = Field(
        default_factory=list,
        description="Responses to the key messages, each naming its message by number (or record them in an action log).",
    )
    actions: list[Action] = Field(default_factory=list, description="Actions the report records, each with its status.")
    evaluation: Evaluation = Field(default_factory=Evaluation, description="How the events were evaluated.")
    conclusion: list[Block] = Field(default_factory=list, description="The report's conclusion.")
    appendix_title: str | None = Field(default=None, description="The appendix heading.")
    appendix: list[AppendixSection] = Field(default_factory=list, description="Appendix sections (e.g. research themes).")
