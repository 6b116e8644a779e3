"""Spoken guidance: what the kiosk says, in which voice, and when.

Why prompts are rendered at install/build time (`kiosk voice render`) and espeak-ng is
still run for what only exists at run time:

- Every fixed string a citizen can see (the Qt translation sources, `.ts`, collected from
  `ui/` by lupdate: screen instructions, problem messages and their next steps, the idle
  warning) is rendered once per language to a WAV with a manifest. A test renders them all
  and fails on any prompt without sound in any language, so a citizen never meets a
  silent prompt that nobody heard before; and a deployment can replace a clip by a
  recorded human voice without touching code (the manifest names each file).
- The same engine, Debian's espeak-ng (offline, small, maintained, reads Hanzi, English
  and Vietnamese), speaks at run time only the dynamic parts: application numbers (spelled
  digit by digit), dates, a pick-up place, texts with filled placeholders. Synthesis of such
  a short text takes tens of milliseconds on the kiosk (see the report), so stitching
  digit clips would buy nothing and sound worse.
- Mandarin uses the `cmn-latn-pinyin` voice: in espeak-ng 1.51 the plain `cmn` voice turns
  Hanzi into pinyin with tone numbers and then reads those numbers as English words
  ("qing three"); `cmn-latn-pinyin` speaks the tones (a test compares the pitch contour of
  妈 and 骂).

Modules: `engine` (espeak-ng), `catalogue` (the prompts, from the translations),
`render` (the build-time WAVs and manifest), `clips` (the run-time lookup),
`guide` (interruptible, repeatable speech off the GUI thread; volume per session),
`narrator` (which workflow event says what).
"""
