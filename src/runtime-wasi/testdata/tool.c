/*
 * A test container driven by its arguments, one step after another:
 *   echo TEXT | err TEXT | args | env | argsize | cat PATH | write PATH TEXT | append PATH TEXT
 *   mkdir PATH | rm PATH | ls PATH | sleep MS | now | exit N | wait-file PATH TEXT MS
 * A failing step prints why on stderr and exits 1. Built by build.sh; used by the runtime tests.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int fail(const char *step, const char *arg) {
  fprintf(stderr, "%s %s: %s\n", step, arg, strerror(errno));
  exit(1);
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static char buf[65536];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = 0;
  fclose(f);
  return buf;
}

static void write_file(const char *step, const char *path, const char *text, const char *mode) {
  FILE *f = fopen(path, mode);
  if (!f) fail(step, path);
  if (fputs(text, f) < 0 || fclose(f) != 0) fail(step, path);
}

extern char **environ;

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *step = argv[i];
#define ARG() (i + 1 < argc ? argv[++i] : (fprintf(stderr, "%s: missing argument\n", step), exit(2), ""))
    if (!strcmp(step, "echo")) {
      printf("%s\n", ARG());
      fflush(stdout);
    } else if (!strcmp(step, "err")) {
      fprintf(stderr, "%s\n", ARG());
    } else if (!strcmp(step, "args")) {
      for (int j = 0; j < argc; j++) printf("argv[%d]=%s\n", j, argv[j]);
      fflush(stdout);
    } else if (!strcmp(step, "env")) {
      for (char **e = environ; *e; e++) printf("%s\n", *e);
      fflush(stdout);
    } else if (!strcmp(step, "argsize")) {
      __wasi_size_t count, size;
      if (__wasi_args_sizes_get(&count, &size) != 0) return 1;
      printf("argc=%lu argv_buf_size=%lu\n", (unsigned long)count, (unsigned long)size);
      fflush(stdout);
    } else if (!strcmp(step, "cat")) {
      const char *path = ARG();
      char *text = read_file(path);
      if (!text) fail("cat", path);
      fputs(text, stdout);
      fflush(stdout);
    } else if (!strcmp(step, "write")) {
      const char *path = ARG();
      write_file(step, path, ARG(), "w");
    } else if (!strcmp(step, "append")) {
      const char *path = ARG();
      write_file(step, path, ARG(), "a");
    } else if (!strcmp(step, "mkdir")) {
      const char *path = ARG();
      if (mkdir(path, 0755) != 0) fail("mkdir", path);
    } else if (!strcmp(step, "rm")) {
      const char *path = ARG();
      if (remove(path) != 0) fail("rm", path);
    } else if (!strcmp(step, "ls")) {
      const char *path = ARG();
      DIR *d = opendir(path);
      if (!d) fail("ls", path);
      struct dirent *e;
      while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf("%s\n", e->d_name);
      }
      closedir(d);
      fflush(stdout);
    } else if (!strcmp(step, "sleep")) {
      sleep_ms(atol(ARG()));
    } else if (!strcmp(step, "now")) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      printf("%lld\n", (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
      fflush(stdout);
    } else if (!strcmp(step, "exit")) {
      exit(atoi(ARG()));
    } else if (!strcmp(step, "wait-file")) {
      const char *path = ARG();
      const char *want = ARG();
      long ms = atol(ARG());
      for (;;) {
        char *text = read_file(path);
        if (text && !strcmp(text, want)) break;
        sleep_ms(ms);
      }
      printf("saw %s\n", want);
      fflush(stdout);
    } else {
      fprintf(stderr, "unknown step %s\n", step);
      return 2;
    }
  }
  return 0;
}
