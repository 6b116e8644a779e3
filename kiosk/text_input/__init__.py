"""Input engines for the on-screen keyboards: Vietnamese Telex and pinyin to hanzi.

Plain Python (no Qt): the keyboards in ui/ only show keys and candidates and forward
taps here, so what a key sequence produces is decided and tested in one place.
"""
