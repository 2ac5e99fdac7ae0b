"""What a recommendation letter says: its number, its default wording, its list.

第八条: the local bureau reports the applications it passed to the
Department by an official letter (行文报省工信厅); a bureau that does not
report directly sends them to its parent bureau, which reports them in its own
letter. Nothing here writes: the actions in ``actions.py`` do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import AnyUser, held_applications
from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.lib.actions import next_number
from smartmfg.reviews.models import LetterStatus, RecommendationLetter

RULES_TITLE = "《吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定实施细则（暂行）》（吉工信规划〔2024〕228号）"

# The usual short forms of the prefecture-level bureaus in document numbers; any
# other bureau uses its area's name without the 市/县/区 ending.
ABBREVIATIONS = {
    "220100": "长",
    "220200": "吉市",
    "220300": "四",
    "220400": "辽",
    "220500": "通",
    "220600": "白山",
    "220700": "松",
    "220800": "白",
    "222400": "延州",
    "220581": "梅",
    "changbaishan": "长白山管",
}
_ENDINGS = ("朝鲜族自治州", "朝鲜族自治县", "满族自治县", "蒙古族自治县", "市", "县", "区")


def abbreviation(bureau: Jurisdiction) -> str:
    """The bureau's short name in its document numbers: 长 for 长春市, 南关 for 南关区."""
    if bureau.key in ABBREVIATIONS:
        return ABBREVIATIONS[bureau.key]
    area = bureau.area
    for ending in _ENDINGS:
        if area.endswith(ending) and len(area) > len(ending) + 1:
            return area[: -len(ending)]
    return area


def next_document_number(bureau: Jurisdiction, year: int) -> str:
    """The next number of the bureau's letters in ``year``: 长工信推〔2026〕3号.

    One sequence per bureau and year (``lib.models.next_number``): a number
    is never handed out twice, even to a draft that is later voided.
    """
    number = next_number(f"letter-{bureau.key}-{year}")
    return f"{abbreviation(bureau)}工信推〔{year}〕{number}号"


def candidates(user: AnyUser, call: Call, *, letter: RecommendationLetter | None = None) -> QuerySet[Application]:
    """The passed applications of ``call`` that the user's bureau holds and may put in a letter.

    Each is annotated ``in_other_draft``: already listed in another draft.
    It may still be chosen (the first letter sent takes it; sending the other
    is then refused and says so), but it is not chosen by default.
    """
    other_drafts = RecommendationLetter.applications.through.objects.filter(
        application=OuterRef("pk"), recommendationletter__status=LetterStatus.DRAFT
    )
    if letter is not None:
        other_drafts = other_drafts.exclude(recommendationletter=letter)
    return (
        held_applications(user)
        .filter(call=call, status=Status.BUREAU_PASSED)
        .annotate(in_other_draft=Exists(other_drafts))
        .select_related("enterprise", "jurisdiction")
        .order_by("reference")
    )


def calls_with_candidates(user: AnyUser) -> list[tuple[Call, int]]:
    """The calls in which the user's bureau holds passed applications, with how many."""
    counts: dict[int, int] = {}
    for call_id in held_applications(user).filter(status=Status.BUREAU_PASSED).values_list("call_id", flat=True):
        counts[call_id] = counts.get(call_id, 0) + 1
    calls = Call.objects.filter(pk__in=counts).order_by("-year", "-opens_at")
    return [(call, counts[call.pk]) for call in calls]


def default_title(call: Call) -> str:
    return _("关于推荐%(year)s年度数字化车间（生产线）、智能工厂和未来工厂的函") % {"year": call.year}


def default_body(call: Call, sender: Jurisdiction, recipient: Jurisdiction, author: User) -> str:
    """The usual wording; the officer edits it before sending."""
    notice = f"《{call.title}》" + (f"（{call.document_number}）" if call.document_number else "")
    if recipient.parent_id is None:
        purpose = _("现将初审通过的申报项目推荐上报（名单见附件），请予审核。")
    else:
        purpose = _("现将初审通过的申报项目报送你局（名单见附件），请汇总后行文报送省工业和信息化厅。")
    paragraphs = [
        _(
            "根据%(rules)s和%(notice)s要求，我局组织开展了本地区申报企业的初审工作，"
            "对申报材料的完整性、真实性和申报条件进行了审核，对企业生产运营和财务状况作出了判断。"
        )
        % {"rules": RULES_TITLE, "notice": notice},
        purpose,
        _("联系人：%(name)s  联系电话：%(phone)s") % {"name": author.display_name, "phone": author.phone or ""},
    ]
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class LetterRow:
    """One line of the letter's list of applications."""

    position: int
    reference: str
    enterprise: str
    uscc: str
    tier: str
    project: str
    eligible_investment: Decimal


@dataclass(frozen=True)
class LetterContent:
    """Everything the letter shows, on the page and in its documents."""

    sender: str
    recipient: str
    document_number: str
    title: str
    paragraphs: list[str]
    rows: list[LetterRow]
    date: str

    @property
    def total_investment(self) -> Decimal:
        return sum((row.eligible_investment for row in self.rows), Decimal("0.00"))


def letter_content(letter: RecommendationLetter, applications: list[Application]) -> LetterContent:
    """The letter as it reads, with ``applications`` (loaded with their enterprise) as its list."""
    return LetterContent(
        sender=letter.sender.name,
        recipient=letter.recipient.name,
        document_number=letter.document_number,
        title=letter.title,
        paragraphs=[line.strip() for line in letter.body.splitlines() if line.strip()],
        rows=letter_rows(applications),
        date=chinese_date(letter_date(letter)),
    )


def letter_rows(applications: list[Application]) -> list[LetterRow]:
    return [
        LetterRow(
            position=i,
            reference=a.reference,
            enterprise=a.enterprise.name,
            uscc=a.enterprise.uscc,
            tier=str(a.get_tier_display()),
            project=a.project_name,
            eligible_investment=a.eligible_investment,
        )
        for i, a in enumerate(applications, 1)
    ]


def letter_date(letter: RecommendationLetter) -> dt.date:
    """The date written on the letter: the day it was sent (or today, for a draft's preview)."""
    return timezone.localdate(letter.sent_at) if letter.sent_at else timezone.localdate()


def chinese_date(day: dt.date) -> str:
    """2026年3月5日, as official documents write it (GB/T 9704-2012, 7.3.5.3)."""
    return f"{day.year}年{day.month}月{day.day}日"
