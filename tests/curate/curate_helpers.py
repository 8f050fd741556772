"""Helpers of tests/curate: planted datasets (clusters of shapes whose membership, ops, faces and
categories the test knows), the curate_shards driver, and reading the Markdown report's tables."""
import json
import os
import random
import subprocess

# Four planted clusters of shapes the descriptor must tell apart: a cube, a long rod, a thin plate
# and a ball, each row jittered, scaled and moved. Each cluster has its own ops, faces and category.
CLUSTERS = [
    dict(shape="box", dims=(1.0, 1.0, 1.0), ops=["box", "fillet"], faces=8, category="blocks"),
    dict(shape="cylinder", dims=(1.0, 8.0, 0.0), ops=["circle", "extrude", "extrude", "chamfer"], faces=12,
         category="shafts"),
    dict(shape="box", dims=(8.0, 8.0, 0.5), ops=["rect", "extrude", "pushPoints", "hole"], faces=25,
         category="plates"),
    dict(shape="sphere", dims=(2.0, 0.0, 0.0), ops=["sphere"], faces=120, category=None),  # no category line
]


def tool_path(zerocad_bin):
    p = os.path.join(os.path.dirname(zerocad_bin), "tests", "curate", "curate_shards")
    if not os.path.exists(p):
        raise AssertionError(f"curate_shards not found at {p} (build the curate_shards target)")
    return p


def planted_rows(sizes, seed):
    """Rows of the planted clusters (sizes[c] rows of cluster c), shuffled."""
    rng = random.Random(seed)
    rows = []
    for c, n in enumerate(sizes):
        spec = CLUSTERS[c]
        for i in range(n):
            scale = rng.uniform(0.5, 2.0)
            dims = [d * scale * rng.uniform(0.96, 1.04) for d in spec["dims"]]
            first = f"# Part {c}-{i} ({spec['category']})" if spec["category"] else "# a part without category"
            ops = [{"op_name": o, "function": f"Workplane.{o}"} for o in spec["ops"]]
            rows.append(dict(uuid=f"c{c}-{i:03d}", cluster=c, shape=spec["shape"], dims=dims,
                             offset=[rng.uniform(-50, 50) for _ in range(3)],
                             code=f"{first}\nimport cadquery as cq\nresult = cq.Workplane()  # row {c}-{i}\n",
                             ops_json=json.dumps(ops), ops_count=len(ops), num_faces=spec["faces"],
                             face_latency_ms=1.5 + i, step=f"ISO-10303-21; row {c}-{i}"))
    rng.shuffle(rows)
    return rows


def make_shards(tool, directory, rows, rows_per_file=7, size=96):
    os.makedirs(directory, exist_ok=True)
    spec = os.path.join(directory, "..", os.path.basename(directory) + "-spec.json")
    with open(spec, "w") as f:
        json.dump({"rows_per_file": rows_per_file, "size": size, "rows": rows}, f)
    subprocess.run([tool, "make", spec, directory], check=True, capture_output=True, text=True)


def dump(tool, files):
    p = subprocess.run([tool, "dump", *files], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in p.stdout.splitlines()]


def shard_files(directory):
    return sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".parquet"))


def run_curate(zerocad_bin, *args):
    # ZC_GEMM=f32: the exact fp32 vision products, for the 1e-4 comparison with the NumPy reference
    return subprocess.run([zerocad_bin, "curate", *map(str, args)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "ZC_GEMM": "f32"})


def report_table(text, heading):
    """{first column: (rows before, rows after)} of the table under the '### heading...' line."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("### " + heading))
    out = {}
    for line in lines[start + 1:]:
        if line.startswith("### ") or line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].isdigit():
            out[cells[0]] = (int(cells[1]), int(cells[3]))
    return out
