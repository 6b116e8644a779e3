"""The hand-written scan that finds the line of each TOML key.

The property test writes random documents whose key lines are known, including values
that span lines and strings that look like headers or keys, and checks every key.
"""

from __future__ import annotations

import json
import tomllib

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.config.toml_lines import key_lines


def test_tables_dotted_and_quoted_keys() -> None:
    text = (
        "# comment\n"                     # 1
        "top = 1\n"                        # 2
        "\n"                               # 3
        "[devices.camera]\n"               # 4
        "width = 1280   # trailing\n"      # 5
        'source = "[not.a.table]"\n'       # 6
        "notes = '''\n"                    # 7
        "[fake]\n"                         # 8
        "fake = 1\n"                       # 9
        "'''\n"                            # 10
        "fps = 30\n"                       # 11
        "[ kiosk ]\n"                      # 12
        "languages = [\n"                  # 13
        '  "en", # [x]\n'                  # 14
        "  [1, 2],\n"                      # 15
        "]\n"                              # 16
        'ui.width = 3\n'                   # 17
        '"odd key" = 4\n'                  # 18
        "inline = { a = 1, b = [2] }\n"    # 19
    )
    tomllib.loads(text)  # the scan only ever sees valid TOML
    lines = key_lines(text)
    assert lines[("top",)] == 2
    assert lines[("devices",)] == 4
    assert lines[("devices", "camera")] == 4
    assert lines[("devices", "camera", "width")] == 5
    assert lines[("devices", "camera", "source")] == 6
    assert lines[("devices", "camera", "notes")] == 7
    assert lines[("devices", "camera", "fps")] == 11
    assert ("fake",) not in lines and ("devices", "camera", "fake") not in lines
    assert lines[("kiosk",)] == 12
    assert lines[("kiosk", "languages")] == 13
    assert lines[("kiosk", "ui")] == 17
    assert lines[("kiosk", "ui", "width")] == 17
    assert lines[("kiosk", "odd key")] == 18
    assert lines[("kiosk", "inline")] == 19
    assert len(lines) == 13


def test_arrays_of_tables_map_keys_by_index() -> None:
    text = "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.sub]\ny = 3\n"
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("a",)] == 1
    assert lines[("a", 0, "x")] == 2
    assert lines[("a", 1)] == 3
    assert lines[("a", 1, "x")] == 4
    assert lines[("a", 1, "sub", "y")] == 6


def test_crlf_line_endings() -> None:
    text = "[ui]\r\nwidth = 1\r\n\r\nheight = 2\r\n"
    assert key_lines(text)[("ui", "height")] == 4


# -- property: random documents ----------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_tricky_line = st.sampled_from(["[fake]", "[[fake]]", "fake = 1", "# not a comment", "a.b = [", "]", "'", '"', "}"])
_multiline = st.lists(_tricky_line | _text, max_size=4).map("\n".join)


def _basic_multiline(text: str) -> str:
    return '"""\n' + text.replace("\\", "\\\\").replace('"', '\\"') + '"""'


def _literal_multiline(text: str) -> str:
    return "'''\n" + text + "'''"


_value = st.one_of(
    st.integers().map(str),
    st.booleans().map(lambda b: "true" if b else "false"),
    _text.map(lambda s: json.dumps(s, ensure_ascii=False)),
    _text.filter(lambda s: "'" not in s).map(lambda s: f"'{s}'"),
    _multiline.map(_basic_multiline),
    _multiline.filter(lambda s: "'''" not in s).map(_literal_multiline),
    st.lists(_text.map(lambda s: json.dumps(s, ensure_ascii=False)), max_size=3).map(
        lambda items: "[\n" + "".join(f"  {item}, # [x] y = 2\n" for item in items) + "]"
    ),
    st.integers().map(lambda n: "{ a = %d, b = \"[c]\" }" % n),
)
_key = st.one_of(
    st.from_regex(r"k[a-z0-9_-]{0,6}", fullmatch=True).map(lambda k: (k,)),
    _text.filter(bool).map(lambda s: ("q" + s,)),             # written quoted
    st.from_regex(r"g[a-z]{0,3}", fullmatch=True).map(lambda g: (g, "leaf")),  # dotted
)
_table_name = st.from_regex(r"t[a-z0-9]{0,4}", fullmatch=True)
_table = st.tuples(
    st.lists(_table_name, min_size=1, max_size=2).map(tuple),
    st.lists(st.tuples(_key, _value), max_size=4, unique_by=lambda kv: kv[0][0]),
)


def _write_key(key: tuple[str, ...]) -> str:
    return ".".join(part if part[0] in "kg" and part.isascii() and part.replace("-", "").replace("_", "").isalnum()
                    else json.dumps(part, ensure_ascii=False) for part in key)


@settings(max_examples=300)
@given(st.lists(_table, max_size=4, unique_by=lambda t: t[0]), st.sampled_from(["\n", "\n\n", "\n# gap\n"]))
def test_every_key_is_found_on_its_line(tables, gap) -> None:
    out: list[str] = []
    expected: dict[tuple, int] = {}

    def line_now() -> int:
        return "".join(out).count("\n") + 1

    for header, entries in tables:
        expected[header] = line_now()
        out.append(f"[{'.'.join(header)}]\n")
        for key, value in entries:
            expected[header + key] = line_now()
            out.append(f"{_write_key(key)} = {value}{gap}")
    text = "".join(out)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # e.g. a table whose name is also a dotted key of its parent
    lines = key_lines(text)
    for path, line in expected.items():
        assert lines.get(path) == line, (path, text)
