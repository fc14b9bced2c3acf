/*
 * The `wasi-probe` fixture: a C program that exercises WASI through wasi-libc and the preview1
 * command adapter, one scenario per first argument, printing one line per step on stdout.
 *
 *   fs <dir>      reads <dir>/in.txt, writes <dir>/out.txt, makes <dir>/made and moves out.txt
 *                 into it, lists <dir> (sorted), then tries escapes: <dir>/../secret.txt,
 *                 <dir>/out-link (a host symlink to ../secret.txt) and /etc/passwd
 *   write <dir>   tries to create <dir>/new.txt and prints the outcome
 *   clock         sleeps 30 ms on the monotonic clock, prints whether that much time passed,
 *                 and prints the wall clock's seconds
 *   random <n>    prints <n> (at most 64) bytes of getentropy() in hex
 *
 * Failures print "<step>: error <strerror>"; the exit code is 0 unless the arguments are bad.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char path_buf[512];

static const char *join(const char *dir, const char *name) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  return path_buf;
}

static void fail(const char *step) { printf("%s: error %s\n", step, strerror(errno)); }

static void try_read(const char *step, const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fail(step);
    return;
  }
  char buf[128];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  printf("%s: %s\n", step, buf);
}

static int compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    fail("list");
    return;
  }
  char *names[64];
  int count = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && count < 64) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      names[count++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, (size_t)count, sizeof names[0], compare);
  printf("list:");
  for (int i = 0; i < count; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void write_file(const char *step, const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    fail(step);
    return;
  }
  fputs(text, f);
  printf("%s: %s\n", step, fclose(f) == 0 ? "ok" : strerror(errno));
}

static void fs(const char *dir) {
  try_read("read", join(dir, "in.txt"));
  struct stat st;
  if (stat(join(dir, "in.txt"), &st) == 0) {
    printf("size: %lld\n", (long long)st.st_size);
  } else {
    fail("size");
  }
  write_file("write", join(dir, "out.txt"), "written by guest\n");
  printf("mkdir: %s\n", mkdir(join(dir, "made"), 0755) == 0 ? "ok" : strerror(errno));
  char from[512];
  snprintf(from, sizeof from, "%s/out.txt", dir);
  printf("rename: %s\n", rename(from, join(dir, "made/out.txt")) == 0 ? "ok" : strerror(errno));
  try_read("reread", join(dir, "made/out.txt"));
  list(dir);
  try_read("escape-dotdot", join(dir, "../secret.txt"));
  try_read("escape-link", join(dir, "out-link"));
  try_read("escape-absolute", "/etc/passwd");
}

static void clock_probe(void) {
  struct timespec t0, t1, pause = {0, 30 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  nanosleep(&pause, NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long elapsed = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  printf("slept: %s\n", elapsed >= 30 * 1000 * 1000 ? "yes" : "no");
  printf("wall: %lld\n", (long long)time(NULL));
}

static void random_probe(int n) {
  unsigned char buf[64];
  if (n < 0 || n > 64 || getentropy(buf, (size_t)n) != 0) {
    fail("random");
    return;
  }
  printf("random:");
  for (int i = 0; i < n; i++) printf("%02x", buf[i]);
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "fs") == 0) {
    fs(argv[2]);
  } else if (argc >= 3 && strcmp(argv[1], "write") == 0) {
    write_file("write", join(argv[2], "new.txt"), "new\n");
  } else if (argc >= 2 && strcmp(argv[1], "clock") == 0) {
    clock_probe();
  } else if (argc >= 3 && strcmp(argv[1], "random") == 0) {
    random_probe(atoi(argv[2]));
  } else {
    fputs("usage: wasi-probe fs|write <dir> | clock | random <n>\n", stderr);
    return 2;
  }
  return 0;
}
