"""The verifiable draw of review experts from the pool (随机抽取), 第九条.

Anyone can re-run a draw from its published document and get the same
experts (domain.md §7). The inputs (who is in the pool, in which group, who
is excluded for a conflict, how many to draw from each group) are frozen and
their SHA-256 digest published before the seed exists; then the seed is
fixed (drawn by the platform, ``new_platform_seed``, or taken from a public
source as RFC 3797 describes) and the draw follows from both:

- each expert's ticket is the SHA-256 of ``seed + ":" + code``, in hex;
- each group, in sorted order, gets its quota of the lowest tickets among its
  experts not excluded;
- an expert who declines is replaced by the next lowest ticket of the same
  group not drawn yet (nobody is drawn twice; a replacement may decline in
  turn; an exhausted group gives no replacement).

This is Rivest's consistent sampler ("Sampling Mammograms", 2008, with
RFC 3797 for publishing the inputs and the seed): adding experts whose
tickets are higher, or removing experts not drawn, changes nobody drawn.

The algorithm is ``smartmfg-draw-1`` and never changes: old draws must stay
verifiable. The reference implementation, published with every draw, needs
only Python's standard library::

    import hashlib, json

    def rerun(doc):
        inputs, seed = doc["inputs"], doc["seed"]
        canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == doc["inputs_sha256"]
        ticket = lambda code: (hashlib.sha256(f"{seed}:{code}".encode("utf-8")).hexdigest(), code)
        out, group_of = set(inputs["excluded"]), {e["code"]: e["group"] for e in inputs["pool"]}
        queue = {g: sorted((c for c, h in group_of.items() if h == g and c not in out), key=ticket)
                 for g in inputs["quotas"]}
        taken = dict(inputs["quotas"])
        selected = [c for g in sorted(queue) for c in queue[g][: taken[g]]]
        replacements = []
        for declined in (r["declined"] for r in doc["replacements"]):
            g = group_of[declined]
            rest = queue[g][taken[g] :]
            replacements.append({"declined": declined, "replacement": rest[0] if rest else None})
            taken[g] += 1
        return selected, replacements

(Two codes cannot have the same ticket without a SHA-256 collision; the code
itself breaks such a tie, so the order is total whatever happens.)
"""

from .document import ALGORITHM, document_problem, draw_document, verified_text, verify_document
from .inputs import DrawInputs, InvalidDrawInput, PoolEntry, canonical_json, inputs_sha256
from .sampler import DrawResult, Replacement, draw, new_platform_seed, next_replacement, queue, ticket

__all__ = [
    "ALGORITHM",
    "DrawInputs",
    "DrawResult",
    "InvalidDrawInput",
    "PoolEntry",
    "Replacement",
    "canonical_json",
    "document_problem",
    "draw",
    "draw_document",
    "inputs_sha256",
    "new_platform_seed",
    "next_replacement",
    "queue",
    "ticket",
    "verified_text",
    "verify_document",
]
