"""`kiosk simulate`: a day of traffic through the real workflow, on demand.

Why it lives in the launcher: it assembles a kiosk (configuration, drivers, services,
workflow), which only the composition root may do, and it puts its hands on the
simulated device drivers, which only the launcher may import. What is pure stays
below: the fictitious citizens and their cards are demo stand-ins
(`kiosk.demo.citizens`, reusable by tests and the exports issue), the workflow and the
journal are the kiosk's own, unchanged.

- `plan`: who comes when, for what, and how each visit ends (pure, from a seed);
- `devices`: the hand-moved clocks and the citizen's hands on the simulated devices;
- `run`: plays the plan through `kiosk.workflow.machine.Workflow` and reports.
"""
