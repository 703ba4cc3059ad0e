# Sourced by Plenum's scripts: finds a JDK >= 25 and exports JAVA_HOME, or explains what to install.
plenum_find_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  echo "Plenum needs a JDK 25 or later and found none." >&2
  echo "Install Temurin 25 (https://adoptium.net, Debian: apt-get install temurin-25-jdk from packages.adoptium.net)" >&2
  echo "or set JAVA_HOME to a JDK 25 installation." >&2
  return 1
}
plenum_need_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "Installing Maven (Debian package maven)..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends maven >&2; else sudo apt-get install -y --no-install-recommends maven >&2; fi
}
plenum_need_chromium() {
  # Chromium for the browser tests, and a colour emoji font so reactions render in its screenshots.
  [ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] && return 0
  echo "Installing Chromium and an emoji font for the browser tests (Debian packages chromium, fonts-noto-color-emoji)..." >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji >&2
}
plenum_need_axe() {
  # axe-core (npm registry) for the accessibility checks of the browser tests; cached per version.
  local version=4.11.0 dir="$HOME/.cache/plenum/axe-core-4.11.0"
  [ -f "$dir/axe.min.js" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "The browser tests need npm (Debian package npm) to fetch axe-core." >&2; return 1; }
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "axe-core@$version" >/dev/null && tar -xzf "axe-core-$version.tgz" --strip-components=1 package/axe.min.js && rm -f "axe-core-$version.tgz")
}
