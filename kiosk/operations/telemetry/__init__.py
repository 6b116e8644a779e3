"""Fleet telemetry: what one kiosk tells the monitoring a fleet already runs.

We build no fleet server. A city's hundreds of kiosks already sit under a Prometheus
that scrapes each machine's node exporter, and a journal shipper that collects each
machine's systemd journal; so the kiosk writes into those two:

- `metrics` holds the figures (sessions by outcome, step durations, device states, the
  queue, the paper, the last delivery, the version) in a registry of its own;
  `workflow_metrics` feeds it from the workflow's moves, `textfile` writes it
  atomically for the node exporter's textfile collector, on a schedule.
- `systemd_journal` copies each audit-journal entry to the systemd journal as
  structured fields.

Neither carries personal data, by construction rather than by filtering: every label
value is a word of a closed list (a state, an outcome, a device), and the journal copy
takes only what the audit journal's field list already let through.
"""
