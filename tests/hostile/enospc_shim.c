/* A full disk without mount(2), for the full-disk probes of tests/hostile/
 * (test_aftermath.py) on any machine: preloaded (LD_PRELOAD) into bangfu, it makes
 * write(2) and pwrite(2) into files under BANGFU_ENOSPC_DIR fail as a full file
 * system does once BANGFU_ENOSPC_BYTES bytes have gone there in this process: the
 * write that crosses the limit is short, every later one fails with ENOSPC. Other
 * files (the terminal, sockets, /dev/shm staging) are untouched; without both
 * variables the shim does nothing. A test fixture only: never installed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long limit = -1; /* bytes; -1: off */
static atomic_llong used;
static char folder[4096];
static size_t folderLength;

__attribute__((constructor)) static void readSettings(void) {
  const char* bytes = getenv("BANGFU_ENOSPC_BYTES");
  const char* dir = getenv("BANGFU_ENOSPC_DIR");
  if (!bytes || !dir || !*dir || strlen(dir) + 2 > sizeof folder) return;
  folderLength = (size_t)snprintf(folder, sizeof folder, "%s/", dir);
  limit = atoll(bytes);
}

/* Whether `fd` is a file under the folder (its name as /proc/self/fd shows it). */
static int underFolder(int fd) {
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  return strncmp(target, folder, folderLength) == 0;
}

/* How many of `n` bytes the "disk" takes: n, fewer (a short write), or -1 (ENOSPC). */
static ssize_t room(int fd, size_t n) {
  if (limit < 0 || n == 0 || !underFolder(fd)) return (ssize_t)n;
  const long long before = atomic_fetch_add(&used, (long long)n);
  if (before >= limit) {
    errno = ENOSPC;
    return -1;
  }
  return before + (long long)n > limit ? (ssize_t)(limit - before) : (ssize_t)n;
}

ssize_t write(int fd, const void* buf, size_t n) {
  static ssize_t (*real)(int, const void*, size_t);
  if (!real) *(void**)&real = dlsym(RTLD_NEXT, "write"); /* POSIX dlsym idiom for a function */
  const ssize_t k = room(fd, n);
  return k < 0 ? -1 : real(fd, buf, (size_t)k);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (!real) *(void**)&real = dlsym(RTLD_NEXT, "pwrite"); /* POSIX dlsym idiom for a function */
  const ssize_t k = room(fd, n);
  return k < 0 ? -1 : real(fd, buf, (size_t)k, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off_t offset) {
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (!real) *(void**)&real = dlsym(RTLD_NEXT, "pwrite64"); /* POSIX dlsym idiom for a function */
  const ssize_t k = room(fd, n);
  return k < 0 ? -1 : real(fd, buf, (size_t)k, offset);
}
