"""`zerocad report DIR -o FILE.html` on a small pipeline run (imported rows as train and test,
the retrieval reconstructor, eval under two protocols): the page is self-contained (every image
a data URI that PIL decodes, nothing fetched), headless Chromium loads it with every image
decoded and no console error, and the evaluation table holds eval's JSON figures."""
import base64
import io
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image

TRAIN = ("bracket", "flange", "knob")
TEST = ("flange", "gear_blank")
PROTOCOLS = ("zerocad", "cadrille")
TRAIN_ROWS = None   # rows in the training shard, set by the pipeline fixture


def run(args, timeout=900):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def import_rows(zerocad_bin, repo_root, names, src, out):
    src.mkdir()
    for n in names:
        shutil.copy(repo_root / "examples" / f"{n}.py", src / f"{n}.py")
    res = run([zerocad_bin, "data", "import", str(src), "-o", str(out), "-j", "2"])
    assert res.returncode == 0, res.stderr


@pytest.fixture(scope="module")
def pipeline(zerocad_bin, repo_root, tmp_path_factory):
    work = tmp_path_factory.mktemp("report")
    d = work / "out"
    d.mkdir()
    import_rows(zerocad_bin, repo_root, TRAIN, work / "train_src", d / "train")
    import_rows(zerocad_bin, repo_root, TEST, work / "test_src", d / "test")
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(d / "train"), "--data", str(d / "test"), "-k", "3",
               "-j", "2", "-o", str(d / "pred.jsonl"), "--views-out", str(d / "recon-views.parquet"), "-q"])
    assert res.returncode == 0, res.stderr
    for p in PROTOCOLS:
        res = run([zerocad_bin, "eval", "--pred", str(d / "pred.jsonl"), "--gt", str(d / "test"), "-p", p,
                   "-o", str(d / f"eval-{p}"), "-j", "2", "-q"])
        assert res.returncode == 0, res.stderr
    res = run([zerocad_bin, "data", "stats", str(d / "train"), "--json"])
    assert res.returncode == 0, res.stderr
    global TRAIN_ROWS
    TRAIN_ROWS = json.loads(res.stdout)["rows"]     # the import may reject an example
    assert TRAIN_ROWS >= 2
    html = d / "report.html"
    res = run([zerocad_bin, "report", str(d), "-o", str(html)])
    assert res.returncode == 0, res.stderr
    return d, html


def test_page_is_self_contained_and_every_image_decodes(pipeline):
    _, html = pipeline
    text = html.read_text()
    srcs = re.findall(r'<img [^>]*src="([^"]*)"', text)
    # the dataset grid: its rows x 8 views; the items: 2 x (8 input + 8 reconstruction views)
    assert len(srcs) == TRAIN_ROWS * 8 + len(TEST) * 16
    for s in srcs:
        assert s.startswith("data:image/png;base64,")
        im = Image.open(io.BytesIO(base64.b64decode(s.split(",", 1)[1])))
        im.load()
        assert im.size == (256, 256)
    assert not re.search(r'(src|href)="(https?:)?//', text)
    assert "<script" not in text


def eval_summaries(d):
    return [json.loads((d / f"eval-{p}.json").read_text()) for p in PROTOCOLS]


def test_table_holds_eval_figures(pipeline):
    d, html = pipeline
    text = html.read_text()
    rows = re.findall(r"<tr><td data-key=\"protocol\">(.*?)</tr>", text)
    assert [r.split("<")[0] for r in rows] == list(PROTOCOLS)
    for row, summary in zip(rows, eval_summaries(d)):
        cells = dict((k, v) for k, v in re.findall(r'data-key="([a-z0-9_]+)" data-value="([^"]*)"', row))
        for key in ("items", "success_rate", "iou_mean", "iou_median", "iou_p90", "unscored", "cd_mean"):
            want = summary[key]
            assert (cells[key] == "null") if want is None else float(cells[key]) == pytest.approx(want, rel=1e-15)


def test_table_holds_the_figures_before_refinement(pipeline):
    """The reconstructions are refined (the default): a row per protocol before refinement, with
    eval's "before" figures."""
    d, html = pipeline
    text = html.read_text()
    rows = re.findall(r"<tr class=\"before\"><td data-key=\"protocol\">(.*?)</tr>", text)
    assert [r.split("<")[0] for r in rows] == [f"{p}, before refinement" for p in PROTOCOLS]
    for row, summary in zip(rows, eval_summaries(d)):
        before = summary["before"]
        assert before["items"] == summary["items"]
        cells = dict((k, v) for k, v in re.findall(r'data-key="([a-z0-9_]+)" data-value="([^"]*)"', row))
        for key in ("items", "success_rate", "iou_mean", "iou_median", "iou_p90"):
            assert float(cells[key]) == pytest.approx(before[key], rel=1e-15)


CHECK = """<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="report.html" width="1200" height="800"></iframe>
<script>
document.getElementById('f').onload = function () {
  var doc = document.getElementById('f').contentDocument;
  var imgs = Array.from(doc.images);
  var bad = imgs.filter(function (i) { return !i.complete || i.naturalWidth === 0; }).length;
  var cells = Array.from(doc.querySelectorAll('#eval-table tbody tr:not(.before)')).map(function (tr) {
    return Array.from(tr.cells).map(function (c) { return c.textContent; });
  });
  document.getElementById('out').textContent = JSON.stringify({images: imgs.length, bad: bad, cells: cells});
};
</script></body></html>
"""


def chromium(*args):
    exe = shutil.which("chromium")
    assert exe, "chromium is needed (scripts/install-deps.sh installs it)"
    return run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--virtual-time-budget=20000", *args], timeout=300)


def test_chromium_decodes_every_image_and_shows_the_table(pipeline):
    d, _ = pipeline
    (d / "check.html").write_text(CHECK)
    res = chromium("--dump-dom", (d / "check.html").as_uri())
    m = re.search(r'<pre id="out">(.*?)</pre>', res.stdout, re.S)
    assert m, res.stderr[-2000:]
    got = json.loads(m.group(1).replace("&quot;", '"'))
    assert got["images"] == TRAIN_ROWS * 8 + len(TEST) * 16
    assert got["bad"] == 0
    for cells, s in zip(got["cells"], eval_summaries(d)):
        assert cells[0] == s["protocol"] and int(cells[1]) == s["items"]
        assert cells[2] == "%.1f%%" % (100 * s["success_rate"])
        assert cells[3] == "%.3f" % s["iou_mean"]
    res = chromium("--enable-logging=stderr", "--screenshot=" + str(d / "report.png"), "--window-size=1200,2400",
                   (d / "report.html").as_uri())
    assert (d / "report.png").exists(), res.stderr[-2000:]
    assert "CONSOLE" not in res.stderr, res.stderr[-2000:]    # no console message, error or other


def test_bad_input(zerocad_bin, tmp_path):
    res = run([zerocad_bin, "report", str(tmp_path / "nope"), "-o", str(tmp_path / "r.html")])
    assert res.returncode == 1 and "nope" in res.stderr
    assert not (tmp_path / "r.html").exists()
    res = run([zerocad_bin, "report", str(tmp_path)])
    assert res.returncode == 2


def test_odd_json_gives_a_page(zerocad_bin, tmp_path):
    """Values of the wrong JSON type, lines that are not objects, huge numbers and markup in
    strings: the page is still written, with the markup escaped."""
    (tmp_path / "eval-zerocad.json").write_text('{"protocol": 7, "items": "x"}')
    (tmp_path / "eval-x.json").write_text('{"protocol": "p<b>&", "items": 1, "iou_mean": 1e308}')
    (tmp_path / "eval-zerocad.jsonl").write_text('{"id": 3, "iou": "s"}\n[1, 2]\nnot json\n'
                                                 '{"id": "a", "success": true, "iou": 5e300}\n'
                                                 '{"id": "b", "success": true, "iou": -3}\n')
    (tmp_path / "pred.jsonl").write_text('{"id": null, "view_iou": "q"}\n{"id": "a", "code": 7}\n')
    res = run([zerocad_bin, "report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "r.html").read_text()
    assert "p&lt;b&gt;&amp;" in text and "<b>" not in text
    assert text.rstrip().endswith("</html>")
