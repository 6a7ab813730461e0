"""The figures a report's text may quote besides its tables, gathered from the apps that keep them.

An app that keeps records the report speaks of (the fees of the cases, 建议提案办理, 网上留言)
registers one `FactSource` from its ``AppConfig.ready``: a prefix its token names start with, the
heading of its group in the builder's 插入数据 menu, a label per name, and a function that computes
the values for a body and a year. The builder lists every registered group; `queries.compose`
substitutes every registered value; a token no source names stays unknown and blocks publication
(`Code.TOKEN_UNKNOWN`). The reports app thus knows no app by name (``docs/reports.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gongkai.annual.model import Number
from gongkai_web.bodies.models import Body


@dataclass(frozen=True)
class FactSource:
    prefix: str  # every name is "<prefix>.<...>", e.g. "proposals.npc.assigned"
    group: str  # the 插入数据 menu's heading, e.g. "建议提案办理"
    labels: Mapping[str, str]  # name → label, in menu order
    values: Callable[..., Mapping[str, Number | None]]  # called as values(body=..., year=...)

    def __post_init__(self) -> None:
        stray = [name for name in self.labels if not name.startswith(self.prefix + ".")]
        if stray:
            raise ValueError(f"fact names {stray} do not start with {self.prefix!r}.")


_SOURCES: dict[str, FactSource] = {}


def register_facts(source: FactSource) -> None:
    """Add ``source`` (once per prefix; registering the same source again changes nothing)."""
    known = _SOURCES.get(source.prefix)
    if known is not None and known != source:
        raise ValueError(f"another fact source already uses the prefix {source.prefix!r}")
    _SOURCES[source.prefix] = source


def fact_sources() -> list[FactSource]:
    return list(_SOURCES.values())


def menu_groups() -> list[tuple[str, Mapping[str, str]]]:
    """(heading, name → label) of every source, for `gongkai.annual.tokens.choices`."""
    return [(source.group, source.labels) for source in _SOURCES.values()]


def fact_values(*, body: Body, year: int) -> dict[str, Number | None]:
    """Every registered figure of ``body``'s report on ``year``; a source must give each name it lists."""
    values: dict[str, Number | None] = {}
    for source in _SOURCES.values():
        given = source.values(body=body, year=year)
        missing = set(source.labels) - set(given)
        if missing:
            raise ValueError(f"fact source {source.prefix!r} gave no value for {sorted(missing)}")
        values.update({name: given[name] for name in source.labels})
    return values
