#!/usr/bin/env python3
"""An independent reference of the Qwen2 byte-level BPE tokenizer in Python (a hand-written
scanner for the pre-tokenizer regex, unicodedata for NFC and character classes, the classic GPT-2
merge loop; Debian's python3 only), used to produce
expected ids for crafted and random strings: regex edge cases (contractions, digits, whitespace
runs, newlines), CJK, emoji, combining marks and invalid UTF-8.
Usage: ref_tokenizer.py SRC_DIR OUT_CASES.json [N_RANDOM]
Writes {"cases": [{"text" | "bytes_hex", "ids", "decoded"}]} for test_tokenizer_cases."""
import json
import random
import re
import sys
import unicodedata

# Unicode White_Space (what \s means for Oniguruma, the engine of the tokenizers library).
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | \
    {chr(c) for c in range(0x2000, 0x200B)}
CONTRACTIONS = ("s", "t", "re", "ve", "m", "ll", "d")


def is_letter(c):
    return unicodedata.category(c).startswith("L")


def is_number(c):
    return unicodedata.category(c).startswith("N")


def is_other(c):
    return not (c in WHITE_SPACE or is_letter(c) or is_number(c))


def match_end(s, i):
    """End of the match at s[i] of the Qwen2 pattern, alternative by alternative:
    (?i:'s|'t|'re|'ve|'m|'ll|'d) | [^\\r\\n\\p{L}\\p{N}]?\\p{L}+ | \\p{N} |
    ' '?[^\\s\\p{L}\\p{N}]+[\\r\\n]* | \\s*[\\r\\n]+ | \\s+(?!\\S) | \\s+"""
    n, c = len(s), s[i]
    if c == "'":
        for suffix in CONTRACTIONS:
            seg = s[i + 1:i + 1 + len(suffix)]
            if len(seg) == len(suffix) and seg.lower() == suffix:
                return i + 1 + len(suffix)
    start = i + 1 if (not is_letter(c) and not is_number(c) and c not in "\r\n") else i
    if start < n and is_letter(s[start]):
        k = start
        while k < n and is_letter(s[k]):
            k += 1
        return k
    if is_number(c):
        return i + 1
    start = i + 1 if c == " " else i
    if start < n and is_other(s[start]):
        k = start
        while k < n and is_other(s[k]):
            k += 1
        while k < n and s[k] in "\r\n":
            k += 1
        return k
    # c is white space here
    j = i
    while j < n and s[j] in WHITE_SPACE:
        j += 1
    newlines = [k for k in range(i, j) if s[k] in "\r\n"]
    if newlines:
        return newlines[-1] + 1
    if j == n or j - 1 == i:
        return j
    return j - 1


def pretokenize(s):
    pieces, i = [], 0
    while i < len(s):
        j = match_end(s, i)
        pieces.append(s[i:j])
        i = j
    return pieces


def bytes_to_unicode():
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    table, extra = {}, 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


class Reference:
    def __init__(self, src):
        with open(f"{src}/vocab.json", encoding="utf-8") as f:
            self.vocab = json.load(f)
        self.ranks = {}
        with open(f"{src}/merges.txt", encoding="utf-8") as f:
            rank = 0
            for i, line in enumerate(f):
                line = line.rstrip("\r\n")
                if (i == 0 and line.startswith("#version")) or not line:
                    continue
                self.ranks[tuple(line.split(" "))] = rank
                rank += 1
        with open(f"{src}/tokenizer_config.json", encoding="utf-8") as f:
            config = json.load(f)
        self.added = {t["content"]: int(k) for k, t in config["added_tokens_decoder"].items()}
        alternatives = sorted(self.added, key=len, reverse=True)
        self.added_re = re.compile("|".join(re.escape(a) for a in alternatives))
        self.byte_char = bytes_to_unicode()

    def bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get((parts[i], parts[i + 1]), None), i) for i in range(len(parts) - 1)]
            pairs = [p for p in pairs if p[0] is not None]
            if not pairs:
                break
            best = min(pairs)[0]
            merged, i = [], 0
            while i < len(parts):
                if i + 1 < len(parts) and self.ranks.get((parts[i], parts[i + 1])) == best:
                    merged.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        return [self.vocab[p] for p in parts]

    def encode_plain(self, text):
        ids = []
        for piece in pretokenize(unicodedata.normalize("NFC", text)):
            word = "".join(self.byte_char[b] for b in piece.encode("utf-8"))
            ids += self.bpe(word)
        return ids

    def encode(self, text):
        """Returns (ids, the text decoding them gives back)."""
        ids, decoded, pos = [], "", 0
        for m in self.added_re.finditer(text):
            ids += self.encode_plain(text[pos:m.start()])
            decoded += unicodedata.normalize("NFC", text[pos:m.start()]) + m.group()
            ids.append(self.added[m.group()])
            pos = m.end()
        ids += self.encode_plain(text[pos:])
        decoded += unicodedata.normalize("NFC", text[pos:])
        return ids, decoded


# Hand-picked edge cases of the pre-tokenizer regex and the normalizer.
CRAFTED = [
    "it's", "IT'S", "we'RE they'Ve I'M you'LL he'D", "'s", "x's's", "'x", "don't", "''s",
    "1234567890", "a1b22c333", "٣٤٥ ۱۲ ⅫⅢ", "3.14159", "12abc", "abc12",
    " ", "  ", "   ", "a  b", "a   b", "a    ", "\t", "\t\t x", " \t\n", "a \n b",
    "\n", "\n\n\n", "\r\n", "a\r\n\r\nb", "x\n \n y", "end\n", "  \n  ", "\u00a0a\u3000b\u2003c",
    "你好，世界！", "日本語のテキスト", "한국어 텍스트", "中文English混合123",
    "😀", "😀😀 😀", "👍🏽", "👨‍👩‍👧‍👦 family", "🤗 Transformers", "a😀b",
    "!\u180e", "a\u180e\u180e b", "x \u180e\n", "\u2028\u2029\x85 a",
    "e\u0301", "Cafe\u0301 na\u0308ive", "\u1100\u1161\u11a8", "Å Å",
    "<|im_start|>user\nhi<|im_end|>\n", "<|im_start|><|im_end|>", "<|im_start|", "<think>x</think>",
    "<tool_call>{}</tool_call>", "a<|endoftext|>b", "<|vision_start|><|image_pad|><|image_pad|><|vision_end|>",
    "x" * 300, "ab" * 200, " " * 100 + "a", "\n" * 50, "9" * 40,
    "def f(x):\n    return x**2  # square\n", "import cadquery as cq\nr = cq.Workplace(\"XY\").box(1, 2, 3)\n",
]

PIECES = (list("abcxyzABCXYZ") + ["the", "The", " the", "hello", "Hello"] + list("0123456789") +
          ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "'x", "'"] +
          [" ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "\u00a0", "\u3000", "\u2009"] +
          list(".,;:!?-_()[]{}<>/\\|@#$%^&*+=~`\"") +
          list("你好世界中文日本語한국") + ["😀", "👍", "🏽", "\u200d", "🤗", "❤️"] +
          ["e\u0301", "a\u0308", "é", "ñ", "ß", "Ω", "ж", "Д", "ع", "א", "ก", "ा"] +
          ["<|im_start|>", "<|im_end|>", "<think>", "<|endoftext|>", "<|image_pad|>"])

# Invalid UTF-8 byte strings: the tokenizer reads each maximal invalid subpart as U+FFFD.
INVALID = [b"\xff", b"a\xffb", b"\xc3", b"\xc3(", b"\xe2\x82", b"\xe2\x82x", b"\xed\xa0\x80",
           b"\xf0\x9f\x98", b"\xf0\x9f\x98 ok", b"\xc0\xaf", b"\xf5\x80\x80\x80", b"abc\x80\x80def",
           b"\xf4\x90\x80\x80", b"<|im_start|>\xfe<|im_end|>", b"\xe4\xbd\xa0\xe5\xa5"]


def main():
    src, out = sys.argv[1], sys.argv[2]
    n_random = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    ref = Reference(src)
    cases = []
    for text in CRAFTED:
        ids, decoded = ref.encode(text)
        cases.append({"text": text, "ids": ids, "decoded": decoded})
    rng = random.Random(20260807)
    for _ in range(n_random):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        ids, decoded = ref.encode(text)
        cases.append({"text": text, "ids": ids, "decoded": decoded})
    for raw in INVALID:
        ids, decoded = ref.encode(raw.decode("utf-8", errors="replace"))
        cases.append({"bytes_hex": raw.hex(), "ids": ids, "decoded": decoded})
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"source": "tests/tokenizer/ref_tokenizer.py", "cases": cases}, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
