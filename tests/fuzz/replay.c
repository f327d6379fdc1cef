/*
 * Replays the fuzz corpus through the fuzz target's own entry point, with
 * whatever compiler built the tree: make check then holds every seed and
 * every input the fuzzer once found (crashes included, once fixed) to the
 * same invariants, without clang, and under ASan and UBSan in the
 * sanitizer build.
 *
 * With no argument it is a cmocka test of tests/fuzz/corpus (TAP): all
 * inputs pass the invariants, the "valid-*" seeds load, the "bad-*" seeds
 * do not. With arguments, files or directories, it replays just those and
 * ends with a "N passed, 0 failed" line: to reproduce a fuzzer finding
 * with an ordinary build, e.g. under a debugger.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_load.h"
#include "../testutil.h"
#include "xalloc.h"

/* The input being run, named when it aborts: the invariants' messages
 * cannot know which file they came from. */
static const char *volatile current;

static void
on_abort(int sig)
{
	static const char pre[] = "replay: aborted while running ";
	const char *name = current;

	if (name != NULL) {
		(void)!write(2, pre, sizeof pre - 1);
		(void)!write(2, name, strlen(name));
		(void)!write(2, "\n", 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The whole file, in a buffer of exactly its size, so that ASan sees a
 * read past its end as libFuzzer's own buffers would show it. */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, len = 0, n;
	char tmp[4096];

	if (fp == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) {
		buf = xgrow(buf, &cap, len + n, 1);
		memcpy(buf + len, tmp, n);
		len += n;
	}
	fclose(fp);
	/* Trimmed to the byte; one byte for an empty file, never read. */
	buf = xrealloc(buf, len > 0 ? len : 1);
	*size = len;
	return buf;
}

/* Run one file; -1 when it cannot be read, else whether it loaded. */
static int
replay_file(const char *path)
{
	uint8_t *data;
	size_t size;
	int loaded;

	if ((data = slurp(path, &size)) == NULL)
		return -1;
	current = path;
	(void)LLVMFuzzerTestOneInput(data, size);
	loaded = fuzz_load_one(data, size);
	current = NULL;
	free(data);
	return loaded;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir whose names start with prefix ("" for all),
 * sorted, so that runs are in the same order everywhere. */
static char **
list_dir(const char *dir, const char *prefix, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v = NULL, *path;
	size_t cap = 0;
	struct stat st;

	*n = 0;
	if (dp == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' ||
		    strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = path;
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ------------------------------------------------------------ tests */

/* Replays the corpus files starting with prefix; want is 1 when each must
 * load, 0 when none may, -1 when either will do. Returns how many ran. */
static size_t
replay_corpus(const char *prefix, int want)
{
	char *dir = test_srcpath("tests/fuzz/corpus");
	char **files;
	size_t n, i;
	int got;

	files = list_dir(dir, prefix, &n);
	for (i = 0; i < n; i++) {
		got = replay_file(files[i]);
		if (got < 0)
			fail_msg("cannot read %s", files[i]);
		if (want >= 0 && got != want)
			fail_msg("%s: %s", files[i], want ? "does not load "
			    "(a valid-* seed must)" : "loads (a bad-* seed "
			    "must not)");
	}
	free_list(files, n);
	free(dir);
	return n;
}

static void
test_corpus_all(void **state)
{
	size_t n;

	(void)state;
	n = replay_corpus("", -1);
	printf("# %zu corpus inputs replayed\n", n);
	/* An empty or missing corpus is a broken tree, not a pass. */
	assert_true(n >= 20);
}

static void
test_corpus_valid(void **state)
{
	(void)state;
	assert_true(replay_corpus("valid-", 1) >= 2);
}

static void
test_corpus_bad(void **state)
{
	(void)state;
	assert_true(replay_corpus("bad-", 0) >= 10);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_corpus_all),
	cmocka_unit_test(test_corpus_valid),
	cmocka_unit_test(test_corpus_bad),
};

/* ------------------------------------------------------------- main */

static int
replay_args(int argc, char **argv)
{
	size_t passed = 0, failed = 0, n, i;
	struct stat st;
	char **files;
	int k;

	for (k = 1; k < argc; k++) {
		if (stat(argv[k], &st) == 0 && S_ISDIR(st.st_mode)) {
			files = list_dir(argv[k], "", &n);
			for (i = 0; i < n; i++) {
				if (replay_file(files[i]) < 0)
					failed++;
				else
					passed++;
			}
			free_list(files, n);
		} else if (replay_file(argv[k]) < 0)
			failed++;
		else
			passed++;
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	signal(SIGABRT, on_abort);
	if (argc > 1)
		return replay_args(argc, argv);
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
