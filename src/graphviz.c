/* Running GraphViz `dot` for the report's graph picture: found on PATH,
 * fed DOT on its standard input (fork and exec, no shell, no temporary
 * file), read back as SVG under a time limit, and killed with telegraph.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "graphviz.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The absolute path of `dot` on PATH, into `path`; false when missing. */
bool tg_graphviz_find_dot(TgBuf *path, TgStatus *st) {
  const char *env = getenv("PATH");
  const char *p = env ? env : "/usr/local/bin:/usr/bin:/bin";
  for (;;) {
    const char *colon = strchr(p, ':');
    const size_t n = colon ? (size_t)(colon - p) : strlen(p);
    struct stat sb;
    path->len = 0;
    if (n == 0) {
      *st = tg_buf_puts(path, "./dot");
    } else {
      *st = tg_buf_append(path, p, n);
      *st = *st ? *st : tg_buf_puts(path, "/dot");
    }
    if (*st) {
      return false;
    }
    if (stat(path->buf, &sb) == 0 && S_ISREG(sb.st_mode) && access(path->buf, X_OK) == 0) {
      return true;
    }
    if (!colon) {
      return false;
    }
    p = colon + 1;
  }
}

/* Seconds `dot` may take: TELEGRAPH_DOT_TIMEOUT, or TG_DOT_TIMEOUT. */
#define TG_DOT_TIMEOUT 30.0

static double dot_timeout(void) {
  const char *env = getenv("TELEGRAPH_DOT_TIMEOUT");
  char *end = NULL;
  const double t = env ? strtod(env, &end) : 0.0;
  return env && end != env && !*end && t > 0 && t < 1e6 ? t : TG_DOT_TIMEOUT;
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* In the child: stdin, stdout and stderr, a CPU limit, death with the
 * parent (a killed telegraph leaves no `dot` behind), then exec. */
static void dot_child(const char *dot_path, int in, int out, pid_t parent, double limit) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) {
    _exit(127);
  }
  const int null = open("/dev/null", O_WRONLY);
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || null < 0 || dup2(null, 2) < 0) {
    _exit(127);
  }
  const struct rlimit cpu = {(rlim_t)limit + 1, (rlim_t)limit + 2};
  setrlimit(RLIMIT_CPU, &cpu);
  char *const argv[] = {(char *)"dot",
                        (char *)"-Tsvg",
                        (char *)"-Gfontname=Helvetica,Arial,sans-serif",
                        (char *)"-Nfontname=Helvetica,Arial,sans-serif",
                        (char *)"-Efontname=Helvetica,Arial,sans-serif",
                        (char *)"-Nfontsize=11",
                        (char *)"-Efontsize=10",
                        (char *)"-Ecolor=#8c959f",
                        (char *)"-Efontcolor=#57606a",
                        (char *)"-Gbgcolor=transparent",
                        NULL};
  execv(dot_path, argv);
  _exit(127);
}

/* Feed `dot` and read its SVG until it ends or the deadline passes; false
 * on the deadline.  `in` is closed when all is written. */
static bool dot_exchange(int *in, int out, const char *dot, size_t dot_len, TgBuf *svg,
                         TgStatus *st, double deadline) {
  size_t off = 0;
  char chunk[8192];
  for (;;) {
    struct pollfd fds[2] = {{out, POLLIN, 0}, {*in, POLLOUT, 0}};
    const double left = deadline - now_seconds();
    if (left <= 0) {
      return false;
    }
    const int n = poll(fds, *in >= 0 ? 2 : 1, (int)(left * 1000) + 1);
    if (n < 0 && errno != EINTR) {
      return true;
    }
    if (n <= 0) {
      continue;
    }
    if (*in >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t w = off < dot_len ? send(*in, dot + off, dot_len - off, MSG_NOSIGNAL) : 0;
      off += w > 0 ? (size_t)w : 0;
      if (off >= dot_len || (w < 0 && errno != EINTR && errno != EAGAIN)) {
        close(*in);
        *in = -1;
      }
    }
    if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
      const ssize_t r = read(out, chunk, sizeof chunk);
      if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
        return true;
      }
      if (r > 0 && !*st) {
        *st = tg_buf_append(svg, chunk, (size_t)r); /* on failure, drain and wait */
      }
    }
  }
}

/* Run `dot_path` on the DOT text, its standard output into `svg`, within
 * dot_timeout() seconds (then it is killed).  No temporary file: the DOT
 * goes to its standard input.  TG_FAILURE (with `why`) when it cannot run,
 * fails or takes too long. */
TgStatus tg_graphviz_svg(const char *dot_path, const char *dot, size_t dot_len, TgBuf *svg,
                        char *why, size_t why_size) {
  int in[2];
  int out[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
    snprintf(why, why_size, "cannot start 'dot' (%s)", strerror(errno));
    return TG_FAILURE;
  }
  if (pipe(out) != 0) {
    snprintf(why, why_size, "cannot start 'dot' (%s)", strerror(errno));
    close(in[0]);
    close(in[1]);
    return TG_FAILURE;
  }
  fcntl(out[0], F_SETFD, FD_CLOEXEC);
  fcntl(out[1], F_SETFD, FD_CLOEXEC);
  const double limit = dot_timeout();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    dot_child(dot_path, in[1], out[1], parent, limit);
  }
  const int fork_errno = errno;
  close(in[1]);
  close(out[1]);
  if (pid < 0) {
    close(in[0]);
    close(out[0]);
    snprintf(why, why_size, "cannot start 'dot' (%s)", strerror(fork_errno));
    return TG_FAILURE;
  }
  fcntl(in[0], F_SETFL, O_NONBLOCK);
  TgStatus st = TG_SUCCESS;
  int feed = in[0];
  const bool finished = dot_exchange(&feed, out[0], dot, dot_len, svg, &st, now_seconds() + limit);
  if (feed >= 0) {
    close(feed);
  }
  close(out[0]);
  if (!finished) {
    kill(pid, SIGKILL);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      status = -1;
      break;
    }
  }
  if (st) {
    return st;
  }
  if (!finished) {
    snprintf(why, why_size, "'dot' took longer than %g s and was stopped", limit);
    return TG_FAILURE;
  }
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (status != -1 && WIFEXITED(status)) {
      snprintf(why, why_size, "'dot' failed with exit status %d", WEXITSTATUS(status));
    } else {
      snprintf(why, why_size, "'dot' did not finish normally");
    }
    return TG_FAILURE;
  }
  return TG_SUCCESS;
}
