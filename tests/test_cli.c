/*
 * The command line as a practitioner meets it: the real binary, run with
 * its output going to a pipe, checked for what a person would read there
 * (which column an item lands in, what an ambiguous name says, that a pipe
 * carries no escape sequences).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"
#include "testutil.h"

struct run {
	int	 rc;
	char	*out;
	char	*err;
};

/* Run respmap with the given arguments (NULL-terminated) and COLUMNS. */
static struct run
run_respmap(const char *columns, const char *extra_env, ...)
{
	const char *argv[16], *env[4];
	const char *bin = getenv("RESPMAP");
	char *cols = NULL;
	struct run r;
	va_list ap;
	size_t n = 0, e = 0;

	argv[n++] = bin != NULL ? bin : "src/respmap";
	va_start(ap, extra_env);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	if (columns != NULL) {
		cols = xasprintf("COLUMNS=%s", columns);
		env[e++] = cols;
	}
	if (extra_env != NULL)
		env[e++] = extra_env;
	env[e] = NULL;
	r.rc = test_run(argv, env, &r.out, &r.err);
	free(cols);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* The line of s that contains needle, as a new string, or NULL. */
static char *
line_with(const char *s, const char *needle)
{
	const char *p = strstr(s, needle), *b, *e;

	if (p == NULL)
		return NULL;
	for (b = p; b > s && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	return xstrndup(b, e != NULL ? (size_t)(e - b) : strlen(b));
}

/* Display column (0-based) where needle starts in line. */
static size_t
column_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);

	assert_non_null(p);
	return text_width_n(line, (size_t)(p - line));
}

/* Is needle in the provider's (left) or customer's (right) column? */
static void
assert_side(const char *out, const char *needle, bool right)
{
	char *line = line_with(out, needle);
	size_t at, rule;

	if (line == NULL)
		fail_msg("'%s' is not in the output:\n%s", needle, out);
	at = column_of(line, needle);
	rule = column_of(line, "│");
	if (right)
		assert_true(at > rule);
	else
		assert_true(at < rule);
	free(line);
}

static void
test_print_ec2_columns(void **state)
{
	struct run r = run_respmap("80", NULL, "--print", "ec2", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_side(r.out, "AWS — security OF the cloud", false);
	assert_side(r.out, "Customer — security IN the cloud", true);
	assert_side(r.out, "hypervisor", false);
	assert_side(r.out, "Physical hosts", false);
	assert_side(r.out, "Guest OS", true);
	/* From its service type, IaaS: guest OS patches are the customer's. */
	assert_side(r.out, "Guest operating system updates", true);
	assert_side(r.out, "Physical hardware and hypervisor", false);
	run_free(&r);
}

static void
test_print_lambda_function_code(void **state)
{
	struct run r = run_respmap("80", NULL, "-p", "lambda", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "Lambda (Serverless)"));
	assert_side(r.out, "Function code", true);
	assert_side(r.out, "Runtime environment", false);
	run_free(&r);
}

static void
test_print_example_only_service(void **state)
{
	struct run r = run_respmap("80", NULL, "-p", "fargate", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	/* Fargate has no items of its own: its type's, marked as such. */
	assert_non_null(strstr(r.out, "No responsibilities of its own"));
	assert_non_null(strstr(r.out, "Container Services:"));
	assert_side(r.out, "Container images and contents", true);
	assert_side(r.out, "Container hosting environment", false);
	run_free(&r);
}

static void
test_print_lines_fit_width(void **state)
{
	static const char *const widths[] = { "50", "80", "132" };
	size_t i, w, max;
	char *line, *save = NULL;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct run r = run_respmap(widths[i], NULL, "-p", "areas",
		    "matrix", "compliance", NULL);

		assert_int_equal(r.rc, 0);
		max = (size_t)atoi(widths[i]);
		for (line = strtok_r(r.out, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			w = text_width(line);
			if (w > max)
				fail_msg("%zu cells at width %zu: %s", w, max,
				    line);
		}
		run_free(&r);
	}
}

static void
test_print_narrow_stacks(void **state)
{
	struct run r = run_respmap("50", NULL, "-p", "ec2", NULL);
	const char *aws, *cust;

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_null(strstr(r.out, "│"));
	aws = strstr(r.out, "AWS — security OF the cloud");
	cust = strstr(r.out, "Customer — security IN the cloud");
	assert_non_null(aws);
	assert_non_null(cust);
	/* AWS first, then the customer, each with its own items. */
	assert_true(aws < strstr(r.out, "hypervisor"));
	assert_true(strstr(r.out, "hypervisor") < cust);
	assert_true(cust < strstr(r.out, "Guest OS"));
	run_free(&r);
}

static void
test_ambiguous_prefix_fails(void **state)
{
	struct run r = run_respmap("80", NULL, "--print", "s", NULL);

	(void)state;
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "ambiguous"));
	assert_non_null(strstr(r.err, "Storage Services"));
	assert_non_null(strstr(r.err, "Service types"));
	run_free(&r);
}

static void
test_unknown_topic_suggests(void **state)
{
	struct run r = run_respmap("80", NULL, "--print", "lamdba", NULL);

	(void)state;
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "no topic 'lamdba'"));
	assert_non_null(strstr(r.err, "lambda"));
	run_free(&r);
}

static void
test_title_prefix_any_case(void **state)
{
	struct run r = run_respmap("80", NULL, "-p", "ELASTIC", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "Elastic Beanstalk"));
	run_free(&r);
	r = run_respmap("80", NULL, "-p", "S3", "Ec2", NULL);
	assert_int_equal(r.rc, 0);
	assert_true(strstr(r.out, "S3 (Object Storage)") <
	    strstr(r.out, "EC2 (Virtual Machines)"));
	run_free(&r);
}

static void
test_pipe_has_no_escapes(void **state)
{
	struct run r = run_respmap("80", NULL, "-p", "ec2", NULL);

	(void)state;
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	r = run_respmap("80", NULL, "--color=always", "-p", "ec2", NULL);
	assert_non_null(strstr(r.out, "\033["));
	run_free(&r);
	r = run_respmap("80", "NO_COLOR=1", "-p", "ec2", NULL);
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	r = run_respmap("80", NULL, "--color=never", "-s", "encryption",
	    NULL);
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
}

static void
test_ascii_output(void **state)
{
	struct run r = run_respmap("80", NULL, "--ascii", "-p", "ec2",
	    "matrix", NULL);
	const unsigned char *p;

	(void)state;
	assert_int_equal(r.rc, 0);
	for (p = (const unsigned char *)r.out; *p != '\0'; p++)
		if (*p >= 0x80 || (*p < 0x20 && *p != '\n'))
			fail_msg("non-ASCII byte 0x%02x in --ascii output",
			    *p);
	assert_non_null(strstr(r.out, "AWS - security OF the cloud"));
	assert_non_null(strstr(r.out, "|"));
	run_free(&r);
}

static void
test_list_tree_order(void **state)
{
	struct run r = run_respmap("80", NULL, "--list", NULL);
	const char *ct, *inh, *ec2a, *ec2b;

	(void)state;
	assert_int_equal(r.rc, 0);
	ct = strstr(r.out, "control-types ");
	inh = strstr(r.out, "  inherited-controls ");
	assert_non_null(ct);
	assert_non_null(inh);
	assert_true(ct < inh);
	assert_true(strstr(r.out, "overview ") == r.out);
	/* EC2 sits under IaaS and under Compute: listed in both places. */
	ec2a = strstr(r.out, "    ec2 ");
	assert_non_null(ec2a);
	ec2b = strstr(ec2a + 1, "    ec2 ");
	assert_non_null(ec2b);
	assert_non_null(strstr(r.out, "(ecs, eks)"));
	run_free(&r);
}

static void
test_search(void **state)
{
	struct run r = run_respmap("80", NULL, "-s", "ENCRYPTION", NULL);
	char *line;

	(void)state;
	assert_int_equal(r.rc, 0);
	line = line_with(r.out, "Data encryption");
	assert_non_null(line);
	assert_non_null(strstr(line, "s3"));
	assert_non_null(strstr(line, "Customer"));
	free(line);
	line = line_with(r.out, "snapshot encryption");
	assert_non_null(line);
	assert_non_null(strstr(line, "AWS"));
	free(line);
	run_free(&r);
	r = run_respmap("80", NULL, "-s", "no such words here", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "nothing matches"));
	run_free(&r);
}

static void
test_check(void **state)
{
	struct run r = run_respmap("80", NULL, "--check", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "OK"));
	run_free(&r);
	r = run_respmap("80", NULL, "--check", "--data", "/nonexistent/dir",
	    NULL);
	assert_int_equal(r.rc, 1);
	/* One problem, not one for each table. */
	assert_non_null(strstr(r.err,
	    "/nonexistent/dir: No such file or directory\n"));
	assert_non_null(strstr(r.err, "has 1 problem\n"));
	run_free(&r);
}

static void
test_usage(void **state)
{
	struct run r = run_respmap("80", NULL, "--help", NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "--print"));
	assert_non_null(strstr(r.out, "--search"));
	run_free(&r);
	r = run_respmap("80", NULL, "--version", NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, PACKAGE_VERSION));
	run_free(&r);
	r = run_respmap("80", NULL, "--frobnicate", NULL);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "--help"));
	run_free(&r);
	r = run_respmap("80", NULL, "--print", NULL);
	assert_int_equal(r.rc, 2);
	run_free(&r);
	r = run_respmap("80", NULL, "--color=sometimes", "-l", NULL);
	assert_int_equal(r.rc, 2);
	run_free(&r);
	r = run_respmap("80", NULL, "-l", "-s", "x", NULL);
	assert_int_equal(r.rc, 2);
	run_free(&r);
}

static void
test_no_arguments_shows_overview(void **state)
{
	struct run r = run_respmap("80", NULL, NULL);

	(void)state;
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "Overview"));
	assert_non_null(strstr(r.out, "security and compliance framework"));
	run_free(&r);
}

/* Fails when s holds a control character other than newline (C0, DEL,
 * C1 as UTF-8) or a byte that is no UTF-8, such as a lone 0x9B (CSI). */
static void
assert_no_controls(const char *s, const char *what)
{
	size_t i = 0, n = strlen(s), len;
	uint32_t cp;

	while (i < n) {
		if (!text_decode_valid(s + i, n - i, &cp, &len))
			fail_msg("%s: byte 0x%02X at %zu is no UTF-8:\n%s", what,
			    (unsigned char)s[i], i, s);
		if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F))
			fail_msg("%s: control U+%04X at %zu:\n%s", what,
			    (unsigned)cp, i, s);
		i += len;
	}
}

/*
 * Every place an argument comes back in a message: getopt's errors, a bad
 * --color, an argument too many, an unknown topic, a search that finds
 * nothing, a --data directory. The argument's escape sequence must not
 * reach the terminal, and what the user typed is shown ("<U+001B>]0;")
 * rather than silently cut.
 */
static void
test_arguments_quoted_safely(void **state)
{
	static const struct {
		const char	*args[4];
		int		 rc;
		const char	*shown;
	} cases[] = {
		{ { "--color=\033]0;pwn\a" }, 2, "'<U+001B>]0;pwn'" },
		{ { "--list", "x\033[31my" }, 2, "'x<U+001B>[31my'" },
		{ { "--li\033[2Jst" }, 2, "'--li<U+001B>[2Jst'" },
		{ { "--li\033[2Jst=\033[1m" }, 2, "'--li<U+001B>[2Jst'" },
		{ { "-\033" }, 2, "'-<U+001B>'" },
		{ { "-l\a" }, 2, "unknown option '-'" },
		{ { "--print", "ec\033]0;pwn\a" }, 1, "'ec<U+001B>]0;pwn'" },
		{ { "--print", "e\033[1m" }, 1, "'e<U+001B>[1m'" },
		{ { "--print", ("\xC2\x9B" "31m") }, 1, "'<U+009B>31m'" },
		{ { "-s", "zzq\033]0;pwn\a" }, 1, "'zzq<U+001B>]0;pwn'" },
		{ { "ec2\033]2;x\a", "s3" }, 1, "'ec2<U+001B>]2;x'" },
		{ { "--check", "--data", "/nonexistent/\033]0;pwn\a\r" }, 1,
		    "/nonexistent/<U+001B>]0;pwn: No such file" },
	};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		r = run_respmap("80", NULL, cases[i].args[0],
		    cases[i].args[1], cases[i].args[2], cases[i].args[3],
		    NULL);
		assert_no_controls(r.out, cases[i].args[0]);
		assert_no_controls(r.err, cases[i].args[0]);
		if (r.rc != cases[i].rc || strstr(r.err, cases[i].shown) ==
		    NULL)
			fail_msg("case %zu: status %d, stderr:\n%s", i, r.rc,
			    r.err);
		run_free(&r);
	}
}

/* getopt's cases, in respmap's words (getopt itself is kept quiet). */
static void
test_option_errors(void **state)
{
	static const struct {
		const char	*arg;
		const char	*msg;
	} cases[] = {
		{ "--frobnicate", "unknown option '--frobnicate'" },
		{ "--frob=1", "unknown option '--frob'" },
		{ "-x", "unknown option '-x'" },
		{ "--c", "option '--c' is ambiguous" },
		{ "--col=never", NULL },
		{ "--list=yes", "option '--list' takes no argument" },
		{ "--search", "option '--search' needs an argument" },
		{ "-s", "option '-s' needs an argument" },
		{ "--data", "option '--data' needs an argument" },
	};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		r = run_respmap("80", NULL, "--list", cases[i].arg, NULL);
		if (cases[i].msg == NULL) {
			assert_int_equal(r.rc, 0);
			run_free(&r);
			continue;
		}
		if (r.rc != 2 || strstr(r.err, cases[i].msg) == NULL ||
		    strstr(r.err, "--help") == NULL)
			fail_msg("%s: status %d, stderr:\n%s", cases[i].arg,
			    r.rc, r.err);
		run_free(&r);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_print_ec2_columns),
	cmocka_unit_test(test_print_lambda_function_code),
	cmocka_unit_test(test_print_example_only_service),
	cmocka_unit_test(test_print_lines_fit_width),
	cmocka_unit_test(test_print_narrow_stacks),
	cmocka_unit_test(test_ambiguous_prefix_fails),
	cmocka_unit_test(test_unknown_topic_suggests),
	cmocka_unit_test(test_title_prefix_any_case),
	cmocka_unit_test(test_pipe_has_no_escapes),
	cmocka_unit_test(test_ascii_output),
	cmocka_unit_test(test_list_tree_order),
	cmocka_unit_test(test_search),
	cmocka_unit_test(test_check),
	cmocka_unit_test(test_usage),
	cmocka_unit_test(test_no_arguments_shows_overview),
	cmocka_unit_test(test_arguments_quoted_safely),
	cmocka_unit_test(test_option_errors),
};

TEST_MAIN(tests)
