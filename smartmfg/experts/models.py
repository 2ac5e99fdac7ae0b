"""The expert pool, conflicts, draws, invitations, the assignment and ratings (第九条).

Who reviews whom decides who is recognised, so every change here is
recorded (``audit.record``) and nothing is overwritten: a suspended expert
keeps their record, a declined invitation stays beside its replacement, a
removed seat stays beside the one that refilled it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.choices import bilingual_choices
from smartmfg.lib.fields import UsccField
from smartmfg.lib.validators import validate_division, validate_mobile, validate_resident_id
from smartmfg.rules import facts


class ExpertGroup(models.Model):
    """专业组: reference data the administrator edits (装备制造, 流程工业, 信息技术, 财务...)."""

    code = models.SlugField(_("代码"), max_length=32, unique=True, help_text=_("抽取记录中使用，确定后不再修改"))
    name = models.CharField(_("名称"), max_length=64)
    name_en = models.CharField(_("英文名称"), max_length=64, blank=True)
    tiers = models.JSONField(_("适合评审的类别"), default=list, blank=True, help_text=_("为空表示各类别均适合"))
    manufacturing = models.JSONField(_("适合的制造类型"), default=list, blank=True, help_text=_("为空表示均适合"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("专业组")
        verbose_name_plural = _("专业组")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Title(models.TextChoices):
    SENIOR = "senior", _("正高级")
    ASSOCIATE = "associate", _("副高级")
    INTERMEDIATE = "intermediate", _("中级")


class ExpertStatus(models.TextChoices):
    ACTIVE = "active", _("在库")
    SUSPENDED = "suspended", _("暂停")
    RETIRED = "retired", _("出库")


class Expert(models.Model):
    """One expert of the pool (专家库). ``code`` is what the public ever sees; the ID number is private."""

    code = models.CharField(_("专家编号"), max_length=8, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="expert"
    )
    name = models.CharField(_("姓名"), max_length=64)
    resident_id = models.CharField(_("居民身份证号码"), max_length=18, unique=True, validators=[validate_resident_id])
    employer = models.CharField(_("工作单位"), max_length=128)
    employer_uscc = UsccField(verbose_name=_("工作单位统一社会信用代码"), blank=True, help_text=_("单位有代码时填写"))
    title = models.CharField(_("职称"), max_length=16, choices=Title.choices)
    group = models.ForeignKey(ExpertGroup, verbose_name=_("专业组"), on_delete=models.PROTECT, related_name="experts")
    industries = models.JSONField(_("熟悉的行业"), default=list, help_text=_("GB/T 4754-2017 门类或大类代码"))
    manufacturing = models.JSONField(
        _("制造类型经验"), default=list, blank=True, help_text=_("离散型、流程型；财务等专业组可不填")
    )
    division = models.CharField(_("所在地区"), max_length=6, validators=[validate_division])
    phone = models.CharField(_("手机号码"), max_length=11, validators=[validate_mobile])
    email = models.EmailField(_("电子邮箱"))
    status = models.CharField(_("状态"), max_length=16, choices=ExpertStatus.choices, default=ExpertStatus.ACTIVE)
    status_reason = models.CharField(_("状态说明"), max_length=255, blank=True)
    term_start = models.DateField(_("聘期开始"))
    term_end = models.DateField(_("聘期结束"))
    created_at = models.DateTimeField(_("入库时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gte=models.F("term_start")), name="expert_term_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ConflictKind(models.TextChoices):
    """The recusal types (回避情形) that government review experts follow."""

    EMPLOYMENT = "employment", _("近三年在该企业或其母公司、子公司任职")
    GOVERNANCE = "governance", _("近三年担任该企业董事、监事、控股股东或实际控制人")
    FAMILY = "family", _("与该企业法定代表人或负责人有近亲属关系")
    PROJECT_SERVICE = "project_service", _("为申报项目提供咨询、设计或供货")
    SAME_EMPLOYER = "same_employer", _("工作单位即该企业")
    LOCAL = "local", _("工作单位注册在该企业所在县级行政区（属地回避）")
    OTHER = "other", _("其他情形")


DETECTED_KINDS = (ConflictKind.SAME_EMPLOYER, ConflictKind.LOCAL)


class ConflictSource(models.TextChoices):
    DETECTED = "detected", _("规则识别")
    EXPERT = "expert", _("专家声明")
    ENTERPRISE = "enterprise", _("企业申报")
    DEPARTMENT = "department", _("省工信厅录入")


class Conflict(models.Model):
    """A recorded conflict of an expert with an enterprise: a hard constraint everywhere.

    Detected conflicts (``same_employer``, ``local``) and the organisations an
    enterprise declared are computed from data (``experts.conflicts``), not
    stored; what is stored is what a person declared or added.
    """

    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="conflicts")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="expert_conflicts"
    )
    kind = models.CharField(_("回避情形"), max_length=16, choices=ConflictKind.choices)
    source = models.CharField(_("来源"), max_length=16, choices=ConflictSource.choices)
    started_on = models.DateField(_("起始日期"), null=True, blank=True)
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    evidence = models.TextField(_("说明及依据"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.expert} / {self.enterprise}: {self.get_kind_display()}"


class ConflictWaiver(models.Model):
    """The Department's recorded decision that a detected conflict does not apply."""

    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="waivers")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("回避情形"), max_length=16, choices=[(k.value, k.label) for k in DETECTED_KINDS])
    reason = models.TextField(_("不予回避的理由"))
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("决定人"), on_delete=models.PROTECT, related_name="+"
    )
    waived_at = models.DateTimeField(_("决定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避豁免")
        verbose_name_plural = _("回避豁免")
        constraints = [models.UniqueConstraint(fields=["expert", "enterprise", "kind"], name="one_waiver_per_conflict")]

    def __str__(self) -> str:
        return f"{self.expert} / {self.enterprise}: {self.kind}"


class AvoidedOrganisation(models.Model):
    """An organisation whose employees must not review the application (declared by the enterprise)."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.CASCADE, related_name="avoided"
    )
    name = models.CharField(_("单位名称"), max_length=128)
    uscc = UsccField(blank=True)
    relation = models.CharField(_("关系"), max_length=64, help_text=_("如：竞争对手、供应商、咨询服务机构"))

    class Meta:
        verbose_name = _("申请回避单位")
        verbose_name_plural = _("申请回避单位")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DrawStatus(models.TextChoices):
    DRAFT = "draft", _("设置中")
    FROZEN = "frozen", _("已固定抽取条件")
    DRAWN = "drawn", _("已抽取")


class SeedSource(models.TextChoices):
    PUBLIC = "public", _("公开随机数")
    PLATFORM = "platform", _("平台随机生成")


class SeededDraw(models.Model):
    """What a verifiable draw records once its inputs are frozen (RFC 3797): when, the seed and its source.

    The expert draw (``Draw``) and the spot-check draw (``visits.SpotDraw``) share it.
    """

    frozen_at = models.DateTimeField(_("固定时间"), null=True, blank=True)
    seed = models.CharField(_("随机种子"), max_length=200, blank=True)
    seed_source = models.CharField(_("种子来源"), max_length=16, choices=SeedSource.choices, blank=True)
    seed_note = models.CharField(_("种子来源说明"), max_length=255, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        abstract = True


class Draw(SeededDraw):
    """随机抽取 of a call's review pool (optionally one tier): setup, freeze, seed, draw.

    The algorithm is ``rules.experts.draw``; ``inputs`` and their digest are
    fixed at the freeze, before a seed exists (RFC 3797).
    """

    call = models.ForeignKey("calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="draws")
    tier = models.CharField(
        _("申报类别"),
        max_length=32,
        blank=True,
        choices=bilingual_choices(facts.TIER_LABELS),
        help_text=_("为空表示全部类别"),
    )
    purpose = models.CharField(_("抽取事由"), max_length=200)
    quotas = models.JSONField(_("各专业组抽取人数"), default=dict)
    reviews_per_application = models.PositiveSmallIntegerField(
        _("每项申报评审专家人数"), default=5, validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    min_load = models.PositiveSmallIntegerField(_("每位专家最少评审数"), default=1)
    max_load = models.PositiveSmallIntegerField(_("每位专家最多评审数"), default=10)
    answer_by = models.DateTimeField(_("答复截止时间"))
    status = models.CharField(_("状态"), max_length=16, choices=DrawStatus.choices, default=DrawStatus.DRAFT)
    inputs = models.JSONField(_("抽取条件"), null=True, blank=True)
    inputs_sha256 = models.CharField(_("抽取条件摘要"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("专家抽取")
        verbose_name_plural = _("专家抽取")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_load__gte=models.F("min_load")), name="draw_loads_in_order"),
        ]

    def __str__(self) -> str:
        return self.purpose


class DrawExclusion(models.Model):
    """An expert of the pool who cannot serve in this draw; the reason stays private."""

    draw = models.ForeignKey(Draw, verbose_name=_("专家抽取"), on_delete=models.CASCADE, related_name="exclusions")
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("原因"), max_length=255)

    class Meta:
        verbose_name = _("不参加抽取的专家")
        verbose_name_plural = _("不参加抽取的专家")
        constraints = [models.UniqueConstraint(fields=["draw", "expert"], name="one_exclusion_per_expert")]

    def __str__(self) -> str:
        return f"{self.draw} / {self.expert}"


class PairRule(models.Model):
    """The Department forces or forbids one expert on one application of a draw, with its reason."""

    class Kind(models.TextChoices):
        FORCE = "force", _("指定")
        FORBID = "forbid", _("排除")

    draw = models.ForeignKey(Draw, verbose_name=_("专家抽取"), on_delete=models.CASCADE, related_name="pair_rules")
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    reason = models.CharField(_("理由"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指定或排除的分配")
        verbose_name_plural = _("指定或排除的分配")
        constraints = [models.UniqueConstraint(fields=["draw", "application", "expert"], name="one_rule_per_pair")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.expert} / {self.application}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("待答复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已谢绝")
    EXPIRED = "expired", _("逾期未答复")


class Invitation(models.Model):
    """A drawn expert's invitation; a decline (or silence past ``answer_by``) brings the next ticket."""

    draw = models.ForeignKey(Draw, verbose_name=_("专家抽取"), on_delete=models.PROTECT, related_name="invitations")
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="invitations")
    position = models.PositiveIntegerField(_("抽取顺序"))
    replaces = models.OneToOneField(
        "self", verbose_name=_("替补"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    answer_by = models.DateTimeField(_("答复截止时间"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reason = models.CharField(_("谢绝理由"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("发出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评审邀请")
        verbose_name_plural = _("评审邀请")
        ordering = ["draw", "position"]
        constraints = [models.UniqueConstraint(fields=["draw", "expert"], name="one_invitation_per_draw")]

    def __str__(self) -> str:
        return f"{self.draw} / {self.expert}"


class Proposal(models.Model):
    """A computed assignment, previewed before the Department commits it."""

    draw = models.ForeignKey(Draw, verbose_name=_("专家抽取"), on_delete=models.PROTECT, related_name="proposals")
    pairs = models.JSONField(_("分配方案"), help_text=_("[[申报ID, 专家ID, 匹配度], ...]"))
    total_affinity = models.FloatField(_("匹配度合计"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("计算人"), on_delete=models.PROTECT, related_name="+"
    )
    computed_at = models.DateTimeField(_("计算时间"), auto_now_add=True)
    committed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("分配方案")
        verbose_name_plural = _("分配方案")
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.draw} {self.computed_at:%Y-%m-%d %H:%M}"


class SeatStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REMOVED = "removed", _("已撤出")


class Seat(models.Model):
    """One expert's place on one application's panel (评审席位)."""

    draw = models.ForeignKey(Draw, verbose_name=_("专家抽取"), on_delete=models.PROTECT, related_name="seats")
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="seats"
    )
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="seats")
    proposal = models.ForeignKey(Proposal, verbose_name=_("分配方案"), on_delete=models.PROTECT, related_name="seats")
    affinity = models.FloatField(_("匹配度"))
    status = models.CharField(_("状态"), max_length=16, choices=SeatStatus.choices, default=SeatStatus.ACTIVE)
    assigned_at = models.DateTimeField(_("分配时间"), auto_now_add=True)
    declared_at = models.DateTimeField(_("无利害关系声明时间"), null=True, blank=True)
    removed_at = models.DateTimeField(_("撤出时间"), null=True, blank=True)
    removed_reason = models.CharField(_("撤出原因"), max_length=255, blank=True)
    replaces = models.OneToOneField(
        "self", verbose_name=_("补位"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )

    class Meta:
        verbose_name = _("评审席位")
        verbose_name_plural = _("评审席位")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "expert"], condition=Q(status="active"), name="one_active_seat_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.expert}"

    @property
    def is_open(self) -> bool:
        """The expert may read the application: the seat stands and they declared no conflict."""
        return self.status == SeatStatus.ACTIVE and self.declared_at is not None


class Rating(models.Model):
    """一项目一评价: the Department's rating of an expert's work in one call."""

    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="ratings")
    call = models.ForeignKey("calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="+")
    timeliness = models.PositiveSmallIntegerField(
        _("及时性"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1至5分")
    )
    diligence = models.PositiveSmallIntegerField(
        _("认真程度"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1至5分")
    )
    notes = models.TextField(_("评价意见"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("评价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专家评价")
        verbose_name_plural = _("专家评价")
        ordering = ["-rated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["expert", "call"], name="one_rating_per_call")]

    def __str__(self) -> str:
        return f"{self.expert} / {self.call}"
