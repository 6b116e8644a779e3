"""Operators' daily exports: what happened at this kiosk on one day, signed.

A view of the audit journal and the queue's bookkeeping, never a new record:
`sessions` (the journal retold, a row a session), `table` (CSV and JSON Lines),
`reconciliation` (journal against queue; fees due), `charts` (matplotlib, Agg) and
`pdf` (reportlab, one summary per language, `texts`), `manifest` (SHA-256 of every
file, signed with the kiosk's key, with the journal's head; `verify`), `schedule`
(the daily time at which the running kiosk writes it by itself), and `export`, which
puts them together.
"""
