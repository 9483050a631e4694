#!/usr/bin/env bash
# Runs DynamoDB Local (AWS's Java emulator) for the storage tests.
#
# The emulator jar is taken from the npm package amplify-dynamodb-simulator, because npm is
# one of the few registries every machine of this project can reach; the package ships the
# official DynamoDBLocal.jar and its native sqlite libraries unchanged.
#
# Usage: scripts/dynamodb-local.sh install | start [PORT] | stop [PORT] | status [PORT] | endpoint [PORT]
#   status exits 0 when a DynamoDB endpoint answers on the port, 1 otherwise.
#
# DynamoDB Local has no option to choose the bind address (checked with -help and in its
# ServerRunner: it builds a Jetty Server(port), which listens on all interfaces), so it runs
# with scripts/loopback-bind.c preloaded: a wildcard bind becomes a 127.0.0.1 bind.
set -euo pipefail

readonly SIMULATOR_VERSION="2.9.30"
readonly DEFAULT_PORT=8000
readonly START_TIMEOUT_SECONDS=30

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly tools_dir="${repo_root}/.tools/dynamodb-local"
readonly emulator_dir="${tools_dir}/package/emulator"
readonly version_marker="${tools_dir}/installed-version"

die() {
    echo "dynamodb-local: $*" >&2
    exit 1
}

require_command() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is required but was not found on PATH"
}

validate_port() {
    [[ "$1" =~ ^[0-9]+$ ]] && (("$1" >= 1 && "$1" <= 65535)) || die "invalid port: '$1'"
}

pid_file() { echo "${tools_dir}/dynamodb-local-$1.pid"; }
log_file() { echo "${tools_dir}/dynamodb-local-$1.log"; }

is_installed() {
    [[ -f "${emulator_dir}/DynamoDBLocal.jar" && -f "${version_marker}" ]] &&
        [[ "$(cat "${version_marker}")" == "${SIMULATOR_VERSION}" ]]
}

cmd_install() {
    if is_installed; then
        echo "DynamoDB Local (amplify-dynamodb-simulator@${SIMULATOR_VERSION}) already installed in ${tools_dir}"
        return 0
    fi
    require_command npm
    require_command tar
    mkdir -p "${tools_dir}"
    # Unpack into a scratch folder and move it into place at the end, so an interrupted
    # install never leaves a half-extracted emulator that is_installed would accept.
    local scratch
    scratch="$(mktemp -d "${tools_dir}/.install.XXXXXX")"
    trap 'rm -rf "${scratch}"' EXIT
    echo "Downloading amplify-dynamodb-simulator@${SIMULATOR_VERSION} (~56 MB) ..."
    (cd "${scratch}" && npm pack --silent "amplify-dynamodb-simulator@${SIMULATOR_VERSION}" >/dev/null)
    local tarball
    tarball="$(find "${scratch}" -maxdepth 1 -name 'amplify-dynamodb-simulator-*.tgz' | head -n 1)"
    [[ -n "${tarball}" ]] || die "npm pack did not produce a tarball"
    tar xzf "${tarball}" -C "${scratch}"
    [[ -f "${scratch}/package/emulator/DynamoDBLocal.jar" ]] || die "tarball has no package/emulator/DynamoDBLocal.jar"
    rm -rf "${tools_dir}/package" "${version_marker}"
    mv "${scratch}/package" "${tools_dir}/package"
    echo "${SIMULATOR_VERSION}" >"${version_marker}"
    rm -rf "${scratch}"
    trap - EXIT
    echo "Installed DynamoDB Local in ${tools_dir}"
}

# A real DynamoDB request: proves the server is up and speaks the protocol, not just that
# something accepted the TCP connection. DynamoDB Local checks that an Authorization header
# is present but does not verify the signature.
answers_dynamodb() {
    local port="$1" body
    body="$(curl --silent --max-time 2 -X POST "http://127.0.0.1:${port}/" \
        -H 'Content-Type: application/x-amz-json-1.0' \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
        -H 'X-Amz-Date: 20240101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000' \
        --data '{}' 2>/dev/null)" || return 1
    [[ "${body}" == *TableNames* ]]
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when the pid file names a live DynamoDB Local process (guards against pid reuse).
running_pid() {
    local file pid
    file="$(pid_file "$1")"
    [[ -f "${file}" ]] || return 1
    pid="$(cat "${file}")"
    [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
    kill -0 "${pid}" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q 'DynamoDBLocal.jar' || return 1
    echo "${pid}"
}

cmd_start() {
    local port="${1:-${DEFAULT_PORT}}"
    validate_port "${port}"
    require_command curl
    if answers_dynamodb "${port}"; then
        local pid
        if pid="$(running_pid "${port}")"; then
            echo "DynamoDB Local is already running on port ${port} (pid ${pid})"
        else
            echo "A DynamoDB endpoint is already answering on port ${port} (not started by this script)"
        fi
        return 0
    fi
    if port_in_use "${port}"; then
        die "port ${port} is in use by something that is not DynamoDB; pick another port"
    fi
    require_command java
    cmd_install
    mkdir -p "${tools_dir}"
    local shim="${tools_dir}/loopback-bind.so"
    if [[ ! -f "${shim}" || "${repo_root}/scripts/loopback-bind.c" -nt "${shim}" ]]; then
        require_command cc
        cc -shared -fPIC -O2 -o "${shim}" "${repo_root}/scripts/loopback-bind.c" -ldl
    fi
    local pidf logf
    pidf="$(pid_file "${port}")"
    logf="$(log_file "${port}")"
    rm -f "${pidf}"
    # -sharedDb: one database for every access key and region. Without it DynamoDB Local keeps
    # a separate database per key+region, so a test that creates a table with one set of
    # dummy credentials and a function process started with another would not see each other.
    # -disableTelemetry: no outbound calls from a test dependency.
    # preferIPv4Stack + the preloaded shim: listen on 127.0.0.1 only.
    # The inner shell writes its own pid and then execs java, so the pid file names the java
    # process itself; setsid detaches it from the caller's process group so it outlives this
    # script and a Ctrl-C in the calling terminal.
    (
        cd "${emulator_dir}"
        setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "${pidf}" \
            env LD_PRELOAD="${shim}" \
            java -Djava.net.preferIPv4Stack=true -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
            -inMemory -sharedDb -disableTelemetry -port "${port}" \
            </dev/null >"${logf}" 2>&1 &
    )
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS)) pid=""
    while ((SECONDS < deadline)); do
        [[ -z "${pid}" && -f "${pidf}" ]] && pid="$(cat "${pidf}")"
        if answers_dynamodb "${port}"; then
            echo "DynamoDB Local started on port ${port} (pid ${pid:-unknown}); log: ${logf}"
            echo "Endpoint: http://127.0.0.1:${port}"
            return 0
        fi
        # A failed bind leaves the JVM running, so look at the log as well as the process.
        if { [[ -n "${pid}" ]] && ! kill -0 "${pid}" 2>/dev/null; } ||
            grep -q -E 'Exception in thread "main"|Could not start server' "${logf}" 2>/dev/null; then
            echo "DynamoDB Local failed during startup. Last log lines:" >&2
            tail -n 30 "${logf}" >&2 || true
            [[ -n "${pid}" ]] && kill "${pid}" 2>/dev/null || true
            rm -f "${pidf}"
            exit 1
        fi
        sleep 0.25
    done
    echo "DynamoDB Local did not answer on port ${port} within ${START_TIMEOUT_SECONDS}s. Last log lines:" >&2
    tail -n 30 "${logf}" >&2 || true
    [[ -n "${pid}" ]] && kill "${pid}" 2>/dev/null || true
    rm -f "${pidf}"
    exit 1
}

stop_port() {
    local port="$1" pid
    if ! pid="$(running_pid "${port}")"; then
        rm -f "$(pid_file "${port}")"
        echo "DynamoDB Local is not running on port ${port} (no live process from this script)"
        return 0
    fi
    kill "${pid}"
    local i
    for ((i = 0; i < 40; i++)); do
        kill -0 "${pid}" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "${pid}" 2>/dev/null; then
        kill -KILL "${pid}" 2>/dev/null || true
    fi
    rm -f "$(pid_file "${port}")"
    echo "Stopped DynamoDB Local on port ${port} (pid ${pid})"
}

cmd_stop() {
    if (($# > 0)); then
        validate_port "$1"
        stop_port "$1"
        return 0
    fi
    # No port: stop every instance this script started.
    local found=0 file port
    for file in "${tools_dir}"/dynamodb-local-*.pid; do
        [[ -e "${file}" ]] || continue
        found=1
        port="${file##*/dynamodb-local-}"
        stop_port "${port%.pid}"
    done
    ((found)) || echo "No DynamoDB Local instance started by this script"
}

cmd_status() {
    local port="${1:-${DEFAULT_PORT}}" pid
    validate_port "${port}"
    require_command curl
    if ! answers_dynamodb "${port}"; then
        echo "DynamoDB Local is not answering on port ${port}"
        return 1
    fi
    if pid="$(running_pid "${port}")"; then
        echo "DynamoDB Local is running on port ${port} (pid ${pid})"
    else
        echo "A DynamoDB endpoint is answering on port ${port} (not started by this script)"
    fi
}

cmd_endpoint() {
    local port="${1:-${DEFAULT_PORT}}"
    validate_port "${port}"
    echo "http://127.0.0.1:${port}"
}

main() {
    local command="${1:-}"
    (($# > 0)) && shift
    case "${command}" in
    install) cmd_install ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    endpoint) cmd_endpoint "$@" ;;
    *)
        echo "usage: $0 install | start [PORT] | stop [PORT] | status [PORT] | endpoint [PORT]" >&2
        exit 2
        ;;
    esac
}

main "$@"
