/*
 * Kannel 1.4.5 never turns off Nagle's algorithm on its sockets. Between smsbox and bearerbox that costs a stall of
 * about 40 ms on one message in ten once delivery reports flow: smsbox writes two small messages in a row to bearerbox
 * (an acknowledgement of a report, then the next SMS), the second waits for the first to be acknowledged at the TCP
 * level, and bearerbox's kernel delays that acknowledgement by up to 40 ms. Measured on 127.0.0.1 with 16 sendsms
 * clients asking for delivery reports: about 850 messages/s with the stall, 2,500–3,000 without it (BENCHMARKS.md).
 *
 * Loaded into bearerbox and smsbox (LD_PRELOAD), this library sets TCP_NODELAY on every TCP connection they open or
 * accept, as the gateway would if it had the option. Build: cc -shared -fPIC -O2 -o tcp-nodelay.so tcp-nodelay.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <sys/socket.h>

static void no_delay(int fd)
{
    int type = 0;
    socklen_t length = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_STREAM) {
        int on = 1;
        (void) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on); /* fails harmlessly on a Unix socket */
    }
}

int connect(int fd, const struct sockaddr *address, socklen_t length)
{
    static int (*next)(int, const struct sockaddr *, socklen_t);
    if (next == NULL) {
        next = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "connect");
    }
    if (address != NULL && (address->sa_family == AF_INET || address->sa_family == AF_INET6)) {
        no_delay(fd); /* before connecting: Kannel connects without blocking and writes as soon as it may */
    }
    return next(fd, address, length);
}

int accept(int fd, struct sockaddr *address, socklen_t *length)
{
    static int (*next)(int, struct sockaddr *, socklen_t *);
    if (next == NULL) {
        next = (int (*)(int, struct sockaddr *, socklen_t *)) dlsym(RTLD_NEXT, "accept");
    }
    int accepted = next(fd, address, length);
    if (accepted >= 0) {
        no_delay(accepted);
    }
    return accepted;
}

int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags)
{
    static int (*next)(int, struct sockaddr *, socklen_t *, int);
    if (next == NULL) {
        next = (int (*)(int, struct sockaddr *, socklen_t *, int)) dlsym(RTLD_NEXT, "accept4");
    }
    int accepted = next(fd, address, length, flags);
    if (accepted >= 0) {
        no_delay(accepted);
    }
    return accepted;
}
