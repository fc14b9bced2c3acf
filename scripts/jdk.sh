# Sourced by ./trellis and ./test.sh: selects a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.

trellis_java_major() {
  # Prints the major version of the java binary $1, or 0 if it cannot run.
  local out
  out=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p') || true
  case "$out" in
    1.*) echo "${out#1.}" | cut -d. -f1 ;;
    "") echo 0 ;;
    *) echo "${out%%.*}" ;;
  esac
}

trellis_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
      && [ "$(trellis_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    export JAVA_HOME
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(trellis_java_major "$dir/bin/java")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "trellis: no JDK >= 21 found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "trellis: install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
