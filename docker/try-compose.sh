#!/usr/bin/env bash
# Tries docker/compose.yaml as a user would: builds the images, starts everything
# (docker compose up -d), waits until every service is healthy, posts the runs and fingerprints of
# two workflows to ingest with curl, waits for their verdicts on the reconcilers and for the alert
# at the example receiver (Alertmanager), prints them, then stops and removes everything
# (docker compose down -v). Exit code 0 when all of it worked; each step prints how long it took.
#
#   docker/try-compose.sh [--base IMAGE] [--skip-build] [--keep]
#
#   --base IMAGE   the images' base, an image with a Java 17 runtime (or DUALRUN_BASE_IMAGE;
#                  default eclipse-temurin:17-jre). Without an image registry,
#                  docker/base/debootstrap.sh builds one (docs/deploy.md).
#   --skip-build   use the images built before
#   --keep         leave everything running; stop it with
#                  docker compose -p dualrun-trial -f docker/compose.yaml down -v
#
# Needs docker with compose (docker compose, or docker-compose 1.29) and curl; runs ./mvnw to
# build the jars the images copy when they are missing. TRY_TIMEOUT (seconds, default 600) bounds
# each wait.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${DUALRUN_BASE_IMAGE:-}
build=true
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base=${2:?--base needs an image}; shift 2 ;;
    --skip-build) build=false; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "try-compose: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
timeout=${TRY_TIMEOUT:-600}
project=dualrun-trial
file=docker/compose.yaml
if docker compose version > /dev/null 2>&1; then
  compose=(docker compose -p "$project" -f "$file")
elif command -v docker-compose > /dev/null; then
  compose=(docker-compose -p "$project" -f "$file")
else
  echo "try-compose: neither 'docker compose' nor docker-compose is installed" >&2
  exit 1
fi
export DUALRUN_BASE_IMAGE=${base:-eclipse-temurin:17-jre}
# the tokens compose.yaml gives ingest (its defaults unless set here)
export DUALRUN_AIRFLOW_TOKEN=${DUALRUN_AIRFLOW_TOKEN:-local-trial-airflow-token}
export DUALRUN_CRON_TOKEN=${DUALRUN_CRON_TOKEN:-local-trial-cron-token}

ingest=http://127.0.0.1:7070
reconciler_1=http://127.0.0.1:7071
reconciler_2=http://127.0.0.1:7072
alertmanager=http://127.0.0.1:9093

started=$SECONDS
step=$SECONDS
say() { printf '[%4ds] %s\n' "$((SECONDS - started))" "$*"; }
took() { local s=$((SECONDS - step)); step=$SECONDS; say "$* ($s s)"; }
fail() {
  say "FAILED: $*"
  exit 1
}

cleanup() {
  local code=$?
  if [ "$code" -ne 0 ] && [ -n "${up:-}" ]; then
    echo "--- docker compose ps"
    "${compose[@]}" ps || true
    for service in $("${compose[@]}" ps --services 2>/dev/null); do
      echo "--- last log lines of $service"
      "${compose[@]}" logs --no-color --tail 15 "$service" 2>&1 | tail -15 || true
    done
  fi
  if [ -n "${up:-}" ] && ! $keep; then
    "${compose[@]}" down -v --remove-orphans > /dev/null 2>&1 || true
    say "stopped and removed the containers, their network and volumes"
  fi
  if [ "$code" -eq 0 ]; then say "OK"; else say "exit code $code"; fi
}
trap cleanup EXIT

# 1. the jars the images copy, then the images
if $build; then
  if [ ! -d cli/target/lib ] || [ ! -d platform/target/apicurio-registry ]; then
    ./mvnw -q -DskipTests -pl cli -am package
    took "built the project's jars"
  fi
  ./mvnw -q -f docker/kafka/pom.xml package
  took "collected Kafka's jars (docker/kafka/target/lib)"
  args=()
  [ -n "$base" ] && args=(--build-arg "BASE=$base")
  for image in \
      "docker/Dockerfile dualrun:latest" \
      "docker/kafka/Dockerfile dualrun-kafka:4.3.1" \
      "docker/registry/Dockerfile dualrun-registry:2.6.13.Final" \
      "docker/alertmanager/Dockerfile dualrun-alertmanager:latest"; do
    read -r dockerfile tag <<< "$image"
    log=$(mktemp)
    docker build "${args[@]}" -f "$dockerfile" -t "$tag" . > "$log" 2>&1 \
      || { tail -30 "$log"; rm -f "$log"; fail "could not build $tag"; }
    rm -f "$log"
    took "built $tag from $dockerfile${base:+ on $base}"
  done
fi

# 2. everything up, and healthy
up=yes
"${compose[@]}" up -d --no-build
took "docker compose up -d"
deadline=$((SECONDS + timeout))
while :; do
  states=$(docker ps -a --filter "label=com.docker.compose.project=$project" \
    --format '{{.Names}} {{.Status}}')
  [ -n "$states" ] || fail "no container of project $project"
  waiting=$(grep -v '(healthy)' <<< "$states" || true)
  [ -z "$waiting" ] && break
  if grep -E 'Exited|Restarting|\(unhealthy\)' <<< "$waiting"; then
    fail "a service stopped or is unhealthy"
  fi
  [ "$SECONDS" -lt "$deadline" ] || { echo "$waiting"; fail "not healthy within $timeout s"; }
  sleep 3
done
took "all $(wc -l <<< "$states") services healthy"

# 3. what two schedulers would post: customer-dim on 2026-11-12, where the candidate (Airflow)
# writes 1.5 % fewer rows than the baseline (cron), and kpi-dashboard the same day, where both agree
post() { # token path body
  local answer
  answer=$(curl -sS -w ' HTTP %{http_code}' -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' --data-binary "$3" "$ingest$2" || true)
  echo "POST $2: $answer"
  [[ $answer == *"HTTP 202" ]] || fail "ingest refused POST $2"
}
run_events() { # workflow side orchestrator runId start end
  cat << EOF
[{"workflow":"$1","partition":"2026-11-12","side":"$2","orchestrator":"$3","runId":"$4",
  "attempt":1,"status":"STARTED","eventTime":"$5"},
 {"workflow":"$1","partition":"2026-11-12","side":"$2","orchestrator":"$3","runId":"$4",
  "attempt":1,"status":"SUCCEEDED","eventTime":"$6"}]
EOF
}
fingerprint() { # workflow side runId output time rows hash
  cat << EOF
{"workflow":"$1","partition":"2026-11-12","side":"$2","runId":"$3","attempt":1,"output":"$4",
 "eventTime":"$5","rowCount":$6,"contentHash":"$7",
 "schema":[{"name":"id","type":"integer"}],
 "columns":[{"name":"id","nulls":0,"min":"1","max":"$6"}]}
EOF
}
post "$DUALRUN_CRON_TOKEN" /v1/events "$(run_events customer-dim baseline cron cron-customer-dim-20261113 \
  2026-11-13T06:10:00Z 2026-11-13T06:32:00Z)"
post "$DUALRUN_CRON_TOKEN" /v1/fingerprints "$(fingerprint customer-dim baseline cron-customer-dim-20261113 \
  dw.dim_customer 2026-11-13T06:32:05Z 2400000 4e3f143a1f1ca2ed)"
post "$DUALRUN_AIRFLOW_TOKEN" /v1/events "$(run_events customer-dim candidate airflow \
  scheduled__2026-11-13T06:10:00+00:00 2026-11-13T06:10:20Z 2026-11-13T06:34:40Z)"
post "$DUALRUN_AIRFLOW_TOKEN" /v1/fingerprints "$(fingerprint customer-dim candidate \
  scheduled__2026-11-13T06:10:00+00:00 dw.dim_customer 2026-11-13T06:34:45Z 2364000 4e3f143a44ef0cc2)"
post "$DUALRUN_CRON_TOKEN" /v1/events "$(run_events kpi-dashboard baseline cron cron-kpi-dashboard-20261113 \
  2026-11-13T06:00:00Z 2026-11-13T06:04:00Z)"
post "$DUALRUN_CRON_TOKEN" /v1/fingerprints "$(fingerprint kpi-dashboard baseline cron-kpi-dashboard-20261113 \
  reporting.kpi_daily 2026-11-13T06:04:02Z 365 0f1e2d3c4b5a6978)"
post "$DUALRUN_AIRFLOW_TOKEN" /v1/events "$(run_events kpi-dashboard candidate airflow \
  scheduled__2026-11-13T06:00:00+00:00 2026-11-13T06:00:15Z 2026-11-13T06:04:30Z)"
post "$DUALRUN_AIRFLOW_TOKEN" /v1/fingerprints "$(fingerprint kpi-dashboard candidate \
  scheduled__2026-11-13T06:00:00+00:00 reporting.kpi_daily 2026-11-13T06:04:33Z 365 0f1e2d3c4b5a6978)"
took "posted 8 run events and 4 fingerprints to ingest"

# 4. the verdicts, each asked of one reconciler instance (it forwards to the instance holding the pair)
verdict() { # url outcome
  local body deadline=$((SECONDS + timeout))
  while :; do
    body=$(curl -sS "$1" 2>/dev/null || true)
    [[ $body == *"\"outcome\":\"$2\""* ]] && break
    [ "$SECONDS" -lt "$deadline" ] || { echo "$body"; fail "no $2 verdict at $1 within $timeout s"; }
    sleep 2
  done
  if command -v jq > /dev/null; then
    jq -c '{key, outcome, revision, reason, decidedAt,
            findings: [.findings[] | {kind, output, column, baselineValue, candidateValue}]}' <<< "$body"
  else
    echo "$body" | cut -c1-800
  fi
}
echo "GET $reconciler_1/v1/pairs/customer-dim/2026-11-12"
verdict "$reconciler_1/v1/pairs/customer-dim/2026-11-12" MISMATCH
took "verdict MISMATCH for customer-dim/2026-11-12"
echo "GET $reconciler_2/v1/pairs/kpi-dashboard/2026-11-12"
verdict "$reconciler_2/v1/pairs/kpi-dashboard/2026-11-12" MATCH
took "verdict MATCH for kpi-dashboard/2026-11-12"

# 5. the alert, as the example receiver (Alertmanager) got it from alerting
query="$alertmanager/api/v2/alerts?filter=workflow%3D%22customer-dim%22"
deadline=$((SECONDS + timeout))
while :; do
  alerts=$(curl -sS "$query" 2>/dev/null || true)
  [[ $alerts == *'"kind":"ROW_COUNT"'* ]] && break
  [ "$SECONDS" -lt "$deadline" ] || { echo "$alerts"; fail "no alert at Alertmanager within $timeout s"; }
  sleep 2
done
echo "GET $query"
if command -v jq > /dev/null; then
  jq -c '.[] | {labels, summary: .annotations.summary, pair_url: .annotations.pair_url, startsAt}' \
    <<< "$alerts"
else
  echo "$alerts" | cut -c1-1500
fi
took "Alertmanager has the alerts of customer-dim"
echo "Alertmanager's log of what it received:"
"${compose[@]}" logs --no-color alertmanager 2>&1 | grep -i 'received alert' | grep -o 'alert=[^ ]*' \
  | sort -u | head -10 || true
link=$(grep -o '"pair_url":"[^"]*"' <<< "$alerts" | head -1 | cut -d'"' -f4)
[ -n "$link" ] || fail "the alert has no pair_url"
status=$(curl -sS -o /dev/null -w '%{http_code}' "$link")
echo "GET $link (the alert's link to the pair): HTTP $status"
[ "$status" = 200 ] || fail "the alert's link answers $status"
say "the whole run took $((SECONDS - started)) s"
