# Makefile: the front door. `make` builds, `make test` installs what is needed, builds and
# runs every test; `make demo` runs the demo; `make bench` the benchmarks; `make asan`
# the tests under AddressSanitizer/UndefinedBehaviorSanitizer.
BUILD     ?= build
ASANBUILD ?= build-asan
JOBS      ?= $(shell nproc)
PYTHON    := /usr/bin/python3

.PHONY: all deps test demo bench asan clean

all:
	@test -d $(BUILD) || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

deps:
	bash scripts/install-deps.sh

test: deps all
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	ZEROCAD=$(CURDIR)/$(BUILD)/zerocad PYTHONPATH=$(CURDIR)/$(BUILD)/python $(PYTHON) -m pytest -q tests

demo: deps all
	bash scripts/demo.sh $(BUILD)/zerocad demo-out

bench: deps all
	bash scripts/bench.sh $(BUILD)

asan: deps
	@test -d $(ASANBUILD) || cmake -S . -B $(ASANBUILD) -DCMAKE_BUILD_TYPE=Debug -DZC_SANITIZE=ON
	cmake --build $(ASANBUILD) -j $(JOBS)
	cd $(ASANBUILD) && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASANBUILD)
