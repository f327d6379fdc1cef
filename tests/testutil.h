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

/* Run a command line, capture stdout and stderr, return the exit status. */
int test_run(const char *const argv[], const char *const envp_extra[],
    char **out, char **err);

#endif
