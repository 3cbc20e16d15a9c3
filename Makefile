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

.PHONY: build run test lint staticcheck unit bench fuzz clean

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

# Runs every fuzz target for FUZZTIME each (seed corpora live in testdata/fuzz).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

clean:
	rm -rf bin .data
