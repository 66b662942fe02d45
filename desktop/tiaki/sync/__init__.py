"""The network half of sync: an HTTP client for partner inboxes, backoff and batch sizing.

Only this package makes requests; the UI asks it and listens. Nothing here imports Qt.
"""
