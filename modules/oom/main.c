/*
 * oom [STEP_MIB]: allocates memory in steps of STEP_MIB MiB (default 1), touching every byte and
 * keeping every block, and prints the total after each step, until an allocation fails. Then it
 * ends the way a process killed for running out of memory ends: abnormally, here with a trap
 * (abort), never with a clean exit. Under a memory limit the runtime reports OOMKilled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasi_args.h"

#define MIB (1024ul * 1024ul)

struct block {
  struct block *next;
};

/* Every block stays reachable, so the compiler cannot drop the allocations. */
static struct block *volatile held;

static int is_program_name(const char *arg) { return arg[0] < '0' || arg[0] > '9'; }

int main(void) {
  int argc;
  char **argv = wasi_args("oom", &argc);
  unsigned long step = 1;
  /* Line-buffered: every line is written at once, one write each, before the trap. */
  setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
  static char stderr_buffer[BUFSIZ]; /* musl keeps stderr unbuffered without one */
  setvbuf(stderr, stderr_buffer, _IOLBF, sizeof stderr_buffer);
  for (int i = 0; i < argc; i++) {
    if (i == 0 && is_program_name(argv[0])) continue;
    char *end;
    step = strtoul(argv[i], &end, 10);
    if (*end || step == 0 || step > 1024 || i != argc - 1) {
      fprintf(stderr, "oom: expected at most one argument, the step in MiB (1-1024), got \"%s\"\n",
              argv[i]);
      return 1;
    }
  }
  for (unsigned long total = 0;;) {
    struct block *b = malloc(step * MIB);
    if (!b) {
      fprintf(stderr, "oom: cannot allocate %lu MiB more after %lu MiB: out of memory\n", step,
              total);
      fflush(stdout);
      abort();
    }
    memset(b, 0xA5, step * MIB);
    b->next = held;
    held = b;
    total += step;
    printf("oom: allocated %lu MiB\n", total);
  }
}
