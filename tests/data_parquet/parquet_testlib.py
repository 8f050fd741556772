"""Helpers of the parquet tests (a module of its own: every tests/<area>/conftest.py is named
`conftest`, so tests cannot import from theirs): generated Zero-to-CAD rows and their JSONL."""
import json
import random

BINARY = [f"image_{k}" for k in range(8)] + ["stl_file", "step_file", "cadquery_file"]
INTS = ["cadquery_ops_count", "num_faces", "num_renders"]
FLOATS = ["face_latency_ms", "ops_latency_ms"]


def make_rows(n, seed, image_bytes=(50, 400), null_rate=0.15):
    """Rows of the Zero-to-CAD schema with nulls; binaries as bytes (PNG-like, random)."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        row = {"uuid": f"{rnd.getrandbits(128):032x}-ü{i}"}
        row["cadquery_file"] = (f"import cadquery as cq\n# row {i} é\nresult = cq.Workplane().box("
                                f"{rnd.uniform(1, 9):.3f}, 2, 3)\n").encode()
        row["cadquery_ops_json"] = json.dumps([{"op_name": "box", "function": "Workplane.box"}] * rnd.randint(0, 3))
        row["cadquery_ops_count"] = rnd.randint(0, 40)
        row["num_faces"] = rnd.randint(6, 2 ** 40)
        row["num_renders"] = 8
        row["face_latency_ms"] = rnd.uniform(0, 1000)
        row["ops_latency_ms"] = rnd.choice([0.0, 1e-300, 12.5, rnd.random() * 1e6])
        for k in range(8):
            row[f"image_{k}"] = b"\x89PNG\r\n\x1a\n" + rnd.randbytes(rnd.randint(*image_bytes))
        row["stl_file"] = b"solid x\n" + rnd.randbytes(rnd.randint(0, 300))
        row["step_file"] = b"ISO-10303-21;" + rnd.randbytes(rnd.randint(0, 300))
        for key in list(row):
            if key != "uuid" and rnd.random() < null_rate:
                row[key] = None
        rows.append(row)
    return rows


def write_jsonl(rows, path):
    with open(path, "w") as f:
        for row in rows:
            j = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()}
            f.write(json.dumps(j) + "\n")
