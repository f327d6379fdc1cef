/*
 * Tests of the end-to-end harness itself (tests/vt.c), run against
 * programs that exist already (sh, stty, the real respmap in --print
 * mode), so that when a browser test fails, the fault is known to be the
 * browser's and not the terminal's: colours and wide characters read
 * back right, the alternate screen is seen, resizes reach the child,
 * exit statuses and terminal modes come back, and waits end on time.
 */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "vt.h"
#include "xalloc.h"

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Start a program for a test; the vt goes into *state so the teardown
 * kills it even when an assertion ends the test early (a looping child
 * must not outlive a failed test).
 */
static struct vt *
start(void **state, const char *const argv[], const char *const env[],
    int rows, int cols)
{
	struct vt *vt = vt_spawn(argv, env, rows, cols);

	if (vt == NULL) {
		fail_msg("cannot start %s", argv[0]);
		abort();
	}
	*state = vt;
	return vt;
}

static struct vt *
start_sh(void **state, const char *script, int rows, int cols)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };

	return start(state, argv, NULL, rows, cols);
}

static int
teardown(void **state)
{
	vt_free(*state);
	*state = NULL;
	return 0;
}

/* Wait for text, failing with the screen as it was when it did not come. */
static void
expect_screen(struct vt *vt, const char *text, int timeout_ms)
{
	char *s;

	if (!vt_wait_for(vt, text, timeout_ms)) {
		s = vt_screen(vt);
		fail_msg("\"%s\" did not appear; the screen:\n%s", text, s);
		free(s);
	}
}

static void
test_colour_wide_altscreen(void **state)
{
	struct vt *vt = start_sh(state,
	    "printf '\\033[?1049h\\033[1;34mBLUE\\033[0m \\344\\270\\255 X"
	    "\\033[7;4mRU\\033[0m'; sleep 5", 24, 80);
	struct vt_cell c;
	int row, col, wrow, wcol, xrow, xcol;

	expect_screen(vt, "BLUE", 5000);
	expect_screen(vt, "RU", 5000);
	assert_true(vt_altscreen(vt));
	assert_int_equal(vt_find(vt, "BLUE", &row, &col), 0);
	assert_true(vt_cell(vt, row, col, &c));
	assert_int_equal(c.ch, 'B');
	assert_int_equal(c.width, 1);
	assert_true(c.bold);
	assert_false(c.fg_default);
	assert_int_equal(c.fg_index, 4);
	assert_true(c.bg_default);
	assert_false(c.reverse);

	/* U+4E2D takes two cells: its right half is blank, X comes after. */
	assert_int_equal(vt_find(vt, "\xe4\xb8\xad", &wrow, &wcol), 0);
	assert_int_equal(wrow, row);
	assert_int_equal(wcol, col + 5);
	assert_true(vt_cell(vt, wrow, wcol, &c));
	assert_int_equal(c.ch, 0x4E2D);
	assert_int_equal(c.width, 2);
	assert_false(c.bold);
	assert_true(c.fg_default);
	assert_int_equal(c.fg_index, -1);
	assert_true(vt_cell(vt, wrow, wcol + 1, &c));
	assert_int_equal(c.width, 0);
	assert_int_equal(c.ch, 0);
	assert_int_equal(vt_find(vt, "X", &xrow, &xcol), 0);
	assert_int_equal(xrow, row);
	assert_int_equal(xcol, wcol + 3);

	assert_true(vt_cell(vt, row, xcol + 1, &c));
	assert_int_equal(c.ch, 'R');
	assert_true(c.reverse);
	assert_true(c.underline);
	assert_false(c.bold);

	vt_signal(vt, SIGTERM);
	assert_int_equal(vt_wait_exit(vt, 5000), 128 + SIGTERM);
}

/* The row text and the cursor, read back as drawn. */
static void
test_rows_and_cursor(void **state)
{
	struct vt *vt = start_sh(state,
	    "printf 'top   \\033[3;5Hmid\\033[5;10H'; sleep 5", 8, 40);
	char *r;
	int row, col;

	expect_screen(vt, "mid", 5000);
	vt_settle(vt, 100, 2000);
	r = vt_row(vt, 0);
	assert_string_equal(r, "top");	/* trailing blanks trimmed */
	free(r);
	r = vt_row(vt, 2);
	assert_string_equal(r, "    mid");
	free(r);
	assert_null(vt_row(vt, 8));
	assert_null(vt_row(vt, -1));
	r = vt_screen(vt);
	assert_string_equal(r, "top\n\n    mid\n\n\n\n\n");
	free(r);
	vt_cursor(vt, &row, &col);
	assert_int_equal(row, 4);
	assert_int_equal(col, 9);
	assert_false(vt_altscreen(vt));
	assert_int_equal(vt_find(vt, "nowhere", &row, &col), -1);
}

/* respmap's plain output on a real terminal, and the modes it leaves. */
static void
test_respmap_print(void **state)
{
	const char *bin = getenv("RESPMAP");
	const char *argv[] = { NULL, "--print", "ec2", NULL };
	char *path = NULL;
	const char *raw;
	size_t len;
	struct vt *vt;

	if (bin == NULL || bin[0] != '/')
		bin = path = realpath(bin != NULL ? bin : "src/respmap", NULL);
	if (bin == NULL) {
		fail_msg("no respmap binary: set RESPMAP");
		abort();
	}
	argv[0] = bin;
	vt = start(state, argv, NULL, 24, 100);
	expect_screen(vt, "Guest OS", 10000);
	assert_int_equal(vt_wait_exit(vt, 10000), 0);
	raw = vt_raw(vt, &len);
	assert_true(len > 0);
	assert_non_null(strstr(raw, "Guest OS"));
	assert_true(vt_modes_sane(vt));
	assert_false(vt_altscreen(vt));
	free(path);
}

/* A child that leaves the terminal raw is caught. */
static void
test_modes_left_raw(void **state)
{
	struct vt *vt = start_sh(state, "stty -icanon -echo; echo done", 24,
	    80);

	assert_int_equal(vt_wait_exit(vt, 5000), 0);
	assert_true(vt_wait_for(vt, "done", 0));
	assert_false(vt_modes_sane(vt));
}

static void
test_resize(void **state)
{
	struct vt *vt = start_sh(state,
	    "trap 'stty size' WINCH; echo ready; "
	    "while :; do sleep 0.05; done", 24, 80);
	int rows, cols;

	expect_screen(vt, "ready", 5000);
	vt_resize(vt, 30, 70);
	vt_size(vt, &rows, &cols);
	assert_int_equal(rows, 30);
	assert_int_equal(cols, 70);
	expect_screen(vt, "30 70", 5000);
	vt_resize(vt, 10, 40);
	expect_screen(vt, "10 40", 5000);
}

/* A wait for what never comes ends at its timeout, not much later. */
static void
test_wait_timeout(void **state)
{
	struct vt *vt = start_sh(state,
	    "echo hello; while :; do echo tick; sleep 0.02; done", 24, 80);
	long long t0;
	long took;

	expect_screen(vt, "hello", 5000);
	t0 = now_ms();
	assert_false(vt_wait_for(vt, "never-shown", 700));
	took = (long)(now_ms() - t0);
	assert_true(took >= 650);
	assert_true(took < 700 + 500);
	/* vt_settle never sees quiet here: it too stops at its bound. */
	t0 = now_ms();
	vt_settle(vt, 300, 600);
	took = (long)(now_ms() - t0);
	assert_true(took < 600 + 500);
	assert_int_equal(vt_wait_exit(vt, 50), -1);	/* still running */
}

/* A child that has gone ends a wait at once: nothing more can come. */
static void
test_dead_child_ends_wait(void **state)
{
	struct vt *vt = start_sh(state, "echo bye", 24, 80);
	long long t0;

	expect_screen(vt, "bye", 5000);
	t0 = now_ms();
	assert_false(vt_wait_for(vt, "never-shown", 20000));
	assert_true(now_ms() - t0 < 5000);
	assert_int_equal(vt_wait_exit(vt, 5000), 0);
	assert_int_equal(vt_wait_exit(vt, 0), 0);	/* remembered */
	assert_true(vt_exited(vt));
	vt_send(vt, "ignored");		/* must not block or crash */
	vt_signal(vt, SIGTERM);		/* nor signal a stranger */
}

/* Keys reach the child; text going away is seen; raw bytes reset. */
static void
test_send_and_gone(void **state)
{
	struct vt *vt = start_sh(state,
	    "stty -echo; printf 'AAA\\n'; read line; "
	    "printf '\\033[H\\033[2Jgot %s\\n' \"$line\"; sleep 5", 24, 80);
	const char *raw;
	size_t len;

	expect_screen(vt, "AAA", 5000);
	vt_raw_reset(vt);
	raw = vt_raw(vt, &len);
	assert_int_equal(len, 0);
	assert_string_equal(raw, "");
	vt_send(vt, "hi there\r");
	assert_true(vt_wait_gone(vt, "AAA", 5000));
	expect_screen(vt, "got hi there", 5000);
	raw = vt_raw(vt, &len);
	assert_true(len > 0);
	assert_non_null(strstr(raw, "got hi there"));
}

/* libvterm's answer to a device-attributes query reaches the child. */
static void
test_query_answered(void **state)
{
	struct vt *vt = start_sh(state,
	    "stty raw -echo; printf '\\033[c'; "
	    "a=$(dd bs=1 count=3 2>/dev/null | tr '\\033' E); "
	    "printf 'reply=%s\\r\\n' \"$a\"; sleep 5", 24, 80);

	expect_screen(vt, "reply=E[?", 5000);
}

/* Named keys follow the child's modes, as a real xterm's do. */
static void
test_named_keys(void **state)
{
	struct vt *vt = start_sh(state,
	    "stty raw -echo; printf 'r1\\r\\n'; "
	    "a=$(dd bs=1 count=3 2>/dev/null | od -An -tx1); "
	    "printf '\\033[?1hr2[%s]\\r\\n' \"$a\"; "
	    "b=$(dd bs=1 count=3 2>/dev/null | od -An -tx1); "
	    "printf 'r3[%s]\\r\\n' \"$b\"; "
	    "c=$(dd bs=1 count=14 2>/dev/null | od -An -tx1); "
	    "printf 'r4[%s]\\r\\n' \"$c\"; sleep 5", 24, 80);

	expect_screen(vt, "r1", 5000);
	assert_true(vt_key(vt, "down"));
	expect_screen(vt, "r2[ 1b 5b 42]", 5000);
	/* The child asked for application cursor keys (what curses'
	 * keypad() does): now down is SS3 B. */
	assert_true(vt_key(vt, "down"));
	expect_screen(vt, "r3[ 1b 4f 42]", 5000);
	assert_false(vt_key(vt, "nonsense"));
	assert_false(vt_key(vt, "f13"));
	assert_false(vt_key(vt, "C-"));
	assert_true(vt_key(vt, "S-tab"));
	assert_true(vt_key(vt, "C-l"));
	assert_true(vt_key(vt, "M-x"));
	assert_true(vt_key(vt, "f5"));
	assert_true(vt_key(vt, "enter"));
	assert_true(vt_key(vt, "backspace"));
	assert_true(vt_key(vt, "q"));
	expect_screen(vt,
	    "r4[ 1b 5b 5a 0c 1b 78 1b 5b 31 35 7e 0d 7f 71]", 5000);
}

/* Environment: TERM defaults, overrides win, LINES/COLUMNS are dropped. */
static void
test_environment(void **state)
{
	const char *argv[] = { "/bin/sh", "-c",
	    "echo \"T=$TERM F=$FOO C=${COLUMNS-unset}\"; sleep 5", NULL };
	const char *env[] = { "FOO=bar", NULL };
	const char *env2[] = { "TERM=vt100", "COLUMNS=33", NULL };
	struct vt *vt;

	setenv("COLUMNS", "99", 1);
	vt = vt_spawn(argv, env, 24, 80);
	unsetenv("COLUMNS");
	if (vt == NULL) {
		fail_msg("cannot start /bin/sh");
		abort();
	}
	*state = vt;
	expect_screen(vt, "T=xterm-256color F=bar C=unset", 5000);
	vt_free(vt);
	*state = NULL;
	vt = start(state, argv, env2, 24, 80);
	expect_screen(vt, "T=vt100 F= C=33", 5000);
}

static void
test_spawn_failure(void **state)
{
	const char *argv[] = { "/nonexistent/program", NULL };
	const char *rel[] = { "sh", NULL };

	(void)state;
	assert_null(vt_spawn(argv, NULL, 24, 80));
	assert_null(vt_spawn(rel, NULL, 24, 80));
	vt_free(NULL);
}

#define T(f)	cmocka_unit_test_teardown(f, teardown)

static const struct CMUnitTest tests[] = {
	T(test_colour_wide_altscreen),
	T(test_rows_and_cursor),
	T(test_respmap_print),
	T(test_modes_left_raw),
	T(test_resize),
	T(test_wait_timeout),
	T(test_dead_child_ends_wait),
	T(test_send_and_gone),
	T(test_query_answered),
	T(test_named_keys),
	T(test_environment),
	T(test_spawn_failure),
};

TEST_MAIN(tests)
