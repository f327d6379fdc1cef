/*
 * respmap: a terminal browser for the cloud shared responsibility model.
 * This file reads the options, sets up the locale, loads the data set and
 * hands over to the command asked for.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model.h"
#include "text.h"
#include "ui.h"

enum mode { MODE_DEFAULT, MODE_PRINT, MODE_LIST, MODE_SEARCH, MODE_CHECK };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	enum mode	 mode;
	const char	*query;
	const char	*data;
	enum color	 color;
	bool		 ascii;
};

enum { OPT_CHECK = 256, OPT_DATA, OPT_COLOR, OPT_ASCII };

static const struct option long_options[] = {
	{ "print", no_argument, NULL, 'p' },
	{ "list", no_argument, NULL, 'l' },
	{ "search", required_argument, NULL, 's' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [OPTION]... [TOPIC]...\n"), PACKAGE);
	fputs(_("Browse the cloud shared responsibility model: what the provider "
	    "secures\n(security OF the cloud) and what the customer secures "
	    "(security IN the cloud).\n\n"), fp);
	fputs(_("With no option, on a terminal, open the full-screen browser "
	    "on TOPIC (by\ndefault the first topic); elsewhere, print it.\n\n"),
	    fp);
	fputs(_("Commands:\n"
	    "  -p, --print TOPIC...   show topics as two columns, provider and "
	    "customer\n"
	    "  -l, --list             list every topic: id, title, aliases\n"
	    "  -s, --search TEXT      list every topic and item that contains "
	    "TEXT\n"
	    "      --check            validate the data set and report every "
	    "problem\n\n"), fp);
	fputs(_("Options:\n"
	    "      --data DIR         load the data set in DIR instead of the "
	    "built-in one\n"
	    "      --color[=WHEN]     colour the output: auto (default), always "
	    "or never;\n"
	    "                         with auto, NO_COLOR in the environment "
	    "means never\n"
	    "      --ascii            no line drawing and no non-ASCII symbols\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"), fp);
	fputs(_("TOPIC is a topic id, an alias or the start of a title, in any "
	    "case:\n  respmap --print lambda     respmap -p ec2 s3     "
	    "respmap -s encryption\n\n"), fp);
	fputs(_("The output is wrapped to $COLUMNS, else to the terminal's "
	    "width, else to 80.\nExit status: 0 on success, 1 when a topic is "
	    "unknown or ambiguous, nothing\nmatches or the data set has "
	    "problems, 2 on a usage error.\n"), fp);
	fputs(_("See respmap(1) and, for the data files, respmap(5).\n"), fp);
}

static _Noreturn void
usage_error(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    PACKAGE);
	exit(CLI_USAGE);
}

static bool
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

/* n bytes of an argument, to be quoted in a message. An argument is text
 * from outside, like a data file: it reaches the terminal as plain text,
 * never as an escape sequence. */
static char *
quote_arg(const char *arg, size_t n)
{
	return text_sanitize_quoted(arg, n, !utf8_locale());
}

/* Report a usage error and exit: msg takes PACKAGE and then n bytes of
 * arg, quoted. A macro, so that the compiler checks each message against
 * its arguments as it does for a plain fprintf. */
#define ARG_ERROR(msg, arg, n) do {					\
	char *q_ = quote_arg((arg), (n));				\
									\
	fprintf(stderr, (msg), PACKAGE, q_);				\
	free(q_);							\
	usage_error();							\
} while (0)

/* Whether some long option has val as its value (getopt's optopt after a
 * long option's error), as opposed to an unknown short option letter. */
static bool
long_val(int val)
{
	const struct option *lo;

	for (lo = long_options; lo->name != NULL; lo++)
		if (lo->val == val)
			return true;
	return false;
}

/* How many different options "--name" (or "--name=...") could mean. */
static size_t
long_matches(const char *word)
{
	const struct option *lo;
	size_t n = strcspn(word, "="), count = 0;
	int last = 0;

	for (lo = long_options; lo->name != NULL; lo++)
		if (strncmp(lo->name, word, n) == 0 && lo->val != last) {
			count++;
			last = lo->val;	/* --color and --colour are one */
		}
	return count;
}

/*
 * getopt's own messages would quote the argument as it was typed, escape
 * sequences and all, so it is kept quiet (opterr = 0) and its errors are
 * told here. c is what getopt_long returned: ':' for a missing argument,
 * '?' for the rest. After an error in a long option, argv[optind - 1] is
 * the word that held it; optopt is 0 for an unknown or ambiguous name,
 * else the option's val. After an unknown short option, optopt is the
 * letter, which is never the val of a long option.
 */
static _Noreturn void
bad_option(int c, char **argv)
{
	const char *word = argv[optind - 1];
	char letter[2] = { (char)optopt, '\0' };

	if (c == ':' && strncmp(word, "--", 2) == 0)
		ARG_ERROR(_("%s: option '%s' needs an argument\n"), word,
		    strlen(word));
	if (c == ':')
		ARG_ERROR(_("%s: option '-%s' needs an argument\n"), letter,
		    1);
	if (optopt != 0 && !long_val(optopt))
		ARG_ERROR(_("%s: unknown option '-%s'\n"), letter, 1);
	if (optopt != 0)
		ARG_ERROR(_("%s: option '%s' takes no argument\n"), word,
		    strcspn(word, "="));
	if (long_matches(word + 2) > 1)
		ARG_ERROR(_("%s: option '%s' is ambiguous\n"), word,
		    strcspn(word, "="));
	ARG_ERROR(_("%s: unknown option '%s'\n"), word, strcspn(word, "="));
}

static void
set_mode(struct options *o, enum mode m)
{
	if (o->mode != MODE_DEFAULT && o->mode != m) {
		fprintf(stderr, _("%s: --print, --list, --search and --check "
		    "go one at a time\n"), PACKAGE);
		usage_error();
	}
	o->mode = m;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof *o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":pls:hV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'p':
			set_mode(o, MODE_PRINT);
			break;
		case 'l':
			set_mode(o, MODE_LIST);
			break;
		case 's':
			set_mode(o, MODE_SEARCH);
			o->query = optarg;
			break;
		case OPT_CHECK:
			set_mode(o, MODE_CHECK);
			break;
		case OPT_DATA:
			o->data = optarg;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0 ||
			    strcmp(optarg, "yes") == 0 ||
			    strcmp(optarg, "force") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0 ||
			    strcmp(optarg, "no") == 0 ||
			    strcmp(optarg, "none") == 0)
				o->color = COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0 ||
			    strcmp(optarg, "tty") == 0 ||
			    strcmp(optarg, "if-tty") == 0)
				o->color = COLOR_AUTO;
			else
				ARG_ERROR(_("%s: invalid argument '%s' for "
				    "'--color' (use auto, always or never)\n"),
				    optarg, strlen(optarg));
			break;
		case OPT_ASCII:
			o->ascii = true;
			break;
		case 'h':
			usage(stdout);
			exit(CLI_OK);
		case 'V':
			printf("%s %s\n", PACKAGE, VERSION);
			exit(CLI_OK);
		default:
			bad_option(c, argv);
		}
	}
	if (o->mode == MODE_PRINT && optind >= argc) {
		fprintf(stderr, _("%s: --print needs at least one TOPIC\n"),
		    PACKAGE);
		usage_error();
	}
	if ((o->mode == MODE_LIST || o->mode == MODE_SEARCH ||
	    o->mode == MODE_CHECK) && optind < argc)
		ARG_ERROR(_("%s: unexpected argument '%s'\n"), argv[optind],
		    strlen(argv[optind]));
	return optind;
}

static bool
want_color(enum color c)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (c != COLOR_AUTO)
		return c == COLOR_ALWAYS;
	if (nc != NULL && *nc != '\0')
		return false;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return false;
	return isatty(STDOUT_FILENO);
}

static struct model *
load(const struct options *o, struct diags *d)
{
	if (o->data != NULL)
		return load_dir(o->data, NULL, d);
	return load_builtin(d);
}

/* The topics named, or the first one, printed. */
static int
print_plain(struct cli *c, char **names, size_t n)
{
	char *root[1];

	if (n > 0)
		return cli_print(c, names, n);
	if (c->m->nroots == 0)
		return cli_list(c);
	root[0] = (char *)c->m->roots[0]->id;
	return cli_print(c, root, 1);
}

/* No option: the full-screen browser on a terminal, on the topic named;
 * where it cannot run, the same topic printed. */
static int
browse(struct cli *c, const struct options *o, char **names, size_t n)
{
	const char *why = NULL;
	struct ui_opts uo;
	const struct model_topic *start = NULL;
	struct model_match mm;
	int rc;

	if (n > 1 || !ui_available(&why)) {
		if (why != NULL && isatty(STDOUT_FILENO))
			fprintf(stderr, _("%s: %s: printing instead of the "
			    "full-screen browser\n"), PACKAGE, why);
		return print_plain(c, names, n);
	}
	if (n == 1) {
		model_match_topic(c->m, names[0], &mm);
		start = mm.topic;
		model_match_free(&mm);
		if (start == NULL)	/* let --print explain */
			return cli_print(c, names, n);
	}
	memset(&uo, 0, sizeof uo);
	uo.color = want_color(o->color);
	uo.ascii = c->ascii;
	rc = ui_run(c->m, start, &uo);
	if (rc < 0) {
		fprintf(stderr, _("%s: cannot start the full-screen browser; "
		    "printing instead\n"), PACKAGE);
		return print_plain(c, names, n);
	}
	return rc;
}

static int
finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("%s: write error\n"), PACKAGE);
		return CLI_FAIL;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct diags d;
	struct model *m;
	struct cli c;
	int first, rc;

	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	first = parse_options(argc, argv, &o);

	diags_init(&d, 0);
	m = load(&o, &d);
	if (m == NULL) {
		diags_print(&d, stderr);
		fprintf(stderr, ngettext_("%s: the data set has %zu problem\n",
		    "%s: the data set has %zu problems\n", d.total), PACKAGE,
		    d.total);
		diags_free(&d);
		return CLI_FAIL;
	}
	diags_free(&d);

	memset(&c, 0, sizeof c);
	c.m = m;
	c.out = stdout;
	c.err = stderr;
	c.width = cli_width(STDOUT_FILENO);
	c.color = want_color(o.color);
	c.ascii = o.ascii || !utf8_locale();

	switch (o.mode) {
	case MODE_LIST:
		rc = cli_list(&c);
		break;
	case MODE_SEARCH:
		rc = cli_search(&c, o.query);
		break;
	case MODE_CHECK:
		cli_summary(&c, o.data != NULL ? o.data : "<built-in>");
		rc = CLI_OK;
		break;
	case MODE_PRINT:
		rc = cli_print(&c, argv + first, (size_t)(argc - first));
		break;
	case MODE_DEFAULT:
	default:
		rc = browse(&c, &o, argv + first, (size_t)(argc - first));
		break;
	}
	model_free(m);
	return finish(rc);
}
