"""The inbox's API as an OpenAPI 3.1 document, written by hand so it says what the service promises
(a generated one would only say what the code happens to do). Served at ``GET /openapi.json``."""

from __future__ import annotations

from typing import Any

from tiaki.core.envelope import MAX_ENVELOPE_BYTES

_KEY_ID = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
_UUID = {"type": "string", "format": "uuid"}


def _error_reply(description: str, codes: list[str]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {
        "allOf": [{"$ref": "#/components/schemas/Error"}],
        "properties": {"error": {"enum": codes}}}}}}


def openapi_document() -> dict[str, Any]:
    busy = {"description": "Too many envelopes (or bytes of them) at once, or the database is "
                           "busy; retry after the given seconds.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tiaki partner inbox",
            "version": "1",
            "description": "Receives sealed envelopes from enrolled Tiaki devices and answers with receipts signed "
                           "by the partner's receipt key. Envelope format: docs/envelope-format.md.",
        },
        "paths": {
            "/v1/envelopes": {"post": {
                "operationId": "deliverEnvelope",
                "summary": "Deliver one sealed envelope",
                "description": "Receipts are sent only after the envelope's ciphertext and one row per message are "
                               "committed. Sending the same envelope again is safe: its messages come back "
                               "as 'duplicate' with the time they were first stored.",
                "requestBody": {"required": True, "content": {
                    "application/vnd.tiaki.envelope": {"schema": {
                        "type": "string", "contentMediaType": "application/vnd.tiaki.envelope",
                        "maxLength": MAX_ENVELOPE_BYTES}}}},
                "responses": {
                    "200": {"description": "Stored; one receipt per message, in the header's order.",
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/DeliveryReply"}}}},
                    "400": _error_reply("Not a valid envelope, or its contents disagree with its header.",
                                        ["bad_magic", "truncated", "bad_header", "digest_mismatch",
                                         "cannot_decrypt", "bad_payload", "header_mismatch", "too_large",
                                         "envelope_conflict", "bad_request"]),
                    "403": _error_reply("The sender is not enrolled here, or its signature does not verify.",
                                        ["unknown_sender", "bad_signature"]),
                    "413": _error_reply("Larger than the inbox accepts.", ["too_large"]),
                    "421": _error_reply("Sealed to a key this inbox does not hold.", ["wrong_recipient"]),
                    "503": busy,
                },
            }},
            "/v1/receipts/{message_id}": {"get": {
                "operationId": "getReceipt",
                "summary": "Ask again for a message's receipt (when the reply to the delivery was lost)",
                "parameters": [
                    {"name": "message_id", "in": "path", "required": True, "schema": _UUID},
                    {"name": "X-Tiaki-Sender", "in": "header", "required": True, "schema": _KEY_ID,
                     "description": "The sending device's key id."},
                    {"name": "X-Tiaki-Signature", "in": "header", "required": True, "schema": {"type": "string"},
                     "description": "URL-safe base64 (no padding) of the device's Ed25519 signature over "
                                    "b\"tiaki-receipt-query/1\\x00\" + message_id."},
                ],
                "responses": {
                    "200": {"description": "The receipt, signed now with the key the message's envelope was "
                                           "sealed to, same fields as before.",
                            "content": {"application/json": {"schema": {
                                "type": "object", "required": ["receipt"],
                                "properties": {"receipt": {"$ref": "#/components/schemas/Receipt"}}}}}},
                    "404": _error_reply("No such message from this sender, or the proof is missing or wrong "
                                        "(one answer for all, so the inbox tells strangers nothing).",
                                        ["not_found", "proof_required", "bad_proof"]),
                    "503": busy,
                },
            }},
            "/v1/health": {"get": {
                "operationId": "health",
                "summary": "Liveness, and the key ids this inbox holds (current first)",
                "responses": {"200": {"description": "Running.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["status", "key_ids"],
                    "properties": {"status": {"const": "ok"}, "key_ids": {"type": "array", "items": _KEY_ID}}}}}}},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "message"],
                      "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
            "Receipt": {
                "type": "object", "additionalProperties": False,
                "required": ["message_id", "envelope_id", "digest", "received_at", "status", "reason",
                             "partner_key_id", "signature"],
                "description": "Signed with Ed25519 by the partner's receipt key over b\"tiaki-receipt/1\\x00\" + "
                               "the canonical JSON of every field but 'signature'.",
                "properties": {
                    "message_id": _UUID, "envelope_id": _UUID,
                    "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                               "description": "SHA-256 of the message's canonical JSON; for a conflict, of the "
                                              "version the inbox holds."},
                    "received_at": {"type": "string", "format": "date-time"},
                    "status": {"enum": ["accepted", "duplicate", "rejected"]},
                    "reason": {"enum": ["", "conflict", "consent_revoked"]},
                    "partner_key_id": {**_KEY_ID, "description": "The partner key the envelope was sealed to; "
                                                                 "its receipt key made the signature."},
                    "signature": {"type": "string"},
                },
            },
            "DeliveryReply": {"type": "object", "required": ["envelope_id", "receipts"], "properties": {
                "envelope_id": _UUID,
                "receipts": {"type": "array", "items": {"$ref": "#/components/schemas/Receipt"}}}},
        }},
    }
