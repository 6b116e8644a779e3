"""Codes a citizen shows the kiosk's camera: what a scanned text is and what it holds.

`decoder` finds barcodes in a picture (zxing-cpp); `kinds` says which of the codes the
kiosk knows a text is (a Vietnamese CCCD's front QR, a studio's photo-receipt code, a
national e-ID app's verification code, a kiosk receipt); `cccd` parses the card's QR
into typed fields. No Qt here: the camera's scanner job and `kiosk qr read` share it.
"""
