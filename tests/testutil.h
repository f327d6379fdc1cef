/*
 * Shared test helpers. Tests print TAP so that automake's TAP driver shows
 * one line per test case.
 */
#ifndef RESPMAP_TESTUTIL_H
#define RESPMAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define TEST_MAIN(tests)                                                   \
	int main(void)                                                     \
	{                                                                  \
		cmocka_set_message_output(CM_OUTPUT_TAP);                  \
		return cmocka_run_group_tests(tests, NULL, NULL);          \
	}

struct model;
struct model_topic;
struct search_hit;

/* Path of a file in the source tree (RESPMAP_SRCDIR, or "." when unset). */
char *test_srcpath(const char *rel);

/* The built-in model, loaded once and shared by a test program. */
const struct model *test_builtin_model(void);

/* Load a data set made of (name, contents) pairs, NULL-terminated, written
 * to a fresh temporary directory. Returns the loader status and fills
 * *errors with every diagnostic, one per line ("file:line:col: msg"),
 * file names relative to that directory. */
int test_load_files(const char *const *pairs, char **errors,
    struct model **out);

/* The hits of a plain scan for q over topics, in their order: each topic
 * by title, else summary, then each of its items (search_item). The
 * reference every faster search is checked against; none for "". */
size_t test_scan_hits(const struct model_topic *const *topics, size_t n,
    const char *q, struct search_hit **out);

/* Run a command line, capture stdout and stderr, return the exit status.
 * A respmap binary runs under $RESPMAP_WRAPPER (see test_wrap_argv). */
int test_run(const char *const argv[], const char *const envp_extra[],
    char **out, char **err);

/* ------------------------------------------- wrappers and time scaling */

/*
 * make check-valgrind runs every spawned respmap under valgrind without
 * touching the tests: RESPMAP_WRAPPER holds the command to put in front
 * ("valgrind -q --error-exitcode=99 ..."), split at blanks (no quoting, so
 * no blanks inside a word). Only a program whose file name is "respmap"
 * is wrapped: the harness's own children (/bin/sh in test_vt) are not
 * under test. The wrapper's first word is looked up in PATH here, so the
 * result can be exec'ed by path (vt_spawn does no PATH search).
 *
 * Returns argv itself when nothing is to be wrapped, else a new
 * NULL-terminated vector; release it with test_wrap_free. Allocates, so
 * call it before fork.
 */
char **test_wrap_argv(const char *const argv[]);
void test_wrap_free(char **wrapped, const char *const argv[]);

/* ms stretched by RESPMAP_TEST_TIMEOUT_SCALE (a positive number, default
 * 1), for every wait on a spawned program: under valgrind it starts and
 * runs tens of times slower, and a wait that runs out is a failure. */
int test_ms(int ms);

#endif
