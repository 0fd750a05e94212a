"""Tests of ``scan_key_lines``: the line of every key path in TOML text that tomllib accepts."""

from __future__ import annotations

import tomllib

import pytest

from coach.routine.toml_lines import KeyLines, scan_key_lines


def toml(*lines: str) -> str:
    """Join ``lines`` into a document; the n-th argument is line n."""
    return "\n".join(lines) + "\n"


def scan(text: str) -> KeyLines:
    """Scan ``text``, after checking it is valid TOML (the scanner's precondition)."""
    tomllib.loads(text)
    return scan_key_lines(text)


def test_top_level_keys() -> None:
    lines = scan(
        toml(
            'title = "Daily core"',  # 1
            'purpose = "core"',  # 2
            "",  # 3
            "prepare_s = 10",  # 4
            "   side_aware   =   true",  # 5
        )
    )
    assert lines.line_of(("title",)) == 1
    assert lines.line_of(["purpose"]) == 2
    assert lines.line_of(("prepare_s",)) == 4
    assert lines.line_of(("side_aware",)) == 5


def test_table_headers_and_their_keys() -> None:
    lines = scan(
        toml(
            'name = "Curl-up"',  # 1
            "",  # 2
            "[setup]",  # 3
            'text = "Lie down."',  # 4
            'spoken = "Lie down"',  # 5
            "",  # 6
            "[ dose ]  # spaces inside the brackets",  # 7
            "sets = [5, 3, 1]",  # 8
            "hold_s = 10",  # 9
            "",  # 10
            "[moments.start]",  # 11
            'text = "Go."',  # 12
        )
    )
    assert lines.line_of(("name",)) == 1
    assert lines.line_of(("setup",)) == 3
    assert lines.line_of(("setup", "text")) == 4
    assert lines.line_of(("setup", "spoken")) == 5
    assert lines.line_of(("dose",)) == 7
    assert lines.line_of(("dose", "sets")) == 8
    assert lines.line_of(("dose", "hold_s")) == 9
    assert lines.line_of(("moments", "start")) == 11
    assert lines.line_of(("moments", "start", "text")) == 12


ROUTINE = toml(
    'title = "Routine"',  # 1
    "",  # 2
    "[[exercises]]",  # 3
    'use = "curl-up"',  # 4
    "",  # 5
    "[[exercises]]",  # 6
    'use = "side-bridge"',  # 7
    "hold_s = 8",  # 8
    "",  # 9
    "  [[ exercises ]]",  # 10
    "  # a comment inside the entry",  # 11
    '  use = "bird-dog"',  # 12
    "  sets = [",  # 13
    "    3,",  # 14
    "    2,",  # 15
    "  ]",  # 16
)


def test_array_of_tables_entries_are_counted() -> None:
    lines = scan(ROUTINE)
    assert lines.line_of(("exercises",)) == 3
    assert lines.line_of(("exercises", 0)) == 3
    assert lines.line_of(("exercises", 1)) == 6
    assert lines.line_of(("exercises", 2)) == 10


def test_keys_inside_array_tables() -> None:
    lines = scan(ROUTINE)
    assert lines.line_of(("exercises", 0, "use")) == 4
    assert lines.line_of(("exercises", 1, "use")) == 7
    assert lines.line_of(("exercises", 1, "hold_s")) == 8
    assert lines.line_of(("exercises", 2, "use")) == 12
    assert lines.line_of(("exercises", 2, "sets")) == 13
    assert lines.line_of(("exercises", 2, "sets", 0)) == 14
    assert lines.line_of(("exercises", 2, "sets", 1)) == 15


def test_missing_keys_fall_back_to_the_nearest_written_ancestor() -> None:
    lines = scan(ROUTINE)
    # A key missing from an entry: the entry's header, where it has to be added.
    assert lines.line_of(("exercises", 0, "hold_s")) == 3
    assert lines.line_of(("exercises", 1, "sets")) == 6
    assert lines.line_of(("exercises", 2, "note", "deeper")) == 10
    # An element past the end of a list: the list.
    assert lines.line_of(("exercises", 2, "sets", 5)) == 13
    # An entry that does not exist: the first header of the array.
    assert lines.line_of(("exercises", 7, "use")) == 3
    # A key under a scalar: the scalar's line.
    assert lines.line_of(("exercises", 1, "hold_s", "x")) == 8


def test_nothing_matching_gives_line_1() -> None:
    lines = scan(ROUTINE)
    assert lines.line_of(("summary",)) == 1
    assert lines.line_of(("dose", "hold_s")) == 1
    assert lines.line_of(()) == 1
    assert scan_key_lines("").line_of(("anything",)) == 1
    assert scan_key_lines("# only a comment\n").line_of(("a", 0)) == 1


def test_dotted_keys() -> None:
    lines = scan(
        toml(
            'name = "x"',  # 1
            "dose.hold_s = 10",  # 2
            "dose . sets = [5, 3]",  # 3
            "",  # 4
            "[setup]",  # 5
            'words.first.second = "a"',  # 6
            'site."example.com" = true',  # 7
            '"quoted key" = 1',  # 8
        )
    )
    assert lines.line_of(("dose",)) == 2
    assert lines.line_of(("dose", "hold_s")) == 2
    assert lines.line_of(("dose", "sets")) == 3
    assert lines.line_of(("dose", "sets", 1)) == 3
    assert lines.line_of(("setup", "words")) == 6
    assert lines.line_of(("setup", "words", "first")) == 6
    assert lines.line_of(("setup", "words", "first", "second")) == 6
    assert lines.line_of(("setup", "site", "example.com")) == 7
    assert lines.line_of(("setup", "quoted key")) == 8
    # A dotted key is one key per part, never a key with a dot in it.
    assert lines.line_of(("dose.hold_s",)) == 1


def test_inline_tables() -> None:
    lines = scan(
        toml(
            'name = "x"',  # 1
            'setup = { text = "Lie down.", spoken = "Down" }',  # 2
            'moments = { start = { text = "a", spoken = "b" }, last_rep.text = "c" }',  # 3
            "easier={name='Easy',text='Less'}",  # 4
        )
    )
    assert lines.line_of(("setup",)) == 2
    assert lines.line_of(("setup", "text")) == 2
    assert lines.line_of(("setup", "spoken")) == 2
    assert lines.line_of(("moments", "start", "spoken")) == 3
    assert lines.line_of(("moments", "last_rep", "text")) == 3
    assert lines.line_of(("easier", "text")) == 4
    assert lines.line_of(("easier", "missing")) == 4


def test_multi_line_arrays_give_each_element_its_line() -> None:
    lines = scan(
        toml(
            "safety = [",  # 1
            '    "first",',  # 2
            "    # a comment line, with a [bracket] and a = sign",  # 3
            '    "second",  # trailing comment',  # 4
            "",  # 5
            '    "third"',  # 6
            "]",  # 7
            "sets = [5, 3, 1]",  # 8
            "cues = [",  # 9
            '  { text = "a", spoken = "b" },',  # 10
            '  { text = "c", spoken = "d" },',  # 11
            "]",  # 12
            "grid = [[1, 2], [3,",  # 13
            "  4]]",  # 14
            "after = 1",  # 15
        )
    )
    assert lines.line_of(("safety",)) == 1
    assert lines.line_of(("safety", 0)) == 2
    assert lines.line_of(("safety", 1)) == 4
    assert lines.line_of(("safety", 2)) == 6
    assert lines.line_of(("safety", 3)) == 1
    assert lines.line_of(("sets", 0)) == 8
    assert lines.line_of(("sets", 2)) == 8
    assert lines.line_of(("cues", 0)) == 10
    assert lines.line_of(("cues", 1)) == 11
    assert lines.line_of(("cues", 1, "spoken")) == 11
    assert lines.line_of(("grid", 1, 0)) == 13
    assert lines.line_of(("grid", 1, 1)) == 14
    assert lines.line_of(("after",)) == 15


def test_strings_with_brackets_equals_and_hashes_do_not_confuse_it() -> None:
    lines = scan(
        toml(
            'summary = """',  # 1
            "[[exercises]]",  # 2
            'use = "fake"',  # 3
            "# not a comment",  # 4
            "x = [1, 2",  # 5
            '"""',  # 6
            'title = "T"',  # 7
            "text = '''",  # 8
            "[dose]",  # 9
            "hold_s = 99 ' \" \\",  # 10
            "'''",  # 11
            'note = "a [b] = c # d"',  # 12
            'escaped = "quote \\" [x] = 1 \\\\"',  # 13
            'closing = """ends with a quote\\""""',  # 14
            'extra = """two more quotes"""""',  # 15
            'joined = """one \\',  # 16
            '   [[exercises]] line"""',  # 17
            "literal = 'C:\\path\\'",  # 18
            "[[exercises]]",  # 19
            'use = "real"',  # 20
        )
    )
    assert lines.line_of(("summary",)) == 1
    assert lines.line_of(("title",)) == 7
    assert lines.line_of(("text",)) == 8
    assert lines.line_of(("note",)) == 12
    assert lines.line_of(("escaped",)) == 13
    assert lines.line_of(("closing",)) == 14
    assert lines.line_of(("extra",)) == 15
    assert lines.line_of(("joined",)) == 16
    assert lines.line_of(("literal",)) == 18
    assert lines.line_of(("exercises",)) == 19
    assert lines.line_of(("exercises", 0)) == 19
    assert lines.line_of(("exercises", 0, "use")) == 20
    # Text inside strings is never taken for keys or headers.
    assert lines.line_of(("exercises", 1)) == 19
    assert lines.line_of(("x",)) == 1
    assert lines.line_of(("dose",)) == 1
    assert lines.line_of(("dose", "hold_s")) == 1
    assert lines.line_of(("use",)) == 1


def test_comments_are_skipped() -> None:
    lines = scan(
        toml(
            "# [dose]",  # 1
            '# it\'s a "comment" with \'\'\' and """ in it',  # 2
            "name = 'x'  # [[exercises]] = 2",  # 3
            "hold = 5 # hold_s = 3",  # 4
            "[dose] # [setup]",  # 5
            "# hold_s = 1",  # 6
            "hold_s = 10",  # 7
        )
    )
    assert lines.line_of(("name",)) == 3
    assert lines.line_of(("hold",)) == 4
    assert lines.line_of(("dose",)) == 5
    assert lines.line_of(("dose", "hold_s")) == 7
    assert lines.line_of(("exercises",)) == 1
    assert lines.line_of(("setup",)) == 1
    assert lines.line_of(("hold_s",)) == 1


def test_other_scalars_and_crlf_line_endings() -> None:
    text = toml(
        "when = 1979-05-27 07:32:00Z",  # 1
        "ratio = -1.5e3 # float",  # 2
        "big = 0xDEAD_BEEF",  # 3
        "yes = true",  # 4
        "nope = inf",  # 5
        "[table]",  # 6
        "key = 'v'",  # 7
    ).replace("\n", "\r\n")
    lines = scan(text)
    assert lines.line_of(("when",)) == 1
    assert lines.line_of(("ratio",)) == 2
    assert lines.line_of(("big",)) == 3
    assert lines.line_of(("yes",)) == 4
    assert lines.line_of(("nope",)) == 5
    assert lines.line_of(("table",)) == 6
    assert lines.line_of(("table", "key")) == 7


def test_nested_arrays_of_tables_count_per_parent_entry() -> None:
    lines = scan(
        toml(
            "[[a]]",  # 1
            "x = 1",  # 2
            "[[a.b]]",  # 3
            "y = 1",  # 4
            "[[a.b]]",  # 5
            "y = 2",  # 6
            "[[a]]",  # 7
            "[[a.b]]",  # 8
            "y = 3",  # 9
            "[a.c]",  # 10
            "z = 4",  # 11
        )
    )
    assert lines.line_of(("a", 0, "x")) == 2
    assert lines.line_of(("a", 0, "b", 0, "y")) == 4
    assert lines.line_of(("a", 0, "b", 1)) == 5
    assert lines.line_of(("a", 0, "b", 1, "y")) == 6
    assert lines.line_of(("a", 1)) == 7
    assert lines.line_of(("a", 1, "b", 0)) == 8
    assert lines.line_of(("a", 1, "b", 0, "y")) == 9
    assert lines.line_of(("a", 1, "c", "z")) == 11


def test_table_under_a_later_entry_of_an_array_with_a_nested_array() -> None:
    # tomllib accepts this: the second [[a]] entry defines ``b`` as a plain table, while the
    # first entry had ``b`` as an array of tables.
    text = toml(
        "[[a]]",  # 1
        "[[a.b]]",  # 2
        "[[a]]",  # 3
        "[a.b]",  # 4
        "c = 1",  # 5
    )
    assert tomllib.loads(text) == {"a": [{"b": [{}]}, {"b": {"c": 1}}]}
    lines = scan_key_lines(text)
    assert lines.line_of(("a", 1)) == 3
    assert lines.line_of(("a", 1, "b", "c")) == 5


@pytest.mark.parametrize("text", ["[[a]]\n", "a = []\n", "a = {}\n", "[a]\n[b]\n"])
def test_empty_containers(text: str) -> None:
    assert scan(text).line_of(("a", 0)) == 1
