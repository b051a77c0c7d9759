/*
 * The module's arguments, read from WASI directly. wasi-libc's start-up code (for a
 * `main(int, char **)`) calls args_get even when there are no arguments, and node:wasi answers
 * that call with EINVAL, so the module would exit 71 before main. An empty argv is ordinary here:
 * a container with neither `command` nor `args` gets one (Krustlet passed `args` alone). So the
 * modules declare `main(void)` and call wasi_args(), which skips args_get when there is nothing
 * to get.
 */
#ifndef MODULES_WASI_ARGS_H
#define MODULES_WASI_ARGS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <wasi/api.h>

/* Returns a NULL-terminated argv and sets *argc; on a host error, says so and exits 71. */
static char **wasi_args(const char *module, int *argc) {
  __wasi_size_t count = 0, size = 0;
  if (__wasi_args_sizes_get(&count, &size) != 0) {
    fprintf(stderr, "%s: cannot read the arguments (args_sizes_get failed)\n", module);
    exit(71);
  }
  char **argv = calloc((size_t)count + 1, sizeof *argv);
  char *buf = malloc(size ? size : 1);
  if (!argv || !buf) {
    fprintf(stderr, "%s: out of memory reading the arguments\n", module);
    exit(70);
  }
  if (count > 0 && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != 0) {
    fprintf(stderr, "%s: cannot read the arguments (args_get failed)\n", module);
    exit(71);
  }
  *argc = (int)count;
  return argv;
}

#endif
