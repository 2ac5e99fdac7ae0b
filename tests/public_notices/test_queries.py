"""A notice's page reads in a fixed number of queries, however long its list (300 entries as a call may have)."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.enterprises.models import Enterprise
from smartmfg.notices.models import PublicNotice
from smartmfg.rules.identifiers import make_uscc


def more_entries(notice: PublicNotice, like: Application, n: int, start: int) -> None:
    """``n`` more applications on ``notice``, copies of ``like`` from other enterprises (bulk rows: a list's size
    is what is measured here, not the steps that built it)."""
    company = like.enterprise
    copies = Enterprise.objects.bulk_create(
        [
            Enterprise(
                **{
                    **_fields(company),
                    "name": f"测试企业{i:03d}有限公司",
                    "uscc": make_uscc("91", "220102", f"B{i:07d}"),
                }
            )
            for i in range(start, start + n)
        ]
    )
    applications = Application.objects.bulk_create(
        [
            Application(**{**_fields(like), "enterprise_id": e.pk, "reference": f"{like.reference}-{i}"})
            for i, e in enumerate(copies, start)
        ]
    )
    notice.applications.add(*applications)


def _fields(instance: object) -> dict[str, object]:
    meta = instance._meta  # type: ignore[attr-defined]
    return {f.attname: getattr(instance, f.attname) for f in meta.concrete_fields if not f.primary_key}


def test_300_entries_take_no_more_queries_than_3(client, cast, open_notice, django_assert_max_num_queries):
    url = reverse("public_notices:notice", kwargs={"pk": open_notice.pk})
    like = Application.objects.select_related("enterprise").get(pk=cast.app_a.pk)
    more_entries(open_notice, like, 1, 0)
    with django_assert_max_num_queries(3) as three:  # the notice, its list, its upheld objections
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 1 + 3

    more_entries(open_notice, like, 297, 1)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 1 + 300


def test_the_index_reads_in_a_fixed_number_of_queries(client, cast, open_notice, django_assert_max_num_queries):
    more_entries(open_notice, Application.objects.select_related("enterprise").get(pk=cast.app_a.pk), 50, 0)
    with django_assert_max_num_queries(1):
        client.get(reverse("public_notices:index"))
    with django_assert_max_num_queries(2):
        client.get(reverse("public_notices:feed"))
