#!/usr/bin/env bash
# The production topology on one machine, as plain processes on 127.0.0.1 (no Docker, no systemd, works as root):
# PostgreSQL with the project's schema, and N silos forming one Orleans cluster through it, each serving the HTTP API.
#   infra/local-cluster.sh up [N]        start PostgreSQL (data under ./.local-cluster), apply the schema, start N silos
#                                        (default 3); silo 1 serves the API on 127.0.0.1:5080, silo K on 5079+K
#   infra/local-cluster.sh up [N] --azure  the Azure topology: Azurite (npm azurite, the Azure Storage emulator, on
#                                        127.0.0.1:10000–10002) holds membership and grain state, PostgreSQL the
#                                        outbox, audit log and jobs (the choice is kept for start-silo and down)
#   infra/local-cluster.sh down          stop exactly what "up" started (silos, then PostgreSQL)
#   infra/local-cluster.sh kill-silo K   SIGKILL silo K (fault drills); start-silo K starts it again
#   infra/local-cluster.sh status        what runs, and the cluster's membership as PostgreSQL records it
# Channels are configured as for the embedded platform, by environment (see infra/dev-services.sh), e.g.
#   Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=2525 infra/local-cluster.sh up
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=$root/.local-cluster
pg_port=${DOITHOAI_PG_PORT:-55432}
connection="Host=127.0.0.1;Port=$pg_port;Username=doithoai;Database=doithoai;Maximum Pool Size=40"
silo_dll=$root/silo/DoiThoai.Silo/bin/Release/net10.0/DoiThoai.Silo.dll
azurite_port=${DOITHOAI_AZURITE_PORT:-10000} # blob; queue and table on the next two ports
azurite_dir=$root/tests/DoiThoai.TestServers/azurite
# Azurite's well-known development account: it works only against the emulator.
azure_connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((azurite_port + 2))/devstoreaccount1;"

azure() { [ "$(cat "$dir/topology" 2>/dev/null)" = azure ]; }

start_azurite() {
  if [ ! -x "$azurite_dir/node_modules/.bin/azurite" ]; then
    command -v npm >/dev/null || { echo "Installing npm…" >&2; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
    npm ci --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error
  fi
  mkdir -p "$dir/azurite" "$dir/logs"
  if running "$dir/azurite.pid"; then
    echo "Azurite already running (pid $(cat "$dir/azurite.pid"))"
  else
    "$azurite_dir/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --location "$dir/azurite" \
      --blobHost 127.0.0.1 --blobPort "$azurite_port" --queueHost 127.0.0.1 --queuePort $((azurite_port + 1)) \
      --tableHost 127.0.0.1 --tablePort $((azurite_port + 2)) >>"$dir/logs/azurite.log" 2>&1 &
    echo $! >"$dir/azurite.pid"
  fi
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$((azurite_port + 2))) 2>/dev/null && { echo "Azurite on 127.0.0.1:$azurite_port–$((azurite_port + 2)) (data in $dir/azurite)"; return; }
    running "$dir/azurite.pid" || break
    sleep 0.2
  done
  echo "Azurite did not start; see $dir/logs/azurite.log" >&2
  exit 1
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    echo "Installing postgresql…" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$bin"
}

# PostgreSQL refuses to run as root: as root, its programs run as the user postgres.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

http_port() { echo $((5079 + $1)); }

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$dir/logs"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
    as_pg "$bin/initdb" -D "$dir/pg" -U doithoai --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/logs/initdb.log"
  fi
  if running "$dir/postgres.pid"; then
    echo "PostgreSQL already running (pid $(cat "$dir/postgres.pid"))"
  else
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/logs"
    as_pg "$bin/postgres" -D "$dir/pg" -p "$pg_port" -k "$dir/pg" -c listen_addresses=127.0.0.1 -c max_connections=300 \
      >>"$dir/logs/postgres.log" 2>&1 &
    echo $! >"$dir/postgres.pid"
  fi
  local ready=""
  for _ in $(seq 1 150); do
    if as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then ready=1; break; fi
    running "$dir/postgres.pid" || break
    sleep 0.2
  done
  [ -n "$ready" ] || { echo "PostgreSQL did not start; see $dir/logs/postgres.log" >&2; tail -5 "$dir/logs/postgres.log" >&2; exit 1; }
  as_pg "$bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U doithoai -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='doithoai'" | grep -q 1 ||
    as_pg "$bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U doithoai -d postgres -c "CREATE DATABASE doithoai"
  echo "PostgreSQL on 127.0.0.1:$pg_port (data in $dir/pg)"
}

# The cluster's token secrets, the same for every silo: made once, kept (owner-only) beside the database.
ensure_secrets() {
  umask 077
  [ -s "$dir/token-signing.key" ] || head -c 32 /dev/urandom | base64 >"$dir/token-signing.key"
  if [ ! -s "$dir/admin-token" ]; then
    echo "dt_$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')" >"$dir/admin-token"
    echo "National administrator token (also in $dir/admin-token): $(cat "$dir/admin-token")"
  fi
}

start_silo() { # K
  local k=$1 port; port=$(http_port "$k")
  if running "$dir/silo-$k.pid"; then
    echo "silo $k already running (pid $(cat "$dir/silo-$k.pid"))"
    return
  fi
  ensure_secrets
  local topology=(Orleans__Clustering__ProviderType=AdoNet Orleans__Clustering__Invariant=Npgsql Orleans__Clustering__ConnectionName=Postgres
                  Orleans__Storage__Provider=Postgres)
  if azure; then
    topology=(Orleans__Clustering__ProviderType=AzureStorage Orleans__Storage__Provider=AzureStorage "ConnectionStrings__AzureStorage=$azure_connection")
  fi
  env "${topology[@]}" \
  Auth__SigningKey="$(cat "$dir/token-signing.key")" DOITHOAI_ADMIN_TOKEN="$(cat "$dir/admin-token")" \
  ConnectionStrings__Postgres="$connection" \
  Orleans__Name=silo-$k Platform__SiloPort=$((11110 + k)) Platform__GatewayPort=$((30000 + k)) \
  nohup dotnet "$silo_dll" --urls "http://127.0.0.1:$port" >"$dir/logs/silo-$k.log" 2>&1 &
  echo $! >"$dir/silo-$k.pid"
}

wait_healthy() { # K
  local port; port=$(http_port "$1")
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      echo "silo $1 healthy: http://127.0.0.1:$port (pid $(cat "$dir/silo-$1.pid"))"
      return
    fi
    running "$dir/silo-$1.pid" || { echo "silo $1 exited; see $dir/logs/silo-$1.log" >&2; tail -20 "$dir/logs/silo-$1.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "silo $1 did not become healthy; see $dir/logs/silo-$1.log" >&2
  exit 1
}

up() {
  local n=${1:-3} flavour=${2:-}
  mkdir -p "$dir"
  if [ "$flavour" = --azure ]; then echo azure >"$dir/topology"; else echo postgres >"$dir/topology"; fi
  start_postgres
  if azure; then start_azurite; fi
  dotnet build "$root/silo/DoiThoai.Silo" -c Release -nologo -v q >/dev/null
  dotnet "$silo_dll" migrate --ConnectionStrings:Postgres="$connection"
  echo "$n" >"$dir/silos"
  for k in $(seq 1 "$n"); do start_silo "$k"; done
  for k in $(seq 1 "$n"); do wait_healthy "$k"; done
  echo "API: http://127.0.0.1:5080 (docs: /api/docs; token: Authorization: Bearer \$(cat $dir/admin-token))"
}

stop_pid() { # pidfile
  local pidfile=$1
  if running "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

down() {
  for pidfile in "$dir"/silo-*.pid; do [ -e "$pidfile" ] && stop_pid "$pidfile"; done
  # The server on this folder's data is ours even if its pid file was lost: pg_ctl finds it by its data folder.
  if [ -f "$dir/pg/postmaster.pid" ]; then
    as_pg "$(pg_bin)/pg_ctl" stop -D "$dir/pg" -m fast -w >/dev/null
  fi
  rm -f "$dir/postgres.pid"
  stop_pid "$dir/azurite.pid"
  echo "stopped"
}

status() {
  for pidfile in "$dir"/*.pid; do
    [ -e "$pidfile" ] || continue
    local name; name=$(basename "$pidfile" .pid)
    if running "$pidfile"; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: not running"; fi
  done
  if azure; then
    echo "membership: Orleans' table in Azure Table storage (Azurite); as silo 1 sees it:"
    curl -fs -H "Authorization: Bearer $(cat "$dir/admin-token")" "http://127.0.0.1:$(http_port 1)/api/cluster/silos" || echo "(silo 1 does not answer)"
    echo
  elif running "$dir/postgres.pid"; then
    as_pg "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U doithoai -d doithoai -c \
      "SELECT silo_name, address, port, generation, CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' WHEN 1 THEN 'created' WHEN 2 THEN 'joining' WHEN 4 THEN 'shutting down' WHEN 5 THEN 'stopping' ELSE status::text END AS status, i_am_alive_at FROM orleans_membership ORDER BY port, generation"
  fi
}

case ${1:-} in
  up) if [ "${2:-}" = --azure ]; then up 3 --azure; else up "${2:-3}" "${3:-}"; fi ;;
  down) down ;;
  kill-silo) [ -n "${2:-}" ] || { echo "usage: $0 kill-silo K" >&2; exit 2; }
             running "$dir/silo-$2.pid" || { echo "silo $2 is not running" >&2; exit 1; }
             kill -KILL "$(cat "$dir/silo-$2.pid")"; rm -f "$dir/silo-$2.pid"; echo "silo $2 killed (SIGKILL)" ;;
  start-silo) [ -n "${2:-}" ] || { echo "usage: $0 start-silo K" >&2; exit 2; }
              start_silo "$2"; wait_healthy "$2" ;;
  status) status ;;
  *) echo "usage: $0 up [N] [--azure] | down | kill-silo K | start-silo K | status" >&2; exit 2 ;;
esac
