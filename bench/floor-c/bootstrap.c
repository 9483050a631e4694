/* The floor of any program in the cold-start harness (--lambda): GET the next event from the
 * Runtime API, POST a fixed Allow, forever, on one kept-open HTTP/1.1 connection (as every
 * Lambda runtime client does, and as the .NET floor, bench/AotAuth.FloorFunction, does). What
 * this costs is process start, the Runtime API exchange and the harness (freeze and thaw).
 * Built by .ci/bench: gcc -O2 -o artifacts/publish/floor-c/bootstrap bench/floor-c/bootstrap.c */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char allow[] =
    "{\"principalId\":\"floor\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
    "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}";
static char answer[1 << 20];

static void fail(const char *what) { fprintf(stderr, "floor: %s\n", what); exit(1); }

static void send_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n <= 0) { perror("write"); exit(1); }
        data += n;
        length -= (size_t)n;
    }
}

/* Reads one answer (head and a Content-Length body) into answer; the connection stays open. */
static void read_answer(int fd) {
    size_t length = 0;
    for (;;) {
        if (length == sizeof answer - 1) fail("answer larger than 1 MiB");
        ssize_t n = read(fd, answer + length, sizeof answer - 1 - length);
        if (n <= 0) fail("the Runtime API closed the connection");
        length += (size_t)n;
        answer[length] = '\0';
        const char *end = strstr(answer, "\r\n\r\n");
        if (!end) continue;
        const char *field = strcasestr(answer, "\r\nContent-Length:");
        if (!field || field > end) fail("an answer without Content-Length");
        if (length >= (size_t)(end + 4 - answer) + strtoul(field + 17, NULL, 10)) return;
    }
}

int main(void) {
    const char *address = getenv("AWS_LAMBDA_RUNTIME_API");
    const char *colon = address ? strrchr(address, ':') : NULL;
    if (!colon) fail("AWS_LAMBDA_RUNTIME_API is not host:port");
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(colon - address), address);
    struct sockaddr_in api = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(colon + 1)) };
    if (inet_pton(AF_INET, host, &api.sin_addr) != 1) fail("AWS_LAMBDA_RUNTIME_API is not an IPv4 address");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    if (fd < 0 || connect(fd, (const struct sockaddr *)&api, sizeof api) != 0) { perror("connect"); return 1; }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    char request[1024], id[128];
    for (;;) {
        int length = snprintf(request, sizeof request, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", address);
        send_all(fd, request, (size_t)length);
        read_answer(fd);
        const char *at = strcasestr(answer, "\r\nLambda-Runtime-Aws-Request-Id:");
        if (!at || sscanf(at + 32, " %127[^\r\n ]", id) != 1) fail("no request id in the next answer");
        length = snprintf(request, sizeof request, "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Length: %zu\r\n\r\n%s",
                          id, address, sizeof allow - 1, allow);
        if (length >= (int)sizeof request) fail("request id too long");
        send_all(fd, request, (size_t)length);
        read_answer(fd);
    }
}
