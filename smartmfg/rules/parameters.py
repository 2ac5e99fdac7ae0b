"""The editable parameters of a call: names, labels, articles, and their values' three forms.

Most are eligibility's; the last ones are the expert review's (第九条: local
avoidance, the weights of affinity, how the scores are aggregated and
outliers flagged, the share of spot checks, the reminders before the scoring
deadline), which no verdict reads.

Each parameter has a flat, stable name (``min_investment.smart_factory``,
``cultivation_deadline``...) that the web UI and ``--set name=value`` use. A
value has three forms: typed (on the ``Policy``), JSON (``to_dict``/``from_dict``:
amounts and dates as strings, switches as ``true``/``false``) and text
(``with_changes``/``diff``: what a person types). This module reads, writes
and checks one value at a time; ``policy`` puts them together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal, cast

from .articles import ARTICLE_4, ARTICLE_8, ARTICLE_10, ARTICLE_12, CLAUSE_1, CLAUSE_2, CLAUSE_3, all_tiers_clause
from .divisions import PROVINCE_PREFIXES
from .experts import ARTICLE_9
from .experts.aggregate import RULE_LABELS, RULES
from .facts import (
    CREDIT_RATING_LABELS,
    CREDIT_RATINGS,
    INVESTMENT_CATEGORIES,
    INVESTMENT_CATEGORY_LABELS,
    TIER_LABELS,
    TIERS,
    Tier,
)
from .text import Coded, Lang, Lazy, Text

CENT: Final = Decimal("0.01")

Kind = Literal[
    "province",
    "years",
    "date",
    "rating",
    "amount",
    "level",
    "count",
    "categories",
    "switch",
    "weight",
    "choice",
    "points",
    "percent",
]
JsonValue = str | bool | int | list[str]


@dataclass(frozen=True, slots=True)
class Parameter:
    """One editable parameter: its stable name, what it is, where the Rules say it.

    A ``choice`` takes one of ``choices``, each labelled in ``labels``.
    """

    name: str
    kind: Kind
    zh: str
    en: str
    article: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    labels: Mapping[str, Mapping[Lang, str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def attribute(self) -> str:
        """The ``Policy`` attribute holding it (``min_investment`` for ``min_investment.smart_factory``)."""
        return self.name.partition(".")[0]

    @property
    def key(self) -> str | None:
        """Which value of the attribute's record it is (``smart_factory``, ``division``), None for a scalar."""
        return self.name.partition(".")[2] or None

    @property
    def tier(self) -> Tier | None:
        key = self.key
        return key if key in TIERS else None

    def label(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en


_CLAUSE_1_ALL: Final = all_tiers_clause(1)
_MAX_YEARS: Final = 10
_MAX_COUNT: Final = 100
_MAX_LEVEL: Final = 5
_MAX_WEIGHT: Final = 100
_MAX_POINTS: Final = 100
_MAX_PERCENT: Final = 100
WEIGHT_KEYS: Final = ("division", "section", "manufacturing", "group")


def _years(name: str, zh: str, en: str, article: str) -> Parameter:
    return Parameter(name, "years", zh, en, article, minimum=1, maximum=_MAX_YEARS)


def _count(name: str, zh: str, en: str, article: str) -> Parameter:
    return Parameter(name, "count", zh, en, article, minimum=1, maximum=_MAX_COUNT)


def _weight(key: str, zh: str, en: str) -> Parameter:
    return Parameter(
        f"affinity_weight.{key}",
        "weight",
        f"专家匹配度权重：{zh}",
        f"affinity weight: {en}",
        ARTICLE_9,
        minimum=0,
        maximum=_MAX_WEIGHT,
    )


def _tiered(
    attribute: str,
    kind: Kind,
    zh: str,
    en: str,
    articles: Mapping[Tier, str],
    choices: tuple[str, ...] = (),
    maximum: int | None = None,
) -> list[Parameter]:
    """One parameter per tier (``attribute.tier``); ``{tier}`` in the labels names the tier."""
    return [
        Parameter(
            f"{attribute}.{tier}",
            kind,
            zh.format(tier=TIER_LABELS[tier]["zh"]),
            en.format(tier=TIER_LABELS[tier]["en"]),
            articles[tier],
            choices,
            minimum=1 if maximum else None,
            maximum=maximum,
        )
        for tier in TIERS
    ]


PARAMETERS: Final[tuple[Parameter, ...]] = (
    Parameter("province_code", "province", "本省行政区划代码前两位", "two-digit code of the province", ARTICLE_4),
    _years("violation_window_years", "无违法行为的年限（近N年）", "years without an unlawful act", ARTICLE_4),
    _years(
        "incident_window_years",
        "未发生重大安全、质量、环境问题的年限（近N年）",
        "years without a major safety, quality or environmental problem",
        ARTICLE_4,
    ),
    _years(
        "ban_years",
        "弄虚作假撤销认定后不受理申请的年限",
        "years of the ban after a revocation for fraud",
        ARTICLE_12,
    ),
    _years(
        "investment_window_years",
        "计算软硬件完成投资的年限（近N年）",
        "years of investment that count",
        _CLAUSE_1_ALL,
    ),
    Parameter(
        "cultivation_deadline",
        "date",
        "在建项目纳入培育阶段的建成投产期限",
        "deadline for an under-construction project to be in production (cultivation)",
        _CLAUSE_1_ALL,
    ),
    *_tiered(
        "min_credit_rating",
        "rating",
        "{tier}信用核查结果最低要求",
        "{tier}: minimum credit check result",
        dict.fromkeys(TIERS, ARTICLE_4),
        CREDIT_RATINGS,
    ),
    *_tiered(
        "min_investment",
        "amount",
        "{tier}近年软硬件完成投资最低额（元）",
        "{tier}: minimum eligible investment (yuan)",
        CLAUSE_1,
    ),
    *_tiered(
        "min_maturity_level",
        "level",
        "{tier}智能制造能力成熟度最低等级",
        "{tier}: minimum maturity level",
        CLAUSE_2,
        maximum=_MAX_LEVEL,
    ),
    *_tiered(
        "max_maturity_level",
        "level",
        "{tier}成熟度参考范围上限（仅作参考）",
        "{tier}: upper end of the maturity range (informative)",
        CLAUSE_2,
        maximum=_MAX_LEVEL,
    ),
    _count(
        "min_workshops",
        "智能工厂统一管理的数字化车间最少数量",
        "smart factory: minimum number of digital workshops",
        CLAUSE_3["smart_factory"],
    ),
    _count(
        "min_scenarios",
        "未来工厂典型场景最少数量",
        "future factory: minimum number of typical scenarios",
        CLAUSE_3["future_factory"],
    ),
    Parameter(
        "eligible_investment_categories",
        "categories",
        "计入软硬件完成投资的类别",
        "investment categories that count",
        _CLAUSE_1_ALL,
        INVESTMENT_CATEGORIES,
    ),
    # The procedure's own periods: the text fixes none, these are the Department's practice.
    _count(
        "return_response_working_days",
        "退回修改后企业重新提交的期限（工作日）",
        "working days the enterprise has to resubmit after a return",
        ARTICLE_8,
    ),
    _count("notice_working_days", "公示期（工作日）", "working days of the public notice", ARTICLE_10),
    _count(
        "cultivation_first_reminder_days",
        "培育期限届满前第一次提醒（天）",
        "days before the cultivation deadline of the first reminder",
        _CLAUSE_1_ALL,
    ),
    _count(
        "cultivation_last_reminder_days",
        "培育期限届满前最后一次提醒（天）",
        "days before the cultivation deadline of the last reminder",
        _CLAUSE_1_ALL,
    ),
    # The expert review's (domain.md §7): the Rules say only that the Department organises experts.
    Parameter(
        "local_avoidance",
        "switch",
        "属地回避：专家工作单位注册在企业所在县级行政区时回避",
        "local avoidance: an expert whose employer is registered in the enterprise's county-level division "
        "is conflicted",
        ARTICLE_9,
    ),
    _weight("division", "行业大类相同", "same industry division"),
    _weight("section", "行业门类相同", "same industry section"),
    _weight("manufacturing", "制造类型相同（离散型、流程型）", "same manufacturing type (discrete, process)"),
    _weight("group", "专家组适合该申报类别和制造类型", "the expert's group suits the tier and the manufacturing type"),
    Parameter(
        "aggregation_rule",
        "choice",
        "专家评分汇总规则",
        "how the experts' totals are aggregated",
        ARTICLE_9,
        RULES,
        labels=RULE_LABELS,
    ),
    Parameter(
        "outlier_threshold",
        "points",
        "评分偏离提示：专家总分与中位数相差超过此分值时提示（分）",
        "outlier flag: an expert's total further than this from the median is flagged (points)",
        ARTICLE_9,
        minimum=1,
        maximum=_MAX_POINTS,
    ),
    Parameter(
        "spot_check_share",
        "percent",
        "现场抽查比例：从评审名单中随机抽取的申报所占百分比（%）",
        "spot checks: share of the review list drawn at random for an on-site visit (percent)",
        ARTICLE_9,
        minimum=0,
        maximum=_MAX_PERCENT,
    ),
    _count(
        "scoring_first_reminder_days",
        "评分截止前第一次提醒专家（天）",
        "days before the scoring deadline of the first reminder to experts",
        ARTICLE_9,
    ),
    _count(
        "scoring_last_reminder_days",
        "评分截止前最后一次提醒专家（天）",
        "days before the scoring deadline of the last reminder to experts",
        ARTICLE_9,
    ),
)
PARAMETER_BY_NAME: Final[dict[str, Parameter]] = {p.name: p for p in PARAMETERS}
PARAMETER_LABELS: Final[dict[str, dict[Lang, str]]] = {p.name: {"zh": p.zh, "en": p.en} for p in PARAMETERS}

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "unknown": {"zh": "没有名为“{name}”的参数", "en": "there is no parameter named '{name}'"},
    "not_object": {
        "zh": "参数表应为以参数名为键的对象",
        "en": "the parameters must be an object keyed by parameter name",
    },
    "type_int": {
        "zh": "参数{param}应为整数，实际为“{value}”",
        "en": "parameter {param} must be a whole number, not '{value}'",
    },
    "type_amount": {
        "zh": "参数{param}应为以元为单位的金额（数字字符串或整数，不能是浮点数），实际为“{value}”",
        "en": "parameter {param} must be an amount in yuan (a decimal string or an integer, never a float), "
        "not '{value}'",
    },
    "type_date": {
        "zh": "参数{param}应为YYYY-MM-DD格式的有效日期，实际为“{value}”",
        "en": "parameter {param} must be a valid date written YYYY-MM-DD, not '{value}'",
    },
    "type_text": {
        "zh": "参数{param}应为文本，实际为“{value}”",
        "en": "parameter {param} must be text, not '{value}'",
    },
    "type_switch": {
        "zh": "参数{param}应为true（是）或false（否），实际为“{value}”",
        "en": "parameter {param} must be true or false, not '{value}'",
    },
    "type_categories": {
        "zh": "参数{param}应为投资类别的列表（文本形式以逗号分隔），实际为“{value}”",
        "en": "parameter {param} must be a list of investment categories (comma-separated as text), not '{value}'",
    },
    "choice": {
        "zh": "参数{param}应为以下之一：{choices}，实际为“{value}”",
        "en": "parameter {param} must be one of {choices}, not '{value}'",
    },
    "negative": {
        "zh": "参数{param}不能为负数，实际为{value}",
        "en": "parameter {param} cannot be negative ({value})",
    },
    "places": {
        "zh": "参数{param}最多保留两位小数（精确到分），实际为{value}",
        "en": "parameter {param} takes at most two decimals (to the fen), not {value}",
    },
    "range": {
        "zh": "参数{param}应在{minimum}至{maximum}之间，实际为{value}",
        "en": "parameter {param} must be between {minimum} and {maximum}, not {value}",
    },
    "province": {
        "zh": "参数{param}应为两位数的省级行政区划代码（吉林省为22），实际为“{value}”",
        "en": "parameter {param} must be a two-digit province code (22 for Jilin), not '{value}'",
    },
    "empty": {"zh": "参数{param}至少要包含一个类别", "en": "parameter {param} needs at least one category"},
    "order": {
        "zh": "参数{param}为{value}，不能低于参数{other}的{other_value}",
        "en": "parameter {param} is {value}, which is lower than parameter {other} ({other_value})",
    },
}


def param_ref(lang: Lang, name: str) -> str:
    label = PARAMETER_LABELS[name][lang] if name in PARAMETER_LABELS else ""
    if lang == "zh":
        return f"“{name}”（{label}）" if label else f"“{name}”"
    return f"'{name}' ({label})" if label else f"'{name}'"


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """What is wrong with one parameter (``name`` is empty when the whole input is wrong)."""

    name: str
    message: Text


class InvalidPolicy(ValueError):
    """Parameters that cannot make a ``Policy``; ``problems`` names each one."""

    def __init__(self, problems: Sequence[PolicyProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.render("zh"))

    def render(self, lang: Lang = "zh") -> str:
        return ("；" if lang == "zh" else "; ").join(p.message.render(lang) for p in self.problems)


def problem(name: str, key: str, **params: Any) -> PolicyProblem:
    return PolicyProblem(name, Text(MESSAGES, key, {"param": Lazy(param_ref, (name,)), **params}))


class Bad(Exception):
    """What is wrong with one value while reading or checking it; becomes a ``PolicyProblem``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_INT_TEXT = re.compile(r"-?\d+")
_AMOUNT_TEXT = re.compile(r"-?\d+(\.\d+)?")
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
INT_KINDS: Final = frozenset({"years", "level", "count", "weight", "points", "percent"})
"""The kinds whose values are whole numbers between the parameter's ``minimum`` and ``maximum``."""
_SWITCH_TEXT: Final = {"true": True, "false": False}


# Reading values -------------------------------------------------------------


def read_json(param: Parameter, raw: Any) -> Any:
    """A typed value from its JSON form; also takes the typed value itself."""
    if param.kind in INT_KINDS:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise Bad("type_int")
        return raw
    if param.kind == "amount":
        return _amount(raw)
    if param.kind == "date":
        return raw if type(raw) is dt.date else _date(raw)
    if param.kind == "switch":
        if not isinstance(raw, bool):
            raise Bad("type_switch")
        return raw
    if param.kind == "categories":
        if isinstance(raw, str) or not isinstance(raw, (list, tuple, set, frozenset)):
            raise Bad("type_categories")
        return _categories(param, raw)
    if not isinstance(raw, str):
        raise Bad("type_text")
    return _choice(param, raw)


def read_text(param: Parameter, raw: Any) -> Any:
    """A typed value from what a person typed."""
    if not isinstance(raw, str):
        raise Bad("type_text")
    text = raw.strip()
    if param.kind in INT_KINDS:
        if not _INT_TEXT.fullmatch(text):
            raise Bad("type_int")
        return int(text)
    if param.kind == "categories":
        return _categories(param, [c.strip() for c in text.split(",") if c.strip()])
    if param.kind == "switch":
        if text not in _SWITCH_TEXT:
            raise Bad("type_switch")
        return _SWITCH_TEXT[text]
    return read_json(param, text)


def _amount(raw: Any) -> Decimal:
    if isinstance(raw, (bool, float)):
        raise Bad("type_amount")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise Bad("type_amount")
        return raw
    if isinstance(raw, str) and _AMOUNT_TEXT.fullmatch(raw.strip()):
        return Decimal(raw.strip())
    raise Bad("type_amount")


def _date(raw: Any) -> dt.date:
    if not isinstance(raw, str) or not _DATE_TEXT.fullmatch(raw.strip()):
        raise Bad("type_date")
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise Bad("type_date") from None


def _choice(param: Parameter, raw: str) -> str:
    if param.kind == "province":
        return raw.strip()
    if raw.strip() not in param.choices:
        raise Bad("choice", choices=_choices(param))
    return raw.strip()


def _categories(param: Parameter, raw: Iterable[Any]) -> frozenset[str]:
    items = list(raw)
    for item in items:
        if not isinstance(item, str) or item not in param.choices:
            raise Bad("choice", choices=_choices(param))
    return frozenset(items)


def _choices(param: Parameter) -> list[Coded]:
    if param.kind == "choice":
        table = param.labels
    else:
        table = CREDIT_RATING_LABELS if param.kind == "rating" else INVESTMENT_CATEGORY_LABELS
    return [Coded(table, c) for c in param.choices]


# Writing values -------------------------------------------------------------


def json_form(param: Parameter, value: Any) -> JsonValue:
    if param.kind == "categories":
        return [c for c in param.choices if c in value]
    if param.kind in INT_KINDS:
        return cast(int, value)
    if param.kind == "switch":
        return cast(bool, value)
    return text_form(param, value)


def text_form(param: Parameter, value: Any) -> str:
    if param.kind == "amount":
        return f"{value:.2f}"
    if param.kind == "date":
        return cast(dt.date, value).isoformat()
    if param.kind == "categories":
        return ",".join(c for c in param.choices if c in value)
    if param.kind == "switch":
        return "true" if value else "false"
    return str(value)


# Checking values ------------------------------------------------------------


def check(param: Parameter, value: Any) -> PolicyProblem | None:
    """What is wrong with a typed value, or None (types first: a Policy may be built by hand)."""
    try:
        _check_value(param, value)
    except Bad as bad:
        return problem(param.name, bad.key, value=value, **bad.params)
    return None


def _check_value(param: Parameter, value: Any) -> None:
    kind = param.kind
    if kind in INT_KINDS:
        _check_int(param, value)
    elif kind == "amount":
        _check_amount(value)
    elif kind == "date" and type(value) is not dt.date:
        raise Bad("type_date")
    elif kind == "province" and (not isinstance(value, str) or value not in PROVINCE_PREFIXES):
        raise Bad("province")
    elif kind in {"rating", "choice"} and value not in param.choices:
        raise Bad("choice", choices=_choices(param))
    elif kind == "categories":
        _check_categories(param, value)
    elif kind == "switch" and not isinstance(value, bool):
        raise Bad("type_switch")


def _check_int(param: Parameter, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad("type_int")
    low, high = param.minimum, param.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise Bad("range", minimum=low, maximum=high)


def _check_amount(value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise Bad("type_amount")
    if value < 0:
        raise Bad("negative")
    try:
        exact = value == value.quantize(CENT)
    except InvalidOperation:  # too many digits to quantize: certainly not to the fen
        exact = False
    if not exact:
        raise Bad("places")


def _check_categories(param: Parameter, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(c in param.choices for c in value):
        raise Bad("type_categories")
    if not value:
        raise Bad("empty")
