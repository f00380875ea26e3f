#!/usr/bin/env bash
# Issue 3, figure 2: memory per idle connection of our SMTP server. A load generator (IdleConnections)
# opens N connections on loopback, reads each greeting and stays silent; we read the server's resident
# memory (VmRSS in /proc/PID/status) and Java heap (jcmd GC.heap_info) before and after, each time after a
# full GC (jcmd GC.run), and print (growth)/N. Also prints where the memory went: the heap classes that
# grew (jcmd GC.class_histogram, before/after) and the JVM's native memory areas that grew (Native Memory
# Tracking, summary level: jcmd VM.native_memory summary.diff).
#
# Servers measured, each on 127.0.0.1 and a random port below the ephemeral range:
#   serve   java $SERVER_JAVA_OPTS -jar smtp-lab/target/smtplab.jar serve --domain bench.test ... (the
#           ./smtplab serve command, with SmtpServer's default limits: 1000 connections, 50 per address)
#   bench   BenchServer: the same server with the limits raised to 20,000 (serve has no flag for them)
#   nio, bench-nio   the same two on the event-loop shell (serve --io nio; issue 17)
# The clients bind to 127.1.x.y source addresses, 40 connections on each, to stay under the per-address
# limit. Loopback only; every process is bounded in time and stopped at the end.
#
# Usage: benchmarks/smtp/idle-memory.sh            # N = 1000 and 10000 on both servers
#        COUNTS="1000" SERVERS="serve" SERVER_JAVA_OPTS="-Xmx512m" benchmarks/smtp/idle-memory.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
source "$ROOT/bin/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"

COUNTS=${COUNTS:-"1000 10000"}
SERVERS=${SERVERS:-"serve bench"}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xmx512m"}
NMT=${NMT:-summary}                 # Native Memory Tracking level for the server JVM (off to disable)
PER_ADDRESS=40                      # client connections per source address (server limit: 50)
HOLD=${HOLD:-120}                   # seconds: the longest the clients stay connected
LIFETIME=${LIFETIME:-600}           # seconds: the longest a server may live
DOMAIN=bench.test

# 10,000 connections need 10,000 descriptors in the server and as many in the client
want=$(( $(echo "$COUNTS" | tr ' ' '\n' | sort -n | tail -1) + 1000 ))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$want" ] || \
  echo "# warning: ulimit -n is $(ulimit -n), below the $want needed: some connections will fail" >&2

if [ "${REBUILD:-1}" = 1 ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl smtp-lab -am package -DskipTests \
     && ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests) >&2
fi
WORK=$(mktemp -d /dev/shm/smtplab-memory.XXXXXX)
cp "$ROOT/smtp-lab/target/smtplab.jar" "$ROOT/benchmarks/target/benchmarks.jar" "$WORK/"
PIDS=()
cleanup() {
  touch "$WORK/stop"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {
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
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# the JVM's own pid: the server runs under timeout(1), its child
jvm_of() { for _ in $(seq 1 50); do pgrep -P "$1" java && return 0; pgrep -P "$1" && return 0; sleep 0.1; done; return 1; }
# Java heap in use: G1 prints one "garbage-first heap total ..., used NK" line, Serial and Parallel one line per generation (DefNew/Tenured, PSYoungGen/ParOldGen)
heap_used_kb() {
  "$JCMD" "$1" GC.heap_info | awk '/(heap|generation|DefNew|Tenured|PSYoungGen|ParOldGen) +total/ { if (match($0, /used [0-9]+K/)) s += substr($0, RSTART + 5, RLENGTH - 6) } END { print s + 0 }'
}
full_gc() { "$JCMD" "$1" GC.run > /dev/null; sleep 1; }
# clients N STOPFILE LOG -> starts IdleConnections in the background, waits for its READY line
clients() {
  rm -f "$2"
  timeout "$((HOLD + 60))" "$JAVA" -Xss256k -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.IdleConnections \
    127.0.0.1 "$PORT" "$1" "$PER_ADDRESS" "$HOLD" "$2" > "$3" 2>&1 &
  CLIENT=$!
  PIDS+=("$CLIENT")
  for _ in $(seq 1 1200); do
    grep -qs '^READY' "$3" && return 0
    kill -0 "$CLIENT" 2>/dev/null || { echo "client died:" >&2; tail -5 "$3" >&2; return 1; }
    sleep 0.1
  done
  echo "clients not ready after 120 s" >&2; return 1
}
stop_clients() { touch "$1"; wait "$CLIENT" 2>/dev/null || true; }

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $("$JAVA" -version 2>&1 | head -1); server options: $SERVER_JAVA_OPTS -XX:NativeMemoryTracking=$NMT; ulimit -n $(ulimit -n)"
for srv in $SERVERS; do
  for n in $COUNTS; do
    PORT=$(free_port)
    opts=($SERVER_JAVA_OPTS)
    [ "$NMT" = off ] || opts+=("-XX:NativeMemoryTracking=$NMT")
    case $srv in
      serve|nio) timeout "$LIFETIME" "$JAVA" "${opts[@]}" -jar "$WORK/smtplab.jar" serve --listen 127.0.0.1:"$PORT" \
               --domain "$DOMAIN" --maildir "$WORK/maildir" --catch-all --idle-timeout 600 \
               --io "$([ "$srv" = nio ] && echo nio || echo threads)" > "$WORK/server.log" 2>&1 & ;;
      bench-nio) timeout "$LIFETIME" "$JAVA" "${opts[@]}" -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BenchServer \
               "$PORT" "$DOMAIN" "$WORK/maildir" 20000 20000 600 "$LIFETIME" nio > "$WORK/server.log" 2>&1 & ;;
      bench) timeout "$LIFETIME" "$JAVA" "${opts[@]}" -cp "$WORK/benchmarks.jar" io.github.smtplab.benchmarks.smtp.BenchServer \
               "$PORT" "$DOMAIN" "$WORK/maildir" 20000 20000 600 "$LIFETIME" > "$WORK/server.log" 2>&1 & ;;
      *) echo "unknown server $srv" >&2; exit 2 ;;
    esac
    WRAPPER=$!
    PIDS+=("$WRAPPER")
    wait_listening "$PORT" "$WRAPPER" "$WORK/server.log"
    PID=$(jvm_of "$WRAPPER")
    # warm-up: 500 connections opened, greeted and closed, so classes are loaded and code compiled
    clients 500 "$WORK/stop" "$WORK/warmup.log"
    stop_clients "$WORK/stop"
    sleep 1
    full_gc "$PID"
    [ "$NMT" = off ] || "$JCMD" "$PID" VM.native_memory baseline > /dev/null
    "$JCMD" "$PID" GC.class_histogram > "$WORK/histo.before"
    rss0=$(rss_kb "$PID"); heap0=$(heap_used_kb "$PID")
    clients "$n" "$WORK/stop" "$WORK/clients.log"
    sleep 2
    full_gc "$PID"
    rss1=$(rss_kb "$PID"); heap1=$(heap_used_kb "$PID")
    "$JCMD" "$PID" GC.class_histogram > "$WORK/histo.after"
    [ "$NMT" = off ] || "$JCMD" "$PID" VM.native_memory summary.diff > "$WORK/nmt.diff"
    ready=$(grep '^READY' "$WORK/clients.log")
    greeted=$(echo "$ready" | sed -n 's/.*greeted=\([0-9]*\).*/\1/p')
    echo
    echo "== $srv, N=$n: $ready"
    awk -v srv="$srv" -v n="$n" -v g="$greeted" -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" 'BEGIN {
      per = (g > 0) ? g : n
      printf "%s N=%d (held open: %d): VmRSS %d KB -> %d KB, growth %.1f KB per held connection (goal <= 16 KB)\n", srv, n, g, r0, r1, (r1 - r0) / per
      printf "%s N=%d (held open: %d): Java heap used after full GC %d KB -> %d KB, growth %.1f KB per held connection\n", srv, n, g, h0, h1, (h1 - h0) / per
    }'
    echo "-- heap classes that grew most (bytes, instances per held connection):"
    awk -v g="$greeted" '
      FNR == NR && $1 ~ /^[0-9]+:$/ { bi[$4] = $2; bb[$4] = $3; next }
      $1 ~ /^[0-9]+:$/ { d = $3 - bb[$4]; if (d > 0) printf "%10d B  %6.2f per conn  %7.0f B per conn  %s\n", d, ($2 - bi[$4]) / (g > 0 ? g : 1), d / (g > 0 ? g : 1), $4 }
    ' "$WORK/histo.before" "$WORK/histo.after" | sort -rn | head -12
    if [ "$NMT" != off ]; then
      echo "-- JVM memory areas that grew (NMT committed, KB):"
      grep -E '^-? *[A-Za-z ]+ \(reserved=' "$WORK/nmt.diff" | grep -E 'committed=[0-9]+KB [+-]' | \
        sed -E 's/^-? *([A-Za-z ]+) \(reserved=[^,]*, committed=([0-9]+)KB ([+-][0-9]+)KB.*/  \1: committed \2 KB (\3 KB)/' | head -12
    fi
    stop_clients "$WORK/stop"
    kill "$WRAPPER" 2>/dev/null || true
    wait "$WRAPPER" 2>/dev/null || true
  done
done
