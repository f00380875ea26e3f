#!/usr/bin/env bash
# Issue 3, figure 1: messages per second that our SMTP server accepts, against Postfix's smtp-sink (the
# reference, which discards everything) measured in the same run, with Postfix's smtp-source as the
# client. Loopback only; every process is bounded in time and stopped at the end.
#
# Servers measured (each on 127.0.0.1 and a random high port):
#   smtp-sink   /usr/sbin/smtp-sink -u nobody 127.0.0.1:PORT 256 (discards)
#   serve       java -jar smtp-lab/target/smtplab.jar serve --domain bench.test --maildir /dev/shm/...
#               (the ./smtplab serve command: real parsing, Maildir with fsync on tmpfs, one console line
#               per message, sent to a log file on tmpfs; --max-connections-per-address 1000 so that -s 100
#               from 127.0.0.1 is not refused)
#   bench       BenchServer: the same SmtpServer, RoleHooks and MaildirDelivery as serve, with the
#               connection limits raised (serve allows only 50 connections per client address, so
#               smtp-source -s 100 from 127.0.0.1 is refused with 421) and no console line
#   discard     BenchServer with a sink that forgets the message: the protocol alone, no Maildir
#   buffered    (not in the default list) bench with BufferedSink in front of the Maildir: an experiment,
#               fewer and larger file writes per message
#   nio         serve --io nio: the same command on the event-loop shell (issue 17)
#   discard-nio (not in the default list) discard on the event-loop shell
#   bare        BareResponder: canned replies on virtual threads, no parsing (the issue's "bare Java
#               virtual-thread responder"): what the JVM and java.net alone cost here
# Cells: concurrency (smtp-source -s) 10 and 100 x message size (-l) 1 KB and 100 KB; one connection per
# message (smtp-source's default). Each round runs every server once per cell, one right after the
# other, so each round's ratio compares measurements taken under the same machine load.
#
# Two figures per measurement: messages per second (wall clock; moves with whatever else the machine
# runs, so compare only within a round) and the server's CPU time per message (user + system time of
# the server process from /proc/PID/stat, which the machine's other load hardly moves). Ratios are to
# smtp-sink in the same round: "msg/s" = ours / smtp-sink, "CPU efficiency" = smtp-sink's CPU per
# message / ours (above 1: we spend less CPU than smtp-sink per message).
#
# Needs Debian postfix (smtp-source, smtp-sink), a JDK >= 21. Usage (about 8 minutes on 2 cores):
#   benchmarks/smtp/throughput.sh
#   ROUNDS=1 COUNT_1K=2000 COUNT_100K=500 SERVERS="serve" CONCURRENCY=10 benchmarks/smtp/throughput.sh
# Prints one line per measurement and, at the end, the median ratios of each server per cell.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
source "$ROOT/bin/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"

ROUNDS=${ROUNDS:-3}
COUNT_1K=${COUNT_1K:-10000}          # messages per run at 1 KB
COUNT_100K=${COUNT_100K:-2000}      # messages per run at 100 KB
CONCURRENCY=${CONCURRENCY:-"10 100"}
SIZES=${SIZES:-"1024 102400"}
SERVERS=${SERVERS:-"serve nio bench discard bare"}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xmx1g"}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}     # seconds, one smtp-source run
LIFETIME=${LIFETIME:-3600}          # seconds, the longest any server may live
DOMAIN=bench.test
SMTP_SOURCE=/usr/sbin/smtp-source
SMTP_SINK=/usr/sbin/smtp-sink
for tool in "$SMTP_SOURCE" "$SMTP_SINK"; do
  [ -x "$tool" ] || { echo "throughput.sh: $tool missing (Debian package postfix)" >&2; exit 1; }
done

# --- build, then work on copies of the jars, so a rebuild by someone else mid-run changes nothing ---
if [ "${REBUILD:-1}" = 1 ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl smtp-lab -am package -DskipTests \
     && ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests) >&2
fi
WORK=$(mktemp -d /dev/shm/smtplab-throughput.XXXXXX)
cp "$ROOT/smtp-lab/target/smtplab.jar" "$ROOT/benchmarks/target/benchmarks.jar" "$WORK/"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {   # a random high port that nothing listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))   # below the ephemeral range (32768-)
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
wait_listening() {   # PORT PID LOG
  for _ in $(seq 1 150); do
    kill -0 "$2" 2>/dev/null || { echo "server $2 died:" >&2; tail -5 "$3" >&2; return 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2; return 1
}
in_maildir() { { find "$WORK/maildir-$1" -path '*/new/*' -type f 2>/dev/null || true; } | wc -l; }

declare -A PORT SPID
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # user + system time of a process, in ticks
TICK_US=$((1000000 / $(getconf CLK_TCK)))
server_pid() {   # the server under timeout(1): its child process
  local c
  for _ in $(seq 1 50); do c=$(pgrep -P "$1" | head -1); [ -n "$c" ] && { echo "$c"; return; }; sleep 0.1; done
  echo "$1"
}
io_of() { case $1 in nio|*-nio) echo nio ;; *) echo threads ;; esac; }   # the --io of a server name
start_servers() {
  local user=() p
  [ "$(id -u)" = 0 ] && user=(-u nobody)
  PORT[sink]=$(free_port)
  timeout "$LIFETIME" "$SMTP_SINK" "${user[@]}" 127.0.0.1:"${PORT[sink]}" 256 > "$WORK/sink.log" 2>&1 &
  PIDS+=($!); wait_listening "${PORT[sink]}" $! "$WORK/sink.log"; SPID[sink]=$(server_pid $!)
  for s in $SERVERS; do
    p=$(free_port); PORT[$s]=$p
    case $s in
      serve|nio) timeout "$LIFETIME" "$JAVA" $SERVER_JAVA_OPTS -jar "$WORK/smtplab.jar" serve --listen 127.0.0.1:"$p" \
                 --domain "$DOMAIN" --maildir "$WORK/maildir-$s" --catch-all --idle-timeout 300 \
                 --max-connections-per-address 1000 --io "$(io_of "$s")" > "$WORK/$s.log" 2>&1 & ;;
      bench)   timeout "$LIFETIME" "$JAVA" $SERVER_JAVA_OPTS -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BenchServer \
                 "$p" "$DOMAIN" "$WORK/maildir-bench" 20000 20000 60 "$LIFETIME" > "$WORK/bench.log" 2>&1 & ;;
      discard|discard-nio) timeout "$LIFETIME" "$JAVA" $SERVER_JAVA_OPTS -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BenchServer \
                 "$p" "$DOMAIN" discard 20000 20000 60 "$LIFETIME" "$(io_of "$s")" > "$WORK/$s.log" 2>&1 & ;;
      buffered) timeout "$LIFETIME" "$JAVA" $SERVER_JAVA_OPTS -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BenchServer \
                 "$p" "$DOMAIN" "buffered:$WORK/maildir-buffered" 20000 20000 60 "$LIFETIME" > "$WORK/buffered.log" 2>&1 & ;;
      bare)    timeout "$LIFETIME" "$JAVA" $SERVER_JAVA_OPTS -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BareResponder \
                 "$p" "$LIFETIME" > "$WORK/bare.log" 2>&1 & ;;
      *) echo "unknown server $s" >&2; exit 2 ;;
    esac
    PIDS+=($!); wait_listening "$p" $! "$WORK/$s.log"; SPID[$s]=$(server_pid $!)
  done
}

# run SERVER SESSIONS SIZE COUNT -> prints "rate errors stored cpu": messages per second (wall clock),
# smtp-source's error lines, messages found in the Maildir, server CPU time (user + system) per message in us
run() {
  local server=$1 s=$2 l=$3 m=$4 before after t0 t1 rc=0 errors stored=- c0 c1 sample
  before=$(in_maildir "$server")
  c0=$(cpu_ticks "${SPID[$server]}")
  t0=$(date +%s.%N)
  timeout "$RUN_TIMEOUT" "$SMTP_SOURCE" -s "$s" -l "$l" -m "$m" -M source.test -f bench@source.test \
    -t "user@$DOMAIN" 127.0.0.1:"${PORT[$server]}" 2> "$WORK/source.err" || rc=$?
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "${SPID[$server]}")
  errors=$(wc -l < "$WORK/source.err")
  if [ "$server" = serve ] || [ "$server" = nio ] || [ "$server" = bench ] || [ "$server" = buffered ]; then
    after=$(in_maildir "$server")
    stored=$((after - before))
    # one stored message's size: the -l octets plus the Return-Path and Received fields
    sample=$({ find "$WORK/maildir-$server" -path '*/new/*' -type f -print -quit 2>/dev/null || true; })
    [ -z "$sample" ] || stored="$stored,$(stat -c %s "$sample")B-each"
    # keep new/ small between runs; check nothing was left half-written in tmp/
    find "$WORK/maildir-$server" -path '*/new/*' -type f -delete
    [ -z "$(find "$WORK/maildir-$server" -path '*/tmp/*' -type f -print -quit)" ] || stored="$stored(tmp/ not empty!)"
  fi
  if [ "$rc" != 0 ]; then   # smtp-source gave up (e.g. "rejected at server banner: 421"): no figure
    echo "failed $errors $stored -"
    return
  fi
  awk -v m="$m" -v a="$t0" -v b="$t1" -v e="$errors" -v st="$stored" -v c="$(( (c1 - c0) * TICK_US ))" \
    'BEGIN { printf "%.0f %s %s %.0f\n", m / (b - a), e, st, c / m }'
}

start_servers
echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $("$JAVA" -version 2>&1 | head -1), server options: $SERVER_JAVA_OPTS; maildirs on $WORK (tmpfs)"
# warm-up (not counted): the JIT compiles the server's hot paths
WARMUP=${WARMUP:-2}
for s in $SERVERS; do
  for _ in $(seq 1 "$WARMUP"); do
    run "$s" 10 1024 3000 > /dev/null
    run "$s" 100 1024 3000 > /dev/null
    run "$s" 10 102400 300 > /dev/null
  done
done
RESULTS="$WORK/results"
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for l in $SIZES; do
    for s in $CONCURRENCY; do
      if [ "$l" -ge 10240 ]; then m=$COUNT_100K; else m=$COUNT_1K; fi
      read -r sink_rate sink_err _ sink_cpu < <(run sink "$s" "$l" "$m")
      printf 'round %s  -l %-6s -s %-3s -m %-5s  smtp-sink %6s msg/s  server CPU %5s us/msg  (smtp-source errors: %s)\n' \
        "$round" "$l" "$s" "$m" "$sink_rate" "$sink_cpu" "$sink_err"
      [ "$sink_err" = 0 ] || echo "    first smtp-source error: $(head -1 "$WORK/source.err")"
      for srv in $SERVERS; do
        read -r rate err stored cpu < <(run "$srv" "$s" "$l" "$m")
        if [ "$rate" = failed ] || [ "$sink_rate" = failed ]; then
          ratio=n/a; cpu_ratio=n/a
        else
          ratio=$(awk -v a="$rate" -v b="$sink_rate" 'BEGIN { printf "%.2f", a / b }')
          cpu_ratio=$(awk -v a="$cpu" -v b="$sink_cpu" 'BEGIN { printf "%.2f", (a > 0) ? b / a : 0 }')
          echo "$l $s $srv $ratio $cpu_ratio" >> "$RESULTS"
        fi
        printf 'round %s  -l %-6s -s %-3s -m %-5s  %-9s %6s msg/s  server CPU %5s us/msg  ratio to smtp-sink: msg/s %s, CPU efficiency %s  (stored in Maildir: %s, smtp-source errors: %s)\n' \
          "$round" "$l" "$s" "$m" "$srv" "$rate" "$cpu" "$ratio" "$cpu_ratio" "$stored" "$err"
        [ "$err" = 0 ] || echo "    first smtp-source error: $(head -1 "$WORK/source.err")"
      done
    done
  done
done
echo "# ratio to smtp-sink over $ROUNDS round(s) (goals: >= 0.8 at 1 KB, >= 2 at 100 KB):"
echo "#   msg/s = ours / smtp-sink messages per second (median of the rounds; the machine's other load moves it)"
echo "#   CPU efficiency = smtp-sink CPU per message / ours (median; less sensitive to the machine's load)"
sort -k1,1n -k2,2n -k3,3 -k4,4n "$RESULTS" | awk '
  { k = sprintf("-l %-6s -s %-3s %-8s", $1, $2, $3); if (!(k in n)) order[++keys] = k; r[k, ++n[k]] = $4; c[k, n[k]] = $5 }
  function median(a, k, cnt,   i, j, t, v) {
    for (i = 1; i <= cnt; i++) v[i] = a[k, i]
    for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return (cnt % 2) ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
  }
  END { for (i = 1; i <= keys; i++) { k = order[i]; printf "%s  msg/s %.2f  CPU efficiency %.2f  (%d rounds)\n", k, median(r, k, n[k]), median(c, k, n[k]), n[k] } }' 
