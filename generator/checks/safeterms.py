"""The reviewed list of safe terms: capitalised words and phrases of safeguarding writing that are
not people, homes or a child's school, so the personal-data check leaves them alone.

Keep false alarms down by adding to these lists (agencies, places, tools, research authors), never
by weakening a detector. Each addition is reviewed like code. The localities where the board's
panel meets (content/panel-meetings, `locality:`) and site.yaml's `safe_places` are added at run
time, so "a 14-year-old from Cheltenham" is not flagged but "a 14-year-old from Lydney" is.
"""

from __future__ import annotations

import re

SAFE_PHRASES = """
Child Protection Plan|Child Protection Conference|Child Protection|Child in Need|Children in Need|Child In Need
Looked After Child|Looked After Children|Children Looked After|Care Leavers?|Early Help|Team Around the Family
Team Around the Child|Think Family|Signs of Safety|Graded Care Profile|Outcomes Star|Three Houses|Working Together
Working Together to Safeguard Children|Keeping Children Safe in Education|Forest of Dean|Forest Green
Family Court|Crown Court|County Court|High Court|Youth Court|Magistrates'? Court|Court of Appeal|Coroner'?s Court
Supreme Court|Family Drug and Alcohol Court|Court of Protection|Virtual School|Forest School|Sunday School
Special School|Primary School|Secondary School|Free School|Boarding School|Pupil Referral Unit
Royal College of Nursing|Royal College of Paediatrics and Child Health|Royal College of General Practitioners
College of Policing|Youth Offending Team|Youth Justice Service|Probation Service|National Probation Service
Social Care|Children's Social Care|Adult Social Care|Health Visiting|School Nursing|Multi-Agency Safeguarding Hub
Domestic Abuse|Serious Case Reviews?|Child Safeguarding Practice Reviews?|Local Safeguarding Children Boards?
Safeguarding Children Boards?|Safeguarding Children Partnership|Case Review Panel|Learning Circles?
Practitioner Forums?|Thematic Reviews?|Gloucestershire Royal Hospital|Cheltenham General Hospital
Shire Hall|Westgate Street|Department for Education|Home Office|Department of Health|Ministry of Justice
Public Health England|Care Quality Commission|Citizens Advice|Women's Aid|Barnardo's|Action for Children
Young Minds|YoungMinds|Relate|Mind|Samaritans|Childline|Children's Society|Family Rights Group
Research in Practice|Research in Practice for Adults|Making Research Count|Early Intervention Foundation
What Works Centre|Triple P|Incredible Years|Solihull Approach|Freedom Programme|Caring Dads|Safe Lives|SafeLives
Stay Safe|Mental Capacity Act|Children Act|Human Rights Act|Data Protection Act|Equality Act
Common Assessment Framework|Framework for the Assessment of Children in Need and their Families
Significant Case Reviews?|Munro Review|Wood Report|Laming Report|Care Crisis Review
Gloucestershire|Hampshire|Falkirk|Scotland|England|Wales|Northern Ireland|United Kingdom|Great Britain|Britain
Victoria Climbié|Victoria Climbie|Peter Connelly|Baby Peter|Baby P|Daniel Pelka|Khyra Ishaq|Arthur Labinjo-Hughes
Star Hobson|Maria Colwell|Jasmine Beckford|Ayeeshia Jane Smith|Hamzah Khan
"""
"""Phrases that are never a person's name, an address or a named school (matched whole, as written).
The last lines are national inquiries and reviews known by the child's name: published learning
cites them by that name, and the name identifies no local family."""

LARGE_PLACES = frozenset("""
Gloucestershire Gloucester Cheltenham Cotswold Cotswolds Stroud Tewkesbury Hampshire Falkirk Scotland England
Wales Britain Europe London Birmingham Bristol Manchester Leeds Liverpool Sheffield Newcastle Nottingham Leicester
Coventry Cardiff Swansea Newport Edinburgh Glasgow Belfast Dublin Oxford Worcester Hereford Swindon Bath Wiltshire
Worcestershire Herefordshire Somerset Oxfordshire Warwickshire Monmouthshire Devon Cornwall Dorset Midlands
Ireland Poland Romania Lithuania Latvia Bulgaria Albania Somalia Eritrea Ethiopia Sudan Syria Iraq Iran Afghanistan
Pakistan India Bangladesh Nigeria Ghana Kenya Zimbabwe Jamaica Ukraine Turkey Africa Asia America Caribbean
""".split())
"""The board's county and districts, cities, counties and countries: far larger than a district, so never
taken for a name, and safe next to a child's age ('a 14-year-old from London'). Streets named after
them ('London Road') are still addresses."""

SAFE_WORDS = frozenset("""
Police Constabulary Health Education Housing Probation Ofsted Cafcass Barnardos NSPCC Childline Samaritans
Paediatrics Paediatrician Paediatricians Midwifery Midwife Midwives Obstetrics Psychiatry Psychology
Children Child Adults Adult Families Family Parents Parent Mothers Fathers Mum Dad Carers Carer
Hospital Hospitals Surgery Practice Clinic Ward Unit Trust Council Councils Board Boards Partnership Panel
Chair Chairs Manager Managers Lead Leads Worker Workers Officer Officers Nurse Nurses Visitor Visitors Teacher
Teachers Head Headteacher Designated Named Senior Junior Deputy Assistant Principal Doctor Doctors
Reception Year Key Stage Nursery Nurseries School Schools Academy Academies College Colleges University
British English Welsh Scottish Irish European UK GB Laming Brandon Sidebotham
Morrison Ferguson Reder Turney Horwath Cleaver Unell Aldgate Kolb Schön Schon Gibbs Rolfe
Bronfenbrenner Maslow Bowlby Ainsworth Winnicott Rutter Howe Fahlberg Crittenden Wassell Gilligan
Christmas Easter Ramadan Eid Diwali Hanukkah Advent Lent Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December
God Jesus Christ Allah Muhammad Islam Christian Christians Muslim Muslims Hindu Sikh Jewish Catholic
Facebook Instagram Snapchat TikTok WhatsApp Twitter YouTube Google Microsoft Teams Zoom Skype
""".split()) | LARGE_PLACES
"""Single capitalised words that are never taken for a person's name on their own: agencies, roles,
research authors cited in the reflective model and the reviews, days, months, faiths, apps, and
LARGE_PLACES."""

_PHRASE_RE = re.compile(r"\b(?:" + "|".join(p.strip() for p in SAFE_PHRASES.replace("\n", "|").split("|") if p.strip()) + r")\b")


_FIRST_WORDS = frozenset(p.strip().split()[0].split("'")[0] for p in SAFE_PHRASES.replace("\n", "|").split("|") if p.strip())
_CAPITAL_WORD = re.compile(r"[A-Z][a-z]+")


def safe_spans(text: str, places: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Where the safe phrases (and the board's declared places) stand in ``text``."""
    maybe = not _FIRST_WORDS.isdisjoint(_CAPITAL_WORD.findall(text))
    spans = [m.span() for m in _PHRASE_RE.finditer(text)] if maybe else []
    for place in places:
        start = text.find(place)
        while start != -1:
            spans.append((start, start + len(place)))
            start = text.find(place, start + 1)
    return spans
