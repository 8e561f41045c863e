#!/usr/bin/env bash
# HTTP benchmark of declinekit against a static-bytes reference, both
# measured in the same run on this machine (see BENCHMARKS.md).
#
# Server on core 0 with GOMAXPROCS=1, wrk on core 1, 32 connections.
# For each benchmarked request, declinekit's answer is captured and the
# reference server returns exactly those bytes; rounds are interleaved so
# both see the same machine conditions. Prints req/s, p50, p99, the ratio
# to the reference (and the reference's p99 beside declinekit's), declinekit's
# peak RSS and its time to first answer.
#
#   make bench-http                   # 3 rounds of 5 s each
#   ROUNDS=5 DURATION=10s make bench-http
#   NAMES="drafts review" make bench-http   # only some of the requests
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNS=${CONNS:-32}
DK_PORT=${DK_PORT:-9200}
REF_PORT=${REF_PORT:-9100}

for tool in wrk taskset curl bc; do
  command -v "$tool" >/dev/null || { echo "bench-http needs $tool: apt-get install -y wrk util-linux curl bc" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "building…"
mkdir -p bin
CGO_ENABLED=0 go build -trimpath -o bin/declinekit ./cmd/declinekit
go build -o bin/refserver ./bench/refserver
go build -o bin/firstbyte ./bench/firstbyte

# The benchmark requests.
draft_body='{"channel":"email","reason":"accepted_other_offer","tone":"warm","details":{"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno","recruiter_name":"Dana Whitfield","recruiter_email":"dana.whitfield@northwind.example"},"options":{"interview_at":"2026-12-03T15:00:00Z","invited_at":"2026-11-30T09:00:00Z","as_of":"2026-12-01T10:00:00Z"}}'
msg='Dear Dana,\n\nThank you very much for inviting me to interview for the Senior Backend Engineer role at Northwind Analytics, and for the time you and the team have already spent on my application. I enjoyed our conversation last week and learning about the platform work.\n\nAfter a lot of thought I have accepted another offer, so I must withdraw from the process and decline the interview scheduled for Thursday. I wanted to let you know as soon as I had decided, so that the slot can go to another candidate.\n\nI have great respect for Northwind Analytics and would be glad to stay in touch; if a suitable role opens in the future, I would love to hear about it.\n\nThank you again for your understanding.\n\nKind regards,\nAlex Moreno\nalex.moreno@example.com'
review_body="{\"channel\":\"email\",\"subject\":\"Senior Backend Engineer role – Alex Moreno\",\"message\":\"$msg\"}"
template_id=email.accepted_other_offer.warm

lua() { # lua FILE BODY: a wrk script that POSTs BODY as JSON
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[%s]==]\n' "$2" > "$1"
}
lua "$work/drafts.lua" "$draft_body"
lua "$work/review.lua" "$review_body"

# Production defaults: request ids, access log at info, recovery, body
# limit, CORS for an origin, metrics — all of it on.
export DECLINEKIT_LOG_LEVEL=info DECLINEKIT_CORS_ORIGINS=https://coach.example.com

echo "time to first answer (5 starts):"
for i in 1 2 3 4 5; do
  DECLINEKIT_ADDR=127.0.0.1:$DK_PORT GOMAXPROCS=1 taskset -c 0 bin/firstbyte -url "http://127.0.0.1:$DK_PORT/healthz" -- bin/declinekit > "$work/fb" 2>/dev/null
  printf '  %s ms\n' "$(cat "$work/fb")"
done

DECLINEKIT_ADDR=127.0.0.1:$DK_PORT GOMAXPROCS=1 taskset -c 0 bin/declinekit > /dev/null &
dk=$!; pids+=("$dk")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$DK_PORT/healthz" >/dev/null && break; sleep 0.05; done

# Capture declinekit's answers; the reference serves them byte for byte.
cap() { # cap NAME CURL-ARGS...
  local name=$1; shift
  curl -sf -D "$work/$name.headers" -o "$work/$name.body" "$@"
  grep -i '^content-type:' "$work/$name.headers" | cut -d' ' -f2- | tr -d '\r' > "$work/$name.type"
}
cap drafts -X POST -H 'Content-Type: application/json' --data-binary "$draft_body" "http://127.0.0.1:$DK_PORT/drafts"
cap templates "http://127.0.0.1:$DK_PORT/templates"
cap template "http://127.0.0.1:$DK_PORT/templates/$template_id"
cap review -X POST -H 'Content-Type: application/json' --data-binary "$review_body" "http://127.0.0.1:$DK_PORT/checklist/review"
for n in drafts templates template review; do
  printf '  %-9s %6d bytes  %s\n' "$n" "$(wc -c < "$work/$n.body")" "$(cat "$work/$n.type")"
done

GOMAXPROCS=1 taskset -c 0 bin/refserver -addr "127.0.0.1:$REF_PORT" -dir "$work" 2>/dev/null &
ref=$!; pids+=("$ref")
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$REF_PORT/templates" && break; sleep 0.05; done

# run PORT NAME: one wrk run, printing "rps p50_ms p99_ms".
run() {
  local port=$1 name=$2 args=()
  case $name in
    drafts) args=(-s "$work/drafts.lua" "http://127.0.0.1:$port/drafts") ;;
    review) args=(-s "$work/review.lua" "http://127.0.0.1:$port/checklist/review") ;;
    templates) args=("http://127.0.0.1:$port/templates") ;;
    template) args=("http://127.0.0.1:$port/templates/$template_id") ;;
  esac
  taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" --latency "${args[@]}" > "$work/wrk.out"
  local non2xx; non2xx=$(grep -c 'Non-2xx' "$work/wrk.out" || true)
  [ "$non2xx" = 0 ] || { echo "non-2xx answers for $name on port $port" >&2; cat "$work/wrk.out" >&2; exit 1; }
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    $1=="50%" { p50=ms($2) }
    $1=="99%" { p99=ms($2) }
    END { printf "%s %.3f %.3f\n", rps, p50, p99 }' "$work/wrk.out"
}

read -r -a names <<< "${NAMES:-drafts templates template review}"
declare -A sum_dk sum_ref p50 p99 p99r
for r in $(seq "$ROUNDS"); do
  for n in "${names[@]}"; do
    read -r rps_dk p50_dk p99_dk < <(run "$DK_PORT" "$n")
    read -r rps_ref _ p99_ref < <(run "$REF_PORT" "$n")
    printf 'round %d  %-9s declinekit %9.0f req/s (p50 %.2f ms, p99 %.2f ms)   reference %9.0f req/s (p99 %.2f ms)   ratio %.2f\n' \
      "$r" "$n" "$rps_dk" "$p50_dk" "$p99_dk" "$rps_ref" "$p99_ref" "$(echo "$rps_dk / $rps_ref" | bc -l)"
    sum_dk[$n]=$(echo "${sum_dk[$n]:-0} + $rps_dk" | bc -l)
    sum_ref[$n]=$(echo "${sum_ref[$n]:-0} + $rps_ref" | bc -l)
    # Keep the worst p99 and the median-ish p50 of the rounds.
    p50[$n]="${p50[$n]:-} $p50_dk"
    if [ -z "${p99[$n]:-}" ] || (( $(echo "$p99_dk > ${p99[$n]}" | bc -l) )); then p99[$n]=$p99_dk; fi
    if [ -z "${p99r[$n]:-}" ] || (( $(echo "$p99_ref > ${p99r[$n]}" | bc -l) )); then p99r[$n]=$p99_ref; fi
  done
done

echo
printf '%-10s %12s %12s %7s %9s %9s %13s\n' request declinekit reference ratio "p50 ms" "p99 ms" "ref p99 ms"
for n in "${names[@]}"; do
  dk_avg=$(echo "${sum_dk[$n]} / $ROUNDS" | bc -l)
  ref_avg=$(echo "${sum_ref[$n]} / $ROUNDS" | bc -l)
  med=$(echo ${p50[$n]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-10s %12.0f %12.0f %7.2f %9.2f %9.2f %13.2f\n' "$n" "$dk_avg" "$ref_avg" "$(echo "$dk_avg / $ref_avg" | bc -l)" "$med" "${p99[$n]}" "${p99r[$n]}"
done
echo
echo "declinekit peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$dk/status)"
