"""A reference ID office for the tests: resources/api/office.openapi.yaml over mutual TLS.

`contract.py` checks requests and answers against the document (both the kiosk's client
and this server are held to it); `server.py` is the office itself, on 127.0.0.1, with
the faults a real network and office have (`faults.py`).
"""
