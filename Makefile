# The two commands: `make run` and `make test`. Each installs what is missing first.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
DIARY := rapport.sqlite3

.PHONY: run test deps test-deps app test-core test-commands test-e2e demo bench

## Build Rapport and open it on your diary (or on RAPPORT_DATA_DIR when set).
run: deps app
	./target/debug/rapport

## Every test: the core, the commands, and end to end in a real window.
test: test-deps test-core test-commands test-e2e

## Open Rapport on a freshly generated sample diary (a few hundred people), not yours.
demo: deps app
	rm -rf target/demo && mkdir -p target/demo
	$(CARGO) run -q --release -p rapport-core --bin rapport-sample -- demo target/demo/$(DIARY)
	RAPPORT_DATA_DIR=target/demo ./target/debug/rapport

## The benchmark over generated 1k, 10k and 30k-person diaries (release build).
bench:
	$(CARGO) bench -p rapport-core --bench diary

deps:
	@scripts/install-deps.sh build

test-## Open Rapport on a freshly generated sample diary (a few hundred people), not yours.
demo: deps app
	rm -rf target/demo && mkdir -p target/demo
	$(CARGO) run -q --release -p rapport-core --bin rapport-sample -- demo target/demo/$(DIARY)
	RAPPORT_DATA_DIR=target/demo ./target/debug/rapport

## The benchmark over generated 1k, 10k and 30k-person diaries (release build).
bench:
	$(CARGO) bench -p rapport-core --bench diary

deps:
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
