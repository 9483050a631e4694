/* The floor of any program in the cold-start harness (--lambda): GET the next event from the
 * Runtime API, POST a fixed Allow, forever; one HTTP/1.1 request per connection, as the .NET
 * floor (bench/AotAuth.FloorFunction) does. What this costs is process start and the harness.
 * Built by .ci/bench: gcc -O2 -o artifacts/publish/floor-c/bootstrap bench/floor-c/bootstrap.c */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char allow[] =
    "{\"principalId\":\"floor\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
    "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}";
static char answer[1 << 20];

/* Sends head and body on a new connection; reads the answer until the server closes it. */
static size_t exchange(const struct sockaddr_in *api, const char *head, const char *body, size_t body_length) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (const struct sockaddr *)api, sizeof *api) != 0) { perror("connect"); exit(1); }
    if (write(fd, head, strlen(head)) < 0 || (body_length > 0 && write(fd, body, body_length) < 0)) { perror("write"); exit(1); }
    size_t length = 0;
    ssize_t n;
    while (length < sizeof answer - 1 && (n = read(fd, answer + length, sizeof answer - 1 - length)) > 0) length += (size_t)n;
    answer[length] = '\0';
    close(fd);
    return length;
}

int main(void) {
    const char *address = getenv("AWS_LAMBDA_RUNTIME_API");
    const char *colon = address ? strrchr(address, ':') : NULL;
    if (!colon) { fputs("AWS_LAMBDA_RUNTIME_API is not host:port\n", stderr); return 1; }
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(colon - address), address);
    struct sockaddr_in api = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(colon + 1)) };
    if (inet_pton(AF_INET, host, &api.sin_addr) != 1) { fputs("AWS_LAMBDA_RUNTIME_API is not an IPv4 address\n", stderr); return 1; }

    char head[512], id[128];
    for (;;) {
        snprintf(head, sizeof head, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", address);
        exchange(&api, head, NULL, 0);
        const char *at = strcasestr(answer, "\r\nLambda-Runtime-Aws-Request-Id:");
        if (!at || sscanf(at + 32, " %127[^\r\n ]", id) != 1) { fputs("no request id in the next answer\n", stderr); return 1; }
        snprintf(head, sizeof head, "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                 id, address, sizeof allow - 1);
        exchange(&api, head, allow, sizeof allow - 1);
    }
}
