"""What went wrong, as stable codes the screens translate into plain words.

The core never builds citizen-facing sentences (it has no translator); it names the
problem and what the citizen can do next, and `ui/` words it in their language. The
English `hint` is for logs and the CLI only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str
    hint: str = ""
    params: dict[str, str] = field(default_factory=dict)


# Codes in use (the UI test checks that every code has a translated message).
PROBLEM_CODES = (
    "card_not_presented",   # nobody put a card on the reader in time
    "card_pulled",          # card left the reader during the read
    "card_left_on_reader",  # an earlier citizen's card was never taken off the reader
    "card_unsupported",     # not a chip ID card / chip not readable
    "card_read_failed",     # chip answered with malformed data
    "reader_missing",       # reader unplugged or not answering
    "access_key_invalid",   # typed CAN / MRZ fields are not well formed
    "access_key_wrong",     # the chip refused the CAN / MRZ fields (params: remaining)
    "access_key_can_unsupported",  # the chip opens only with the MRZ fields, not with a CAN
    "card_not_authentic",   # passive authentication failed: chip data altered or forged
    "id_invalid",           # typed number fails its rules (params: reason, expected)
    "office_unreachable",   # a typed number's look-up failed: the counter (kiosk.workflow.office_problems)
    "office_unreachable_card",  # ... in a case with a chip: read the card instead, or the counter
    "office_busy",          # the office said it is busy (429/503): a later try may work
    "studio_unavailable",   # a studio code's look-up failed: take the photo here, or the counter
    "eid_code_invalid",     # issue 16: the office knows no such e-ID code (expired, used): a fresh one, or another way
    "eid_unreachable",      # ... the office could not verify it: type the number, or the counter (office_problems)
    "eid_unreachable_card", # ... in a case with a chip: read the card instead, or the counter
    "face_no_match_eid",    # the face does not match the photo of the identity an e-ID code vouched for
    "face_no_match",        # live face does not match the reference
    "face_no_match_typed",  # ... of a typed number (or the office has no record: the same to the citizen)
    "face_not_found",       # no face visible in the camera
    "liveness_failed",      # the face matched but did not prove it is live (blink, head turn)
    "camera_missing",       # camera vanished
    "portrait_not_found",   # no usable portrait in the captured frames
    "studio_code_invalid",  # photo-receipt code unknown
    "studio_photo_rejected",  # the studio's portrait breaks a portrait rule (params: rule): take it here
    "code_not_found",       # no code the step takes was shown to the camera in time
    "fingerprint_no_finger",     # no finger came onto the scanner in time
    "fingerprint_place_flat",    # too little of the finger on the platen (or the scanner refused it)
    "fingerprint_press_harder",  # too faint: pressed too lightly, or a dry finger
    "fingerprint_clean_finger",  # smeared ridges: a dirty or wet finger
    "fingerprint_other_finger",  # this finger gave no usable print: the next one is asked for
    "fingerprint_missing",       # the scanner vanished
    "phone_invalid",
    # The phone check (issue 16, kiosk.workflow.phone_check):
    "phone_code_wrong",     # not the code sent (params: remaining)
    "phone_code_locked",    # wrong too often: change the number, or the counter
    "phone_code_expired",   # the office no longer knows the code: send a new one
    "phone_code_no_more",   # no more codes may be sent in this session: change the number, or the counter
    "phone_check_unavailable",  # the office cannot send or check a code now: the counter
    "address_missing",
    "consent_missing",
    "signature_missing",
    "save_failed",          # queue write failed: nothing was submitted
    "print_failed",         # printer could not print: receipt shown on screen
    # Payment (issue 16)
    "payment_expired",      # the order's time ran out unpaid: a new code, or back to the review
    "payment_cancelled",    # the order was cancelled (the citizen, or the office): likewise
    "payment_busy",         # the office said it is busy (429/503): a later try may work
)
