/* hello: prints "Hello, world!" and exits 0. The smallest module we ship (C, wasi-libc). */
#include <stdio.h>

int main(void) {
  if (fputs("Hello, world!\n", stdout) == EOF || fflush(stdout) == EOF) return 1;
  return 0;
}
