"""Running the kiosk rather than serving a citizen: the audit journal, device health and
out-of-service, what technicians do in maintenance mode, and what operators are told
(daily exports, fleet telemetry). Plain Python like the rest of the core."""
