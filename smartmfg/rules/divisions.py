"""Administrative divisions (GB/T 2260) the programme needs.

Jilin in full, down to county level, as currently coded (公主岭市 moved from
四平市 to 长春市 in 2020 and is 220184). Other provinces only by their
two-digit prefix: a project outside Jilin is a valid input that fails
``project_in_province``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["province", "prefecture", "county"]

# The province-level prefixes of GB/T 2260 (mainland, Taiwan, Hong Kong, Macao).
PROVINCE_PREFIXES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)

JILIN = "220000"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None

    @property
    def level(self) -> Level:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"


_PREFECTURES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("220100", "长春市"): [
        ("220102", "南关区"),
        ("220103", "宽城区"),
        ("220104", "朝阳区"),
        ("220105", "二道区"),
        ("220106", "绿园区"),
        ("220112", "双阳区"),
        ("220113", "九台区"),
        ("220122", "农安县"),
        ("220182", "榆树市"),
        ("220183", "德惠市"),
        ("220184", "公主岭市"),
    ],
    ("220200", "吉林市"): [
        ("220202", "昌邑区"),
        ("220203", "龙潭区"),
        ("220204", "船营区"),
        ("220211", "丰满区"),
        ("220221", "永吉县"),
        ("220281", "蛟河市"),
        ("220282", "桦甸市"),
        ("220283", "舒兰市"),
        ("220284", "磐石市"),
    ],
    ("220300", "四平市"): [
        ("220302", "铁西区"),
        ("220303", "铁东区"),
        ("220322", "梨树县"),
        ("220323", "伊通满族自治县"),
        ("220382", "双辽市"),
    ],
    ("220400", "辽源市"): [
        ("220402", "龙山区"),
        ("220403", "西安区"),
        ("220421", "东丰县"),
        ("220422", "东辽县"),
    ],
    ("220500", "通化市"): [
        ("220502", "东昌区"),
        ("220503", "二道江区"),
        ("220521", "通化县"),
        ("220523", "辉南县"),
        ("220524", "柳河县"),
        ("220581", "梅河口市"),
        ("220582", "集安市"),
    ],
    ("220600", "白山市"): [
        ("220602", "浑江区"),
        ("220605", "江源区"),
        ("220621", "抚松县"),
        ("220622", "靖宇县"),
        ("220623", "长白朝鲜族自治县"),
        ("220681", "临江市"),
    ],
    ("220700", "松原市"): [
        ("220702", "宁江区"),
        ("220721", "前郭尔罗斯蒙古族自治县"),
        ("220722", "长岭县"),
        ("220723", "乾安县"),
        ("220781", "扶余市"),
    ],
    ("220800", "白城市"): [
        ("220802", "洮北区"),
        ("220821", "镇赉县"),
        ("220822", "通榆县"),
        ("220881", "洮南市"),
        ("220882", "大安市"),
    ],
    ("222400", "延边朝鲜族自治州"): [
        ("222401", "延吉市"),
        ("222402", "图们市"),
        ("222403", "敦化市"),
        ("222404", "珲春市"),
        ("222405", "龙井市"),
        ("222406", "和龙市"),
        ("222424", "汪清县"),
        ("222426", "安图县"),
    ],
}


def _build() -> dict[str, Division]:
    table = {JILIN: Division(JILIN, "吉林省", None)}
    for (code, name), counties in _PREFECTURES.items():
        table[code] = Division(code, name, JILIN)
        for county_code, county_name in counties:
            table[county_code] = Division(county_code, county_name, code)
    return table


JILIN_DIVISIONS: dict[str, Division] = _build()


def division_problem(code: str) -> str | None:
    """Why ``code`` is not a GB/T 2260 division code, or None.

    Six digits with a province prefix; inside Jilin it must be a listed code.
    Returns a problem key: ``format``, ``province`` or ``unknown_jilin``.
    """
    if len(code) != 6 or not code.isdigit():
        return "format"
    if code[:2] not in PROVINCE_PREFIXES:
        return "province"
    if code.startswith("22") and code not in JILIN_DIVISIONS:
        return "unknown_jilin"
    return None


def full_name(code: str) -> str:
    """``长春市南关区`` for ``220102``; the code itself when unknown."""
    parts: list[str] = []
    node = JILIN_DIVISIONS.get(code)
    while node is not None and node.level != "province":
        parts.append(node.name)
        node = JILIN_DIVISIONS.get(node.parent) if node.parent else None
    return "".join(reversed(parts)) or code
