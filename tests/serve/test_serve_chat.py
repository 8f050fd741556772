"""`zerocad serve` answers the OpenAI chat-completions shapes: text, images as data URLs, streaming.
Greedy answers are checked against `zerocad generate` (the CLI's own decode loop: an independent
path through the same checkpoint), streamed chunks against the whole answer, usage against
generate's prompt count, stop strings against the cut computed here."""
import json
import time

from serve_helpers import data_url, make_png, vref, zc_generate

PROMPT = "Write a CadQuery box."


def ask(content, **kw):
    return dict(model="tiny-serve", messages=[{"role": "user", "content": content}], **kw)


def text_of(answer):
    assert answer["object"] == "chat.completion"
    (choice,) = answer["choices"]
    assert choice["index"] == 0 and choice["message"]["role"] == "assistant"
    return choice["message"]["content"], choice["finish_reason"]


def test_models_and_health(server):
    status, body = server.request("GET", "/v1/models")
    assert status == 200
    models = json.loads(body)
    assert models["object"] == "list" and [m["id"] for m in models["data"]] == ["tiny-serve"]
    assert json.loads(server.request("GET", "/v1/models/tiny-serve")[1])["id"] == "tiny-serve"
    assert json.loads(server.request("GET", "/health")[1]) == {"status": "ok"}


def test_text_equals_generate_greedy(server, zerocad_bin, ckpt):
    want, ntok = zc_generate(zerocad_bin, ckpt, PROMPT, 12)
    status, ans = server.post(ask(PROMPT, max_tokens=12, temperature=0))
    assert status == 200, ans
    text, finish = text_of(ans)
    assert text == want and len(want) > 0
    assert finish == "length"
    assert ans["usage"] == {"prompt_tokens": ntok, "completion_tokens": 12, "total_tokens": ntok + 12}


def test_content_as_parts_is_the_same_prompt(server):
    a = server.post(ask(PROMPT, max_tokens=6, temperature=0))[1]
    b = server.post(ask([{"type": "text", "text": "Write a CadQuery "}, {"type": "text", "text": "box."}],
                        max_completion_tokens=6, temperature=0))[1]
    assert text_of(a) == text_of(b) and a["usage"] == b["usage"]


def test_system_message_and_generate(server, zerocad_bin, ckpt):
    want, _ = zc_generate(zerocad_bin, ckpt, PROMPT, 8, "--system", "You write CAD code.")
    body = dict(model="tiny-serve", max_tokens=8, temperature=0,
                messages=[{"role": "system", "content": "You write CAD code."}, {"role": "user", "content": PROMPT}])
    assert text_of(server.post(body)[1])[0] == want


def test_stream_concatenates_to_the_answer(server, zerocad_bin, ckpt):
    want, ntok = zc_generate(zerocad_bin, ckpt, PROMPT, 10)
    chunks, done = server.stream(ask(PROMPT, max_tokens=10, temperature=0, stream_options={"include_usage": True}))
    assert done
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"].get("role") == "assistant"
    usage = chunks[-1]
    assert usage["choices"] == [] and usage["usage"] == {"prompt_tokens": ntok, "completion_tokens": 10,
                                                         "total_tokens": ntok + 10}
    body = chunks[:-1]
    assert body[-1]["choices"][0]["finish_reason"] == "length"
    assert all(c["choices"][0]["finish_reason"] is None for c in body[:-1])
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in body)
    assert text == want
    assert sum(1 for c in body if c["choices"][0]["delta"].get("content")) >= 2  # streamed in pieces
    status, whole = server.post(ask(PROMPT, max_tokens=10, temperature=0))
    assert text_of(whole)[0] == text


def test_stream_without_usage_has_no_usage_chunk(server):
    chunks, done = server.stream(ask(PROMPT, max_tokens=3, temperature=0))
    assert done and all("usage" not in c for c in chunks)


def test_images_equal_generate_with_images(server, zerocad_bin, ckpt, tmp_path):
    a, b = make_png(tmp_path / "a.png", 256, 256, 11), make_png(tmp_path / "b.png", 200, 300, 12)
    want, ntok = zc_generate(zerocad_bin, ckpt, "Describe.", 8, "--image", a, "--image", b)
    content = [{"type": "image_url", "image_url": {"url": data_url(a)}},
               {"type": "image_url", "image_url": {"url": data_url(b), "detail": "high"}},
               {"type": "text", "text": "Describe."}]
    status, ans = server.post(ask(content, max_tokens=8, temperature=0))
    assert status == 200, ans
    assert text_of(ans)[0] == want
    assert ans["usage"]["prompt_tokens"] == ntok
    # each image: vision_start + its merged patch tokens (the NumPy reference preprocessor's grid) + vision_end
    counts = [g[0] * g[1] * g[2] // 4 for _, g in (vref.preprocess_png(p) for p in (a, b))]
    text_only = server.post(ask("Describe.", max_tokens=1, temperature=0))[1]["usage"]["prompt_tokens"]
    assert ntok == text_only + sum(2 + k for k in counts)
    chunks, _ = server.stream(ask(content, max_tokens=8, temperature=0))
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]) == want


def test_stop_string_cuts_the_answer(server):
    full = text_of(server.post(ask(PROMPT, max_tokens=16, temperature=0))[1])[0]
    words = full.split()
    stop = words[len(words) // 2] if len(words) > 2 else full[len(full) // 2:]
    cut = full[:full.index(stop)]
    ans = server.post(ask(PROMPT, max_tokens=16, temperature=0, stop=[stop, "\x01never"]))[1]
    assert text_of(ans) == (cut, "stop")
    chunks, _ = server.stream(ask(PROMPT, max_tokens=16, temperature=0, stop=stop))
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == cut
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_seeded_sampling_is_reproducible(server):
    body = ask(PROMPT, max_tokens=10, temperature=1.0, top_p=0.95, seed=7)
    a, b = server.post(body)[1], server.post(body)[1]
    assert text_of(a) == text_of(b)
    c = server.post(dict(body, seed=8))[1]
    greedy = server.post(ask(PROMPT, max_tokens=10, temperature=0))[1]
    assert len({text_of(a)[0], text_of(c)[0], text_of(greedy)[0]}) >= 2


def test_log_line_per_request(server):
    server.post(ask(PROMPT, max_tokens=2, temperature=0))
    server.request("GET", "/nowhere")
    # A request's line is written once its connection is done, so the line of an earlier test's
    # connection may come after this POST's: look for this test's two lines (max_tokens=2 is used
    # by no other request of this module's server).
    gets, posts = [], []
    for _ in range(50):
        lines = open(server.log).read().splitlines()
        gets = [x for x in lines if x.startswith("serve: GET /nowhere 404")]
        posts = [x for x in lines if x.startswith("serve: POST /v1/chat/completions 200 prompt=") and " completion=2 " in x]
        if gets and posts:
            break
        time.sleep(0.1)
    assert len(gets) == 1 and gets[0].endswith(" ms"), lines[-3:]
    assert len(posts) == 1 and posts[0].endswith(" ms"), lines[-3:]
