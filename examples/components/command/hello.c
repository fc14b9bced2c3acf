/*
 * The `command` fixture: a plain C program. The WASI preview1 command adapter turns its
 * `_start` into an export of wasi:cli/run, and its libc calls (args, environment, stdio, exit)
 * into WASI 0.2 imports.
 *
 *   stdout: "Hello, <TRELLIS_NAME or world>!", then "argc=<n>" and one "argv[i]=<arg>" per
 *           argument after the program name
 *   --cat:  copies stdin to stdout after that
 *   stderr: "hello: done"
 *   exit:   the integer in TRELLIS_EXIT_CODE, 0 when unset (the WASI 0.2 exit call carries
 *           only ok/err, so any non-zero value reaches the host as an error)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *name = getenv("TRELLIS_NAME");
  printf("Hello, %s!\n", name != NULL ? name : "world");
  printf("argc=%d\n", argc - 1);
  int cat = 0;
  for (int i = 1; i < argc; i++) {
    printf("argv[%d]=%s\n", i, argv[i]);
    if (strcmp(argv[i], "--cat") == 0) cat = 1;
  }
  if (cat) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
  }
  fflush(stdout);
  fputs("hello: done\n", stderr);
  const char *code = getenv("TRELLIS_EXIT_CODE");
  return code != NULL ? atoi(code) : 0;
}
