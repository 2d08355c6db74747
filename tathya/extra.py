"""`extra:`, the desk's own fields on site.yaml, checks and claims: read as written, never validated.

Whatever YAML says inside `extra` becomes plain, immutable values: text for
every scalar (exactly as written: `false`, `007` and `1.5` stay text), None
for a null, a tuple for a list and an Extra for a mapping. Templates read them
as `config.extra.donate_url`, `check.extra["desk_id"]`, `claim.extra.video`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from .errors import quote

if TYPE_CHECKING:  # yamlsrc imports models, which imports this module
    from .yamlsrc import Reader

NULL_TAG = "tag:yaml.org,2002:null"  # yamlsrc.NULL_TAG: a plain null, as the resolver tags it


class Absent(jinja2.StrictUndefined):
    """A key an Extra lacks, read in a template: false in `{% if %}`, empty in a loop, and an error when printed."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0


class Extra(Mapping):
    """An immutable mapping in the order written; its keys read as attributes too. Pickled and repr'd by content."""

    __slots__ = ("_data",)

    def __init__(self, pairs: Mapping | tuple = ()):
        object.__setattr__(self, "_data", dict(pairs))

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattribute__(self, name: str):
        """`extra.name` is the desk's field first, even one named like a method (`items`, `keys`, `get`)."""
        if not name.startswith("_"):
            data = object.__getattribute__(self, "_data")
            if name in data:
                return data[name]
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str):
        """`extra.name` for a key it lacks: an Absent that a template may test."""
        if name.startswith("_"):
            raise AttributeError(name)
        hint = f"extra has no key {name!r}: test it first ({{% if x.extra.{name} %}}) or print x.extra.{name}|default('')"
        return Absent(hint=hint, obj=self, name=name)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("extra is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("extra is read-only")

    def __html__(self) -> str:
        """Printed in a template as it is: an error that says to print one of its fields."""
        raise TypeError(f"extra fields {', '.join(map(str, self._data)) or '(none)'} cannot be printed all at once; print one, "
                        "e.g. x.extra.name (a text per language: x.extra.name|t)")

    def __repr__(self) -> str:  # the build cache keys pages by the settings' repr: every value shows, in order
        return f"Extra({self._data!r})"

    def __eq__(self, other) -> bool:
        if isinstance(other, Extra):
            other = other._data
        return isinstance(other, Mapping) and list(self._data.items()) == list(other.items())

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __reduce__(self):
        return (Extra, (tuple(self._data.items()),))


EMPTY = Extra()


def read_extra(read: Reader, node: yaml.Node) -> Extra | None:
    """The `extra:` mapping as plain values; None after recording that it is not a mapping, or repeats a key."""
    if not isinstance(node, yaml.MappingNode):
        read.fail(node, "extra must be a mapping of the desk's own fields", "write `name: value` lines indented under `extra:`")
        return None
    failed: list[yaml.Node] = []
    value = plain(node, read, failed)
    return None if failed else value


def plain(node: yaml.Node, read: Reader, failed: list) -> Any:
    """A node as text, None, a tuple or an Extra (aliases are refused by the parser, and nesting is at most 50 deep)."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == NULL_TAG and not node.style else node.value
    if isinstance(node, yaml.SequenceNode):
        return tuple(plain(item, read, failed) for item in node.value)
    pairs: dict = {}
    for key_node, value_node in node.value:
        key = plain(key_node, read, failed)
        if key in pairs:
            read.fail(key_node, f"duplicate key {quote(key if isinstance(key, str) else repr(key))} in extra", "keep only one of them")
            failed.append(key_node)
        pairs[key] = plain(value_node, read, failed)
    return Extra(pairs)
