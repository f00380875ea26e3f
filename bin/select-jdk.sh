# Sourced by ./smtplab, benchmarks and .ci/run: points JAVA_HOME and PATH at a JDK >= 21.
# Looks at JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm, and keeps the newest.
# A JDK's version is read from its `release` file (one small file, no JVM started); only a JDK without
# that file is asked with `java -version`, which costs a JVM start.
smtplab_java_major() {
  local home=$1 version=""
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  version=${version#1.}          # "1.8.0_392" is Java 8
  echo "${version%%[._+-]*}"
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
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$dir
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "smtplab needs a JDK 21 or newer; none found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk, or a Temurin 21+ build) and try again." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH=$best/bin:$PATH
  export SMTPLAB_JAVA_MAJOR=$best_major
}
smtplab_select_jdk
