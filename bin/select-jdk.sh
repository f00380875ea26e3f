# Finds a JDK >= 21 for smtplab.
#   sourced (by ./smtplab, benchmarks/run, .ci/run): points JAVA_HOME and PATH at it, or returns 1;
#   run (by ./mvnw: bash bin/select-jdk.sh): prints its directory, or exits 1.
# A JAVA_HOME that is already >= 21 is kept; otherwise the newest JDK >= 21 among the java on PATH,
# the JAVA<n>_HOME variables, /usr/lib/jvm/*, /Library/Java/JavaVirtualMachines, ~/.sdkman and ~/.jdks.
# When there is none, one message says what to install. A JDK's version is read from its `release` file
# (no JVM started: this runs at every ./smtplab); only a JDK without one is asked with `java -version`.
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
smtplab_find_jdk() {
  local candidates=() dir best="" best_major=0 major name
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(smtplab_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for name in $(compgen -v | grep -E '^JAVA[0-9]+_HOME$'); do
    candidates+=("${!name}")
  done
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
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
    {
      echo "smtplab needs a JDK 21 or newer (to compile, test, package and run it; Maven alone could run on 17),"
      echo "and none is installed: looked at JAVA_HOME, the java on PATH, JAVA<n>_HOME, /usr/lib/jvm, ~/.sdkman, ~/.jdks."
      echo "Install one, for example 'sudo apt-get install openjdk-21-jdk' (Debian, Ubuntu) or Temurin 21+ from"
      echo "https://adoptium.net, then run the command again."
    } >&2
    return 1
  fi
  printf '%s\n' "$best"
}
smtplab_select_jdk() {
  local found
  found=$(smtplab_find_jdk) || return 1
  export JAVA_HOME=$found
  export PATH=$found/bin:$PATH
  SMTPLAB_JAVA_MAJOR=$(smtplab_java_major "$found")
  export SMTPLAB_JAVA_MAJOR
}
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  smtplab_find_jdk || exit 1
else
  smtplab_select_jdk
fi
