# Quimbi — the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/quimbi

.PHONY: deps build release demo test bench clean

deps:
	@bash Deploy/local/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product quimbi

demo: release
	$(RELEASE_BIN) demo --exit-when-done

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

bench: release
	$(RELEASE_BIN) bench

clean:
	rm -rf .build
