"""cadquery.func.History: the records the free functions append (modified, generated, deleted,
images, first/last shapes), checked against lengths, areas and counts worked out by hand."""
import math

import pytest

from cadquery.func import (History, Op, box, chamfer2D, circle, cut, extrude, face, fillet2D, imprint,
                           isSubshape, loft, offset, offset2D, plane, rect, revolve, segment, shell, sweep,
                           vertex, wire)
from cadquery.occ_impl.shapes import History as ShapesHistory


def areas(s):
    return sorted(round(f.Area(), 9) for f in s.Faces())


def lengths(s):
    return sorted(round(e.Length(), 9) for e in s.Edges())


def test_history_container():
    assert ShapesHistory is History
    h = History()
    assert h.ops == [] and h.opDict == {}
    op = Op("x")
    h.append(op, "x")
    assert h[0] is op and h["x"] is op and h[-1] is op
    with pytest.raises(KeyError):
        h["y"]
    with pytest.raises(IndexError):
        h[1]
    assert h.pop() is op and h.ops == []
    with pytest.raises(TypeError):
        extrude(plane(1, 1), (0, 0, 1), history="not a history")


def test_cut_splits_bottom_face():
    # a 1 x 0.5 x 0.1 slot through the bottom of the unit cube, across its whole x width
    b1, b2 = box(1, 1, 1), box(1, 0.5, 0.1)
    h = History()
    res = cut(b1, b2, history=h, name="cut")
    op = h["cut"]
    assert h[0] is op
    bottom = b1.face("<Z")
    # the bottom face is left as two strips 1 x 0.25
    assert areas(op.modified(bottom)) == [0.25, 0.25]
    # its +X edge (length 1) keeps two pieces of 0.25 on either side of the slot
    assert lengths(op.modified(bottom.edge(">X"))) == [0.25, 0.25]
    assert b2.face("<Z") in op.deleted()
    for f in op.modified(bottom).Faces():
        assert isSubshape(f, res)
    with pytest.raises(KeyError):
        op.generated(b1.face(">Z"))


def test_extrude_records_sides_and_caps():
    f = plane(2, 3)
    h = History()
    res = extrude(f, (0, 0, 4), history=h)
    op = h[-1]
    assert areas(op.generated(f.edges())) == [8, 8, 12, 12]
    top, bot = op.last(), op.first()
    assert top.Area() == pytest.approx(6) and top.Center().z == pytest.approx(4)
    assert bot.Area() == pytest.approx(6) and bot.Center().z == pytest.approx(0)
    assert top == res.face(">Z") and bot == res.face("<Z")
    assert op.last(f) == top and op.first(f) == bot
    # an edge of the base: its top copy is 4 higher
    e = f.edge(">X")
    assert op.last(e).Center().z == pytest.approx(4)
    assert op.last(e).Center().x == pytest.approx(1)


def test_revolve_generates_annulus_sector():
    e = segment((1, 0, 0), (2, 0, 0))
    h = History()
    revolve(e, (0, 0, 0), (0, 0, 1), 90, history=h)
    gen = h[-1].generated(e)
    assert gen.ShapeType() == "Face"
    assert gen.Area() == pytest.approx(math.pi / 4 * (2 ** 2 - 1 ** 2))


def test_offset2D_history():
    r = rect(1, 1)
    h = History()
    offset2D(r, 0.1, history=h)
    op = h[-1]
    # each corner becomes a quarter circle of radius 0.1, each side a parallel side of length 1
    assert lengths(op.generated(r.vertices())) == [round(0.05 * math.pi, 9)] * 4
    assert lengths(op.generated(r.edges())) == [1.0] * 4


def test_fillet2D_and_chamfer2D_history():
    p = plane(1, 1)
    h = History()
    fillet2D(p, p, 0.1, history=h)
    op = h[-1]
    assert lengths(op.generated(p.vertices())) == [round(0.05 * math.pi, 9)] * 4
    assert lengths(op.modified(p.edges())) == [0.8] * 4
    chamfer2D(p, p, 0.1, history=h)
    op = h[-1]
    assert lengths(op.generated(p.vertices())) == [round(0.1 * math.sqrt(2), 9)] * 4
    assert lengths(op.modified(p.edges())) == [0.8] * 4
    assert len(h.ops) == 2


def test_wire_history_maps_edges_and_vertices():
    pts = [(0, 0, 0), (2, 0, 0), (2, 1, 0), (0, 1, 0)]
    edges = [segment(a, b) for a, b in zip(pts, pts[1:] + pts[:1])]
    shuffled = [edges[0], edges[2].reverse(), edges[1], edges[3]]
    h = History()
    w = wire(shuffled, history=h)
    op = h[-1]
    assert op.modified().Edges().__len__() == 4
    assert len(op.modified().Vertices()) == 4
    for e in shuffled:
        assert isSubshape(op.modified(e), w)
        assert op.images(e).Length() == pytest.approx(e.Length())
        assert (op.modified(e).Center() - e.Center()).Length == pytest.approx(0)
        for v in e.Vertices():
            assert (op.images(v).Center() - v.Center()).Length == pytest.approx(0)


def test_local_sewing_records_images():
    b = box(1, 1, 1)
    top = b.faces(">Z")
    open_box = b.remove(top)
    h = History()
    res = shell(open_box.faces("not <Z"), top, ctx=(open_box, top), history=h)
    assert res.isValid() and res.Area() == pytest.approx(6)
    op = h[-1]
    assert top in op._images
    assert op.images(top).Area() == pytest.approx(1)
    assert isSubshape(op.images(top), res)


def test_imprint_images():
    b1 = box(1, 1, 1)
    b3 = box(0.5, 0.5, 0.5).moved(x=0.75)   # touches b1's +X face on a 0.5 x 0.5 square
    h = History()
    res = imprint(b1, b3, history=h)
    im = h[0].images(b1.faces())
    assert len(im.Faces()) == 7
    assert sorted(round(a, 9) for a in areas(h[0].images(b1.face(">X")))) == [0.25, 0.75]
    assert len(res.Faces()) == 7 + 6 - 1


def test_sweep_of_face_with_hole():
    f = plane(1, 1) - face(circle(0.1))
    p = segment((0, 0, 0), (0, 0, 1))
    h = History()
    res = sweep(f, p, history=h)
    op = h[-1]
    top, bot = op.last(), op.first()
    assert top == res.face(">Z") and bot == res.face("<Z")
    assert top.Area() == pytest.approx(1 - math.pi * 0.01)
    inner = op.generated(f.innerWires()[0].edges())
    assert inner.Area() == pytest.approx(2 * math.pi * 0.1)
    assert isSubshape(inner, res)
    assert areas(op.generated(f.outerWire().edges())) == [1, 1, 1, 1]


def test_loft_to_vertex():
    f = plane(1, 1)
    h = History()
    res = loft(f, vertex(0, 0, 1), history=h)
    op = h[-1]
    assert op.first() == res.face("<Z") and op.first().Area() == pytest.approx(1)
    # four triangles of base 1 and slant height sqrt(1 + 0.5**2)
    tri = round(0.5 * math.sqrt(1.25), 9)
    sides = op.generated(f.edges())
    assert [round(a, 6) for a in areas(sides)] == [round(tri, 6)] * 4
    for s in sides:
        assert isSubshape(s, res)


def test_offset_both_sides():
    f = plane(1, 1)
    h = History()
    res = offset(f, 0.1, both=True, history=h)
    op = h[-1]
    assert res.Volume() == pytest.approx(0.2)
    assert areas(op.generated(f)) == [1, 1]
    assert op.deleted() == f   # one deleted shape: deleted() is that shape itself
