# Quimbi — the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/quimbi
# The one release build: `make release`, `make demo`, `make bench` and Deploy/Dockerfile all run exactly this
# (Swift runtime linked statically, so the container image needs only the C libraries).
RELEASE_BUILD := $(SWIFT) build -c release --product quimbi --static-swift-stdlib

.PHONY: deps build release demo test bench fake-shopify intent-head intent-evaluate clean

deps:
	@bash Deploy/local/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE_BUILD)

demo: release
	$(RELEASE_BIN) demo --exit-when-done

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

bench: release
	$(RELEASE_BIN) bench

# The fake Shopify of the benchmarks, a test tool of its own (not in the shipped binary); see README, Benchmark.
fake-shopify: deps
	$(SWIFT) build -c release --product quimbi-fake-shopify

# Retrains the intent head from Schemas/intents/training (deterministic), then rebuilds with it.
intent-head: release
	$(RELEASE_BIN) intent train
	$(RELEASE_BUILD)

# The lexicon, the model and their combination on the held-out part and the blind round.
intent-evaluate: release
	$(RELEASE_BIN) intent evaluate --set Schemas/intents/blind/round5.jsonl --set Schemas/intents/blind/round7.jsonl

clean:
	rm -rf .build
