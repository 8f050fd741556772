"""16 clients at once against `zerocad serve --max-batch 4` (so 12 wait in the FIFO queue): every
one is answered, and each answer equals the answer to the same request sent alone (greedy, and
seeded sampling); streamed and whole requests mixed. Then graceful shutdown: SIGTERM while a
stream runs lets it finish ([DONE]) and the process exits 0; a request after it is refused."""
import signal
import threading

from serve_helpers import Server

N = 16


def body(i):
    b = dict(model="tiny-serve", max_tokens=6 + i % 5,
             messages=[{"role": "user", "content": f"Part {i}: a plate with {i + 2} holes."}])
    if i % 3 == 0:
        b.update(temperature=0.9, seed=100 + i)
    else:
        b.update(temperature=0)
    return b


def answer(server, i, stream):
    if stream:
        chunks, done = server.stream(body(i))
        assert done
        return "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    status, ans = server.post(body(i))
    assert status == 200, ans
    return ans["choices"][0]["message"]["content"]


def test_sixteen_concurrent_clients(server):
    alone = [answer(server, i, False) for i in range(N)]
    assert len(set(alone)) > N // 2  # the prompts differ, so do most answers
    got, errors = [None] * N, []

    def client(i):
        try:
            got[i] = answer(server, i, stream=i % 2 == 1)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    assert got == alone


def test_graceful_shutdown(zerocad_bin, ckpt, tmp_path):
    s = Server(zerocad_bin, ckpt, tmp_path / "serve.log")
    events = s.stream_events(dict(model="tiny-serve", max_tokens=40, temperature=0,
                                  messages=[{"role": "user", "content": "long answer please"}]))
    first = next(events)  # the role chunk: the request is admitted and prefilled
    assert first["choices"][0]["delta"]["role"] == "assistant"
    s.proc.send_signal(signal.SIGTERM)
    rest = list(events)
    assert rest[-1] == "[DONE]"
    assert rest[-2]["choices"][0]["finish_reason"] == "length"  # it ran to its max_tokens
    assert s.proc.wait(timeout=300) == 0
    log = open(s.log).read()
    assert "SIGTERM" in log and "stopped after 1 requests, 40 completion tokens" in log
    try:
        status = s.request("GET", "/health")[0]
    except OSError:
        status = None
    assert status is None
