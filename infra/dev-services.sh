#!/usr/bin/env bash
# Local servers for development, as plain processes on 127.0.0.1 (no Docker, no systemd): an SMTP sink
# (aiosmtpd), the Kannel SMS gateway with a simulated SMSC (fakesmsc), and the loudspeaker head-end (Icecast2).
#   infra/dev-services.sh up     start them (data under ./.doithoai-dev)
#   infra/dev-services.sh down   stop exactly what "up" started
# Then run the platform against them:
#   Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=2525 \
#   Sms__Kannel__SendUrl=http://127.0.0.1:13013/cgi-bin/sendsms Sms__Kannel__Username=doithoai Sms__Kannel__Password=dev-sms \
#   Sms__Kannel__DlrUrl=http://127.0.0.1:5080/api/sms/dlr Sms__Kannel__DlrSecret=dev-dlr-secret \
#   Loudspeaker__Icecast__Url=http://127.0.0.1:8000 Loudspeaker__Icecast__SourcePassword=dev-loa \
#   dotnet run --project silo/DoiThoai.Silo -- --urls http://127.0.0.1:5080
# Mail received by the SMTP sink lands in ./.doithoai-dev/mail/new (one file a message); SMS received by the
# simulated SMSC are listed in ./.doithoai-dev/kannel/fakesmsc.log. Listen to a commune's loudspeaker cluster with
#   ffplay http://127.0.0.1:8000/xa-{code}-toan-xa.mp3   (the list of live mounts: http://127.0.0.1:8000/status.xsl)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.doithoai-dev
mkdir -p "$dir"

start() { # name, command…
  local name=$1; shift
  if [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$dir/$name.pid"))"
    return
  fi
  nohup "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

up() {
  local missing=()
  /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  [ -x /usr/sbin/bearerbox ] || missing+=(kannel)
  [ -x /usr/lib/kannel/test/fakesmsc ] || missing+=(kannel-extras)
  [ -x /usr/bin/icecast2 ] || missing+=(icecast2)
  [ -x /usr/bin/espeak-ng ] || missing+=(espeak-ng)
  [ -x /usr/bin/ffmpeg ] || missing+=(ffmpeg)
  [ -x /usr/bin/cc ] && [ -f /usr/include/netinet/tcp.h ] || missing+=(gcc libc6-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi

  mkdir -p "$dir/kannel"
  sed "s|DIR|$PWD/$dir/kannel|g" infra/kannel/kannel.conf.template >"$dir/kannel/kannel.conf"
  # Kannel leaves Nagle's algorithm on: with delivery reports, a 40 ms stall on one SMS in ten (see the file).
  cc -shared -fPIC -O2 -o "$dir/kannel/tcp-nodelay.so" infra/kannel/tcp-nodelay.c -ldl
  local nodelay="LD_PRELOAD=$PWD/$dir/kannel/tcp-nodelay.so"
  # -v 2: only warnings and worse on the console (its log file is set in kannel.conf); by default Kannel prints
  # every debug line, megabytes a second in a fan-out.
  start bearerbox env "$nodelay" /usr/sbin/bearerbox -v 2 "$dir/kannel/kannel.conf"
  sleep 1
  # fakesmsc exits at the end of its input: feed it a pipe that never ends.
  start fakesmsc sh -c "tail -f /dev/null | exec /usr/lib/kannel/test/fakesmsc -H 127.0.0.1 -r 13010 -i 0.01 -m 0"
  start smsbox env "$nodelay" /usr/sbin/smsbox -v 2 "$dir/kannel/kannel.conf"
  echo "Kannel: sendsms on 127.0.0.1:13013 (user doithoai), simulated SMSC log in $dir/fakesmsc.log"
  # Icecast drops root privileges to nobody: its log folder must be writable by it.
  mkdir -p "$dir/icecast" && chmod 777 "$dir/icecast"
  local owner=""
  [ "$(id -u)" = 0 ] && owner="<changeowner><user>nobody</user><group>nogroup</group></changeowner>"
  sed -e "s|DIR|$PWD/$dir/icecast|" -e "s|PORT|8000|" -e "s|SOURCE_PASSWORD|${LOA_SOURCE_PASSWORD:-dev-loa}|g" -e "s|CHANGEOWNER|$owner|" \
    infra/icecast/icecast.xml.template >"$dir/icecast/icecast.xml"
  start icecast /usr/bin/icecast2 -c "$dir/icecast/icecast.xml"
  echo "Loudspeaker head-end (Icecast2) on 127.0.0.1:8000, source password \$LOA_SOURCE_PASSWORD or dev-loa"
  if [ -f "$dir/smtp.pid" ] && kill -0 "$(cat "$dir/smtp.pid")" 2>/dev/null; then
    echo "SMTP sink already running (pid $(cat "$dir/smtp.pid"))"
  else
    nohup /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c aiosmtpd.handlers.Mailbox "$dir/mail" >"$dir/smtp.log" 2>&1 &
    echo $! >"$dir/smtp.pid"
    echo "SMTP sink on 127.0.0.1:2525 (pid $!), mail in $dir/mail/new"
  fi
}

down() {
  for name in smsbox fakesmsc bearerbox smtp icecast; do
    if [ -f "$dir/$name.pid" ]; then
      pkill -P "$(cat "$dir/$name.pid")" 2>/dev/null || true
      kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
      rm -f "$dir/$name.pid"
      echo "$name stopped"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
