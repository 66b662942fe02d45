"""The partner inbox: the reference service a partner organisation runs to receive sealed envelopes.

``identity`` keeps the partner's keys and card, ``inbox_db`` stores ciphertext and what each message became,
``app`` is the HTTP service (Starlette) and ``serve`` runs it with uvicorn. Nothing here imports Qt or the
device's store: a partner has neither.
"""
