"""The referral Bundle (core/referral_bundle.py): valid FHIR R4 for an independent validator, an exact round
trip, nothing withheld inside, and a strict, total reader."""

from __future__ import annotations

import copy
import dataclasses
import json
import unicodedata
from typing import Any

import pytest
from fhir.resources.bundle import Bundle
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tiaki.core.canonical import key_id_for
from tiaki.core.packet import bundle_bytes
from tiaki.core.referral_bundle import (
    URGENCIES,
    AgreementSummary,
    BundleError,
    ConsentSummary,
    NoticeSummary,
    ReceivedReferral,
    ReferralContent,
    ReferralDetails,
    SentValue,
    build_bundle,
    parse_bundle,
)

CONSENT_A = "c0a80101-0000-4000-8000-000000000001"
CONSENT_B = "c0a80101-0000-4000-8000-000000000002"
AGREEMENT = "a0000000-0000-4000-8000-000000000002"
HASH = "ab" * 32
T = "2026-11-25T09:30:00.000+00:00"
# Every catalogue field that may leave the device, with a category and a plausible value.
RECORD: dict[str, tuple[str, str | int]] = {
    "given_name": ("identity", "Aroha"), "family_name": ("identity", "Te Whatu"),
    "preferred_name": ("identity", "Ro"), "date_of_birth": ("identity", "1990-04-01"),
    "gender": ("identity", "another"), "nhi": ("identity", "ZZZ0016"),
    "msd_client_number": ("identity", "123456789"), "phone": ("contact", "021 555 0101"),
    "email": ("contact", "aroha@example.org.nz"), "address": ("contact", "12 Kōwhai Street\nWhangārei 0110"),
    "region": ("contact", "northland"), "household_members": ("whanau", "Two tamariki, one koro"),
    "dependent_children": ("whanau", 2), "ethnicity": ("ethnicity", "maori"), "iwi": ("ethnicity", "Ngāpuhi"),
    "health_conditions": ("health", "Asthma"), "disability": ("health", "Uses a wheelchair"),
    "benefit_type": ("income", "jobseeker"), "weekly_income": ("income", 420),
    "employment_status": ("employment", "seeking"), "living_arrangement": ("living", "emergency"),
    "safety_concerns": ("safety", "Ex-partner has a protection order against him"),
}


def consent(consent_id: str = CONSENT_A, **changes: Any) -> ConsentSummary:
    base = ConsentSummary(consent_id=consent_id, given_at=T, expires_at="2027-11-25T09:30:00.000+00:00",
                          method="written", given_by="person", language="mi", notice_version="2026-11-25.1",
                          notice_hash=HASH, purposes=("referral", "housing_support"),
                          categories=("identity", "contact", "health"))
    return dataclasses.replace(base, **changes)


def agreement(**changes: Any) -> AgreementSummary:
    base = AgreementSummary(AGREEMENT, "Northland housing AISA", "approved_sharing_agreement", "Privacy Act 2020 s 145")
    return dataclasses.replace(base, **changes)


def make_content(fields: dict[str, SentValue], *, withheld: dict[str, str] | None = None,
                 details: ReferralDetails | None = None, notice: NoticeSummary | None = None,
                 **changes: Any) -> ReferralContent:
    consent_ids = {v.consent_id for v in fields.values()} - {None}
    consents = tuple(consent(c) for c in sorted(consent_ids))  # type: ignore[arg-type]
    agreements = (agreement(),) if any(v.agreement_id for v in fields.values()) else ()
    base = ReferralContent(
        packet_id="6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", created_at=T, organisation="Te Whare Tiaki",
        sender_key_id=key_id_for(b"sender"), sender_device_id="d0000000-0000-4000-8000-000000000004",
        coordinator_id="a1000000-0000-4000-8000-000000000001", coordinator_name="Mere Rāwiri",
        partner_name="Te Whare Āwhina", partner_key_id=key_id_for(b"partner"),
        client_id="c1000000-0000-4000-8000-000000000001", purpose="referral",
        details=details or ReferralDetails(reason="Needs emergency housing", urgency="urgent",
                                           services="Housing navigator", note="Prefers texts.\nNo calls at work."),
        fields=fields, withheld=withheld or {}, consents=consents, agreements=agreements, notice=notice)
    return dataclasses.replace(base, **changes)


def on_consent(category: str, value: str | int, consent_id: str = CONSENT_A) -> SentValue:
    return SentValue(value, category, "consent", None, consent_id)


def on_agreement(category: str, value: str | int) -> SentValue:
    return SentValue(value, category, "approved_sharing_agreement", AGREEMENT, None)


NOTICE = NoticeSummary("2026-11-25.1", "mi", HASH, "before", "2026-10-01T02:00:00.000+00:00")


def all_fields() -> ReferralContent:
    fields = {k: (on_consent if i % 2 else on_agreement)(cat, v) for i, (k, (cat, v)) in enumerate(RECORD.items())}
    return make_content(fields, notice=NOTICE)


def received(content: ReferralContent) -> ReceivedReferral:
    names = {f.name for f in dataclasses.fields(ReceivedReferral)}
    return ReceivedReferral(**{n: getattr(content, n) for n in names})


def validate(doc: dict[str, Any]) -> Bundle:
    """The independent check: fhir.resources 6.1 (FHIR R4 4.0.1) parses the Bundle and each resource."""
    return Bundle.parse_obj(copy.deepcopy(doc))


def resources(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == kind]


# --- valid FHIR and exact round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("content", [
    pytest.param(all_fields(), id="all-fields"),
    pytest.param(make_content({"given_name": on_agreement("identity", "Aroha")}), id="one-field-agreement"),
    pytest.param(make_content({"phone": on_consent("contact", "021 555 0101")},
                              details=ReferralDetails()), id="one-field-consent-no-details"),
    pytest.param(make_content({"given_name": on_consent("identity", "Aroha", CONSENT_A),
                               "health_conditions": on_consent("health", "Asthma", CONSENT_B),
                               "region": on_agreement("contact", "northland"),
                               "dependent_children": SentValue(3, "whanau", "legal_requirement", None, None)},
                              withheld={"safety_concerns": "no_consent", "iwi": "not_covered"}),
                 id="consent-and-agreement-mix"),
    pytest.param(make_content({"safety_concerns": SentValue("Immediate risk", "safety", "serious_threat", None, None)},
                              details=ReferralDetails(urgency="asap")), id="serious-threat-override"),
    pytest.param(make_content({"given_name": on_consent("identity", "Ātaahua 👩🏽‍🦱"),
                               "family_name": on_consent("identity", "עברית"),
                               "iwi": on_consent("ethnicity", "Ngāti Whātua Ōrākei"),
                               "household_members": on_consent("whanau", "مرحبا\tسلام\nTalofa lava 🇼🇸")},
                              details=ReferralDetails(reason="Whānau support — عائلة", services="Kōrero 🗣",
                                                      note="ZWJ 👨‍👩‍👧 and RTL שלום"),
                              coordinator_name="Mere Ōtene", partner_name="Te Rūnanga o Ngāti Whātua 🌿"),
                 id="odd-unicode"),
])
def test_built_bundles_validate_and_round_trip(content: ReferralContent) -> None:
    doc = build_bundle(content)
    validate(doc)
    assert parse_bundle(doc) == received(content)
    # What goes into the packet is JSON text: the round trip holds through it too.
    assert parse_bundle(json.loads(bundle_bytes(doc))) == received(content)


def test_build_is_deterministic_and_entry_urls_are_unique() -> None:
    doc = build_bundle(all_fields())
    assert doc == build_bundle(all_fields())
    urls = [e["fullUrl"] for e in doc["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    other = build_bundle(dataclasses.replace(all_fields(), packet_id="11111111-2222-4333-8444-555555555555"))
    assert not set(urls) & {e["fullUrl"] for e in other["entry"]}


def test_standard_elements_for_other_fhir_systems() -> None:
    doc = build_bundle(all_fields())
    bundle = validate(doc)
    assert bundle.type == "collection" and bundle.identifier.value == "urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    (patient,) = resources(doc, "Patient")
    assert patient["name"] == [{"use": "official", "family": "Te Whatu", "given": ["Aroha"]},
                               {"use": "usual", "given": ["Ro"]}]
    assert patient["gender"] == "other" and patient["birthDate"] == "1990-04-01"
    assert patient["telecom"] == [{"system": "phone", "value": "021 555 0101"},
                                  {"system": "email", "value": "aroha@example.org.nz"}]
    assert patient["address"] == [{"text": "12 Kōwhai Street\nWhangārei 0110"}]
    assert {"system": "https://standards.digital.health.nz/ns/nhi-id", "value": "ZZZ0016"} in patient["identifier"]
    assert {"system": "urn:tiaki:msd-client-number", "value": "123456789"} in patient["identifier"]
    assert {"system": "urn:tiaki:client", "value": "c1000000-0000-4000-8000-000000000001"} in patient["identifier"]
    assert len(patient["extension"]) == len(RECORD)
    (request,) = resources(doc, "ServiceRequest")
    assert request["priority"] == "urgent" and request["intent"] == "order" and request["status"] == "active"
    assert request["category"][0]["coding"][0]["code"] == "3457005"
    assert request["code"] == {"text": "Housing navigator"}
    assert request["performer"][0]["identifier"]["value"] == key_id_for(b"partner")
    consents = resources(doc, "Consent")
    assert len(consents) == 2 and len(request["supportingInfo"]) == 2
    record = next(c for c in consents if "identifier" in c)
    assert record["provision"]["period"] == {"start": T, "end": "2027-11-25T09:30:00.000+00:00"}
    assert record["provision"]["actor"][0]["role"]["coding"][0]["code"] == "IRCP"
    rule = next(c for c in consents if "policy" in c)
    assert rule["policy"] == [{"uri": f"urn:tiaki:agreement:{AGREEMENT}"}]
    assert rule["policyRule"]["coding"][0] == {"system": "https://tiaki.nz/fhir/CodeSystem/legal-basis",
                                               "code": "approved_sharing_agreement"}
    (provenance,) = resources(doc, "Provenance")
    assert provenance["recorded"] == T and len(provenance["target"]) == 4
    assert provenance["agent"][0]["onBehalfOf"]["identifier"] == {"system": "urn:tiaki:sender-key",
                                                                  "value": key_id_for(b"sender")}


@pytest.mark.parametrize(("value", "gender"), [("female", "female"), ("male", "male"), ("another", "other"),
                                               ("not_stated", "unknown")])
def test_gender_codes(value: str, gender: str) -> None:
    doc = build_bundle(make_content({"gender": on_consent("identity", value)}))
    assert resources(doc, "Patient")[0]["gender"] == gender


def test_without_services_the_purpose_names_the_request_and_reads_back_empty() -> None:
    content = make_content({"given_name": on_consent("identity", "Aroha")}, details=ReferralDetails())
    doc = build_bundle(content)
    assert resources(doc, "ServiceRequest")[0]["code"]["text"] == "referral"
    assert parse_bundle(doc).details.services == ""
    # Services that happen to spell the purpose still read back as given.
    named = make_content({"given_name": on_consent("identity", "Aroha")}, details=ReferralDetails(services="referral"))
    assert parse_bundle(build_bundle(named)).details.services == "referral"


# --- nothing withheld leaves --------------------------------------------------------------------------------------


@st.composite
def record_split(draw: st.DrawFn) -> tuple[ReferralContent, dict[str, str | int]]:
    """A random record, a random allowed subset on random bases, the rest withheld with a reason."""
    keys = sorted(RECORD)
    allowed = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    words = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=6, max_size=20)
    # Each value names its field, so it cannot turn up by coincidence (inside a UUID, say).
    values = {k: f"{k}·{draw(words.map(lambda w: unicodedata.normalize('NFC', w).strip()))}" for k in keys}
    fields = {}
    for key in allowed:
        choice = draw(st.sampled_from(["a", "b", "agreement"]))
        category = RECORD[key][0]
        fields[key] = on_agreement(category, values[key]) if choice == "agreement" else on_consent(
            category, values[key], CONSENT_A if choice == "a" else CONSENT_B)
    reasons = st.sampled_from(["no_consent", "not_covered", "no_agreement", "consent_withdrawn"])
    withheld = {k: draw(reasons) for k in keys if k not in allowed}
    return make_content(fields, withheld=withheld), {k: values[k] for k in keys if k not in allowed}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_split())
def test_no_withheld_value_appears_in_the_bundle(split: tuple[ReferralContent, dict[str, str | int]]) -> None:
    content, withheld_values = split
    allowed_text = json.dumps([v.value for v in content.fields.values()], ensure_ascii=False)
    text = bundle_bytes(build_bundle(content)).decode()
    for value in withheld_values.values():
        assume(str(value) not in allowed_text)  # the same words allowed in another field are not a leak
        assert str(value) not in text
    assert parse_bundle(json.loads(text)).withheld == content.withheld


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_split())
def test_random_referrals_validate_as_fhir(split: tuple[ReferralContent, dict[str, str | int]]) -> None:
    validate(build_bundle(split[0]))


# --- building refuses content outside the profile ----------------------------------------------------------------


@pytest.mark.parametrize("change", [
    {"packet_id": "not-a-uuid"}, {"created_at": "2026-11-25T09:30:00"}, {"created_at": "2026-02-30T09:30:00Z"},
    {"sender_key_id": "ABC"}, {"partner_key_id": ""}, {"coordinator_name": ""}, {"organisation": "Org\u202e"},
    {"partner_name": "x" * 201}, {"purpose": "Not A Code"}, {"coordinator_id": "has space"},
    {"fields": {}}, {"fields": {f"field_{i}": on_agreement("identity", "x") for i in range(101)}},
    {"fields": {"given_name": on_consent("identity", "")}},
    {"fields": {"given_name": on_consent("identity", "   ")}},
    {"fields": {"given_name": on_consent("identity", "bell\x07")}},
    {"fields": {"given_name": on_consent("identity", "a\u0301")}},  # not NFC
    {"fields": {"weekly_income": on_consent("income", 2**31)}},
    {"fields": {"weekly_income": on_consent("income", True)}},
    {"fields": {"given_name": SentValue("Aroha", "identity", "magic", None, None)}},
    {"withheld": {"given_name": "no_consent"}},
    {"withheld": {"iwi": "Not a code"}},
    {"consents": ()},
    {"consents": (consent(), consent())},
    {"consents": (consent(), consent(CONSENT_B))},
    {"consents": (consent(method="telepathy"),)},
    {"consents": (consent(language="Māori"),)},
    {"consents": (consent(expires_at="soon"),)},
    {"consents": (consent(purposes=("referral", "referral")),)},
    {"agreements": (agreement(),)},
    {"details": ReferralDetails(reason="  unstripped  ")},
    {"details": ReferralDetails(urgency="stat")},
    {"notice": NoticeSummary("1", "en", "nothex", "before", T)},
    {"notice": NoticeSummary("1", "en", HASH, "during", T)},
])
def test_build_refuses_content_outside_the_profile(change: dict[str, Any]) -> None:
    content = dataclasses.replace(make_content({"given_name": on_consent("identity", "Aroha")}), **change)
    with pytest.raises(ValueError, match=r"^Referral content: ") as caught:
        build_bundle(content)
    assert "Aroha" not in str(caught.value)


# --- referral details ---------------------------------------------------------------------------------------------


def test_details_checked_normalises_and_strips() -> None:
    details = ReferralDetails(reason="  Wha\u0304nau support  ", urgency="asap", services=" Kai ", note="\nline\n")
    assert details.checked() == ReferralDetails(reason="Whānau support", urgency="asap", services="Kai", note="line")
    assert details.checked().checked() == details.checked()
    assert URGENCIES == ("routine", "urgent", "asap")


@pytest.mark.parametrize(("details", "part"), [
    (ReferralDetails(urgency="soon"), "urgency"),
    (ReferralDetails(reason="r" * 501), "reason"),
    (ReferralDetails(services="s" * 501), "services"),
    (ReferralDetails(note="n" * 4001), "note"),
    (ReferralDetails(services="two\nlines"), "services"),
    (ReferralDetails(note="secret\u202ereversed"), "note"),
    (ReferralDetails(reason="nul\x00"), "reason"),
])
def test_details_checked_refuses(details: ReferralDetails, part: str) -> None:
    with pytest.raises(ValueError) as caught:
        details.checked()
    message = str(caught.value)
    assert part in message and "\n" not in message and "secret" not in message and "nul" not in message


def test_details_at_their_limits_pass() -> None:
    details = ReferralDetails(reason="r" * 500, services="s" * 500, note="n" * 4000)
    assert details.checked() == details
    doc = build_bundle(make_content({"given_name": on_consent("identity", "Aroha")}, details=details))
    validate(doc)
    assert parse_bundle(doc).details == details


# --- the reader: strict ----------------------------------------------------------------------------------------


def _with_entry(doc: dict[str, Any], resource: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    out["entry"].append({"fullUrl": "urn:uuid:11111111-2222-4333-8444-555555555555", "resource": resource})
    return out


def test_unexpected_resources_are_refused() -> None:
    doc = build_bundle(all_fields())
    patient = resources(doc, "Patient")[0]
    observation = {"resourceType": "Observation", "status": "final", "code": {"text": "Blood pressure"}}
    for bad in (_with_entry(doc, observation), _with_entry(doc, copy.deepcopy(patient)),
                _with_entry(doc, {"resourceType": "Provenance"}), _with_entry(doc, {"resourceType": "Bundle"})):
        with pytest.raises(BundleError) as caught:
            parse_bundle(bad)
        assert caught.value.code == "bundle_invalid"
    with pytest.raises(BundleError, match="resources a referral packet does not carry"):
        parse_bundle(_with_entry(doc, observation))


def _edit(doc: dict[str, Any], kind: str, edit: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    edit(resources(out, kind)[0] if kind != "Bundle" else out)
    return out


@pytest.mark.parametrize(("kind", "edit"), [
    ("Patient", lambda p: p.update(maritalStatus={"text": "Married"})),  # an element Tiaki never writes
    ("Patient", lambda p: p["name"][0].update(family="Smith")),  # standard element disagreeing with the field
    ("Patient", lambda p: p.update(birthDate="1991-01-01")),
    ("Patient", lambda p: p["extension"].append(copy.deepcopy(p["extension"][0]))),  # duplicate key
    ("Patient", lambda p: p["extension"].append({"url": "https://example.org/other", "valueString": "x"})),
    ("Patient", lambda p: p["extension"][0]["extension"].append({"url": "value", "valueString": "x"})),
    ("Patient", lambda p: p["extension"][0]["extension"][2].update(valueInteger=3)),
    ("Patient", lambda p: p["identifier"].pop(0)),
    ("ServiceRequest", lambda r: r.update(priority="stat")),
    ("ServiceRequest", lambda r: r["extension"].append(r["extension"][-1])),
    ("ServiceRequest", lambda r: r["extension"].pop(0)),
    ("ServiceRequest", lambda r: r["performer"][0]["identifier"].update(value="0" * 32)),
    ("Provenance", lambda p: p.update(recorded="2026-11-25T09:31:00.000+00:00")),
    ("Provenance", lambda p: p["extension"].pop(0)),
    ("Provenance", lambda p: p["extension"].insert(1, p["extension"][1])),
    ("Consent", lambda c: c["provision"].update(type="deny")),
    ("Consent", lambda c: c.update(status="inactive")),
    ("Bundle", lambda b: b.update(type="transaction")),
    ("Bundle", lambda b: b["entry"].reverse()),
    ("Bundle", lambda b: b["entry"][0].update(fullUrl=b["entry"][1]["fullUrl"])),
    ("Bundle", lambda b: b.update(meta={"profile": ["x"]})),
])
def test_anything_not_in_the_profile_is_refused(kind: str, edit: Any) -> None:
    doc = build_bundle(all_fields())
    with pytest.raises(BundleError):
        parse_bundle(_edit(doc, kind, edit))


def test_entry_urls_are_the_senders_choice() -> None:
    """Another writer may pick other urn:uuid entry URLs, provided references use them consistently."""
    doc = build_bundle(all_fields())
    text = json.dumps(doc)
    for i, entry in enumerate(doc["entry"]):
        text = text.replace(entry["fullUrl"], f"urn:uuid:99999999-0000-4000-8000-{i:012d}")
    assert parse_bundle(json.loads(text)) == received(all_fields())


# --- the reader: total -------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=15), inner, max_size=5),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_parse_bundle_of_any_json_value_raises_only_bundle_error(value: object) -> None:
    with pytest.raises(BundleError):
        parse_bundle(value)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out += _paths(child, (*prefix, index))
    return out


_BASE = build_bundle(all_fields())
_BASE_PATHS = _paths(_BASE)[1:]
_SHAPES = st.sampled_from([None, True, 0, 3, 2**40, 1.5, "", "x", "referral", [], {}, [1], {"url": "value"},
                           "urn:uuid:11111111-2222-4333-8444-555555555555"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BASE_PATHS), st.sampled_from(["replace", "delete", "add"]),
                          _SHAPES | json_values), min_size=1, max_size=3))
def test_mutated_bundles_raise_only_bundle_error(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    doc = copy.deepcopy(_BASE)
    for path, kind, value in mutations:
        parent: Any = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            if kind == "replace":
                parent[last] = value
            elif kind == "delete":
                del parent[last]
            elif isinstance(parent, dict):
                parent[f"{last}_extra"] = value
            else:
                parent.insert(last, value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier mutation removed or replaced this path (a list replaced by null has no insert)
    try:
        result = parse_bundle(doc)
    except BundleError:
        return
    # Some mutations make another valid referral (a consent without an expiry, say): still FHIR, still exact.
    assert isinstance(result, ReceivedReferral)
    validate(doc)
    if doc == _BASE:
        assert result == received(all_fields())

