/*
 * The full-screen browser end to end: the real binary in a pseudo-terminal,
 * keys typed, the screen read back through libvterm. Each test polls for
 * the state it expects, with a time limit, rather than sleeping.
 */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "vt.h"
#include "xalloc.h"
#include "testutil.h"

/* ms: generous, for sanitizer builds; test_ms stretches both under
 * valgrind (make check-valgrind), where the program is many times slower
 * and a quiet spell of 100 ms no longer means it has finished drawing. */
#define WAIT	test_ms(5000)
#define QUIET	test_ms(100)

#define ENTER	"\r"

/* Start respmap with the arguments (NULL-terminated) at rows x cols. */
static struct vt *
start(int rows, int cols, const char *env, ...)
{
	const char *argv[8], *envv[4];
	const char *bin = getenv("RESPMAP");
	va_list ap;
	size_t n = 0, e = 0;
	struct vt *vt;

	argv[n++] = bin != NULL ? bin : "src/respmap";
	va_start(ap, env);
	while (n < 7 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	envv[e++] = "LC_ALL=C.UTF-8";
	if (env != NULL)
		envv[e++] = env;
	envv[e] = NULL;
	vt = vt_spawn(argv, envv, rows, cols);
	if (vt == NULL) {
		fail_msg("cannot start %s in a pty", argv[0]);
		abort();
	}
	return vt;
}

/* Fail, showing the screen (cmocka's own messages are too short). */
static void
fail_screen(struct vt *vt, const char *what, const char *text)
{
	char *screen = vt_screen(vt);

	fprintf(stderr, "# '%s' %s; the screen:\n%s\n", text, what, screen);
	free(screen);
	fail_msg("'%s' %s", text, what);
}

static void
expect(struct vt *vt, const char *text)
{
	if (!vt_wait_for(vt, text, WAIT))
		fail_screen(vt, "never appeared", text);
}

static void
expect_gone(struct vt *vt, const char *text)
{
	if (!vt_wait_gone(vt, text, WAIT))
		fail_screen(vt, "stayed", text);
}

/* Row and column of text on the screen, failing when absent. */
static void
locate(struct vt *vt, const char *text, int *row, int *col)
{
	if (!vt_wait_for(vt, text, WAIT) || vt_find(vt, text, row, col) != 0)
		fail_screen(vt, "is not on the screen", text);
}

/* Press named keys (vt_key names: "down", "escape", "f1"...), in order. */
static void
press(struct vt *vt, ...)
{
	const char *name;
	va_list ap;

	va_start(ap, vt);
	while ((name = va_arg(ap, const char *)) != NULL)
		if (!vt_key(vt, name))
			fail_msg("no key '%s'", name);
	va_end(ap);
}

static void
quit(struct vt *vt)
{
	vt_send(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_true(vt_modes_sane(vt));
	assert_false(vt_altscreen(vt));
	vt_free(vt);
}

static void
test_first_screen(void **state)
{
	struct vt *vt = start(24, 100, NULL, "ec2", NULL);
	int r1, c1, r2, c2;

	(void)state;
	expect(vt, "Customer — security IN the cloud");
	locate(vt, "AWS — security OF the cloud", &r1, &c1);
	locate(vt, "Customer — security IN the cloud", &r2, &c2);
	assert_int_equal(r1, r2);
	assert_true(c2 > c1);
	/* The tree, the title line and the key bar. */
	expect(vt, "Services by category");
	expect(vt, "Service types");
	locate(vt, "respmap", &r1, &c1);
	assert_int_equal(r1, 0);
	locate(vt, "quit", &r1, &c1);
	assert_int_equal(r1, 23);
	assert_true(vt_altscreen(vt));
	quit(vt);
}

static void
test_arrows_and_open(void **state)
{
	struct vt *vt = start(24, 100, NULL, NULL);
	int row, col, crow, ccol;

	(void)state;
	expect(vt, "Service types");
	press(vt, "down", "down", "down", "enter", NULL);
	expect(vt, "Infrastructure Services (IaaS)");
	expect(vt, "Subtopics");
	/* The cursor follows the selection, for screen readers. */
	vt_settle(vt, QUIET, WAIT);
	locate(vt, "▾ Service types", &row, &col);
	vt_cursor(vt, &crow, &ccol);
	assert_int_equal(crow, row);
	press(vt, "down", "right", "down", NULL);
	expect(vt, "EC2 (Virtual");
	vt_send(vt, ENTER);
	expect(vt, "Guest OS");
	locate(vt, "Guest OS", &row, &col);
	locate(vt, "│ Customer", &crow, &ccol);
	assert_true(col > ccol);
	/* Left goes back up; left again folds. */
	press(vt, "left", "left", NULL);
	expect(vt, "▸ Infrastructure Services");
	quit(vt);
}

static void
test_search_lambda(void **state)
{
	struct vt *vt = start(30, 120, NULL, NULL);
	int row, col, srow, scol;
	struct vt_cell cell;

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "/function code");
	expect(vt, "/function code");
	expect(vt, "match 1 of");
	expect(vt, "Lambda (Serverless)");
	locate(vt, "Function code", &row, &col);
	locate(vt, "Customer — security IN the cloud", &srow, &scol);
	assert_true(col >= scol);
	/* The match is highlighted. */
	assert_true(vt_cell(vt, row, col, &cell));
	assert_true(cell.reverse || !cell.bg_default);
	vt_send(vt, ENTER);
	expect_gone(vt, "/function code");
	quit(vt);
}

/* A character whose bytes come in two reads (a slow line, a paste cut at
 * a buffer's end) is one character, not lost: here "é" typed into the
 * search, its second byte a while after its first. */
static void
test_split_character_typed(void **state)
{
	struct vt *vt = start(24, 80, NULL, NULL);

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "/x");
	expect(vt, "/x");
	vt_send(vt, "\xC3");
	/* Long enough for the first byte to be read alone, well within the
	 * half second the browser waits for the rest; not stretched under
	 * valgrind (where the two may then come in one read). */
	vt_settle(vt, 100, WAIT);
	vt_send(vt, "\xA9y");
	expect(vt, "/x\xC3\xA9y");
	press(vt, "escape", NULL);
	expect_gone(vt, "/x");
	quit(vt);
}

/* Bytes that are no character at all (a Latin-1 paste into a UTF-8
 * terminal, line noise) are ignored: the browser neither ends nor stops
 * answering, in the search and in the tree. */
static void
test_invalid_input_bytes(void **state)
{
	char junk[151];
	struct vt *vt = start(24, 80, NULL, NULL);

	(void)state;
	memset(junk, 0xFF, sizeof junk - 1);
	junk[sizeof junk - 1] = '\0';
	expect(vt, "Overview");
	vt_send(vt, "/x");
	expect(vt, "/x");
	vt_send(vt, junk);
	vt_settle(vt, QUIET, WAIT);
	assert_false(vt_exited(vt));
	press(vt, "escape", NULL);
	expect_gone(vt, "/x");
	vt_send(vt, junk);
	vt_settle(vt, QUIET, WAIT);
	assert_false(vt_exited(vt));
	vt_send(vt, "?");
	expect(vt, "Keys");
	press(vt, "escape", NULL);
	quit(vt);
}

/* On a narrow terminal (no room for the keys), the query being typed
 * keeps the bar but for the status: it once got a single cell there when
 * nothing matched. */
static void
test_query_on_narrow_bar(void **state)
{
	struct vt *vt = start(12, 40, NULL, NULL);

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "/zzzzqq");
	expect(vt, "no match");
	expect(vt, "/zzzzqq");
	press(vt, "escape", NULL);
	quit(vt);
}

/* The issue's own example: /lambda, and function code is the customer's. */
static void
test_search_lambda_word(void **state)
{
	struct vt *vt = start(30, 120, NULL, NULL);
	int row, col, crow, ccol;

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "/lambda");
	expect(vt, "/lambda");
	expect(vt, "match 1 of 2");
	vt_send(vt, "n");	/* typed: still part of the query */
	expect(vt, "no match");
	press(vt, "backspace", "down", NULL);
	expect(vt, "match 2 of 2");
	vt_send(vt, ENTER);
	locate(vt, "Function code", &row, &col);
	locate(vt, "│ Customer — security IN the cloud", &crow, &ccol);
	assert_true(col > ccol);
	locate(vt, "Runtime environment", &row, &col);
	assert_true(col < ccol);
	quit(vt);
}

static void
test_search_next_prev_and_escape(void **state)
{
	struct vt *vt = start(30, 120, NULL, NULL);

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "/encrypt");
	expect(vt, "/encrypt");
	expect(vt, "match 1 of");
	vt_send(vt, ENTER "n");
	expect(vt, "match 2 of");
	vt_send(vt, "N" "N");
	expect_gone(vt, "match 2 of");
	expect_gone(vt, "match 1 of");
	vt_send(vt, "n");
	expect(vt, "match 1 of");
	/* Esc during typing goes back where the search began. */
	press(vt, "escape", NULL);
	expect_gone(vt, "match");
	/* From the tree's first topic, a search and its Esc come back. */
	press(vt, "left", "g", "enter", NULL);
	expect(vt, "delineates the security responsibilities");
	vt_send(vt, "/guardduty");
	expect(vt, "/guardduty");
	expect(vt, "Threat detection");
	press(vt, "escape", NULL);
	expect_gone(vt, "Threat detection");
	expect(vt, "delineates the security responsibilities");
	quit(vt);
}

static void
test_help_overlay(void **state)
{
	struct vt *vt = start(24, 80, NULL, NULL);

	(void)state;
	expect(vt, "Overview");
	vt_send(vt, "?");
	expect(vt, "Keys");
	expect(vt, "search all the content as you type");
	press(vt, "escape", NULL);
	expect_gone(vt, "search all the content as you type");
	press(vt, "f1", NULL);
	expect(vt, "search all the content as you type");
	vt_send(vt, "q");
	expect_gone(vt, "search all the content as you type");
	quit(vt);
}

static void
test_mouse(void **state)
{
	struct vt *vt = start(24, 100, NULL, NULL);
	int row, col;
	char click[64];

	(void)state;
	expect(vt, "Responsibility areas");
	locate(vt, "Responsibility areas", &row, &col);
	/* SGR mouse report: press and release of button 1 (1-based). */
	snprintf(click, sizeof click, "\033[<0;%d;%dM\033[<0;%d;%dm",
	    col + 3, row + 1, col + 3, row + 1);
	vt_send(vt, click);
	expect(vt, "Data Protection");
	/* The wheel over the topic pane scrolls it. */
	expect(vt, "line 1 of");
	snprintf(click, sizeof click, "\033[<65;%d;%dM", 60, 10);
	vt_send(vt, click);
	expect(vt, "line 4 of");
	quit(vt);
}

static void
test_collapse_expand(void **state)
{
	struct vt *vt = start(24, 100, NULL, NULL);

	(void)state;
	expect(vt, "Services by category");
	vt_send(vt, "jjjjj");
	vt_send(vt, "l");
	expect(vt, "Compute Services");
	vt_send(vt, "h");
	expect_gone(vt, "Compute Services");
	quit(vt);
}

static void
test_resize(void **state)
{
	struct vt *vt = start(24, 80, NULL, "lambda", NULL);
	int r1, c1, r2, c2;

	(void)state;
	expect(vt, "Function code");
	vt_resize(vt, 20, 60);
	/* Stacked below 80 columns: AWS first, then the customer. */
	expect(vt, "AWS — security OF the cloud");
	vt_settle(vt, QUIET, WAIT);
	locate(vt, "AWS — security OF the cloud", &r1, &c1);
	if (vt_find(vt, "Customer — security IN the cloud", &r2, &c2) == 0)
		assert_true(r2 > r1);
	vt_resize(vt, 40, 100);
	expect(vt, "Customer — security IN the cloud");
	vt_settle(vt, QUIET, WAIT);
	locate(vt, "AWS — security OF the cloud", &r1, &c1);
	locate(vt, "Customer — security IN the cloud", &r2, &c2);
	assert_int_equal(r1, r2);
	vt_resize(vt, 8, 30);
	expect(vt, "terminal too small");
	vt_resize(vt, 24, 80);
	expect_gone(vt, "terminal too small");
	expect(vt, "Function code");
	quit(vt);
}

static void
test_resize_storm(void **state)
{
	struct vt *vt = start(24, 80, NULL, "matrix", NULL);
	int i;

	(void)state;
	expect(vt, "Responsibility matrix");
	for (i = 0; i < 60; i++)
		vt_resize(vt, 10 + (i * 7) % 40, 30 + (i * 13) % 120);
	vt_resize(vt, 30, 100);
	expect(vt, "Physical facilities");
	quit(vt);
}

static void
test_no_color(void **state)
{
	struct vt *vt = start(24, 100, "NO_COLOR=1", "compliance", NULL);
	struct vt_cell cell;
	int r, c;

	(void)state;
	expect(vt, "Ongoing monitoring");
	vt_settle(vt, QUIET, WAIT);
	for (r = 0; r < 24; r++)
		for (c = 0; c < 100; c++) {
			assert_true(vt_cell(vt, r, c, &cell));
			if (!cell.fg_default || !cell.bg_default)
				fail_msg("colour at %d,%d", r, c);
		}
	quit(vt);
	/* With colour, the parties are told apart by colour too. */
	vt = start(24, 100, NULL, "compliance", NULL);
	expect(vt, "Ongoing monitoring");
	vt_settle(vt, QUIET, WAIT);
	locate(vt, "AWS — security", &r, &c);
	assert_true(vt_cell(vt, r, c, &cell));
	assert_false(cell.fg_default);
	quit(vt);
}

static void
test_ascii(void **state)
{
	struct vt *vt = start(24, 100, NULL, "--ascii", "ec2", NULL);
	char *screen;
	const unsigned char *p;

	(void)state;
	expect(vt, "AWS - security OF the cloud");
	vt_settle(vt, QUIET, WAIT);
	screen = vt_screen(vt);
	for (p = (const unsigned char *)screen; *p != '\0'; p++)
		if (*p >= 0x80)
			fail_msg("non-ASCII on an --ascii screen:\n%s", screen);
	free(screen);
	quit(vt);
}

/*
 * A browser killed by sig leaves the terminal as it found it: the modes
 * sane again (ICANON, ECHO) and the alternate screen left, then dies of
 * that signal (128 + sig).
 */
static void
assert_signal_restores(int sig)
{
	struct vt *vt = start(24, 80, NULL, NULL);

	expect(vt, "Overview");
	assert_true(vt_altscreen(vt));
	assert_false(vt_modes_sane(vt));
	/* Idle, waiting for a key: valgrind (3.19) drops a SIGSEGV sent by
	 * kill() that arrives while the program runs, rather than waits in a
	 * system call. */
	vt_settle(vt, QUIET, WAIT);
	vt_signal(vt, sig);
	assert_int_equal(vt_wait_exit(vt, WAIT), 128 + sig);
	assert_true(vt_modes_sane(vt));
	assert_false(vt_altscreen(vt));
	vt_free(vt);
}

static void
test_sigterm_restores(void **state)
{
	(void)state;
	assert_signal_restores(SIGTERM);
	assert_signal_restores(SIGINT);
	assert_signal_restores(SIGHUP);
}

static void
test_dumb_terminal_prints(void **state)
{
	struct vt *vt = start(24, 80, "TERM=dumb", "lambda", NULL);

	(void)state;
	expect(vt, "Function code");
	expect(vt, "printing instead");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_false(vt_altscreen(vt));
	vt_free(vt);
}

static void
test_bytes_per_key(void **state)
{
	struct vt *vt = start(24, 80, NULL, NULL);
	size_t len;

	(void)state;
	expect(vt, "Overview");
	vt_settle(vt, 2 * QUIET, WAIT);
	vt_raw_reset(vt);
	press(vt, "down", NULL);
	vt_settle(vt, 2 * QUIET, WAIT);
	vt_raw(vt, &len);
	print_message("bytes written for one Down in the tree: %zu\n", len);
	assert_true(len > 0);
	assert_true(len < 400);
	quit(vt);
}

/* --------------------------------------- fatal signals and hang-ups */

/*
 * No core files from the signals that dump one: they would litter the
 * build directory, and writing one (or handing it to a crash reporter)
 * can outlast a wait. The spawned program inherits the limit. Returns the
 * limit to put back.
 */
static struct rlimit
no_core_files(void)
{
	struct rlimit old, none;

	if (getrlimit(RLIMIT_CORE, &old) != 0)
		fail_msg("getrlimit(RLIMIT_CORE) failed");
	none = old;
	none.rlim_cur = 0;
	if (setrlimit(RLIMIT_CORE, &none) != 0)
		fail_msg("setrlimit(RLIMIT_CORE) failed");
	return old;
}

/* The signals that would dump core: the handler restores the terminal,
 * then dies of the same signal (128 + sig), whether or not a core is
 * written, so the status is checked, not WCOREDUMP. */
static void
test_fatal_signals_restore(void **state)
{
	struct rlimit old = no_core_files();

	(void)state;
	assert_signal_restores(SIGQUIT);
	assert_signal_restores(SIGSEGV);
	setrlimit(RLIMIT_CORE, &old);
}

/*
 * The terminal goes away (window closed, ssh dropped) while the browser
 * waits for a key, in the tree and in the middle of typing a search: it
 * must end, not spin on a dead terminal. The kernel's SIGHUP kills it
 * (129); had that been missed, the next read fails with EIO and the
 * browser returns 1. Either way, within the wait.
 */
static void
test_hangup_exits(void **state)
{
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct vt *vt = start(24, 80, NULL, NULL);

		expect(vt, "Overview");
		if (i == 1) {
			vt_send(vt, "/encr");
			expect(vt, "/encr");
		}
		vt_settle(vt, QUIET, WAIT);
		vt_hangup(vt);
		st = vt_wait_exit(vt, WAIT);
		/* Killed before failing: a program that spins on a dead
		 * terminal outlives the test otherwise, at full speed. */
		vt_free(vt);
		if (st == -1)
			fail_msg("still running %d ms after the hang-up",
			    WAIT);
		if (st != 128 + SIGHUP && st != 1)
			fail_msg("exit status %d after the hang-up (want "
			    "%d or 1)", st, 128 + SIGHUP);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_first_screen),
	cmocka_unit_test(test_arrows_and_open),
	cmocka_unit_test(test_search_lambda),
	cmocka_unit_test(test_split_character_typed),
	cmocka_unit_test(test_invalid_input_bytes),
	cmocka_unit_test(test_query_on_narrow_bar),
	cmocka_unit_test(test_search_lambda_word),
	cmocka_unit_test(test_search_next_prev_and_escape),
	cmocka_unit_test(test_help_overlay),
	cmocka_unit_test(test_mouse),
	cmocka_unit_test(test_collapse_expand),
	cmocka_unit_test(test_resize),
	cmocka_unit_test(test_resize_storm),
	cmocka_unit_test(test_no_color),
	cmocka_unit_test(test_ascii),
	cmocka_unit_test(test_sigterm_restores),
	cmocka_unit_test(test_dumb_terminal_prints),
	cmocka_unit_test(test_bytes_per_key),
	cmocka_unit_test(test_fatal_signals_restore),
	cmocka_unit_test(test_hangup_exits),
};

TEST_MAIN(tests)
