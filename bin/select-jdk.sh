# Sourced by ./smtplab and .ci/run: points JAVA_HOME and PATH at a JDK >= 21.
# Looks at JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm, and keeps the newest.
smtplab_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
smtplab_select_jdk() {
  local candidates=() dir best="" best_major=0 major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(smtplab_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$dir
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "smtplab needs a JDK 21 or newer; none found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH=$best/bin:$PATH
}
smtplab_select_jdk
