"""The "what will leave" preview of one client for one partner, end to end (store read + decision).

A real store with N seeded clients (fast path) plus 300 clients made through the API, each with a collection
event and consents; 10 partners, each with agreements on different bases. For random (client, partner)
pairs, times ``session.sharing.preview`` (reads the client's facts, the partner's agreements and the
client's consents inside one transaction, then asks the policy engine). Baseline in the same run: the same
reads without the decision. Goal: p95 <= 10 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from _common import client_count, header, make_store, ms, parser, result, stats, temp_dir
from tiaki.core.collection import Collection
from tiaki.core.provenance import Source
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput, PartnerInput
from tiaki.demo import demo_client

GOAL_MS = 10.0
PURPOSES = ["referral", "case_management", "housing_support"]
CATEGORIES = ["identity", "contact", "whanau", "health", "income", "living", "safety"]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2000)
    args = p.parse_args()
    n = client_count(args)
    rng = random.Random(args.seed)
    header("bench_preview: share preview end to end", n)
    with temp_dir("tiaki-bench-preview-") as tmp:
        session, seconds = make_store(tmp / "store", n, seed=args.seed)
        print(f"  seeded {n:,} clients (fast path, no collection events) in {seconds:.1f} s")
        now = dt.datetime.now(dt.UTC)
        partners = []
        for i in range(10):
            partner = session.sharing.add_partner(PartnerInput(f"Partner {i}", list(PartnerKind)[i % 4], False, ""))
            partners.append(partner.id)
            for j, basis in enumerate((Basis.CONSENT, Basis.PURPOSE_OF_COLLECTION, Basis.LEGAL_REQUIREMENT)):
                session.sharing.add_agreement(AgreementInput(
                    partner.id, "", "Example Act 2020 s 1" if basis is Basis.LEGAL_REQUIREMENT else "", basis,
                    frozenset(PURPOSES[: j + 1]), frozenset(rng.sample(CATEGORIES, 3)), frozenset(),
                    now - dt.timedelta(days=10), None))
        collection = Collection(frozenset({"case_management", "referral"}), Source.person(), session.notice_given("en"))
        clients = []
        start = time.perf_counter()
        for i in range(300):
            cid = session.clients.create(demo_client(rng, i) | {"health_conditions": "example"},
                                         collection=collection).id
            clients.append(cid)
            for _ in range(5):
                session.sharing.record_consent(cid, ConsentInput(
                    frozenset({rng.choice(partners)}), frozenset({rng.choice(PURPOSES)}),
                    frozenset(rng.sample(CATEGORIES, 2)), rng.random() < 0.85, now - dt.timedelta(days=1),
                    None, ConsentMethod.VERBAL, "en", GivenBy.PERSON))
        print(f"  300 clients with collection events and 5 consents each through the API in "
              f"{time.perf_counter() - start:.1f} s")
        pairs = [(rng.choice(clients), rng.choice(partners)) for _ in range(args.rounds)]
        sharing = session.sharing

        def reads_only(cid: str, pid: str) -> None:
            with session._db.transaction() as tx:
                sharing.client_facts(tx, cid)
                tx.query("SELECT * FROM partners WHERE id = ?", (pid,))
                tx.query("SELECT * FROM agreements WHERE partner_id = ?", (pid,))
                for row in tx.query("SELECT * FROM consents WHERE client_id = ?", (cid,)):
                    tx.query("SELECT * FROM consent_events WHERE consent_id = ?", (row[0],))

        for cid, pid in pairs[:100]:  # warm the cache
            sharing.preview(cid, pid, "referral")
            reads_only(cid, pid)
        preview_times, read_times = [], []
        for cid, pid in pairs:
            t0 = time.perf_counter()
            sharing.preview(cid, pid, "referral")
            t1 = time.perf_counter()
            reads_only(cid, pid)
            preview_times.append(t1 - t0)
            read_times.append(time.perf_counter() - t1)
        preview, reads = stats(preview_times), stats(read_times)
        print(f"  preview (reads + decision)   {preview}")
        print(f"  the same reads, no decision  {reads}")
        session.lock()
    print("\nSummary:")
    result("preview p95 / 10 ms goal", preview.p95 * 1000 / GOAL_MS, 1.0,
           f"(p50 {ms(preview.p50)}, p95 {ms(preview.p95)})")
    result("preview vs the same store reads", preview.p50 / reads.p50, None,
           f"(p50 {ms(preview.p50)} vs {ms(reads.p50)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
