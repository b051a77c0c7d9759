/*
 * compute [LIMIT] [ROUNDS]: a compute-bound benchmark. Runs a sieve of Eratosthenes over the
 * numbers below LIMIT (default 10000000) ROUNDS times (default 1), then prints how many primes it
 * found and their sum. Deterministic: the same arguments always print the same line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasi_args.h"

#define MAX_LIMIT 2000000000ul

static int is_program_name(const char *arg) { return arg[0] < '0' || arg[0] > '9'; }

static unsigned long parse(const char *s, unsigned long max, const char *what) {
  char *end;
  unsigned long n = (*s >= '0' && *s <= '9') ? strtoul(s, &end, 10) : 0;
  if (*s < '0' || *s > '9' || *end || n == 0 || n > max) {
    fprintf(stderr, "compute: %s must be a whole number from 1 to %lu, got \"%s\"\n", what, max, s);
    exit(1);
  }
  return n;
}

/* Odd numbers only: composite[i] stands for 2*i+1. */
static void sieve(unsigned char *composite, uint64_t limit, uint64_t *count, uint64_t *sum) {
  uint64_t half = limit / 2;
  memset(composite, 0, half);
  *count = limit > 2 ? 1 : 0;
  *sum = limit > 2 ? 2 : 0;
  for (uint64_t i = 1; i < half; i++) {
    if (composite[i]) continue;
    uint64_t p = 2 * i + 1;
    *count += 1;
    *sum += p;
    for (uint64_t j = p * p / 2; j < half; j += p) composite[j] = 1;
  }
}

int main(void) {
  int argc;
  char **argv = wasi_args("compute", &argc);
  unsigned long limit = 10000000, rounds = 1;
  int first = argc > 0 && is_program_name(argv[0]) ? 1 : 0;
  if (argc - first > 2) {
    fprintf(stderr, "compute: expected at most two arguments, LIMIT and ROUNDS\n");
    return 1;
  }
  if (argc - first > 0) limit = parse(argv[first], MAX_LIMIT, "LIMIT");
  if (argc - first > 1) rounds = parse(argv[first + 1], 1000000, "ROUNDS");
  unsigned char *composite = malloc(limit / 2 + 1);
  if (!composite) {
    fprintf(stderr, "compute: cannot allocate %lu bytes for the sieve\n", limit / 2 + 1);
    return 1;
  }
  uint64_t count = 0, sum = 0;
  for (unsigned long r = 0; r < rounds; r++) sieve(composite, limit, &count, &sum);
  printf("primes below %lu: %llu, sum %llu (%lu %s)\n", limit, (unsigned long long)count,
         (unsigned long long)sum, rounds, rounds == 1 ? "round" : "rounds");
  return 0;
}
