#!/usr/bin/env bash
# Start-up of the ./smtplab command line against a bare hello-world JVM, in one run (issue 19).
# Usage: benchmarks/startup/startup.sh [RUNS]   (default 10; needs hyperfine, Debian package `hyperfine`)
# Prints the median wall time and the median user+system CPU time of each command, and their ratio to the
# hello-world JVM measured in the same run. Builds the command first if needed (not measured).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=${1:-10}
command -v hyperfine >/dev/null || { echo "startup.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
source "$root/bin/select-jdk.sh"
cd "$root"
./smtplab --version >/dev/null                       # build and record the start-up cache, not measured
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] args) { System.out.println("hello"); } }
JAVA
"$JAVA_HOME/bin/javac" -d "$work" "$work/Hello.java"
(cd "$work" && "$JAVA_HOME/bin/jar" --create --file hello.jar --main-class Hello Hello.class)

# a zone server for dig, on a port of its own
cat > "$work/exemple.com.zone" <<'ZONE'
$ORIGIN exemple.com.
$TTL 300
@   IN SOA ns.exemple.com. hostmaster.exemple.com. 1 3600 600 86400 300
@   IN NS  ns
@   IN MX  10 mx
ns  IN A   127.0.0.1
mx  IN A   127.0.0.1
ZONE
./smtplab dns serve --zone "$work/exemple.com.zone" --listen 127.0.0.1:35354 >/dev/null &
for _ in $(seq 100); do ./smtplab dig exemple.com MX --server 127.0.0.1:35354 >/dev/null 2>&1 && break; sleep 0.1; done

# serve until it listens: start it, poll the port, stop it
cat > "$work/serve-until-listening.sh" <<SERVE
#!/usr/bin/env bash
"$root/smtplab" serve --listen 127.0.0.1:35355 --domain exemple.com --maildir "$work/maildir" --catch-all >/dev/null 2>&1 &
pid=\$!
until (exec 3<>/dev/tcp/127.0.0.1/35355) 2>/dev/null; do sleep 0.01; done
kill \$pid; wait \$pid 2>/dev/null || true
SERVE
chmod +x "$work/serve-until-listening.sh"

hyperfine --warmup 2 --runs "$runs" --export-json "$work/result.json" -N \
  -n hello "$JAVA_HOME/bin/java -jar $work/hello.jar" \
  -n version "./smtplab --version" \
  -n dig "./smtplab dig exemple.com MX --server 127.0.0.1:35354" \
  >/dev/null
hyperfine --warmup 1 --runs "$runs" --export-json "$work/serve.json" \
  -n serve-listening "$work/serve-until-listening.sh" >/dev/null

/usr/bin/python3 - "$work/result.json" "$work/serve.json" <<'PY'
import json, statistics, sys
results = [r for f in sys.argv[1:] for r in json.load(open(f))["results"]]
def cpu(r):   # hyperfine 1.15 (Debian 12) reports the mean user and system times; newer ones, every run's
    if isinstance(r["user"], list):
        return statistics.median([u + s for u, s in zip(r["user"], r["system"])])
    return r["user"] + r["system"]
hello = results[0]
print(f"{'command':<16}{'median wall':>12}{'x hello':>9}{'cpu':>12}{'x hello':>9}")
for r in results:
    print(f"{r['command']:<16}{r['median']*1000:>10.0f}ms{r['median']/hello['median']:>9.2f}"
          f"{cpu(r)*1000:>10.0f}ms{cpu(r)/cpu(hello):>9.2f}")
PY
