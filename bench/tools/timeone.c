/* timeone: runs one command as a child process and reports its wall time and
 * peak RSS. Written in C so that the harness itself adds almost nothing to the
 * peak: ru_maxrss of a child counts the pages it shared with its parent before
 * exec, so a Python harness would put a ~10 MiB floor under every figure.
 *
 * Usage: timeone OUT_STATS [STDOUT_FILE] -- COMMAND [ARG ...]
 * The child's stdin is /dev/null and its stdout goes to STDOUT_FILE (discarded
 * when absent); its stderr goes to timeone's stderr. OUT_STATS receives one line:
 *   wall_s user_s sys_s maxrss_kib exit_status
 * exit_status is the child's exit code, or 128+signal if it was killed.
 * timeone exits 0 when the stats were written, 125 on its own failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double secondsOf(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char** argv) {
  int sep = (argc > 2 && strcmp(argv[2], "--") == 0) ? 2 : 3;
  if (argc < sep + 2 || strcmp(argv[sep], "--") != 0) {
    fprintf(stderr, "usage: %s OUT_STATS [STDOUT_FILE] -- COMMAND [ARG ...]\n", argv[0]);
    return 125;
  }
  const char* stdoutPath = sep == 3 ? argv[2] : "/dev/null";
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return 125;
  }
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) {
      perror(stdoutPath);
      _exit(127);
    }
    dup2(in, 0);
    dup2(out, 1);
    execvp(argv[sep + 1], argv + sep + 1);
    perror(argv[sep + 1]);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      perror("wait4");
      return 125;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  FILE* out = fopen(argv[1], "w");
  if (!out) {
    perror(argv[1]);
    return 125;
  }
  fprintf(out, "%.6f %.6f %.6f %ld %d\n", wall, secondsOf(ru.ru_utime), secondsOf(ru.ru_stime), ru.ru_maxrss,
          code);
  return fclose(out) == 0 ? 0 : 125;
}
