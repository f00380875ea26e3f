# Finds a JDK >= 21 for smtplab.
#   sourced (by ./smtplab, benchmarks/run, .ci/run): points JAVA_HOME and PATH at it, or returns 1;
#   run (by ./mvnw: bash bin/select-jdk.sh): prints its directory, or exits 1.
# A JAVA_HOME that is already >= 21 is kept; otherwise the newest JDK >= 21 among the java on PATH,
# the JAVA<n>_HOME variables, /usr/lib/jvm/*, /Library/Java/JavaVirtualMachines, ~/.sdkman and ~/.jdks.
# When there is none, one message says what to install. A JDK's version is read from its `release` file
# (no JVM started: this runs at every ./smtplab); only a JDK without one is asked with `java -version`.
# Functions set variables instead of printing, so that no subshell is forked per candidate (a few ms each).
smtplab_java_major() {        # sets smtplab_major to the major version of the JDK at $1 (empty if unknown)
  local home=$1 version="" line
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) version=${line#JAVA_VERSION=}; version=${version//\"/}; break ;; esac
    done < "$home/release"
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  version=${version#1.}          # "1.8.0_392" is Java 8
  smtplab_major=${version%%[._+-]*}
}
smtplab_find_jdk() {          # sets smtplab_jdk (and smtplab_major) to the JDK to use, or says what to install
  local candidates=() dir best="" best_major=0 name java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    smtplab_java_major "$JAVA_HOME"
    if [ -n "$smtplab_major" ] && [ "$smtplab_major" -ge 21 ] 2>/dev/null; then
      smtplab_jdk=$JAVA_HOME
      return 0
    fi
  fi
  if java=$(command -v java 2>/dev/null) && java=$(readlink -f "$java"); then
    java=${java%/bin/java}
    candidates+=("$java")
  fi
  for name in ${!JAVA*}; do                       # JAVA17_HOME, JAVA21_HOME, ...
    [[ $name =~ ^JAVA[0-9]+_HOME$ ]] && candidates+=("${!name}")
  done
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/javac" ] || continue
    smtplab_java_major "$dir"
    if [ -n "$smtplab_major" ] && [ "$smtplab_major" -ge 21 ] 2>/dev/null && [ "$smtplab_major" -gt "$best_major" ]; then
      best=$dir
      best_major=$smtplab_major
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
  smtplab_jdk=$best
  smtplab_major=$best_major
}
smtplab_select_jdk() {
  smtplab_find_jdk || return 1
  export JAVA_HOME=$smtplab_jdk
  export PATH=$smtplab_jdk/bin:$PATH
  export SMTPLAB_JAVA_MAJOR=$smtplab_major
}
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  smtplab_find_jdk || exit 1
  printf '%s\n' "$smtplab_jdk"
else
  smtplab_select_jdk
fi
