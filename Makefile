# The two commands: `make run` and `make test`. Each installs what is missing first.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
DIARY := rapport.sqlite3

.PHONY: run test lint deps test-deps app test-core test-commands test-e2e demo bench fuzz package package-deps package-test

## Build Rapport and open it on your diary (or on RAPPORT_DATA_DIR when set).
run: deps app
	./target/debug/rapport

## Every test: the core, the commands, end to end in a real window, and the package.
test: test-deps lint test-core test-commands test-e2e package-test

## Open Rapport on a freshly generated sample diary (a few hundred people), not yours.
demo: deps app
	rm -rf target/demo && mkdir -p target/demo
	$(CARGO) run -q --release -p rapport-sample --bin rapport-sample -- demo target/demo/$(DIARY)
	RAPPORT_DATA_DIR=target/demo ./target/debug/rapport

## The benchmark over generated 1k, 10k and 30k-person diaries (release build), then the
## whole app's start-up and memory in a real window against a bare Tauri window's, then
## the sync engine holding each diary.
bench: test-deps
	$(CARGO) build --release -p rapport -p rapport-bare-window
	$(CARGO) bench -p rapport-core --bench diary
	$(CARGO) bench -p rapport-core --bench archive
	$(CARGO) bench -p rapport-e2e --bench app
	$(CARGO) bench -p rapport-core --bench sync
	$(CARGO) bench -p rapport-core --bench devices

## Fuzz the import parsers and typed text, FUZZ_SECONDS (60) each; not part of `make test`.
## New inputs go to fuzz/scratch/; a crash is saved in fuzz/artifacts/ and stops the run.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := import_file vcard contacts_csv typed_text archive_messenger archive_whatsapp archive_calendar archive_mail archive_linkedin archive_x
fuzz:
	@scripts/install-deps.sh fuzz
	cd src-tauri/core/fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p scratch/$$t && \
	  RUSTC_BOOTSTRAP=1 ../../../target/tools/bin/cargo-fuzz run -O $$t scratch/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 || exit 1; \
	done

## A release .deb in target/release/bundle/deb/, made by Tauri's bundler.
package: package-deps
	target/tools/node_modules/.bin/tauri build --bundles deb

## Builds the .deb, checks and installs it, opens the installed app, removes it again.
package-test: test-deps package
	$(CARGO) test -p rapport-e2e --test package -- --ignored

## Style that checks itself: formatting, clippy with warnings as errors on every crate,
## and the four lists of commands (builder, build.rs, capability, ui/api.js) agreeing.
lint: deps
	$(CARGO) fmt --all --check
	rustfmt --edition 2021 --check src-tauri/core/fuzz/fuzz_targets/*.rs
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) test -q -p rapport --test command_list

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

package-deps:
	@scripts/install-deps.sh package

app:
	$(CARGO) build -p rapport

test-core:
	$(CARGO) test -p rapport-core

test-commands:
	$(CARGO) test -p rapport

# One window at a time: each test starts its own display, bus, dunst and app.
test-e2e: app
	$(CARGO) test -p rapport-e2e -- --test-threads=1
