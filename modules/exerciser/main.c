/*
 * exerciser: runs the steps given as its arguments, in order, to script a scenario without
 * writing a new module. Each argument is one step, `name:operand` or a bare `loop` / `trap`.
 * The step language is documented in modules/README.md. A failing step prints why on stderr,
 * naming the step, and exits 1. When every step passed, the module exits 0.
 *
 * argv[0] is skipped when it is not a step (a program name such as `exerciser`), so the module
 * works both with Krustlet-style argv (the container's `args` alone) and with a `command`.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "wasi_args.h"

#define MIB (1024u * 1024u)

typedef struct {
  char *data;
  size_t len;
} Bytes;

typedef struct {
  char *name;
  Bytes value;
} Var;

static Var *vars;
static size_t nvars;
static int step_no;
static const char *step_text;
static size_t allocated_mib;
/* The blocks alloc: made, chained and kept reachable: never freed, never optimized away. */
static void **volatile held;

static void fail(const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  fprintf(stderr, "exerciser: step %d \"%s\": ", step_no, step_text);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) fail("out of memory");
  return q;
}

static void bytes_push(Bytes *b, const char *s, size_t n) {
  b->data = xrealloc(b->data, b->len + n + 1);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static int is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

static void check_name(const char *name, const char *what) {
  const char *p = name;
  if (!is_name_start(*p)) fail("invalid %s name \"%s\": use letters, digits and _", what, name);
  while (*++p)
    if (!is_name_char(*p)) fail("invalid %s name \"%s\": use letters, digits and _", what, name);
}

static Var *find_var(const char *name, size_t n) {
  for (size_t i = 0; i < nvars; i++)
    if (strlen(vars[i].name) == n && memcmp(vars[i].name, name, n) == 0) return &vars[i];
  return NULL;
}

static void set_var(const char *name, Bytes value) {
  check_name(name, "variable");
  Var *v = find_var(name, strlen(name));
  if (!v) {
    vars = xrealloc(vars, (nvars + 1) * sizeof *vars);
    v = &vars[nvars++];
    v->name = strdup(name);
    if (!v->name) fail("out of memory");
  } else {
    free(v->value.data);
  }
  v->value = value;
}

/* TEXT operands: `\n`, `\t`, `\\`, `\$` escapes, and `$NAME` / `${NAME}` variables. */
static Bytes expand(const char *s) {
  Bytes out = {0};
  bytes_push(&out, "", 0);
  while (*s) {
    if (*s == '\\') {
      char c = s[1];
      const char *lit = c == 'n' ? "\n" : c == 't' ? "\t" : c == '\\' ? "\\" : c == '$' ? "$" : 0;
      if (!lit) fail("unknown escape \"\\%c\" (use \\n, \\t, \\\\ or \\$)", c ? c : ' ');
      bytes_push(&out, lit, 1);
      s += 2;
    } else if (*s == '$') {
      int braced = s[1] == '{';
      const char *name = s + 1 + braced, *end = name;
      while (is_name_char(*end)) end++;
      if (end == name || !is_name_start(*name) || (braced && *end != '}'))
        fail("bad variable reference in \"%s\" (write $NAME or ${NAME}, or \\$ for a dollar sign)",
             s);
      Var *v = find_var(name, (size_t)(end - name));
      if (!v) fail("variable %.*s is not set (set it with set:, read-env: or read-file:)",
                   (int)(end - name), name);
      bytes_push(&out, v->value.data, v->value.len);
      s = end + braced;
    } else {
      bytes_push(&out, s, 1);
      s++;
    }
  }
  return out;
}

/* Splits "LEFT=RIGHT" at the first '='; the caller owns neither half beyond the step. */
static char *split_eq(char *operand, const char *form) {
  char *eq = strchr(operand, '=');
  if (!eq) fail("expected %s", form);
  *eq = '\0';
  return eq + 1;
}

static void write_line(FILE *f, const char *data, size_t len) {
  fwrite(data, 1, len, f);
  if (len == 0 || data[len - 1] != '\n') fputc('\n', f);
}

static Bytes read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) fail("cannot read %s: %s", path, strerror(errno));
  Bytes b = {0};
  bytes_push(&b, "", 0);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) bytes_push(&b, buf, n);
  if (ferror(f)) fail("cannot read %s: %s", path, strerror(errno));
  fclose(f);
  return b;
}

static void write_file(const char *path, const char *text, const char *mode) {
  Bytes b = expand(text);
  FILE *f = fopen(path, mode);
  if (!f) fail("cannot write %s: %s", path, strerror(errno));
  if (fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0)
    fail("cannot write %s: %s", path, strerror(errno));
  free(b.data);
}

static unsigned long parse_count(const char *s, unsigned long max, const char *what) {
  char *end;
  if (*s < '0' || *s > '9') fail("%s \"%s\" is not a whole number", what, s);
  errno = 0;
  unsigned long n = strtoul(s, &end, 10);
  if (*end || errno) fail("%s \"%s\" is not a whole number", what, s);
  if (n > max) fail("%s %lu is too large (at most %lu)", what, n, max);
  return n;
}

/* `5s`, `500ms`, `1.5m`, `1h`; a bare number is seconds. */
static void sleep_for(const char *s) {
  char *end;
  if ((*s < '0' || *s > '9') && *s != '.') fail("bad duration \"%s\" (try 5s or 500ms)", s);
  double value = strtod(s, &end);
  double scale = !strcmp(end, "ms") ? 1e-3
                 : !strcmp(end, "s") || !*end ? 1
                 : !strcmp(end, "m")          ? 60
                 : !strcmp(end, "h")          ? 3600
                                              : -1;
  if (end == s || scale < 0) fail("bad duration \"%s\" (try 5s or 500ms)", s);
  double seconds = value * scale;
  if (seconds > 1e9) fail("duration \"%s\" is too long", s);
  struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
  fflush(stdout);
  /* The monotonic clock, as a sleep should: poll_oneoff with one relative clock subscription. */
  int err;
  while ((err = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts)) != 0)
    if (err != EINTR) fail("clock_nanosleep failed: %s", strerror(err));
}

static void alloc_mib(unsigned long n) {
  for (unsigned long i = 0; i < n; i++) {
    void **block = malloc(MIB);
    if (!block) fail("out of memory after allocating %zu MiB in all", allocated_mib);
    /* Touch every byte so the memory is really used, and chain the block to the others. */
    memset(block, 0xA5, MIB);
    block[0] = (void *)held;
    held = block;
    allocated_mib++;
    printf("allocated %zu MiB\n", allocated_mib);
  }
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path) {
  DIR *d = opendir(path);
  if (!d) fail("cannot list %s: %s", path, strerror(errno));
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    size_t len = strlen(e->d_name);
    char *name = xrealloc(NULL, len + 2);
    memcpy(name, e->d_name, len + 1);
    if (e->d_type == DT_DIR) strcpy(name + len, "/");
    names = xrealloc(names, (n + 1) * sizeof *names);
    names[n++] = name;
  }
  closedir(d);
  qsort(names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n; i++) {
    puts(names[i]);
    free(names[i]);
  }
  free(names);
}

static void busy_loop(void) {
  static volatile unsigned long spins;
  fflush(NULL);
  for (;;) spins++;
}

static void run_step(char *step) {
  if (!strcmp(step, "loop")) busy_loop();
  if (!strcmp(step, "trap")) {
    fflush(NULL);
    __builtin_trap();
  }
  char *op = strchr(step, ':');
  if (!op) fail("unknown step (expected name:operand, loop or trap)");
  *op++ = '\0';
  struct stat st;

  if (!strcmp(step, "print") || !strcmp(step, "stderr")) {
    Bytes b = expand(op);
    FILE *f = step[0] == 'p' ? stdout : stderr;
    fwrite(b.data, 1, b.len, f);
    fputc('\n', f);
    free(b.data);
  } else if (!strcmp(step, "env-exists")) {
    check_name(op, "environment variable");
    if (!getenv(op)) fail("environment variable %s is not set", op);
  } else if (!strcmp(step, "env-absent")) {
    check_name(op, "environment variable");
    if (getenv(op)) fail("environment variable %s is set (to \"%s\")", op, getenv(op));
  } else if (!strcmp(step, "file-exists")) {
    if (stat(op, &st) != 0) fail("%s does not exist: %s", op, strerror(errno));
  } else if (!strcmp(step, "file-absent")) {
    if (stat(op, &st) == 0) fail("%s exists", op);
    /* Outside every mount (ENOTCAPABLE) nothing exists: the mounts are the whole filesystem. */
    if (errno != ENOENT && errno != ENOTDIR && errno != ENOTCAPABLE)
      fail("cannot tell whether %s exists: %s", op, strerror(errno));
  } else if (!strcmp(step, "set")) {
    char *text = split_eq(op, "set:VAR=TEXT");
    set_var(op, expand(text));
  } else if (!strcmp(step, "read-env")) {
    char *name = split_eq(op, "read-env:VAR=NAME");
    check_name(name, "environment variable");
    const char *value = getenv(name);
    if (!value) fail("environment variable %s is not set", name);
    Bytes b = {0};
    bytes_push(&b, value, strlen(value));
    set_var(op, b);
  } else if (!strcmp(step, "read-file")) {
    char *path = split_eq(op, "read-file:VAR=/path");
    check_name(op, "variable");
    set_var(op, read_file(path));
  } else if (!strcmp(step, "expect")) {
    char *text = split_eq(op, "expect:VAR=TEXT");
    Var *v = find_var(op, strlen(op));
    if (!v) fail("variable %s is not set", op);
    Bytes want = expand(text);
    if (want.len != v->value.len || memcmp(want.data, v->value.data, want.len) != 0)
      fail("%s is \"%.*s\", expected \"%s\"", op, (int)v->value.len, v->value.data, want.data);
    free(want.data);
  } else if (!strcmp(step, "echo-var")) {
    Var *v = find_var(op, strlen(op));
    if (!v) fail("variable %s is not set", op);
    write_line(stdout, v->value.data, v->value.len);
  } else if (!strcmp(step, "cat")) {
    Bytes b = read_file(op);
    fwrite(b.data, 1, b.len, stdout);
    free(b.data);
  } else if (!strcmp(step, "write-file")) {
    char *text = split_eq(op, "write-file:/path=TEXT");
    write_file(op, text, "wb");
  } else if (!strcmp(step, "append-file")) {
    char *text = split_eq(op, "append-file:/path=TEXT");
    write_file(op, text, "ab");
  } else if (!strcmp(step, "mkdir")) {
    if (mkdir(op, 0755) != 0) fail("cannot create directory %s: %s", op, strerror(errno));
  } else if (!strcmp(step, "remove")) {
    if (remove(op) != 0) fail("cannot remove %s: %s", op, strerror(errno));
  } else if (!strcmp(step, "list-dir")) {
    list_dir(op);
  } else if (!strcmp(step, "sleep")) {
    sleep_for(op);
  } else if (!strcmp(step, "lines")) {
    unsigned long n = parse_count(op, 100000000ul, "line count");
    for (unsigned long i = 1; i <= n; i++) printf("line %lu\n", i);
  } else if (!strcmp(step, "alloc")) {
    alloc_mib(parse_count(op, 4096, "MiB count"));
  } else if (!strcmp(step, "exit")) {
    exit((int)parse_count(op, 255, "exit code"));
  } else {
    fail("unknown step \"%s\"", step);
  }
}

/* A program name, not a step: no ':' and not one of the bare steps. */
static int is_program_name(const char *arg) {
  return !strchr(arg, ':') && strcmp(arg, "loop") != 0 && strcmp(arg, "trap") != 0;
}

int main(void) {
  int argc;
  char **argv = wasi_args("exerciser", &argc);
  /* Line-buffered even on a pipe, so output before a trap, a kill or a hang is not lost, and
   * each line is one write (stderr is otherwise unbuffered: a line in several writes). */
  setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
  static char stderr_buffer[BUFSIZ]; /* musl keeps stderr unbuffered without one */
  setvbuf(stderr, stderr_buffer, _IOLBF, sizeof stderr_buffer);
  int first = argc > 0 && is_program_name(argv[0]) ? 1 : 0;
  for (int i = first; i < argc; i++) {
    step_no = i - first + 1;
    step_text = argv[i];
    char *step = strdup(argv[i]);
    if (!step) fail("out of memory");
    run_step(step);
    free(step);
  }
  return 0;
}
