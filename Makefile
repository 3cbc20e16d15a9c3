# idvset — build, run, test. The Quick start in README.md is `make run` and `make test`.
GO          ?= go
export GOTOOLCHAIN := local
export CGO_ENABLED := 1

BIN         := bin/idvset
# `make run` keeps its database inside the checkout, so trying the editor never touches
# the real default ($XDG_DATA_HOME/idvset/settings.db).
RUN_DB      ?= $(CURDIR)/.data/settings.db
STATICCHECK_VERSION := v0.8.2
GOBIN       := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN)/staticcheck
FUZZTIME    ?= 30s
BENCHTIME   ?= 1s
# PTY=1 makes `make bench` run the pseudo-terminal benchmarks too (make bench-pty).
PTY         ?=
PTY_RUNS    ?= 11

.PHONY: build run test lint staticcheck unit bench bench-pty profile torture fuzz clean

build:
	$(GO) build -o $(BIN) .

run: build
	./$(BIN) --db "$(RUN_DB)"

test: lint unit

# Under -race TestEverySize samples the larger terminal sizes (a frame costs 10x more);
# the second run draws every size (the editor's and each pane's) without it. The race
# detector also changes allocation, so the model's memory bounds are measured in a run
# without it.
unit:
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run '^TestEverySize$$' ./tui/...
	$(GO) test -count=1 -run '^(TestHostileDocumentsAreBounded|TestDecodeRefusesLargeDocuments)$$' ./model

lint: staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

# Installs staticcheck at the pinned version when it is missing or another version.
staticcheck:
	@$(STATICCHECK) -version 2>/dev/null | grep -q '($(STATICCHECK_VERSION:v%=%))' || \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# The packages' benchmarks (Update+View of each pane and widget, saves, parsing); the
# pseudo-terminal ones are skipped unless PTY=1, which runs make bench-pty after them.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...
ifeq ($(PTY),1)
	@$(MAKE) --no-print-directory bench-pty
else
	@echo "bench: the pseudo-terminal benchmarks of the binary were skipped: make bench PTY=1, or make bench-pty"
endif

# The real binary in a pseudo-terminal (ptybench_test.go) at 80x24, 120x40 and 200x50, beside
# a minimal Bubble Tea program, on the realistic database at 1 and 10,000 revisions: first
# frame, key → last byte and bytes per key, peak RSS; then history and export, and the size
# of a revision; medians of PTY_RUNS interleaved runs. The database is written once under
# .data/bench (1 GB, some minutes; again when persist or model change). See
# docs/PERFORMANCE.md.
bench-pty:
	IDVSET_PTY_BENCH=1 IDVSET_PTY_RUNS=$(PTY_RUNS) $(GO) test -run '^$$' -bench '^Benchmark(PTY|CLI)' -benchtime 1x -timeout 90m .

# CPU and allocation profiles of the real binary from its start to its first frame, at 1 and
# 10,000 revisions (profile_test.go), kept in .data/profile with their top functions printed.
profile:
	IDVSET_PROFILE_DIR=$(CURDIR)/.data/profile $(GO) test -count=1 -v -run '^TestProfileStartup$$' -timeout 60m .

# The store's torture tests at full size (make test runs them small): 1,000 SIGKILLs in the
# middle of saves, 8 writer processes of 100 saves each, 80 saves on a nearly full disk.
# Each prints a "figures:" line. See docs/RELIABILITY.md.
torture:
	IDVSET_TORTURE=1 $(GO) test -count=1 -v -timeout 90m \
		-run '^(TestCrashDuringSaves|TestConcurrentWriters|TestFullDiskDuringSave)$$' ./persist

# Runs every fuzz target for FUZZTIME each, all of them even when one fails. Go keeps an input
# that fails in the package's testdata/fuzz/FuzzX/, where `make test` runs it as a seed from
# then on: commit it with the fix.
fuzz:
	@failed=""; for pkg in $$($(GO) list ./...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
			out=$$($(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg 2>&1); rc=$$?; \
			echo "== $$pkg $$f: $$(echo "$$out" | grep '^fuzz: elapsed' | tail -1 | sed -e 's/^fuzz: //' -e 's| ([0-9]*/sec)||')"; \
			if [ $$rc -ne 0 ]; then echo "$$out" | tail -40; failed="$$failed $$pkg.$$f"; fi; \
		done; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: failures in:$$failed"; \
		echo "fuzz: the failing inputs are kept under testdata/fuzz/ in their packages (git status shows them)"; \
		exit 1; \
	fi

clean:
	rm -rf bin .data
