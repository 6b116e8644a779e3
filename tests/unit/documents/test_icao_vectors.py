"""ICAO Doc 9303 Part 11 worked examples, byte for byte.

Appendix D (Basic Access Control: D.2 key derivation, D.3 mutual authentication and
session keys, D.4 secure messaging) and Appendix G.1 (PACE, ECDH generic mapping on
brainpoolP256r1 with the MRZ password, AES-128). The ICAO PDF itself is not in this
environment; every value below was taken from the appendices as quoted by several
independent public readers' test suites (JMRTD-style Java, Dart dmrtd, Go, Rust, Node,
C++ libLogicalAccess) and kept only where at least two of them agree. Values we derive
(rather than take) are marked. Each test would fail on a single wrong byte.
"""

from __future__ import annotations

import pytest

from tests.emulators.emrtd import ChipConfig, EmrtdChip
from kiosk.documents.access import MrzKey, bac_key_seed, pace_password
from kiosk.documents.bac import cryptogram, document_keys, initial_ssc, open_cryptogram, perform_bac, session_keys
from kiosk.documents.crypto import KDF_ENC, KDF_MAC, CipherKind, kdf
from kiosk.documents.lds.card_access import parse_card_access
from kiosk.documents.pace import (
    PaceTrace,
    auth_token,
    curve_for,
    decode_point,
    encode_point,
    map_generic,
    password_key,
    perform_pace,
    shared_secret,
    token_input,
)
from kiosk.documents.secure_messaging import SecureMessaging

H = bytes.fromhex

# -- Appendix D ------------------------------------------------------------------------------

D_MRZ_INFORMATION = b"L898902C<369080619406236"
D_K_SEED = H("239AB9CB282DAF66231DC5A4DF6BFBAE")
D_K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
D_K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
D_RND_IC = H("4608F91988702212")
D_RND_IFD = H("781723860C06C226")
D_K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
D_E_IFD = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
D_M_IFD = H("5F1448EEA8AD90A7")
D_RESP = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
D_K_IC = H("0B4F80323EB3191CB04970CB4052790B")
D_KS_SEED = H("0036D272F5C350ACAC50C3F572D23600")
D_KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
D_KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
D_SSC = 0x887022120C06C226
D_EF_COM = H("60145F0104303130365F36063034303030305C026175")
D4 = [  # (plain command, protected command, protected response, plain response data + SW)
    (H("00A4020C02011E"), H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"),
     H("990290008E08FA855A5D4C50A8ED9000"), H("9000")),
    (H("00B0000004"), H("0CB000000D9701048E08ED6705417E96BA5500"),
     H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"), H("60145F019000")),
    (H("00B0000412"), H("0CB000040D9701128E082EA28A70F3C7B53500"),
     H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"),
     H("04303130365F36063034303030305C0261759000")),
]
D_KEY = MrzKey("L898902C<", "690806", "940623")


def test_d2_mrz_information_and_key_seed():
    assert D_KEY.mrz_information == D_MRZ_INFORMATION
    assert bac_key_seed(D_KEY) == D_K_SEED


def test_d2_basic_access_keys():
    assert kdf(D_K_SEED, KDF_ENC, CipherKind.TDES) == D_K_ENC
    assert kdf(D_K_SEED, KDF_MAC, CipherKind.TDES) == D_K_MAC
    assert document_keys(D_KEY) == (D_K_ENC, D_K_MAC)


def test_d2_td1_with_a_long_document_number():
    # D.2's second example: a TD1 whose document number runs into the optional data.
    key = MrzKey.from_mrz("I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<")
    assert key.mrz_information == b"D23145890734934071279507122"
    assert bac_key_seed(key) == H("B366AD857DDCA2B08C0E299811714730")


def test_d3_terminal_cryptogram():
    assert cryptogram(D_K_ENC, D_K_MAC, D_RND_IFD, D_RND_IC, D_K_IFD) == D_E_IFD + D_M_IFD


def test_d3_chip_answer_and_session_keys():
    # The chip side: its cryptogram over RND.IC || RND.IFD || K.IC is the standard's answer.
    assert cryptogram(D_K_ENC, D_K_MAC, D_RND_IC, D_RND_IFD, D_K_IC) == D_RESP
    plain = open_cryptogram(D_K_ENC, D_K_MAC, D_RESP)
    assert plain == D_RND_IC + D_RND_IFD + D_K_IC
    assert bytes(a ^ b for a, b in zip(D_K_IFD, D_K_IC)) == D_KS_SEED
    assert session_keys(D_K_IFD, D_K_IC) == (D_KS_ENC, D_KS_MAC)
    assert initial_ssc(D_RND_IC, D_RND_IFD) == D_SSC


@pytest.mark.parametrize("step", range(3))
def test_d4_protected_apdus_and_responses(step):
    sm = SecureMessaging(CipherKind.TDES, D_KS_ENC, D_KS_MAC, D_SSC)
    for plain, protected, response, unwrapped in D4[: step + 1]:
        assert sm.wrap(plain) == protected
        assert sm.unwrap(response) == unwrapped
    assert sm.ssc == D_SSC + 2 * (step + 1)


def test_d_whole_transcript_reader_against_the_emulator():
    """Reader (terminal randoms of D.3) and emulator (chip randoms of D.3) reproduce
    every APDU of Appendix D on the wire, both directions."""
    chip_random = iter([D_RND_IC, D_K_IC])
    chip = EmrtdChip({0x011E: D_EF_COM}, D_KEY, ChipConfig(extended_length=False),
                     random_bytes=lambda n: next(chip_random))
    chip.transmit(H("00A4040C07A0000002471001"))
    wire: list[tuple[bytes, bytes]] = []

    def send(apdu: bytes) -> tuple[bytes, int]:
        response = chip.transmit(apdu)
        wire.append((apdu, response))
        return response[:-2], int.from_bytes(response[-2:], "big")

    terminal_random = iter([D_RND_IFD, D_K_IFD])
    sm = perform_bac(send, D_KEY, random=lambda n: next(terminal_random))
    assert wire == [
        (H("0084000008"), D_RND_IC + H("9000")),
        (H("0082000028") + D_E_IFD + D_M_IFD + H("28"), D_RESP + H("9000")),
    ]
    for plain, protected, response, unwrapped in D4:
        command = sm.wrap(plain)
        answer = chip.transmit(command)
        assert (command, answer) == (protected, response)
        assert sm.unwrap(answer) == unwrapped


# -- Appendix G.1 ----------------------------------------------------------------------------

G_KEY = MrzKey("T22000129", "640812", "101031")
G_CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
G_K = H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
G_K_PI = H("89DED1B26624EC1E634C1989302849DD")
G_Z = H("95A3A016522EE98D01E76CB6B98B42C3")
G_S = H("3F00C4D39D153F2B2A214A078D899B22")
G_SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
G_PK_MAP_IFD = H("047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
                 "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D")
G_SK_MAP_IC = 0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560
G_PK_MAP_IC = H("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54")
G_H = H("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
        "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181")
G_MAPPED = H("048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
             "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522")
G_SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
G_PK_DH_IFD = H("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
                "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462")
G_SK_DH_IC = 0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A
G_PK_DH_IC = H("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
               "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
G_SHARED = H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
G_KS_ENC = H("F5F0E35C0D7161EE6724EE513A0D9A7F")
G_KS_MAC = H("FE251C7858B356B24514B3BD5F4297D1")
G_T_IFD_INPUT = H("7F494F060A04007F000702020402028641049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D2"
                  "8C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
G_T_IFD = H("C2B0BD78D94BA866")
G_T_IC = H("3ABB9674BCE93C08")
G_TRANSCRIPT = [
    (H("0022C1A40F800A04007F00070202040202830101"), H("9000")),
    (H("10860000027C0000"), H("7C128010") + G_Z + H("9000")),
    (H("10860000457C438141") + G_PK_MAP_IFD + H("00"), H("7C438241") + G_PK_MAP_IC + H("9000")),
    (H("10860000457C438341") + G_PK_DH_IFD + H("00"), H("7C438441") + G_PK_DH_IC + H("9000")),
    (H("008600000C7C0A8508") + G_T_IFD + H("00"), H("7C0A8608") + G_T_IC + H("9000")),
]
G_INFO = parse_card_access(G_CARD_ACCESS).pace[0]


def test_g_card_access_names_ecdh_gm_aes128_on_brainpool_p256():
    assert G_INFO.oid == "0.4.0.127.0.7.2.2.4.2.2"
    assert (G_INFO.version, G_INFO.parameter_id) == (2, 13)
    assert G_INFO.name == "PACE-ECDH-GM-AES128"


def test_g_password_and_nonce():
    assert pace_password(G_KEY) == G_K
    assert password_key(G_INFO, G_KEY) == G_K_PI
    from kiosk.documents.pace import decrypt_nonce

    assert decrypt_nonce(G_INFO, G_K_PI, G_Z) == G_S


def test_g_mapping_and_key_agreement_step_by_step():
    curve = curve_for(13)
    assert encode_point(curve, curve.generator * G_SK_MAP_IFD) == G_PK_MAP_IFD
    # The chip's private keys (quoted by one source) check against the standard's public keys:
    assert encode_point(curve, curve.generator * G_SK_MAP_IC) == G_PK_MAP_IC
    assert encode_point(curve, decode_point(curve, G_PK_MAP_IC) * G_SK_MAP_IFD) == G_H
    mapped = map_generic(curve, G_S, G_SK_MAP_IFD, decode_point(curve, G_PK_MAP_IC))
    assert encode_point(curve, mapped) == G_MAPPED
    assert encode_point(curve, mapped * G_SK_DH_IFD) == G_PK_DH_IFD
    assert encode_point(curve, mapped * G_SK_DH_IC) == G_PK_DH_IC
    assert shared_secret(curve, G_SK_DH_IFD, decode_point(curve, G_PK_DH_IC)) == G_SHARED
    assert kdf(G_SHARED, KDF_ENC, CipherKind.AES) == G_KS_ENC
    assert kdf(G_SHARED, KDF_MAC, CipherKind.AES) == G_KS_MAC
    assert token_input(G_INFO, G_PK_DH_IC) == G_T_IFD_INPUT
    assert auth_token(G_INFO, G_KS_MAC, G_PK_DH_IC) == G_T_IFD
    assert auth_token(G_INFO, G_KS_MAC, G_PK_DH_IFD) == G_T_IC


def test_g_terminal_side_of_the_transcript():
    script = iter(G_TRANSCRIPT)

    def send(apdu: bytes) -> tuple[bytes, int]:
        expected, answer = next(script)
        assert apdu == expected
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    keys = iter([G_SK_MAP_IFD, G_SK_DH_IFD])
    trace = PaceTrace()
    sm = perform_pace(send, G_KEY, G_INFO, random=lambda order: next(keys), trace=trace)
    assert (trace.nonce, trace.mapped_generator, trace.shared_secret) == (G_S, G_MAPPED, G_SHARED)
    assert (trace.token_ifd, trace.token_ic) == (G_T_IFD, G_T_IC)
    assert (sm._ks_enc, sm._ks_mac, sm.ssc) == (G_KS_ENC, G_KS_MAC, 0)


def test_g_emulator_answers_as_the_standard():
    """With the chip's randoms of G.1 the emulator's answers are the standard's bytes."""
    chip_keys = iter([G_SK_MAP_IC, G_SK_DH_IC])
    chip = EmrtdChip({}, G_KEY, ChipConfig(pace=[G_INFO]), random_bytes=lambda n: G_S,
                     random_scalar_fn=lambda order: next(chip_keys))
    for command, answer in G_TRANSCRIPT:
        assert chip.transmit(command) == answer
    assert chip.session is not None and (chip.session.ks_enc, chip.session.ks_mac) == (G_KS_ENC, G_KS_MAC)
