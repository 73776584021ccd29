"""Stage 4, outline: blocks nested by their markers.

Items nest by marker rank (Phần > I./Điều > 1. > 1.1. > a) > -/+ > table row); a marker
seen before at a higher level closes everything below it. A paragraph without a marker
belongs to the item above it, except that a paragraph after a bulleted list that hands
out work of its own ("Đồng chí cũng yêu cầu …", "Giao Sở X …") stands beside the list,
not inside its last bullet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.extraction.blocks import BULLETS, RANK, Block


@dataclass
class Node:
    block: Block | None
    children: list[Node] = field(default_factory=list)

    @property
    def is_item(self) -> bool:
        return self.block is not None and self.block.kind in ("item", "row")

    @property
    def item_children(self) -> list[Node]:
        return [child for child in self.children if child.is_item]


def build_outline(body: Sequence[Block], speaks_alone: Callable[[Block], bool]) -> Node:
    """Nest ``body``; ``speaks_alone(paragraph)`` says whether a paragraph after bullets
    leaves the list."""
    root = Node(None)
    stack: list[tuple[str, Node]] = [("root", root)]
    seen: dict[str, int] = {}
    for block in body:
        node = Node(block)
        if block.kind in ("item", "row") and block.mtype is not None:
            kind = block.mtype
            if seen.get(kind, 0):
                while stack[-1][0] != kind:
                    _pop(stack, seen)
                _pop(stack, seen)
            else:
                rank = RANK[kind]
                while len(stack) > 1 and RANK[stack[-1][0]] > rank:
                    _pop(stack, seen)
            stack[-1][1].children.append(node)
            stack.append((kind, node))
            seen[kind] = seen.get(kind, 0) + 1
        else:
            if stack[-1][0] in BULLETS and speaks_alone(block):
                while len(stack) > 1 and stack[-1][0] in BULLETS:
                    _pop(stack, seen)
            stack[-1][1].children.append(node)
    return root


def _pop(stack: list[tuple[str, Node]], seen: dict[str, int]) -> None:
    kind, _ = stack.pop()
    seen[kind] -= 1
