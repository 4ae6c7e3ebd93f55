# Quimbi — the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/quimbi
# The one release build: `make release`, `make demo`, `make bench` and Deploy/Dockerfile all run exactly this
# (Swift runtime linked statically, so the container image needs only the C libraries).
RELEASE_BUILD := $(SWIFT) build -c release --product quimbi --static-swift-stdlib

.PHONY: deps build release demo test bench clean

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

clean:
	rm -rf .build
