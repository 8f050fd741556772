"""`zerocad serve` rejects bad requests with OpenAI error objects and the right HTTP status:
malformed JSON, missing messages, too many images, unknown model, n > 1, a body over --max-body,
a missing or wrong API key, images that are not PNG data URLs; odd bodies never crash it."""
import base64
import http.client
import json
import os

import pytest

from serve_helpers import Server, data_url, make_png

KEY = "sk-serve-test-1234"


def ask(content="hi", **kw):
    return dict(model="tiny-serve", messages=[{"role": "user", "content": content}], max_tokens=2, **kw)


def check_error(status, body, want_status, want_code, param="any"):
    assert status == want_status, body
    err = body["error"] if isinstance(body, dict) else json.loads(body)["error"]
    assert set(err) == {"message", "type", "param", "code"}
    assert err["code"] == want_code and err["message"]
    assert err["type"] == ("server_error" if want_status >= 500 else "rate_limit_exceeded" if want_status == 429
                           else "invalid_request_error")
    if param != "any":
        assert err["param"] == param
    return err


def raw_post(server, raw, headers=None):
    status, payload = server.request("POST", "/v1/chat/completions", raw=raw, headers=headers)
    return status, json.loads(payload)


def test_malformed_json(server):
    for raw in (b"{", b"", b"[1,2", b"\xff\xfe", b'{"model": "tiny-serve", "model": "x"}'):
        check_error(*raw_post(server, raw), 400, "invalid_json")


def test_not_an_object_and_missing_fields(server):
    check_error(*raw_post(server, b"[]"), 400, "invalid_value")
    check_error(*server.post({"model": "tiny-serve"}), 400, "missing_required_parameter", "messages")
    check_error(*server.post({"messages": [{"role": "user", "content": "x"}]}), 400, "missing_required_parameter",
                "model")
    check_error(*server.post(dict(ask(), messages=[])), 400, "invalid_value", "messages")
    check_error(*server.post(dict(ask(), messages=[{"role": "wizard", "content": "x"}])), 400, "invalid_value",
                "messages[0]")
    check_error(*server.post(dict(ask(), messages=[{"role": "user"}])), 400, "invalid_value", "messages[0].content")
    check_error(*server.post(ask([{"type": "input_audio", "input_audio": {}}])), 400, "unsupported_content_type",
                "messages[0].content[0]")


def test_bad_parameters(server):
    check_error(*server.post(ask(n=2)), 400, "unsupported_value", "n")
    check_error(*server.post(ask(temperature=3)), 400, "invalid_value", "temperature")
    check_error(*server.post(ask(top_p="x")), 400, "invalid_value", "top_p")
    check_error(*server.post(dict(ask(), max_tokens=0)), 400, "invalid_value", "max_tokens")
    check_error(*server.post(ask(stop=["a", "b", "c", "d", "e"])), 400, "invalid_value", "stop")
    check_error(*server.post(ask(stream="yes")), 400, "invalid_value", "stream")
    check_error(*server.post(dict(ask(), max_tokens=10 ** 6)), 400, "context_length_exceeded", "max_tokens")
    assert server.post(ask(n=1))[0] == 200


def test_unknown_model_is_404(server):
    err = check_error(*server.post(dict(ask(), model="gpt-4o")), 404, "model_not_found", "model")
    assert "tiny-serve" in err["message"]
    status, body = server.request("GET", "/v1/models/gpt-4o")
    check_error(status, json.loads(body), 404, "model_not_found")
    status, body = server.request("GET", "/v2/whatever")
    check_error(status, json.loads(body), 404, "unknown_url")
    status, body = server.request("DELETE", "/v1/models")
    check_error(status, json.loads(body), 405, "method_not_allowed")


def test_too_many_images(server, tmp_path):
    url = data_url(make_png(tmp_path / "a.png", 32, 32, 1))
    nine = [{"type": "image_url", "image_url": {"url": url}}] * 9 + [{"type": "text", "text": "x"}]
    err = check_error(*server.post(ask(nine)), 400, "too_many_images")
    assert "8" in err["message"]
    eight = nine[:8] + nine[-1:]
    assert server.post(ask(eight))[0] == 200


def test_bad_images(server, tmp_path):
    png = (tmp_path / "a.png")
    make_png(png, 32, 32, 1)
    good = base64.b64encode(png.read_bytes()).decode()

    def img(url):
        return ask([{"type": "image_url", "image_url": {"url": url}}, {"type": "text", "text": "x"}])

    check_error(*server.post(img("https://example.com/a.png")), 400, "invalid_image_url")
    check_error(*server.post(img("data:image/png," + good)), 400, "invalid_image_url")
    check_error(*server.post(img("data:text/plain;base64," + good)), 400, "invalid_image_url")
    check_error(*server.post(img("data:image/png;base64,@@@@")), 400, "invalid_image_url")
    check_error(*server.post(img("data:image/jpeg;base64," + base64.b64encode(b"\xff\xd8\xff\xe0JFIF").decode())),
                400, "invalid_image")
    truncated = base64.b64encode(png.read_bytes()[:60]).decode()
    check_error(*server.post(img("data:image/png;base64," + truncated)), 400, "invalid_image")
    # a 20000 x 20000 PNG header: refused from its header, before any pixel is allocated
    big = bytearray(png.read_bytes())
    big[16:24] = (20000).to_bytes(4, "big") * 2
    import zlib
    big[29:33] = zlib.crc32(bytes(big[12:29])).to_bytes(4, "big")
    check_error(*server.post(img("data:image/png;base64," + base64.b64encode(bytes(big)).decode())), 400,
                "image_too_large")
    check_error(*server.post(dict(ask(), messages=[
        {"role": "assistant", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64," + good}}]},
        {"role": "user", "content": "x"}])), 400, "invalid_value")


def test_odd_bodies_never_crash(server):
    bodies = [b"null", b"1", b'"x"', b'{"model": null, "messages": null}', b'{"model": "tiny-serve", "messages": [1]}',
              b'{"model": "tiny-serve", "messages": [{"role": "user", "content": [null]}]}',
              b'{"model": "tiny-serve", "messages": [{"role": "user", "content": "a\\u0000b"}]}',
              b'{"model": "tiny-serve", "messages": [{"role": "user", "content": {"x": 1}}]}',
              b'{"model": "tiny-serve", "messages": [{"role": "user", "content": "hi"}], "seed": 1e400}',
              b'{"model": "tiny-serve", "messages": [{"role": "user", "content": "hi"}], "stop": [""]}',
              b'[' * 100000]
    for raw in bodies:
        status, body = raw_post(server, raw)
        assert status == 400 and "error" in body, (raw[:80], body)
    assert server.request("GET", "/health")[0] == 200


@pytest.fixture(scope="module")
def keyed(zerocad_bin, ckpt, tmp_path_factory):
    env_log = tmp_path_factory.mktemp("keyed") / "serve.log"
    os.environ["ZC_SERVE_TEST_KEY"] = KEY
    s = Server(zerocad_bin, ckpt, env_log, "--api-key-env", "ZC_SERVE_TEST_KEY", "--max-body", "2000",
               "--model-name", "cad-model")
    yield s
    s.stop()


def test_api_key_required(keyed):
    body = dict(ask(), model="cad-model")
    check_error(*keyed.post(body), 401, "invalid_api_key")
    check_error(*keyed.post(body, {"Authorization": "Bearer wrong"}), 401, "invalid_api_key")
    check_error(*keyed.post(body, {"Authorization": "Bearer " + KEY + "x"}), 401, "invalid_api_key")
    status, models = keyed.request("GET", "/v1/models")
    check_error(status, json.loads(models), 401, "invalid_api_key")
    assert keyed.request("GET", "/health")[0] == 200
    status, ans = keyed.post(body, {"Authorization": "Bearer " + KEY})
    assert status == 200 and ans["model"] == "cad-model"
    status, models = keyed.request("GET", "/v1/models", headers={"Authorization": "Bearer " + KEY})
    assert [m["id"] for m in json.loads(models)["data"]] == ["cad-model"]


def test_body_too_large(keyed):
    auth = {"Authorization": "Bearer " + KEY}
    big = dict(ask("x" * 5000), model="cad-model")
    check_error(*keyed.post(big, auth), 413, "request_too_large")
    # the same with a chunked body (no Content-Length): refused once it passes the limit
    c = http.client.HTTPConnection("127.0.0.1", keyed.port, timeout=60)
    c.request("POST", "/v1/chat/completions", body=iter([json.dumps(big).encode()]),
              headers={"Content-Type": "application/json", **auth}, encode_chunked=True)
    r = c.getresponse()
    check_error(r.status, json.loads(r.read()), 413, "request_too_large")
    c.close()
    # and the key is checked before the size
    check_error(*keyed.post(big), 401, "invalid_api_key")
    assert keyed.post(dict(ask(), model="cad-model"), auth)[0] == 200
