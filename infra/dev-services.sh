#!/usr/bin/env bash
# Local servers for development, as plain processes on 127.0.0.1 (no Docker, no systemd):
#   infra/dev-services.sh up     start them (data under ./.doithoai-dev)
#   infra/dev-services.sh down   stop exactly what "up" started
# Then run the platform against them:
#   Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=2525 dotnet run --project silo/DoiThoai.Silo -- --urls http://127.0.0.1:5080
# Mail received by the SMTP sink lands in ./.doithoai-dev/mail/new (one file a message).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.doithoai-dev
mkdir -p "$dir"

up() {
  if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
    echo "Installing python3-aiosmtpd (the SMTP sink)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  fi
  if [ -f "$dir/smtp.pid" ] && kill -0 "$(cat "$dir/smtp.pid")" 2>/dev/null; then
    echo "SMTP sink already running (pid $(cat "$dir/smtp.pid"))"
  else
    nohup /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c aiosmtpd.handlers.Mailbox "$dir/mail" >"$dir/smtp.log" 2>&1 &
    echo $! >"$dir/smtp.pid"
    echo "SMTP sink on 127.0.0.1:2525 (pid $!), mail in $dir/mail/new"
  fi
}

down() {
  if [ -f "$dir/smtp.pid" ]; then
    kill "$(cat "$dir/smtp.pid")" 2>/dev/null || true
    rm -f "$dir/smtp.pid"
    echo "SMTP sink stopped"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
