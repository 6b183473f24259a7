"""An act's lineage diagram as inline SVG, drawn here so the page needs no diagram library.

The act and its neighbours in the graph (acts it repealed or amended, acts that repealed or
amended it, the whole-act repeal chain both ways, and the acts it cites) stand in one column,
oldest on top; relations are arcs on the right, coloured by kind. Every box links to its act's
page. All text is escaped.
"""

from __future__ import annotations

from shezhire.graph.queries import lineage
from shezhire.guide import labels
from shezhire.guide.context import Guide, act_href
from shezhire.guide.escape import h, one_line
from shezhire.guide.i18n import t

_BOX_W, _BOX_H, _GAP, _TOP, _LEFT = 520, 46, 18, 36, 8
_MAX_NODES = 16
_COLOURS = {"repeals": "#c62828", "amends": "#ef6c00", "cites": "#607d8b"}


def _neighbourhood(guide: Guide, act: str) -> list[str]:
    chain = lineage(guide.g, act)
    acts = {act}
    acts.update(s.older for s in chain.predecessors)
    acts.update(s.newer for s in chain.successors)
    acts.update(u for u, _v, d in guide.g.in_edges(act, data=True) if d["relation"] != "cites")
    acts.update(v for _u, v in guide.g.out_edges(act))
    ordered = sorted(acts, key=lambda a: (guide.g.nodes[a].get("adopted") or "", a))
    if len(ordered) > _MAX_NODES:  # keep the act and the nearest in time around it
        at = ordered.index(act)
        lo = max(0, min(at - _MAX_NODES // 2, len(ordered) - _MAX_NODES))
        ordered = ordered[lo: lo + _MAX_NODES]
    return ordered


def act_to_svg(guide: Guide, act: str, page_url: str) -> str:
    """The ``<figure>`` with the SVG diagram of ``act``'s neighbourhood."""
    nodes = _neighbourhood(guide, act)
    row = {a: i for i, a in enumerate(nodes)}
    edges = sorted(
        # The act's own edges (a set: the order is the sort's), not the whole graph's.
        {(u, v, str(d["relation"])) for u, v, d in [*guide.g.out_edges(act, data=True),
                                                    *guide.g.in_edges(act, data=True)]
         if u in row and v in row},
        key=lambda e: (abs(row[e[0]] - row[e[1]]), e))
    arc_room = 40 + 26 * min(len(edges), 12)
    width = _LEFT + _BOX_W + arc_room + 8
    height = _TOP + len(nodes) * (_BOX_H + _GAP) + 8
    out = [f'<svg class="lineage-svg" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="group" aria-labelledby="lineage-title-svg">',
           f'<title id="lineage-title-svg">{h(t("Актінің сабақтастық сызбасы"))}</title>',
           '<defs>'
           + "".join(f'<marker id="arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" '
                     f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                     f'<path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
                     for k, c in _COLOURS.items())
           + "</defs>"]
    x = _LEFT
    legend_x = x
    for kind, colour in _COLOURS.items():
        out.append(f'<line x1="{legend_x}" y1="14" x2="{legend_x + 24}" y2="14" '
                   f'stroke="{colour}" stroke-width="2"/>'
                   f'<text x="{legend_x + 30}" y="18" class="lineage-legend">'
                   f'{h(labels.RELATION[kind])}</text>')
        legend_x += 170
    for a in nodes:
        y = _TOP + row[a] * (_BOX_H + _GAP)
        d = guide.g.nodes[a]
        css = "lineage-node" + (" lineage-self" if a == act else "") \
            + ("" if d.get("in_corpus") else " lineage-stub")
        name = one_line(guide.name(a))
        line1 = one_line(guide.short_name(a), 70)
        line2 = one_line(str(d.get("issuer") or ""), 70)
        status = labels.status(d.get("status")) if d.get("in_corpus") else t("тек сілтеме")
        box = (f'<rect x="{x}" y="{y}" width="{_BOX_W}" height="{_BOX_H}" rx="6"/>'
               f'<text x="{x + 10}" y="{y + 19}" class="lineage-l1">{h(line1)} · {h(status)}</text>'
               f'<text x="{x + 10}" y="{y + 37}" class="lineage-l2">{h(line2)}</text>')
        if a == act:
            out.append(f'<g class="{css}" aria-current="page"><title>{h(name)}</title>{box}</g>')
        else:
            out.append(f'<a class="{css}" href="{h(act_href(page_url, a))}">'
                       f'<title>{h(name)}</title>{box}</a>')
    for i, (u, v, kind) in enumerate(edges):
        y1 = _TOP + row[u] * (_BOX_H + _GAP) + _BOX_H / 2
        y2 = _TOP + row[v] * (_BOX_H + _GAP) + _BOX_H / 2
        x0 = x + _BOX_W
        bend = 30 + 26 * min(i, 11)
        out.append(f'<path d="M{x0},{y1} C{x0 + bend},{y1} {x0 + bend},{y2} {x0 + 2},{y2}" '
                   f'fill="none" stroke="{_COLOURS.get(kind, "#999")}" stroke-width="2" '
                   f'{"stroke-dasharray=" + chr(34) + "5,4" + chr(34) + " " if kind == "cites" else ""}'
                   f'marker-end="url(#arrow-{h(kind)})"/>')
    out.append("</svg>")
    caption = t("Сызбада актінің өзі, оның күшін жойған, өзгерткен және ол сілтеме жасаған "
                "актілер уақыт бойынша (жоғарыдан төмен) көрсетілген. Актіні ашу үшін оны басыңыз.")
    return (f'<figure class="lineage-figure"><div class="lineage-scroll">{"".join(out)}</div>'
            f"<figcaption>{h(caption)}</figcaption></figure>")
