#!/usr/bin/env bash
# The cluster topology as processes on loopback: N silo processes (Marketplace.Silo) against one
# PostgreSQL, and gateways (Marketplace.Gateway, Gateway:Mode=Cluster) as cluster clients.
# Used by the multi-process tests and for trying failover by hand.
#   deploy/local/cluster.sh start N        start silos 0..N-1 (silo i: port BASE_PORT+i, Orleans gateway for clients
#                                          ORLEANS_GATEWAY_BASE_PORT+i, health HEALTH_BASE_PORT+i)
#   deploy/local/cluster.sh start-one I    (re)start silo I
#   deploy/local/cluster.sh kill I         kill -9 silo I (a crash: no graceful leave)
#   deploy/local/cluster.sh gateway J      start gateway J: GraphQL on http://127.0.0.1:(GATEWAY_BASE_PORT+J)/graphql
#   deploy/local/cluster.sh stop           stop every gateway and silo gracefully (SIGTERM)
# Environment: ConnectionStrings__Postgres (required), CLUSTER_ID (default "local"), BASE_PORT (21111),
# HEALTH_BASE_PORT (28081), ORLEANS_GATEWAY_BASE_PORT (30000: the port each silo accepts Orleans clients on,
# e.g. the gateways), GATEWAY_BASE_PORT (28080 - 100 = 27980), STATE_DIR (.tmp/cluster: pid and
# log files), SILO_DLL / GATEWAY_DLL (built Release when missing), SILO_ARGS / GATEWAY_ARGS (extra
# arguments for every silo / gateway, e.g. --Silo:GrainAssemblies:0=/path/grains.dll, --Auth:AdminToken=x).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${STATE_DIR:-$root/.tmp/cluster}"
base_port="${BASE_PORT:-21111}"
health_base="${HEALTH_BASE_PORT:-28081}"
orleans_gateway_base="${ORLEANS_GATEWAY_BASE_PORT:-30000}"
cluster_id="${CLUSTER_ID:-local}"
gateway_base="${GATEWAY_BASE_PORT:-27980}"
dll="${SILO_DLL:-$root/src/Silo/bin/Release/net10.0/Marketplace.Silo.dll}"
gateway_dll="${GATEWAY_DLL:-$root/src/Gateway/bin/Release/net10.0/Marketplace.Gateway.dll}"
mkdir -p "$state"

: "${ConnectionStrings__Postgres:?set ConnectionStrings__Postgres (e.g. from scripts/postgres.sh start)}"

ensure_built() {
  [ -f "$dll" ] || dotnet build "$root/src/Silo/Marketplace.Silo.csproj" -c Release -nologo -v q >&2
}

ensure_gateway_built() {
  [ -f "$gateway_dll" ] || dotnet build "$root/src/Gateway/Marketplace.Gateway.csproj" -c Release -nologo -v q >&2
}

start_one() {
  local i="$1"
  local pidfile="$state/silo$i.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "silo $i already running" >&2; return; fi
  # Every silo is also an Orleans gateway (clients such as the gateway processes connect to silo gateways),
  # each on its own port: on one machine they cannot share Orleans' default 30000.
  # shellcheck disable=SC2086
  Cluster__ClusterId="$cluster_id" Cluster__SiloPort=$((base_port + i)) Cluster__GatewayPort=$((orleans_gateway_base + i)) \
    Cluster__AdvertisedHost=127.0.0.1 Cluster__ListenAddress=127.0.0.1 Silo__HealthHost=127.0.0.1 Silo__HealthPort=$((health_base + i)) \
    Cluster__MembershipTable=Postgres Storage__Provider=Postgres Streams__Provider=Postgres DOTNET_ENVIRONMENT=Production \
    nohup dotnet "$dll" ${SILO_ARGS:-} >>"$state/silo$i.log" 2>&1 &
  echo $! >"$pidfile"
  echo "silo $i: pid $(cat "$pidfile"), port $((base_port + i)), gateway port $((orleans_gateway_base + i)), health http://127.0.0.1:$((health_base + i))/health/ready" >&2
}

start_gateway() {
  local j="$1"
  local pidfile="$state/gateway$j.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "gateway $j already running" >&2; return; fi
  # Run from the dll's folder (the gateway reads appsettings.json from its content root); exec so the
  # recorded pid is the gateway's own and the subshell keeps none of our output open. The gateway is an
  # Orleans client: it finds the silos' gateway ports in the PostgreSQL membership table and hears the
  # silos' PostgreSQL streams.
  # shellcheck disable=SC2086
  (cd "$(dirname "$gateway_dll")" && Gateway__Mode=Cluster Cluster__ClusterId="$cluster_id" \
    Cluster__MembershipTable=Postgres Streams__Provider=Postgres \
    ASPNETCORE_URLS="http://127.0.0.1:$((gateway_base + j))" DOTNET_ENVIRONMENT=Production \
    exec nohup dotnet "$gateway_dll" ${GATEWAY_ARGS:-} >>"$state/gateway$j.log" 2>&1 </dev/null) &
  echo $! >"$pidfile"
  echo "gateway $j: pid $(cat "$pidfile"), http://127.0.0.1:$((gateway_base + j))/graphql (ready: /health/ready)" >&2
}

case "${1:-}" in
  start)
    ensure_built
    for ((i = 0; i < ${2:-3}; i++)); do start_one "$i"; done ;;
  start-one)
    ensure_built
    start_one "${2:?silo index}" ;;
  gateway)
    ensure_gateway_built
    start_gateway "${2:-0}" ;;
  kill)
    pidfile="$state/silo${2:?silo index}.pid"
    kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile" ;;
  stop)
    # Gateways first (they are clients of the silos), then the silos; each group is told at once and
    # given 10 s to leave gracefully (a silo hands its grains and stream queues over), then killed.
    for group in gateway silo; do
      pids=()
      for pidfile in "$state"/$group*.pid; do
        [ -f "$pidfile" ] || continue
        pids+=("$(cat "$pidfile")")
        kill -TERM "${pids[-1]}" 2>/dev/null || true
        rm -f "$pidfile"
      done
      for pid in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      done
    done ;;
  *) echo "usage: $0 start N | start-one I | kill I | gateway J | stop" >&2; exit 2 ;;
esac
