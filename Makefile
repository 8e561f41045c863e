# declinekit — common tasks. `make help` lists them.

MODULE  := github.com/declinekit/declinekit
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X $(MODULE)/internal/version.Version=$(VERSION) -X $(MODULE)/internal/version.Commit=$(COMMIT)
GENERATED := swagger.json swagger.yaml openapi.json openapi.yaml

.PHONY: help run build test test-short vet fmt fmt-check openapi openapi-check lint-openapi fuzz load-test bench bench-http lexicon check docker

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

run: ## run the service with its embedded defaults on :8080
	go run ./cmd/declinekit

build: ## build a static binary into bin/declinekit, version from git
	CGO_ENABLED=0 go build -trimpath -ldflags "$(LDFLAGS)" -o bin/declinekit ./cmd/declinekit

test: ## run every test with the race detector
	go test -race -count=1 ./...

test-short: ## run the fast tests only
	go test -short ./...

vet: ## go vet
	go vet ./...

fmt: ## gofmt the tree
	gofmt -w $$(git ls-files '*.go')

fmt-check: ## fail when a file is not gofmt-clean
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

openapi: ## regenerate openapi/ (swag, then OpenAPI 3.0 conversion) and the Go client in client/
	go generate ./openapi

openapi-check: ## fail when openapi/ or client/ differs from what the annotations generate
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	go run ./internal/tools/openapigen -root . -out "$$tmp" -client-out "$$tmp/client.gen.go" >/dev/null && \
	for f in $(GENERATED); do \
	  if ! cmp -s "$$tmp/$$f" "openapi/$$f"; then \
	    echo "openapi/$$f is stale: run 'make openapi' and commit the result"; diff -u "openapi/$$f" "$$tmp/$$f" | head -20; exit 1; \
	  fi; \
	done; \
	if ! cmp -s "$$tmp/client.gen.go" client/client.gen.go; then \
	  echo "client/client.gen.go is stale: run 'make openapi' and commit the result"; diff -u client/client.gen.go "$$tmp/client.gen.go" | head -20; exit 1; \
	fi; echo "openapi/ and client/ are up to date"

lint-openapi: ## lint the OpenAPI 3.0 document with Redocly CLI (pinned in package.json; needs Node.js)
	@[ -d node_modules/@redocly/cli ] || npm ci --no-audit --no-fund
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint openapi/openapi.json --format=stylish

FUZZTIME ?= 15s
FUZZ_TARGETS := ./api:FuzzDecodeDraftRequest ./api:FuzzDecodeReviewRequest ./api:FuzzMailbox ./api:FuzzAppendString \
	./service/library:FuzzParseInline ./service/library:FuzzRender \
	./service/encode:FuzzMailto ./service/encode:FuzzHTML ./service/encode:FuzzEML \
	./service/review:FuzzReview

# The fuzzing engine sometimes ends a run with "context deadline exceeded"
# when the time runs out while it is still handling a new input; that run
# found no failure (it writes no failing input), so it is run once more.
# A real failure always names the input it wrote to testdata/fuzz.
fuzz: ## run every fuzz target for FUZZTIME (default 15s) each
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$fn in $$pkg for $(FUZZTIME)"; \
	  for try in 1 2; do \
	    out=$$(go test $$pkg -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s 2>&1); rc=$$?; \
	    echo "$$out" | tail -4; \
	    [ $$rc -eq 0 ] && break; \
	    if [ $$try -eq 1 ] && echo "$$out" | grep -q 'context deadline exceeded' && ! echo "$$out" | grep -q 'Failing input written'; then \
	      echo "   the engine timed out without a failing input; running $$fn again"; continue; \
	    fi; \
	    echo "$$out"; exit 1; \
	  done; \
	done

lexicon: ## recompile service/review/lexicon.bin after editing lexicon.yaml (a test fails while it is stale)
	go test ./service/review -run TestLexiconBinIsCurrent -update

bench: ## in-process benchmarks (compose, review, decode + validate, the whole POST /drafts handler)
	go test -run '^$$' -bench . -benchmem ./service/compose ./service/review ./service/library ./api

bench-http: ## HTTP benchmark with wrk against a static-bytes reference (needs wrk; see BENCHMARKS.md)
	bash bench/bench-http.sh

load-test: ## bounded loopback load on POST /drafts with vegeta, steady and through SIGTERM (about 20 s)
	go test -tags load -run Load -count=1 -v ./cmd/declinekit

check: fmt-check vet openapi-check lint-openapi test ## everything CI checks (CI also runs fuzz and load-test)

docker: ## build the container image (needs a Docker engine)
	docker build --build-arg VERSION=$(VERSION) --build-arg COMMIT=$(COMMIT) -t declinekit:$(VERSION) .
