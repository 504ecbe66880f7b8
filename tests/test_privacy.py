"""The personal-data detectors and link rules: what they catch, and what they must leave alone."""

from __future__ import annotations

import pytest

from generator.checks.links import LinkKind, classify, links_in_text
from generator.checks.privacy import (
    ADDRESS,
    DOB,
    EMAIL,
    NAME,
    NHS,
    NINO,
    PHONE,
    POSTCODE,
    REFERENCE,
    SCHOOL,
    OwnContacts,
    find_personal_data,
    nhs_number_is_valid,
)

CAUGHT = [
    # (text, kind, the exact text quoted)
    ("Write to the family at GL50 1AB.", POSTCODE, "GL50 1AB"),
    ("Lives near SW1A 2AA", POSTCODE, "SW1A 2AA"),
    ("postcode M1 1AE", POSTCODE, "M1 1AE"),
    ("Contact jo.smith@example.org for the notes", EMAIL, "jo.smith@example.org"),
    ("mailto:family.name+1@mail.example.co.uk", EMAIL, "family.name+1@mail.example.co.uk"),
    ("call 01452 583629 after school", PHONE, "01452 583629"),
    ("mum's mobile 07700 900123", PHONE, "07700 900123"),
    ("ring +44 (0)1452 583629", PHONE, "+44 (0)1452 583629"),
    ("(01452) 583 629", PHONE, "(01452) 583 629"),
    ("020 7946 0958", PHONE, "020 7946 0958"),
    ("NHS number 943 476 5919", NHS, "943 476 5919"),
    ("nhs no. 9434765919 on file", NHS, "9434765919"),
    ("NI number AB 12 34 56 C", NINO, "AB 12 34 56 C"),
    ("her NI is JG103759A", NINO, "JG103759A"),
    ("DOB: 12/03/2010", DOB, "DOB: 12/03/2010"),
    ("D.O.B. 1.4.09", DOB, "D.O.B. 1.4.09"),
    ("the child was born on 3rd March 2010", DOB, "born on 3rd March 2010"),
    ("born 14 February 2012 at home", DOB, "born 14 February 2012"),
    ("born in March 2011", DOB, "born in March 2011"),
    ("the child's date of birth is 2010-03-03", DOB, "date of birth is 2010-03-03"),
    ("lives at 12 Acacia Avenue with her nan", ADDRESS, "12 Acacia Avenue"),
    ("Flat 3, 14 High Street", ADDRESS, "Flat 3, 14 High Street"),
    ("moved to 7b Church Road in May", ADDRESS, "7b Church Road"),
    ("the family lived on Mill Lane for years", ADDRESS, "lived on Mill Lane"),
    ("was staying at Flat 12 then", ADDRESS, "Flat 12"),
    ("the child Sarah was not seen", NAME, "child Sarah"),
    ("Mother Sarah attended", NAME, "Mother Sarah"),
    ("mother Zainab did not attend", NAME, "mother Zainab"),
    ("her father Dwayne was in prison", NAME, "father Dwayne"),
    ("baby Peter's injuries", NAME, "baby Peter"),
    ("baby Kyrie was admitted", NAME, "baby Kyrie"),
    ("Mr Smith refused entry", NAME, "Mr Smith"),
    ("Ms Jones said", NAME, "Ms Jones"),
    ("Mrs O'Brien was the childminder", NAME, "Mrs O'Brien"),
    ("Dr Sharon Vincent's research", NAME, "Dr Sharon Vincent"),
    ('corrected to "Dr Sharon Vincent\'s"', NAME, "Dr Sharon Vincent"),
    ("Mr. Smith came", NAME, "Mr. Smith"),
    ("seen by (mother Zainab) twice", NAME, "mother Zainab"),
    ("Janice Brown, reporting officer", NAME, "Janice Brown"),
    ("Chloe missed her appointments", NAME, "Chloe"),
    ("step-father Gary moved in", NAME, "step-father Gary"),
    ("Mr McDonald said", NAME, "Mr McDonald"),
    ("told Ms MacLeod", NAME, "Ms MacLeod"),
    ("mother\nSarah (a wrapped line)", NAME, "mother\nSarah"),
    ("registered at Charlotte Street Surgery", SCHOOL, "Charlotte Street Surgery"),
    ("reference 1234567890 on the letter", REFERENCE, "reference 1234567890"),
]


@pytest.mark.parametrize(("text", "kind", "quoted"), CAUGHT, ids=[c[2].replace("\n", " ") for c in CAUGHT])
def test_caught(text: str, kind: str, quoted: str) -> None:
    findings = find_personal_data(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, quoted)]
    assert text[findings[0].start: findings[0].end] == quoted


NOT_CAUGHT = [
    "Children subject to a Child Protection Plan for the 2nd time",
    "children on a plan for 12 months or more",
    "The Panel convenes once every eight weeks and travels to each of the six Districts",
    "Themes arising from the panel meeting in the Forest of Dean",
    "Themes arising - Stroud 10/01/14",
    "Child A and Baby B were known to services; Mother of Child C",
    "Child Sexual Exploitation and Child In Need plans",
    "the child In Need plan was reviewed",
    "Working with Mother And Baby units",
    "Vulnerabilities of unborn babies/ new babies",
    "a baby has been born and cannot then have a discussion",
    "St Mary's Hospital and Queen Elizabeth Hospital",
    "as Brandon et al (2008) found; see also (Brandon 2009)",
    "Childline 0800 1111, NSPCC helpline 0808 800 5000, council 0300 123 4567",
    "the meeting on 27/09/13 at 10.30, 54 professionals, 42 children",
    "NHS number 943 476 5918 (wrong check digit)",
    "the review covered the years 2012-2013",
    "QQ 12 34 56 C is the example number in HMRC guidance",
    "a 3 Local Authority Areas protocol; 12 Core Group meetings",
    "Section 47 enquiries and the 4LSCB Protocol",
    "Morrison T (2005) Staff Supervision in Social Care",
    "What is it like for the child. Are we listening?",
    "either with an existing or new partner\n\nHealthy Challenge in Core Groups",
    "Mr A and Ms B attended; Baby Q was seen",
]


@pytest.mark.parametrize("text", NOT_CAUGHT)
def test_not_over_caught(text: str) -> None:
    assert find_personal_data(text) == []


def test_the_boards_own_contact_details_are_not_flagged() -> None:
    own = OwnContacts(
        emails=frozenset({"gscb@gloucestershire.gov.uk"}),
        phones=frozenset({"01452583629"}),
        address="SHIRE HALL WESTGATE STREET GLOUCESTER GL1 2TG",
    )
    text = "Email GSCB@gloucestershire.gov.uk or call 01452 583629; Shire Hall, Westgate Street, Gloucester GL1 2TG."
    assert find_personal_data(text, own) == []
    other = find_personal_data("Email jo@example.org or call 01452 583630 or write to GL1 2TH", own)
    assert [f.kind for f in other] == [EMAIL, PHONE, POSTCODE]


@pytest.mark.parametrize(("number", "valid"), [("9434765919", True), ("4010232137", True), ("9434765918", False), ("0000000000", False), ("123456789", False)])
def test_nhs_check_digit(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


def test_message_reads_as_the_issue_asks() -> None:
    (finding,) = find_personal_data("Send it to GL50 1AB")
    assert finding.message.startswith('looks like a postcode ("GL50 1AB"). A postcode covers a handful of homes.')
    assert "Fix: remove it, or name the district instead." in finding.message


LINKS = [
    ("https://www.example.org/page", LinkKind.EXTERNAL),
    ("http://www.hampshiresafeguardingchildrenboard.org.uk", LinkKind.EXTERNAL),
    ("mailto:board@example.org", LinkKind.EXTERNAL),
    ("../themes/neglect/", LinkKind.INTERNAL),
    ("/handouts/x.pdf", LinkKind.INTERNAL),
    ("#", LinkKind.TO_FOLLOW),
    ("", LinkKind.TO_FOLLOW),
    ("javascript:alert(1)", LinkKind.REFUSED),
    ("JaVaScRiPt:alert(1)", LinkKind.REFUSED),
    ("java\tscript:alert(1)", LinkKind.REFUSED),
    (" javascript:alert(1)", LinkKind.REFUSED),
    ("&#106;avascript:alert(1)", LinkKind.REFUSED),
    ("data:text/html;base64,PHNjcmlwdD4=", LinkKind.REFUSED),
    ("vbscript:msgbox", LinkKind.REFUSED),
    ("file:///etc/passwd", LinkKind.REFUSED),
    ("ftp://example.org/x", LinkKind.REFUSED),
    ("//evil.example/x.js", LinkKind.REFUSED),
    ("https:evil", LinkKind.REFUSED),
]


@pytest.mark.parametrize(("url", "kind"), LINKS, ids=[repr(u) for u, _ in LINKS])
def test_link_rules(url: str, kind: LinkKind) -> None:
    assert classify(url).kind is kind


def test_links_written_inside_text_are_found() -> None:
    text = 'See [the guide](https://example.org/g), <javascript:x>, ![i](data:image/png;base64,AA) and <a href="vbscript:y">z</a>; [later](#)'
    assert links_in_text(text) == ["https://example.org/g", "data:image/png;base64,AA", "#", "javascript:x", "vbscript:y"]
