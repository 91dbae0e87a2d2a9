/*
 * rawping: the baseline for mcptask's per-request cost. Spawns a stdio MCP server, does the handshake,
 * then COUNT lock-step pings over raw pipes with no JSON parsing at all, and prints one JSON object:
 *   {"requests":N,"seconds":S,"perRequestMicroseconds":U,"p50Microseconds":..,"p99Microseconds":..}
 * What it measures is the server's round trip plus the kernel's pipe hand-offs, with as small a client
 * as possible; `mcptask bench ping` minus this is the client's own overhead.
 *
 * With --flood it calls the demo server's `flood` tool instead (start it with --bench) and counts the
 * notifications/progress lines that arrive before the answer, touching nothing but the line breaks: the
 * most the server can send, against which `mcptask bench notifications` is judged.
 *   {"notifications":N,"seconds":S,"perSecond":R}
 *
 * usage: rawping [--flood] COUNT SERVER [ARGS...]        (cc -O2 -o rawping bench/rawping.c)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int to_server, from_server;
static char buffer[1 << 20];
static size_t start, end;

static void die(const char *what) {
    fprintf(stderr, "rawping: %s: %s\n", what, errno ? strerror(errno) : "unexpected input");
    exit(1);
}

static void send_line(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(to_server, text, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        text += written;
        length -= (size_t)written;
    }
}

/* Returns the next line (without its newline), valid until the next call. */
static char *read_line(void) {
    for (;;) {
        char *newline = memchr(buffer + start, '\n', end - start);
        if (newline) {
            char *line = buffer + start;
            *newline = 0;
            start = (size_t)(newline - buffer) + 1;
            return line;
        }
        if (start > 0) {
            memmove(buffer, buffer + start, end - start);
            end -= start;
            start = 0;
        }
        if (end == sizeof buffer) die("line too long");
        ssize_t got = read(from_server, buffer + end, sizeof buffer - end);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            if (got == 0) errno = 0;
            die("read");
        }
        end += (size_t)got;
    }
}

/* Reads lines until the response with this id (skipping notifications and anything else). */
static void await_response(long id) {
    char needle[48];
    snprintf(needle, sizeof needle, "\"id\":%ld", id);
    for (;;) {
        char *line = read_line();
        if (strstr(line, needle) && (strstr(line, "\"result\"") || strstr(line, "\"error\""))) {
            if (strstr(line, "\"error\"")) {
                fprintf(stderr, "rawping: the server answered with an error: %s\n", line);
                exit(1);
            }
            return;
        }
    }
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_flood(long count, pid_t child) {
    char request[256];
    int length = snprintf(request, sizeof request,
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"flood\","
                          "\"arguments\":{\"count\":%ld},\"_meta\":{\"progressToken\":\"rawping\"}}}\n",
                          count);
    long received = 0;
    double began = now_seconds();
    send_line(request, (size_t)length);
    for (;;) {
        char *line = read_line();
        if (strstr(line, "notifications/progress")) {
            received++;
        } else if (strstr(line, "\"id\":1") && (strstr(line, "\"result\"") || strstr(line, "\"error\""))) {
            if (strstr(line, "\"error\"") || !strstr(line, "flooded")) {
                fprintf(stderr, "rawping: flood failed (is the server started with --bench?): %s\n", line);
                exit(1);
            }
            break;
        }
    }
    double seconds = now_seconds() - began;
    close(to_server);
    int status;
    waitpid(child, &status, 0);
    printf("{\"notifications\":%ld,\"requested\":%ld,\"seconds\":%.6f,\"perSecond\":%.1f}\n", received, count,
           seconds, (double)received / seconds);
    return 0;
}

int main(int argc, char **argv) {
    int flood = argc > 1 && strcmp(argv[1], "--flood") == 0;
    if (flood) {
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: rawping [--flood] COUNT SERVER [ARGS...]\n");
        return 64;
    }
    long count = strtol(argv[1], NULL, 10);
    if (count < 1) {
        fprintf(stderr, "rawping: COUNT must be a positive number\n");
        return 64;
    }
    signal(SIGPIPE, SIG_IGN);
    int in[2], out[2];
    if (pipe(in) || pipe(out)) die("pipe");
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[2], argv + 2);
        fprintf(stderr, "rawping: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_server = in[1];
    from_server = out[0];

    static const char initialize[] =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        "\"capabilities\":{},\"clientInfo\":{\"name\":\"rawping\",\"version\":\"1\"}}}\n";
    static const char initialized[] = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    send_line(initialize, sizeof initialize - 1);
    await_response(0);
    send_line(initialized, sizeof initialized - 1);

    if (flood) return run_flood(count, child);

    double *samples = malloc(sizeof(double) * (size_t)count);
    if (!samples) die("malloc");
    char request[96];
    /* One untimed ping to warm up, as `mcptask bench ping` does. */
    int length = snprintf(request, sizeof request, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n");
    send_line(request, (size_t)length);
    await_response(1);

    double began = now_seconds();
    for (long i = 0; i < count; i++) {
        long id = i + 2;
        length = snprintf(request, sizeof request, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"method\":\"ping\"}\n", id);
        double sent = now_seconds();
        send_line(request, (size_t)length);
        await_response(id);
        samples[i] = now_seconds() - sent;
    }
    double seconds = now_seconds() - began;

    close(to_server);
    int status;
    waitpid(child, &status, 0);

    qsort(samples, (size_t)count, sizeof(double), compare);
    long p50 = count / 2, p99 = (long)((double)count * 0.99);
    if (p99 >= count) p99 = count - 1;
    printf("{\"requests\":%ld,\"seconds\":%.6f,\"perRequestMicroseconds\":%.3f,\"p50Microseconds\":%.3f,"
           "\"p99Microseconds\":%.3f,\"maxMicroseconds\":%.3f}\n",
           count, seconds, seconds / (double)count * 1e6, samples[p50] * 1e6, samples[p99] * 1e6,
           samples[count - 1] * 1e6);
    free(samples);
    return 0;
}
