"""第九条: which applications get a visit: a share of the review list drawn verifiably, plus picks with reasons."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.rules.experts.spot_sample import spot_check_sample, spot_inputs_sha256, verify_spot_document
from smartmfg.visits import actions
from smartmfg.visits.models import SpotDraw, SpotSelection
from tests.visits.builders import PUBLIC_SEED, in_review


def rerun(doc):
    """The reference implementation published with every sample (rules/experts/spot_sample.py), verbatim."""
    inputs, seed = doc["inputs"], doc["seed"]
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == doc["inputs_sha256"]
    numbers, share = inputs["numbers"], inputs["share_percent"]
    count = -(-len(numbers) * share // 100)
    ticket = lambda number: (hashlib.sha256(f"{seed}:{number}".encode()).hexdigest(), number)  # noqa: E731
    return sorted(numbers, key=ticket)[:count]


@pytest.fixture
def review(cast):
    return in_review(cast, cast.app_a, cast.app_b)


def test_the_numbers_are_frozen_before_the_seed_and_the_share_is_drawn_from_them(cast, review):
    frozen = actions.do_freeze_spot_draw(actions.do_create_spot_draw(cast.call, actor=cast.dept), actor=cast.dept)

    numbers = sorted([cast.app_a.reference, cast.app_b.reference])
    assert (frozen.numbers, frozen.share_percent, frozen.seed) == (numbers, 20, "")
    assert frozen.inputs_sha256 == spot_inputs_sha256(numbers, 20)

    drawn = actions.do_run_spot_draw(frozen, public_seed=PUBLIC_SEED, seed_note="福彩3D开奖公告", actor=cast.dept)

    assert drawn.sampled == spot_check_sample(numbers, 20, PUBLIC_SEED) and len(drawn.sampled) == 1  # ⌈2 × 20 %⌉
    selection = SpotSelection.objects.get()
    assert (selection.source, selection.application.reference, selection.reason) == ("sampled", drawn.sampled[0], "")
    verbs = list(AuditEntry.objects.filter(target_type="visits.spotdraw").order_by("id").values_list("verb", flat=True))
    assert verbs == ["create_spot_draw", "freeze_spot_draw", "seed_spot_draw", "run_spot_draw"]


def test_the_pages_freeze_seed_and_draw_and_the_document_re_runs(client, cast, review):
    client.force_login(cast.dept)
    page = reverse("visits:call", kwargs={"call": cast.call.pk})
    assert client.post(reverse("visits:create_draw", kwargs={"call": cast.call.pk})).status_code == 302
    spot_draw = SpotDraw.objects.get()
    assert client.post(reverse("visits:freeze_draw", kwargs={"pk": spot_draw.pk})).status_code == 302
    spot_draw.refresh_from_db()
    assert spot_draw.inputs_sha256 in client.get(page).content.decode()  # shown before any seed exists

    run = reverse("visits:run_draw", kwargs={"pk": spot_draw.pk})
    refused = client.post(run, {"public_seed": PUBLIC_SEED})
    assert refused.status_code == 400 and "请说明公开随机数的来源" in refused.content.decode()
    assert client.post(run, {"public_seed": PUBLIC_SEED, "seed_note": "福彩3D开奖公告"}).status_code == 302

    response = client.get(reverse("visits:draw_document", kwargs={"pk": spot_draw.pk}))
    doc = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert verify_spot_document(doc) is None and rerun(doc) == doc["selected"]
    assert doc["seed_source"] == "福彩3D开奖公告"
    shown = client.get(page).content.decode()
    assert "抽查文件属实" in shown and doc["selected"][0] in shown

    tampered = {**doc, "selected": [n for n in doc["inputs"]["numbers"] if n not in doc["selected"]]}
    assert "selected[0]" in str(verify_spot_document(tampered))


def test_a_spot_draw_is_refused_out_of_order_or_with_nothing_to_draw(cast):
    draft = actions.do_create_spot_draw(cast.call, actor=cast.dept)
    with pytest.raises(ValidationError, match="本批次已有"):
        actions.do_create_spot_draw(cast.call, actor=cast.dept)
    with pytest.raises(ValidationError, match="设置中"):
        actions.do_run_spot_draw(draft, actor=cast.dept)
    with pytest.raises(ValidationError, match="没有处于专家评审阶段的申报"):
        actions.do_freeze_spot_draw(draft, actor=cast.dept)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.numbers == []


def test_the_department_picks_an_application_with_a_written_reason(client, cast, review):
    client.force_login(cast.dept)
    pick = reverse("visits:pick", kwargs={"call": cast.call.pk})

    refused = client.post(pick, {"application": cast.app_b.pk, "reason": " "})
    assert refused.status_code == 400 and "选定理由" in refused.content.decode()
    assert not SpotSelection.objects.exists()

    assert client.post(pick, {"application": cast.app_b.pk, "reason": "评分离散度大"}).status_code == 302
    picked = SpotSelection.objects.get()
    assert (picked.application, picked.source, picked.reason) == (cast.app_b, "picked", "评分离散度大")
    assert "评分离散度大" in client.get(reverse("visits:call", kwargs={"call": cast.call.pk})).content.decode()
    with pytest.raises(PermissionDenied, match="已是抽查对象"):
        actions.do_pick_for_visit(cast.app_b, reason="再次选定", actor=cast.dept)


def test_only_the_review_list_can_be_picked(cast):
    with pytest.raises(PermissionDenied, match="专家评审阶段"):
        actions.do_pick_for_visit(cast.app_a, reason="材料存疑", actor=cast.dept)  # still with its bureau
