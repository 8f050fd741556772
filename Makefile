# Makefile: the front door. `make` builds, `make test` installs what is needed, builds and
# runs every test; `make demo` runs the demo (`make demo MODEL=DIR` with a Qwen3-VL checkpoint);
# `make bench` the benchmarks; `make asan` the tests under AddressSanitizer/UndefinedBehaviorSanitizer.
BUILD     ?= build
ASANBUILD ?= build-asan
JOBS      ?= $(shell nproc)
PYTHON    := /usr/bin/python3

.PHONY: all deps test demo bench asan fuzz soak clean

all:
	@test -f $(BUILD)/Makefile || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

deps:
	bash scripts/install-deps.sh

test: deps all
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	ZEROCAD=$(CURDIR)/$(BUILD)/zerocad PYTHONPATH=$(CURDIR)/$(BUILD)/python $(PYTHON) -m pytest -q -rfE --timeout=1200 tests

demo: deps all
	MODEL="$(MODEL)" bash scripts/demo.sh $(BUILD)/zerocad demo-out

bench: deps all
	bash scripts/bench.sh $(BUILD)

asan: deps
	@test -f $(ASANBUILD)/Makefile || cmake -S . -B $(ASANBUILD) -DCMAKE_BUILD_TYPE=Debug -DZC_SANITIZE=ON
	cmake --build $(ASANBUILD) -j $(JOBS)
	cd $(ASANBUILD) && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -j $(JOBS)

# Every libFuzzer target under fuzz/ for FUZZ_SECONDS each (needs clang: apt-get install clang).
FUZZ_SECONDS ?= 60
fuzz: deps
	@test -d build-fuzz || CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DZC_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS)
	@for d in fuzz/*/; do n=$$(basename $$d); \
	  echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	  mkdir -p build-fuzz/corpus-$$n; \
	  ./build-fuzz/fuzz/$$n/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus-$$n $$d/corpus || exit 1; done

# The executor's soak test: SOAK_N hostile and valid programs through one `zerocad exec` (root:
# it mounts a tmpfs; minutes; not part of `make test`). See docs/exec.md.
SOAK_N ?= 10000
soak: all
	ZEROCAD=$(CURDIR)/$(BUILD)/zerocad $(PYTHON) tests/exec/soak/run_soak.py --n $(SOAK_N)

clean:
	rm -rf $(BUILD) $(ASANBUILD)
