# Quimbi — the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/quimbi
# The one release build: `make release`, `make demo`, `make bench` and Deploy/Dockerfile all run exactly this
# (Swift runtime linked statically, so the container image needs only the C libraries).
RELEASE_BUILD := $(SWIFT) build -c release --product quimbi --static-swift-stdlib

.PHONY: deps build release demo demo-llm test bench fake-shopify intent-head intent-evaluate clean

deps:
	@bash Deploy/local/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE_BUILD)

demo: release
	$(RELEASE_BIN) demo --exit-when-done

# The demo with LLM drafts from a small local model (SmolLM2-135M-Instruct, English only) served by
# Deploy/local/llm_server.py on 127.0.0.1:8089. It answers one request at a time, 15-30 s each on two
# cores, so the demo publishes few tickets and gives each a deadline long enough to wait its turn.
demo-llm: release
	@bash Deploy/local/install-llm.sh
	@python3 Deploy/local/llm_server.py --port 8089 & server=$$!; trap "kill $$server" EXIT; \
	for attempt in $$(seq 120); do curl -sf http://127.0.0.1:8089/health >/dev/null && break; \
	  kill -0 $$server 2>/dev/null || { echo "llm_server.py stopped before answering (see above)"; exit 1; }; sleep 0.5; done; \
	curl -sf http://127.0.0.1:8089/health >/dev/null || { echo "llm_server.py did not answer within 60 s"; exit 1; }; \
	$(RELEASE_BIN) demo --exit-when-done --tickets 3 --llm-url http://127.0.0.1:8089/v1 --llm-model SmolLM2-135M-Instruct --ticket-deadline-ms 90000

# The tests run the LLM drafter against the real local model too (RealModelDraftTests): install it.
test: deps
	@bash Deploy/local/install-llm.sh
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
