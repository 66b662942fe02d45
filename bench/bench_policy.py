"""Policy decisions per second: tiaki.core.policy.decide for a 40-field record, 10 agreements and 5 consents.

Goal: >= 50,000 decisions/s (20 µs per decision). The record is a synthetic 40-field catalogue across the real
field categories (4 fields each; case notes never leave the device), passed as the catalogue's own tuple as the
store does. The partner has 10 agreements with mixed bases (statutory, purpose of collection, consent, authorised
by the person), purposes and categories, one expired, one not yet in force, two with field exclusions. Each
client has 5 consents: two active permits (one renewed), one withdrawn permit, one active deny, one lapsed permit.
Decisions cycle through a pool of distinct clients (their own consent ids and collection purposes), so the
figure is not one client decided again and again; that figure is printed too, for context. The engine keeps
nothing between calls, so tuples and lists cost the same; both are printed.

For context (no goal) the same run measures a baseline: a trivial per-field loop that builds the same output
shape (an Allowed or Withheld per field and a Decision) with no policy at all.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable

from _common import catalogue, parser, result
from tiaki.core.catalogue import Catalogue, FieldDef, FieldType, Sensitivity
from tiaki.core.policy import Allowed, ClientFacts, Decision, Withheld, decide
from tiaki.core.reasons import Reason
from tiaki.core.sharing import (
    Basis,
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentRecord,
    GivenBy,
    Partner,
    PartnerKind,
    SharingAgreement,
)

GOAL_PER_S = 50_000
UTC = dt.UTC
NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
PURPOSES = ["referral", "case_management", "housing_support", "income_support", "health_coordination"]
FIELDS_PER_CATEGORY = 4


def synthetic_catalogue(real: Catalogue) -> Catalogue:
    """40 fields, 4 in each of the real categories; case notes never leave the device."""
    fields = tuple(
        FieldDef(key=f"{c.key}_{i}", label=f"{c.label} {i}", category=c.key, sensitivity=Sensitivity.ORDINARY,
                 type=FieldType.TEXT, may_leave_device=c.key != "case_notes")
        for c in real.categories for i in range(FIELDS_PER_CATEGORY))
    return Catalogue(version=1, categories=real.categories, fields=fields)


def agreements(partner: Partner, categories: list[str]) -> list[SharingAgreement]:
    day = dt.timedelta(days=1)
    start = NOW - 200 * day
    cats = categories

    def agreement(i: int, basis: Basis, purposes: list[str], cs: list[str], *, valid_from: dt.datetime = start,
                  valid_until: dt.datetime | None = None, excluded: frozenset[str] = frozenset()) -> SharingAgreement:
        return SharingAgreement(id=f"agr-{i:02d}", partner_id=partner.id, purposes=frozenset(purposes),
                                categories=frozenset(cs), basis=basis, valid_from=valid_from, valid_until=valid_until,
                                excluded_fields=excluded, name=f"agreement {i}", reference="")

    return [
        agreement(0, Basis.LEGAL_REQUIREMENT, ["referral"], cats[0:2], excluded=frozenset({f"{cats[0]}_3"})),
        agreement(1, Basis.LEGAL_REQUIREMENT, ["income_support"], cats[5:7]),
        agreement(2, Basis.APPROVED_SHARING_AGREEMENT, ["referral", "housing_support"], cats[7:9]),
        agreement(3, Basis.APPROVED_SHARING_AGREEMENT, ["referral"], cats[4:6], valid_until=NOW - 10 * day),
        agreement(4, Basis.INFORMATION_MATCHING, ["income_support"], cats[5:6]),
        agreement(5, Basis.PURPOSE_OF_COLLECTION, ["referral", "case_management"], cats[0:5]),
        agreement(6, Basis.PURPOSE_OF_COLLECTION, ["referral"], cats[6:9], excluded=frozenset({f"{cats[8]}_0"})),
        agreement(7, Basis.CONSENT, ["referral", "health_coordination"], cats[1:8]),
        agreement(8, Basis.CONSENT, ["referral"], cats[2:10], valid_from=NOW + 30 * day),
        agreement(9, Basis.AUTHORISED_BY_PERSON, ["referral", "housing_support"], cats[3:10]),
    ]


def client_facts(rng: random.Random, n: int, cat: Catalogue, partner: Partner,
                 categories: list[str]) -> list[tuple[ClientFacts, list[ConsentRecord]]]:
    day = dt.timedelta(days=1)
    pool = []
    for i in range(n):
        cid = f"client-{i:06d}"
        collected = {f.key: frozenset(rng.sample(PURPOSES, rng.randint(1, 3))) for f in cat.fields}

        def consent(j: int, permit: bool, cs: list[str], *, given: dt.datetime, expires: dt.datetime | None,
                    events: tuple[ConsentEvent, ...] = (), cid: str = cid) -> ConsentRecord:
            return ConsentRecord(
                id=f"{cid}-consent-{j}", client_id=cid, controller="org", recipients=frozenset({partner.id}),
                purposes=frozenset({"referral", "housing_support"}), categories=frozenset(cs), permit=permit,
                given_at=given, expires_at=expires, method=ConsentMethod.VERBAL, language="en",
                notice_version="1", notice_hash="h", recorded_by="worker", given_by=GivenBy.PERSON, events=events)

        picked = rng.sample(categories, 8)
        renewed = ConsentEvent(id=f"{cid}-ev-r", kind=ConsentEventKind.RENEWED, at=NOW - 20 * day, recorded_by="w",
                               expires_at=NOW + 300 * day)
        withdrawn = ConsentEvent(id=f"{cid}-ev-w", kind=ConsentEventKind.WITHDRAWN, at=NOW - 5 * day,
                                 recorded_by="w", reason="changed their mind")
        consents = [
            consent(0, True, picked[0:4], given=NOW - 100 * day, expires=NOW + 100 * day),
            consent(1, True, picked[2:6], given=NOW - 400 * day, expires=NOW - 30 * day, events=(renewed,)),
            consent(2, True, picked[4:7], given=NOW - 50 * day, expires=None, events=(withdrawn,)),
            consent(3, False, picked[6:7], given=NOW - 60 * day, expires=None),
            consent(4, True, picked[7:8], given=NOW - 400 * day, expires=NOW - 1 * day),
        ]
        rng.shuffle(consents)
        pool.append((ClientFacts(id=cid, anonymous=False, collected_for=collected), consents))
    return pool


def baseline(client: ClientFacts, partner: Partner, purpose: str, fields: tuple[FieldDef, ...]) -> Decision:
    """No policy: one Allowed or Withheld per field, then a Decision — the output shape and nothing else."""
    allowed: list[Allowed] = []
    withheld: list[Withheld] = []
    for f in fields:
        if f.may_leave_device:
            allowed.append(Allowed(f.key, Basis.CONSENT, "agr-07", None))
        else:
            withheld.append(Withheld(f.key, Reason.NEVER_LEAVES_DEVICE))
    return Decision(client.id, partner.id, purpose, NOW, tuple(allowed), tuple(withheld))


def rate(fn: Callable[[int], object], n: int, rounds: int) -> tuple[float, float]:
    """Median and best decisions per second over rounds of n calls (fn gets the call's index)."""
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for i in range(n):
            fn(i)
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates), max(rates)


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--decisions", type=int, default=None, help="decisions per round (default 50,000; quick 10,000)")
    args = p.parse_args()
    # --clients is the pool of distinct clients decisions cycle through (default 2,000; quick 200).
    pool_size = args.clients or (200 if args.quick else 2000)
    per_round = args.decisions or (10_000 if args.quick else 50_000)
    rounds = 3 if args.quick else 5
    print("== bench_policy: policy decisions per second (tiaki.core.policy.decide) ==")
    print(f"python {sys.version.split()[0]}   {pool_size:,} clients in the pool   {per_round:,} decisions x "
          f"{rounds} rounds")

    rng = random.Random(args.seed)
    real = catalogue()
    cat = synthetic_catalogue(real)
    categories = [c.key for c in real.categories]
    partner = Partner(id="partner-ngo", name="Te Whare Awhina", kind=PartnerKind.NGO)
    agrs = tuple(agreements(partner, categories))
    pool = client_facts(rng, pool_size, cat, partner, categories)
    fields = cat.fields
    purpose = "referral"
    assert len(fields) == 40 and len(agrs) == 10 and all(len(c) == 5 for _, c in pool)

    sample = decide(pool[0][0], partner, purpose, fields, agrs, pool[0][1], NOW)
    reasons: dict[str, int] = {}
    for w in sample.withheld:
        reasons[w.reason.value] = reasons.get(w.reason.value, 0) + 1
    bases: dict[str, int] = {}
    for a in sample.allowed:
        bases[a.basis.value] = bases.get(a.basis.value, 0) + 1
    print(f"one decision (first client): {len(sample.allowed)} allowed {bases}, {len(sample.withheld)} withheld "
          f"{reasons}")

    def one(i: int) -> object:
        client, consents = pool[i % pool_size]
        return decide(client, partner, purpose, fields, agrs, consents, NOW)

    first_client, first_consents = pool[0]

    def same(_i: int) -> object:
        return decide(first_client, partner, purpose, fields, agrs, first_consents, NOW)

    field_list, agreement_list = list(fields), list(agrs)

    def as_lists(i: int) -> object:  # as store.sharing.preview passes them
        client, consents = pool[i % pool_size]
        return decide(client, partner, purpose, field_list, agreement_list, consents, NOW)

    def base(i: int) -> object:
        return baseline(pool[i % pool_size][0], partner, purpose, fields)

    rate(one, min(per_round, 5000), 1)  # warm-up
    pol_med, pol_best = rate(one, per_round, rounds)
    same_med, _ = rate(same, per_round, rounds)
    list_med, _ = rate(as_lists, per_round, rounds)
    base_med, _ = rate(base, per_round, rounds)
    print(f"\n  decide, pool of {pool_size:,} clients   {pol_med:10,.0f} decisions/s (median of {rounds}; best "
          f"{pol_best:,.0f})  = {1e6 / pol_med:.2f} µs each")
    print(f"  decide, one client again      {same_med:10,.0f} decisions/s  = {1e6 / same_med:.2f} µs each")
    print(f"  decide, fields and agreements as lists  {list_med:10,.0f} decisions/s  = "
          f"{1e6 / list_med:.2f} µs each")
    print(f"  baseline: output shape only   {base_med:10,.0f} per s  = {1e6 / base_med:.2f} µs each")

    print("\nSummary:")
    result("policy decision time / 20 µs goal (50,000/s)", GOAL_PER_S / pol_med, 1.0,
           f"({pol_med:,.0f} decisions/s; {pol_med / GOAL_PER_S:.2f}x the goal rate)")
    result("policy decision with lists / 20 µs goal", GOAL_PER_S / list_med, None,
           f"({list_med:,.0f} decisions/s: fields and agreements passed as lists)")
    result("policy decision vs building the output shape alone", base_med / pol_med, None,
           f"({1e6 / pol_med:.2f} µs vs {1e6 / base_med:.2f} µs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
