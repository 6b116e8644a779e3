"""The OpenAPI document is complete for what the kiosk sends, and checked as written."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.delivery.contract import Contract, ContractError, load_contract
from kiosk.storage.store import document_bytes

PATH = "/applications"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract()


def test_the_document_is_openapi_3_1_with_mutual_tls(contract: Contract) -> None:
    doc = contract.document
    assert doc["openapi"].startswith("3.1")
    assert doc["components"]["securitySchemes"]["kioskCertificate"]["type"] == "mutualTLS"
    assert contract.header_schema(PATH, "post", "Idempotency-Key")["pattern"] == "^[0-9a-f]{32}$"


def test_every_status_the_client_distinguishes_is_documented(contract: Contract) -> None:
    assert {200, 201, 400, 403, 422, 429, 500, 503} <= contract.documented_statuses(PATH, "post")
    for status in (429, 503):
        assert "Retry-After" in contract.response(PATH, "post", status)["headers"]


def test_the_kiosks_payload_conforms(contract: Contract, make_app) -> None:
    payload = json.loads(document_bytes(make_app()))
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []


def test_a_post_address_payload_conforms(contract: Contract, make_app) -> None:
    from kiosk.card_application import PickupMethod

    app = make_app()
    app.pickup_method, app.postal_address = PickupMethod.POST, "河内市巴亭郡 Phố Điện Biên Phủ 12"
    payload = json.loads(document_bytes(app))
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []


@pytest.mark.parametrize("country, code", [("CHN", "440106"), ("VNM", None)])
def test_an_address_in_parts_conforms(contract: Contract, make_app, country: str, code) -> None:
    from kiosk.card_application import Application, PickupMethod
    from kiosk.domain import admin_divisions
    from kiosk.domain.postal_address import PostalAddress

    tree = admin_divisions.for_country(country)
    if code is None:
        province = tree.children()[0]
        regions = (province, tree.children(province.code)[0])
    else:
        regions = tree.path(code)
    app = make_app()
    app.pickup_method = PickupMethod.POST
    app.postal_address_parts = PostalAddress(country, regions, "体育西路 1号" if country == "CHN" else "12 Lê Lợi")
    app.postal_address = app.postal_address_parts.one_line()
    payload = json.loads(document_bytes(app))
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []
    assert Application.from_payload(payload).postal_address_parts == app.postal_address_parts


def test_a_version_2_document_from_before_the_upgrade_conforms(contract: Contract, make_app) -> None:
    payload = json.loads(document_bytes(make_app()))
    payload["payload_version"] = 2
    del payload["postal_address_parts"], payload["fingerprints"]
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []


def test_a_version_3_document_from_before_the_upgrade_conforms(contract: Contract, make_app) -> None:
    payload = json.loads(document_bytes(make_app()))
    payload["payload_version"] = 3
    del payload["fingerprints"]
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []


def test_a_version_4_document_from_before_the_upgrade_conforms(contract: Contract, make_app) -> None:
    payload = json.loads(document_bytes(make_app()))
    payload["payload_version"] = 4
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []


def test_an_eid_identity_conforms_from_version_5_only(contract: Contract, make_app) -> None:
    """The identity source `eid` (a national e-ID app's code) came with version 5: an
    older document cannot carry it."""
    payload = json.loads(document_bytes(make_app()))
    payload["identity_check"] = {"source": "eid", "chip_authentication": "", "access_protocol": ""}
    assert payload["payload_version"] == 5
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []
    payload["payload_version"] = 4
    assert [p for p, _ in contract.validate(payload, contract.request_schema(PATH, "post"))] == ["/identity_check/source"]


def test_the_schema_covers_every_field_the_kiosk_sends(contract: Contract, make_app) -> None:
    """additionalProperties: false everywhere but face_check, so no field goes unchecked."""
    payload = json.loads(document_bytes(make_app()))
    schema = contract.request_schema(PATH, "post")
    conditional = (set(schema["then"]["required"]) | set(schema["then"]["then"]["required"])
                   | set(schema["then"]["then"]["then"]["required"])
                   | set(schema["then"]["then"]["then"]["else"]["required"]))
    assert set(payload) == set(schema["properties"]) == set(schema["required"]) | conditional
    identity = contract.resolve(schema["properties"]["identity"])
    assert set(payload["identity"]) == set(identity["properties"])


MUTATIONS = [
    ("/payload_version", lambda p: p.__setitem__("payload_version", 6)),
    ("/identity_check", lambda p: p.pop("identity_check")),   # required from version 2
    ("/postal_address_parts", lambda p: p.pop("postal_address_parts")),   # required from version 3
    ("/fingerprints", lambda p: p.pop("fingerprints")),   # required from version 4
    ("/payment", lambda p: p.pop("payment")),   # required from version 5
    ("/payment/status", lambda p: p["payment"].__setitem__("status", "promised")),
    ("/postal_address_parts/regions/0/code",
     lambda p: p.__setitem__("postal_address_parts", {"country": "CHN", "street": "x", "regions": [{"code": "BJ", "name": "北京市"}]})),
    ("/application_id", lambda p: p.__setitem__("application_id", "ABC")),
    ("/application_number", lambda p: p.__setitem__("application_number", "KIOSK-1-2")),
    ("/created_at", lambda p: p.__setitem__("created_at", "2026-11-21 08:00")),
    ("/case", lambda p: p.__setitem__("case", "stolen")),
    ("/identity/birth_date", lambda p: p["identity"].__setitem__("birth_date", "31.12.1949")),
    ("/identity/sex", lambda p: p["identity"].__setitem__("sex", "female")),
    ("/identity/card_expiry", lambda p: p["identity"].__setitem__("card_expiry", 20261231)),
    ("/portrait_jpeg", lambda p: p.__setitem__("portrait_jpeg", "not base64!")),
    ("/fee/amount", lambda p: p["fee"].__setitem__("amount", 20.0)),
    ("/phone", lambda p: p.pop("phone")),
    ("/extra", lambda p: p.__setitem__("extra", 1)),
    ("/face_check", lambda p: p.__setitem__("face_check", [])),
    ("/identity_check/source", lambda p: p["identity_check"].__setitem__("source", "scanned")),
    # A failed chip check is a hand-over at the kiosk: it is never a valid application.
    ("/identity_check/chip_authentication",
     lambda p: p["identity_check"].__setitem__("chip_authentication", "failed")),
    ("/identity_check/access_protocol", lambda p: p["identity_check"].pop("access_protocol")),
]


@pytest.mark.parametrize("pointer, mutate", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_violation_is_reported_at_its_pointer(contract: Contract, make_app, pointer: str, mutate) -> None:
    payload = json.loads(document_bytes(make_app()))
    mutate(payload)
    errors = contract.validate(payload, contract.request_schema(PATH, "post"))
    assert [p for p, _ in errors] == [pointer]


@settings(max_examples=50, deadline=None)
@given(value=st.text(min_size=6, alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
@example(value="must b")  # a piece of the enum message, found by CI on 2026-12-02
def test_messages_never_repeat_the_value(value: str) -> None:
    contract = load_contract()
    schema = contract.document["components"]["schemas"]["Application"]

    def messages(text: str) -> dict[str, str]:
        payload = {"identity": {"id_number": text, "sex": text, "birth_date": text}}
        return dict(contract.validate(payload, schema))

    # A value may be a piece of the schema's own words ("must b" is in "must be one of
    # F, M, X"); that is no echo. So each message is held against the one a neutral value
    # of the same length draws: the words must not change with what the citizen typed.
    neutral = messages("\N{SNOWMAN}" * len(value))
    for pointer, message in messages(value).items():
        if pointer in neutral:
            assert message == neutral[pointer]
        assert value not in message or value in neutral.get(pointer, "")


def test_an_unsupported_keyword_refuses_to_load() -> None:
    doc = copy.deepcopy(load_contract().document)
    doc["components"]["schemas"]["Fee"]["properties"]["amount"]["multipleOf"] = 0.01
    with pytest.raises(ContractError, match="multipleOf"):
        Contract(doc)


def test_booleans_are_not_numbers(contract: Contract) -> None:
    assert contract.validate(True, {"const": 1}) == [("", "must be 1")]
    assert contract.validate(True, {"type": "integer"}) == [("", "must be of type integer")]
    assert contract.validate(1, {"type": "integer", "minimum": 0}) == []


def test_a_version_1_document_from_before_the_upgrade_conforms(contract: Contract, make_app) -> None:
    payload = json.loads(document_bytes(make_app()))
    payload["payload_version"] = 1
    del payload["identity_check"]
    assert contract.validate(payload, contract.request_schema(PATH, "post")) == []
