# The two commands: `make run` and `make test`. Each installs what is missing first.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: run test deps test-deps app test-core test-commands test-e2e

## Build Rapport and open it on your diary (or on RAPPORT_DATA_DIR when set).
run: deps app
	./target/debug/rapport

## Every test: the core, the commands, and end to end in a real window.
test: test-deps test-core test-commands test-e2e

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

app:
	$(CARGO) build -p rapport

test-core:
	$(CARGO) test -p rapport-core

test-commands:
	$(CARGO) test -p rapport

# One window at a time: each test starts its own display, bus, dunst and app.
test-e2e: app
	$(CARGO) test -p rapport-e2e -- --test-threads=1
