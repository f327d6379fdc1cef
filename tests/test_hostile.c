/*
 * Hostile data sets, end to end. Each test writes a data set such as a
 * careless or malicious author could hand over (escape sequences and
 * other controls in cells, broken UTF-8, NUL bytes, a 10 MB field, a
 * million fields, ten thousand columns, a tree thousands of levels deep,
 * cycles, files that are empty, unreadable or no files at all) and runs
 * the real binary on it in a pseudo-terminal: respmap --check, then
 * respmap --data DIR, which must report the same problems. Data that is
 * valid but awkward (very long words, wide and combining characters,
 * right-to-left text, 64 KiB fields, 10,000 items, 200-character titles)
 * must load, print and browse: the topic opened, a word searched for,
 * the program quit.
 *
 * Every run must end within a time limit, with the expected
 * FILE:LINE:COLUMN messages or with a screen whose frame (title line,
 * separator, scroll-bar column, key bar) is intact. And the raw bytes sent
 * to the terminal are checked for anything that came from the data: the
 * data's own escape sequences, C1 controls (as UTF-8 or as raw bytes),
 * bidirectional controls, invalid UTF-8; the runs that use no curses may
 * hold no escape or control character at all, and --print only SGR.
 *
 * The checks of one run return a message rather than fail through cmocka,
 * so that they also work in a forked child: root reads a mode 000 file,
 * so the unreadable file is checked as nobody.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"
#include "vt.h"
#include "xalloc.h"
#include "testutil.h"

/* The screen of every run. */
#define ROWS	24
#define COLS	80

/* Longest a run may take: a few hundred ms here, seconds under valgrind
 * (test_ms stretches it); past this the program counts as hung. */
#define LIMIT	test_ms(15000)
/* A pause in the output that means the browser is waiting for a key. */
#define QUIET	test_ms(150)

/* ------------------------------------------------------------ data */

#define DATASET \
	"key,value\n" \
	"name,Hostile\n" \
	"provider,Prov\n" \
	"provider_heading,security OF the cloud\n" \
	"customer,Cust\n" \
	"customer_heading,security IN the cloud\n"

#define SOURCES \
	"id,title,location\n" \
	"s1,Source one,doc.md#one\n"

#define TOPICS_HEADER \
	"id,parent,title,short,aliases,layout,inherits,summary,source\n"
#define TOPICS \
	TOPICS_HEADER \
	"root,,Root topic,,,,,The root.,s1\n"

/* Rows added to ITEMS start on line 4. */
#define ITEMS_HEADER "id,topic,party,group,label,text,source\n"
#define ITEMS \
	ITEMS_HEADER \
	"i1,root,provider,,,Physical security,s1\n" \
	"i2,root,customer,,,Customer data,s1\n"

enum kind { K_FILE, K_DIR, K_FIFO, K_LINK, K_DROP };

/* One entry of a data set directory. */
struct file {
	const char	*name;
	enum kind	 kind;
	const char	*data;		/* contents; a symlink's target */
	size_t		 len;		/* bytes of data (NULs allowed) */
	bool		 unreadable;	/* mode 000 */
};

#define TXT(n, s)	{ (n), K_FILE, (s), sizeof (s) - 1, false }

static const struct file base[] = {
	TXT("dataset.csv", DATASET),
	TXT("sources.csv", SOURCES),
	TXT("topics.csv", TOPICS),
	TXT("items.csv", ITEMS),
};
#define NBASE	(sizeof base / sizeof *base)

static struct file
heap_file(const char *name, const char *data, size_t len)
{
	struct file f = { name, K_FILE, data, len, false };

	return f;
}

/* A growing string for the generated files. */
struct sb {
	char	*p;
	size_t	 len, cap;
};

static void
sb_add(struct sb *b, const char *s, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->len + n + 1, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_printf(struct sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	sb_puts(b, s);
	free(s);
}

/* ------------------------------------------------------ directories */

static void
write_all(const char *path, const char *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t w;

	if (fd < 0) {
		perror(path);
		abort();
	}
	while (len > 0) {
		w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			perror(path);
			abort();
		}
		data += w;
		len -= (size_t)w;
	}
	close(fd);
	chmod(path, mode);
}

static void
make_entry(const char *dir, const struct file *f)
{
	char *p = xasprintf("%s/%s", dir, f->name);

	switch (f->kind) {
	case K_FILE:
		write_all(p, f->data, f->len, f->unreadable ? 0 : 0644);
		break;
	case K_DIR:
		if (mkdir(p, 0755) != 0)
			abort();
		break;
	case K_FIFO:
		if (mkfifo(p, 0644) != 0)
			abort();
		break;
	case K_LINK:
		if (symlink(f->data, p) != 0)
			abort();
		break;
	case K_DROP:
		break;
	}
	free(p);
}

/*
 * A fresh data set: the base files, with over[0..n) replacing them or
 * added. The directory may be read by everyone (the unreadable file is
 * read as nobody). Returns its path. abort(), not cmocka: nothing to test
 * without a directory.
 */
static char *
set_make(const struct file *over, size_t n)
{
	char tmpl[] = "/tmp/respmap-hostile-XXXXXX";
	size_t i, j;
	char *dir;

	if (mkdtemp(tmpl) == NULL || chmod(tmpl, 0755) != 0) {
		perror("mkdtemp");
		abort();
	}
	dir = xstrdup(tmpl);
	for (i = 0; i < NBASE; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(over[j].name, base[i].name) == 0)
				break;
		if (j == n)
			make_entry(dir, &base[i]);
	}
	for (j = 0; j < n; j++)
		make_entry(dir, &over[j]);
	return dir;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
set_remove(char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* ------------------------------------------------ reading raw output */

/* s[0..n) made printable for a message: controls and bytes past ASCII as
 * \xHH (a log may be read on a terminal too), at most max bytes of it. */
static char *
visible(const char *s, size_t n, size_t max)
{
	struct sb b = { NULL, 0, 0 };
	size_t i, from = n > max ? n - max : 0;
	unsigned char c;

	sb_puts(&b, "");
	if (from > 0)
		sb_printf(&b, "[... %zu bytes before]", from);
	for (i = from; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\n')
			sb_puts(&b, "\\n\n");
		else if (c >= 0x20 && c < 0x7F && c != '\\')
			sb_add(&b, (const char *)&c, 1);
		else
			sb_printf(&b, "\\x%02X", c);
	}
	return b.p;
}

/* Context around offset at, for a message. */
static char *
around(const char *s, size_t n, size_t at)
{
	size_t from = at > 40 ? at - 40 : 0, to = at + 40 < n ? at + 40 : n;

	return visible(s + from, to - from, 80);
}

/*
 * What no run may send, whatever the data: invalid UTF-8 (the sanitiser
 * replaces it), a C1 control as UTF-8 (U+0080..U+009F) or as a raw byte
 * (0x9B is CSI on an 8-bit terminal), a bidirectional control, line or
 * paragraph separator or noncharacter (text_is_control past ASCII).
 */
static char *
unsafe_text(const char *raw, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	char *ctx, *msg;

	while (i < len) {
		if ((unsigned char)raw[i] < 0x80) {
			i++;
			continue;
		}
		if (!text_decode_valid(raw + i, len - i, &cp, &n)) {
			ctx = around(raw, len, i);
			msg = xasprintf("byte 0x%02X at %zu is not UTF-8%s: "
			    "%s", (unsigned char)raw[i], i,
			    (unsigned char)raw[i] <= 0x9F ? " (a raw C1 "
			    "control)" : "", ctx);
			free(ctx);
			return msg;
		}
		if (text_is_control(cp)) {
			ctx = around(raw, len, i);
			msg = xasprintf("control character U+%04X at %zu "
			    "reached the terminal: %s", (unsigned)cp, i, ctx);
			free(ctx);
			return msg;
		}
		i += n;
	}
	return NULL;
}

/*
 * A run without curses or colour (--check, and any run on a data set with
 * problems) writes text and line ends only: no ESC, no BEL, no backspace,
 * no DEL, and a carriage return only as the pty's CR LF.
 */
static char *
unsafe_plain(const char *raw, size_t len)
{
	unsigned char c;
	size_t i;
	char *ctx, *msg;

	for (i = 0; i < len; i++) {
		c = (unsigned char)raw[i];
		if (c == '\n' || (c == '\r' && i + 1 < len &&
		    raw[i + 1] == '\n'))
			continue;
		if (c < 0x20 || c == 0x7F) {
			ctx = around(raw, len, i);
			msg = xasprintf("control byte 0x%02X at %zu in plain "
			    "output: %s", c, i, ctx);
			free(ctx);
			return msg;
		}
	}
	return NULL;
}

/* --print on a terminal colours with SGR (ESC [ digits ; m) and writes no
 * other sequence. */
static char *
unsafe_print(const char *raw, size_t len)
{
	unsigned char c;
	size_t i, j;
	char *ctx, *msg;

	for (i = 0; i < len; i++) {
		c = (unsigned char)raw[i];
		if (c == 0x1B && i + 1 < len && raw[i + 1] == '[') {
			for (j = i + 2; j < len && ((raw[j] >= '0' &&
			    raw[j] <= '9') || raw[j] == ';'); j++)
				;
			if (j < len && raw[j] == 'm') {
				i = j;
				continue;
			}
		}
		if (c == '\n' || (c == '\r' && i + 1 < len &&
		    raw[i + 1] == '\n'))
			continue;
		if (c < 0x20 || c == 0x7F) {
			ctx = around(raw, len, i);
			msg = xasprintf("byte 0x%02X at %zu is no part of an "
			    "SGR sequence: %s", c, i, ctx);
			free(ctx);
			return msg;
		}
	}
	return NULL;
}

/* The data's own sequences (NULL-terminated list) must not reach the
 * terminal anywhere. */
static char *
has_forbidden(const char *raw, size_t len, const char *const *forbid)
{
	const char *p;
	char *ctx, *f, *msg;
	size_t i;

	for (i = 0; forbid != NULL && forbid[i] != NULL; i++) {
		p = memmem(raw, len, forbid[i], strlen(forbid[i]));
		if (p == NULL)
			continue;
		ctx = around(raw, len, (size_t)(p - raw));
		f = visible(forbid[i], strlen(forbid[i]), 80);
		msg = xasprintf("the data's \"%s\" reached the terminal: %s",
		    f, ctx);
		free(f);
		free(ctx);
		return msg;
	}
	return NULL;
}

/* Every line of --print output, colours removed, fits the terminal. */
static char *
too_wide(const char *raw, size_t len, size_t cols)
{
	size_t i = 0, j, w, line = 1;
	struct sb b = { NULL, 0, 0 };
	char *msg = NULL;

	while (i < len && msg == NULL) {
		b.len = 0;
		sb_puts(&b, "");
		for (; i < len && raw[i] != '\n'; i++) {
			if (raw[i] == 0x1B) {
				for (j = i + 1; j < len && raw[j] != 'm'; j++)
					;
				i = j;
			} else if (raw[i] != '\r')
				sb_add(&b, raw + i, 1);
		}
		i++;
		w = text_width(b.p);
		if (w > cols)
			msg = xasprintf("line %zu is %zu columns wide (the "
			    "terminal has %zu): %s", line, w, cols, b.p);
		line++;
	}
	free(b.p);
	return msg;
}

/* ------------------------------------------------------------- runs */

static const char *
binary(void)
{
	const char *bin = getenv("RESPMAP");

	return bin != NULL ? bin : "src/respmap";
}

/* respmap with args (NULL-terminated) in a ROWS x COLS terminal. */
static struct vt *
spawn(const char *const *args)
{
	static const char *const env[] = { "LC_ALL=C.UTF-8", NULL };
	const char *argv[12];
	char *abs = NULL;
	struct vt *vt;
	size_t n = 0;

	argv[n++] = binary();
	if (argv[0][0] != '/')
		argv[0] = abs = realpath(argv[0], NULL);
	if (argv[0] == NULL)
		return NULL;
	while (n < 11 && *args != NULL)
		argv[n++] = *args++;
	argv[n] = NULL;
	vt = vt_spawn(argv, env, ROWS, COLS);
	free(abs);
	return vt;
}

/* A finished run: its status and every byte it wrote. */
struct run {
	int	 status;	/* as a shell shows it; -1: still running */
	char	*raw;
	size_t	 len;
	bool	 altscreen, sane;
};

static char *
run_to_end(const char *const *args, struct run *r)
{
	struct vt *vt = spawn(args);
	const char *raw;

	memset(r, 0, sizeof *r);
	if (vt == NULL)
		return xasprintf("cannot start %s", binary());
	r->status = vt_wait_exit(vt, LIMIT);
	raw = vt_raw(vt, &r->len);
	r->raw = xmalloc(r->len + 1);
	memcpy(r->raw, raw, r->len + 1);
	r->altscreen = vt_altscreen(vt);
	r->sane = vt_modes_sane(vt);
	vt_free(vt);	/* kills it, if it is still running */
	if (r->status == -1)
		return xasprintf("still running after %d ms", LIMIT);
	return NULL;
}

/* A message about run r, with its output. */
static char *
about(const struct run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *
about(const struct run *r, const char *fmt, ...)
{
	va_list ap;
	char *what, *out, *msg;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		abort();
	va_end(ap);
	out = visible(r->raw, r->len, 3000);
	msg = xasprintf("%s; exit status %d; the output:\n%s", what,
	    r->status, out);
	free(what);
	free(out);
	return msg;
}

static bool
raw_has(const struct run *r, const char *s)
{
	return memmem(r->raw, r->len, s, strlen(s)) != NULL;
}

/* Label for messages: the command line after the binary. */
static char *
cmdline(const char *const *args)
{
	struct sb b = { NULL, 0, 0 };
	char *v;

	sb_puts(&b, "respmap");
	for (; *args != NULL; args++) {
		v = visible(*args, strlen(*args), 200);
		sb_printf(&b, " %s", v);
		free(v);
	}
	return b.p;
}

/* Prefix msg (if any) with the command line; frees msg. */
static char *
in_run(const char *const *args, char *msg)
{
	char *cl, *all;

	if (msg == NULL)
		return NULL;
	cl = cmdline(args);
	all = xasprintf("%s: %s", cl, msg);
	free(cl);
	free(msg);
	return all;
}

/*
 * A data set with problems: the run fails (1) in bounded time, prints
 * every message of want, in plain text only, with nothing of forbid. The
 * browser must not have started. A message of want is relative to dir
 * ("items.csv:4:21: ...": the directory is put in front, so the position
 * is checked from the start of the line), or, after a leading '=', to be
 * found as it is.
 */
static char *
expect_problems_run(const char *const *args, const char *dir,
    const char *const *want, const char *const *forbid)
{
	struct run r;
	char *msg, *w;
	size_t i;

	if ((msg = run_to_end(args, &r)) != NULL) {
		free(r.raw);
		return msg;
	}
	if (r.status != 1)
		msg = about(&r, "expected exit status 1");
	else if (!raw_has(&r, "respmap: the data set has "))
		msg = about(&r, "no count of the problems");
	else if (r.altscreen)
		msg = about(&r, "the browser started on a broken data set");
	else if ((msg = unsafe_plain(r.raw, r.len)) == NULL &&
	    (msg = unsafe_text(r.raw, r.len)) == NULL)
		msg = has_forbidden(r.raw, r.len, forbid);
	for (i = 0; msg == NULL && want != NULL && want[i] != NULL; i++) {
		w = want[i][0] == '=' ? xstrdup(want[i] + 1) :
		    xasprintf("%s/%s", dir, want[i]);
		if (!raw_has(&r, w))
			msg = about(&r, "expected \"%s\"", w);
		free(w);
	}
	free(r.raw);
	return msg;
}

/* The same data set through --check and through the default command
 * (which would be the browser): both must report it. */
static char *
expect_problems(const char *dir, const char *const *want,
    const char *const *forbid)
{
	const char *check[] = { "--check", "--data", dir, NULL };
	const char *browse[] = { "--data", dir, NULL };
	char *msg;

	msg = in_run(check, expect_problems_run(check, dir, want, forbid));
	if (msg == NULL)
		msg = in_run(browse, expect_problems_run(browse, dir, want,
		    forbid));
	return msg;
}

/* --check on a data set that loads: "DIR: OK: ..." with want in it. */
static char *
expect_check_ok(const char *dir, const char *want,
    const char *const *forbid)
{
	const char *args[] = { "--check", "--data", dir, NULL };
	struct run r;
	char *msg;

	if ((msg = run_to_end(args, &r)) != NULL)
		;
	else if (r.status != 0)
		msg = about(&r, "expected exit status 0");
	else if (!raw_has(&r, ": OK: ") || !raw_has(&r, want))
		msg = about(&r, "expected \"%s\"", want);
	else if ((msg = unsafe_plain(r.raw, r.len)) == NULL &&
	    (msg = unsafe_text(r.raw, r.len)) == NULL)
		msg = has_forbidden(r.raw, r.len, forbid);
	free(r.raw);
	return in_run(args, msg);
}

/* --print topic: exit 0, want in the output, SGR only, every line within
 * the terminal's width. */
static char *
expect_print(const char *dir, const char *topic, const char *want,
    const char *const *forbid)
{
	const char *args[] = { "--data", dir, "--print", topic, NULL };
	struct run r;
	char *msg;

	if ((msg = run_to_end(args, &r)) != NULL)
		;
	else if (r.status != 0)
		msg = about(&r, "expected exit status 0");
	else if (!raw_has(&r, want))
		msg = about(&r, "expected \"%s\"", want);
	else if ((msg = unsafe_print(r.raw, r.len)) == NULL &&
	    (msg = unsafe_text(r.raw, r.len)) == NULL &&
	    (msg = has_forbidden(r.raw, r.len, forbid)) == NULL)
		msg = too_wide(r.raw, r.len, COLS);
	free(r.raw);
	return in_run(args, msg);
}

static char *
screen_msg(struct vt *vt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *
screen_msg(struct vt *vt, const char *fmt, ...)
{
	va_list ap;
	char *what, *screen, *msg;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		abort();
	va_end(ap);
	screen = vt_screen(vt);
	msg = xasprintf("%s; the screen:\n%s", what, screen);
	free(what);
	free(screen);
	return msg;
}

/*
 * The browser's frame is whole: the title line on top, the key bar at
 * the bottom, the separator between tree and topic on every row, and the
 * last column kept for the scroll bar. Text that took more cells than
 * the program counted (a wide or combining character misjudged, a line
 * not cut) would overwrite one of them or push the screen up.
 */
static char *
broken_frame(struct vt *vt)
{
	struct vt_cell cell;
	int rows, cols, r, c, sep = -1;
	char *row, *msg = NULL;

	vt_size(vt, &rows, &cols);
	row = vt_row(vt, 0);
	if (row == NULL || strncmp(row, " respmap", 8) != 0)
		msg = screen_msg(vt, "the title line is gone");
	free(row);
	if (msg != NULL)
		return msg;
	row = vt_row(vt, rows - 1);
	if (row == NULL || strstr(row, "quit") == NULL)
		msg = screen_msg(vt, "the key bar is gone");
	free(row);
	if (msg != NULL)
		return msg;
	for (c = 0; c < cols && sep < 0; c++)
		if (vt_cell(vt, 1, c, &cell) && cell.ch == 0x2502)
			sep = c;
	if (sep < 0)
		return screen_msg(vt, "no separator on row 1");
	for (r = 1; r < rows - 1; r++) {
		if (!vt_cell(vt, r, sep, &cell) || cell.ch != 0x2502)
			return screen_msg(vt, "row %d: the separator (column "
			    "%d) is overwritten", r, sep);
		if (!vt_cell(vt, r, cols - 1, &cell) || !(cell.ch == 0 ||
		    cell.ch == ' ' || cell.ch == 0x2502 || cell.ch == 0x2588))
			return screen_msg(vt, "row %d: U+%04X in the scroll "
			    "bar's column", r, (unsigned)cell.ch);
	}
	return NULL;
}

/*
 * The browser on topic, as a person would use it: want appears, the
 * frame is whole; /word finds a first match, the frame is still whole;
 * Enter ends the search, q quits with status 0, the terminal restored.
 * The raw output holds nothing of forbid and no unsafe text.
 */
static char *
expect_browse(const char *dir, const char *topic, const char *want,
    const char *word, const char *const *forbid)
{
	const char *args[] = { "--data", dir, topic, NULL };
	struct vt *vt = spawn(args);
	const char *raw;
	char *msg = NULL, *q;
	size_t len;
	int st;

	if (vt == NULL)
		return in_run(args, xasprintf("cannot start %s", binary()));
	if (!vt_wait_for(vt, want, LIMIT)) {
		msg = screen_msg(vt, "\"%s\" never appeared", want);
		goto out;
	}
	vt_settle(vt, QUIET, LIMIT);
	if ((msg = broken_frame(vt)) != NULL)
		goto out;
	q = xasprintf("/%s", word);
	vt_send(vt, q);
	if (!vt_wait_for(vt, q, LIMIT) ||
	    !vt_wait_for(vt, "match 1 of", LIMIT))
		msg = screen_msg(vt, "searching for \"%s\" found nothing",
		    word);
	else {
		vt_send(vt, "\r");
		if (!vt_wait_gone(vt, q, LIMIT))
			msg = screen_msg(vt, "the search did not end");
	}
	free(q);
	if (msg != NULL)
		goto out;
	vt_settle(vt, QUIET, LIMIT);
	if ((msg = broken_frame(vt)) != NULL)
		goto out;
	vt_send(vt, "q");
	st = vt_wait_exit(vt, LIMIT);
	if (st != 0)
		msg = screen_msg(vt, "exit status %d after q", st);
	else if (!vt_modes_sane(vt) || vt_altscreen(vt))
		msg = xasprintf("the terminal was not restored");
	if (msg != NULL)
		goto out;
	raw = vt_raw(vt, &len);
	if ((msg = unsafe_text(raw, len)) == NULL)
		msg = has_forbidden(raw, len, forbid);
out:
	vt_free(vt);
	return in_run(args, msg);
}

/* msg on stderr, every line a TAP comment. */
static void
comment(const char *prefix, const char *msg)
{
	const char *p, *e;

	for (p = msg; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		fprintf(stderr, "# %s%.*s\n", p == msg ? prefix : "",
		    (int)(e - p), p);
	}
}

/* Fail the test with msg (freed), if there is one: the whole of it as
 * comments, its first line as the reason. */
static void
check(char *msg)
{
	char first[300];

	if (msg == NULL)
		return;
	comment("", msg);
	snprintf(first, sizeof first, "%.*s", (int)strcspn(msg, "\n"), msg);
	free(msg);
	fail_msg("%s", first);
}

/* A data set with problems, built from over, checked and removed. */
static void
problems(const struct file *over, size_t n, const char *const *want,
    const char *const *forbid)
{
	char *dir = set_make(over, n);
	char *msg = expect_problems(dir, want, forbid);

	set_remove(dir);
	check(msg);
}

/* A data set that loads: --check, --print topic (want in the output) and
 * the browser on topic (want on the screen, word searched for). */
static void
loads(const struct file *over, size_t n, const char *counts,
    const char *topic, const char *want, const char *word)
{
	char *dir = set_make(over, n);
	char *msg;

	msg = expect_check_ok(dir, counts, NULL);
	if (msg == NULL)
		msg = expect_print(dir, topic, want, NULL);
	if (msg == NULL)
		msg = expect_browse(dir, topic, want, word, NULL);
	set_remove(dir);
	check(msg);
}

/* ------------------------------------------ escape sequences in cells */

/*
 * payload three times in items.csv: inside an item's text (line 4, from
 * column 21), inside an id (line 5, column 3) and inside a topic
 * reference (line 6, column 8). The last two are quoted by the messages
 * ("invalid item id", "unknown topic"), so the sanitising of messages is
 * tested too. want: the messages expected, forbid: what must not reach
 * the terminal.
 */
static void
payload_case(const char *payload, size_t plen, const char *const *want,
    const char *const *forbid)
{
	struct sb b = { NULL, 0, 0 };
	struct file f;

	sb_puts(&b, ITEMS "i3,root,provider,,,x");
	sb_add(&b, payload, plen);
	sb_puts(&b, "y,s1\ni4");
	sb_add(&b, payload, plen);
	sb_puts(&b, ",root,provider,,,ok,s1\ni5,root");
	sb_add(&b, payload, plen);
	sb_puts(&b, ",provider,,,ok,s1\n");
	f = heap_file("items.csv", b.p, b.len);
	problems(&f, 1, want, forbid);
	free(b.p);
}

#define PAYLOAD(p, ...) payload_case((p), sizeof (p) - 1,		\
	(const char *const[]){ __VA_ARGS__, NULL }, forbid)

static void
test_csi_in_cells(void **state)
{
	/* Clear the screen, then red reverse video. */
	static const char *const forbid[] = { "\033[2J", "\033[31;7m",
	    NULL };

	(void)state;
	PAYLOAD("\033[2J\033[31;7m",
	    "items.csv:4:21: control character U+001B",
	    "items.csv:4:25: control character U+001B",
	    "items.csv:5:3: control character U+001B",
	    "items.csv:5:1: invalid item id 'i4<U+001B>[2J<U+001B>[31;7m'",
	    "items.csv:6:8: control character U+001B",
	    "items.csv:6:4: unknown topic 'root<U+001B>[2J<U+001B>[31;7m' "
	    "(not in topics.csv)");
}

static void
test_osc_title_in_cells(void **state)
{
	/* Set the window title, ended by BEL. */
	static const char *const forbid[] = { "\033]0;", "\a", NULL };

	(void)state;
	PAYLOAD("\033]0;pwned\a",
	    "items.csv:4:21: control character U+001B",
	    "items.csv:4:30: control character U+0007",
	    "items.csv:5:1: invalid item id 'i4<U+001B>]0;pwned'",
	    "items.csv:6:4: unknown topic 'root<U+001B>]0;pwned'");
}

static void
test_osc52_clipboard_in_cells(void **state)
{
	/* Write "hello" to the clipboard: the classic attack on a person
	 * who pastes later. */
	static const char *const forbid[] = { "\033]52", "aGVsbG8=\a", NULL };

	(void)state;
	PAYLOAD("\033]52;c;aGVsbG8=\a",
	    "items.csv:4:21: control character U+001B",
	    "items.csv:4:36: control character U+0007",
	    "items.csv:5:1: invalid item id 'i4<U+001B>]52;c;aGVsbG8='",
	    "items.csv:6:4: unknown topic 'root<U+001B>]52;c;aGVsbG8='");
}

static void
test_osc_unterminated_in_cells(void **state)
{
	/* No BEL or ST: a terminal would swallow what follows, and so
	 * would a sanitiser that drops the whole sequence: the rest of the
	 * message must survive. */
	static const char *const forbid[] = { "\033]0;", NULL };

	(void)state;
	PAYLOAD("\033]0;pwned",
	    "items.csv:4:21: control character U+001B",
	    "items.csv:5:1: invalid item id 'i4<U+001B>]0;pwned': use 1 to "
	    "64 lower-case letters",
	    "items.csv:6:4: unknown topic 'root<U+001B>]0;pwned' (not in "
	    "topics.csv)");
}

static void
test_dcs_in_cells(void **state)
{
	/* A device control string (DECUDK: redefine a key), ended by
	 * ESC backslash. */
	static const char *const forbid[] = { "\033P", "\033\\", NULL };

	(void)state;
	PAYLOAD("\033P1;1|17/6C73\033\\",
	    "items.csv:4:21: control character U+001B",
	    "items.csv:4:34: control character U+001B",
	    "items.csv:5:1: invalid item id 'i4<U+001B>P1;1|17/6C73<U+001B>",
	    "items.csv:6:4: unknown topic 'root<U+001B>P1;1|17/6C73<U+001B>");
}

static void
test_c1_controls_in_cells(void **state)
{
	/* NEL and CSI as UTF-8, and CSI as the raw byte an 8-bit terminal
	 * would obey (not UTF-8, so reported byte by byte). */
	static const char *const forbid[] = { "\xC2\x85", "\xC2\x9B", "\x9B",
	    NULL };

	(void)state;
	PAYLOAD("\xC2\x85",
	    "items.csv:4:21: control character U+0085",
	    "items.csv:5:3: control character U+0085",
	    "items.csv:5:1: invalid item id 'i4<U+0085>'",
	    "items.csv:6:4: unknown topic 'root<U+0085>'");
	PAYLOAD("\xC2\x9B" "2J",
	    "items.csv:4:21: control character U+009B",
	    "items.csv:5:1: invalid item id 'i4<U+009B>2J'",
	    "items.csv:6:4: unknown topic 'root<U+009B>2J'");
	PAYLOAD("\x9B" "2J",
	    "items.csv:4:21: invalid UTF-8 (byte 0x9B)",
	    "items.csv:5:3: invalid UTF-8 (byte 0x9B)",
	    "items.csv:5:1: invalid item id 'i4\xEF\xBF\xBD" "2J'",
	    "items.csv:6:4: unknown topic 'root\xEF\xBF\xBD" "2J'");
}

static void
test_backspace_in_cells(void **state)
{
	/* "safe" overstruck into "evil" on a terminal that obeys BS. */
	static const char *const forbid[] = { "\b", NULL };

	(void)state;
	PAYLOAD("safe\b\b\b\bevil",
	    "items.csv:4:25: control character U+0008",
	    "items.csv:4:28: control character U+0008",
	    "items.csv:5:7: control character U+0008",
	    "items.csv:5:1: invalid item id 'i4safeevil'",
	    "items.csv:6:4: unknown topic 'rootsafeevil'");
}

static void
test_carriage_return_in_cells(void **state)
{
	/* A lone CR would move the cursor back over the message. libcsv
	 * ends a row there, so the rows around it are short as well. */
	static const char *const forbid[] = { NULL };

	(void)state;
	PAYLOAD("safe\revil",
	    "items.csv:4:25: carriage return without a line feed",
	    "items.csv:5:7: carriage return without a line feed",
	    "items.csv:6:12: carriage return without a line feed",
	    "items.csv:4:25: this row has 6 fields, the header has 7");
}

static void
test_bidi_controls_in_cells(void **state)
{
	/* RIGHT-TO-LEFT OVERRIDE makes "txt.exe" read "exe.txt"; the
	 * isolates LRI, RLI, FSI and PDI reorder text too. */
	static const char *const forbid[] = { "\xE2\x80\xAE", "\xE2\x81\xA6",
	    "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9", NULL };

	(void)state;
	PAYLOAD("\xE2\x80\xAE" "exe.txt",
	    "items.csv:4:21: control character U+202E",
	    "items.csv:5:3: control character U+202E",
	    "items.csv:5:1: invalid item id 'i4exe.txt'",
	    "items.csv:6:8: control character U+202E");
	PAYLOAD("\xE2\x81\xA6" "a\xE2\x81\xA7" "b\xE2\x81\xA8" "c\xE2\x81\xA9",
	    "items.csv:4:21: control character U+2066",
	    "items.csv:4:23: control character U+2067",
	    "items.csv:4:25: control character U+2068",
	    "items.csv:4:27: control character U+2069",
	    "items.csv:5:1: invalid item id 'i4abc'");
}

static void
test_invalid_utf8_in_cells(void **state)
{
	/* Overlong forms ('/' in two bytes, ESC in two bytes, CSI in
	 * three), a surrogate, a code point past U+10FFFF, a stray
	 * continuation byte: each byte is one problem and one column, and
	 * none may come out as anything but U+FFFD. */
	static const char *const forbid[] = { "\xC0\xAF", "\xC0\x9B",
	    "\xE0\x82\x9B", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80",
	    NULL };

	(void)state;
	PAYLOAD("\xC0\xAF" "\xC0\x9B",
	    "items.csv:4:21: invalid UTF-8 (byte 0xC0)",
	    "items.csv:4:22: invalid UTF-8 (byte 0xAF)",
	    "items.csv:4:23: invalid UTF-8 (byte 0xC0)",
	    "items.csv:4:24: invalid UTF-8 (byte 0x9B)",
	    "items.csv:5:1: invalid item id 'i4\xEF\xBF\xBD\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBD'");
	PAYLOAD("\xE0\x82\x9B" "\xED\xA0\x80",
	    "items.csv:4:21: invalid UTF-8 (byte 0xE0)",
	    "items.csv:4:23: invalid UTF-8 (byte 0x9B)",
	    "items.csv:4:24: invalid UTF-8 (byte 0xED)",
	    "items.csv:4:26: invalid UTF-8 (byte 0x80)");
	PAYLOAD("\xF4\x90\x80\x80" "\x80",
	    "items.csv:4:21: invalid UTF-8 (byte 0xF4)",
	    "items.csv:4:25: invalid UTF-8 (byte 0x80)",
	    "items.csv:6:8: invalid UTF-8 (byte 0xF4)");
}

static void
test_nul_bytes_in_cells(void **state)
{
	/* A NUL would end the field early in C: "root" + NUL is not the
	 * topic root, whatever strcmp thinks. */
	(void)state;
	/* No NUL may reach the terminal: unsafe_plain looks for it. */
	payload_case("a\0b", 3, (const char *const[]){
	    "items.csv:4:22: NUL byte",
	    "items.csv:5:4: NUL byte",
	    "items.csv:6:9: NUL byte", NULL }, NULL);
}

/* --------------------------------------------------- sizes and shapes */

/* This one once timed out under ASan and valgrind, whose realloc always
 * copies: libcsv grew the field's buffer 128 bytes at a time. csvread.c
 * now doubles it (field_buf_grow). */
static void
test_ten_megabyte_field(void **state)
{
	struct sb b = { NULL, 0, 0 };
	struct file f;
	size_t i;

	(void)state;
	sb_puts(&b, ITEMS "i3,root,provider,,,");
	/* Words of 1023 digits and a space; the last one a digit longer,
	 * as spaces at the end of a field are dropped. */
	for (i = 0; i < 10 * 1024 - 1; i++)
		sb_printf(&b, "%01023zu ", i % 10);
	sb_printf(&b, "%01024d,s1\n", 7);
	f = heap_file("items.csv", b.p, b.len);
	problems(&f, 1, (const char *const[]){
	    "items.csv:4:20: field is too long (10485760 bytes; the limit "
	    "is 65536)", NULL }, NULL);
	free(b.p);
}

static void
test_million_fields(void **state)
{
	struct sb b = { NULL, 0, 0 };
	struct file f;
	char *commas = xmalloc(1000000);

	(void)state;
	memset(commas, ',', 1000000);
	/* One row of a million commas after the header; another as the
	 * header of a table. */
	sb_puts(&b, ITEMS);
	sb_add(&b, commas, 1000000);
	sb_puts(&b, "\n");
	f = heap_file("items.csv", b.p, b.len);
	problems(&f, 1, (const char *const[]){
	    "items.csv:4:8: this row has 1000001 fields, the header has 7",
	    NULL }, NULL);
	b.len = 0;
	sb_add(&b, commas, 1000000);
	sb_puts(&b, "\n" "s1,Source,\n");
	f = heap_file("sources.csv", b.p, b.len);
	problems(&f, 1, (const char *const[]){
	    "sources.csv:1:1: unknown column '' (the columns of sources.csv",
	    "sources.csv:1:2: unknown column ''",
	    "=more problems not shown", NULL }, NULL);
	free(b.p);
	free(commas);
}

static void
test_ten_thousand_columns(void **state)
{
	struct sb b = { NULL, 0, 0 };
	struct file f;
	size_t i;

	(void)state;
	sb_puts(&b, "id,topic,party,group,label,text,source");
	for (i = 0; i < 10000 - 7; i++)
		sb_printf(&b, ",c%zu", i);
	sb_puts(&b, "\n");
	for (i = 0; i < 10000 - 1; i++)
		sb_puts(&b, i < 6 ? (i == 0 ? "i1," : "x,") : ",");
	sb_puts(&b, "\n");
	f = heap_file("items.csv", b.p, b.len);
	/* The 50 first problems, then a count of the rest: first, one for
	 * the columns past the 1024 read (c1017 is the first of them), then
	 * the 1017 read that are unknown, c0 to c48 of them shown. */
	problems(&f, 1, (const char *const[]){
	    "items.csv:1:5032: the header has 10000 columns; only the first "
	    "1024 are read",
	    "items.csv:1:40: unknown column 'c0' (the columns of items.csv "
	    "are: id, topic, party, group, label, text, source)",
	    "items.csv:1:222: unknown column 'c48'",
	    "items.csv: 968 more problems not shown\r\n",
	    "=the data set has 1018 problems\r\n", NULL }, NULL);
	free(b.p);
}

/* topics.csv: root, then n topics each under the one before (t1 under
 * root); reverse: written children first, so every parent is a forward
 * reference. */
static char *
chain(size_t n, bool reverse, bool ring, size_t *len)
{
	struct sb b = { NULL, 0, 0 };
	size_t i, k;

	sb_puts(&b, TOPICS);
	for (k = 1; k <= n; k++) {
		i = reverse ? n + 1 - k : k;
		if (i == 1 && !ring)
			sb_printf(&b, "t1,root,T1,,,,,,s1\n");
		else
			sb_printf(&b, "t%zu,t%zu,T%zu,,,,,,s1\n", i,
			    i == 1 ? n : i - 1, i);
	}
	*len = b.len;
	return b.p;
}

static void
test_deep_tree(void **state)
{
	struct file f;
	size_t len;
	char *topics;

	(void)state;
	/* 5000 levels: reported once, at the topic past the limit (32),
	 * in file order and in reverse order. */
	topics = chain(5000, false, false, &len);
	f = heap_file("topics.csv", topics, len);
	problems(&f, 1, (const char *const[]){
	    "topics.csv:34:1: topic 't32' is nested too deeply (more than 32 "
	    "levels)", "=the data set has 1 problem\r\n", NULL }, NULL);
	free(topics);
	topics = chain(5000, true, false, &len);
	f = heap_file("topics.csv", topics, len);
	problems(&f, 1, (const char *const[]){
	    "topics.csv:4971:1: topic 't32' is nested too deeply (more than "
	    "32 levels)", "=the data set has 1 problem\r\n", NULL }, NULL);
	free(topics);
}

static void
test_reference_cycles(void **state)
{
	const struct file two = TXT("topics.csv", TOPICS
	    "a,b,A,,,,,,s1\n"
	    "b,a,B,,,,,,s1\n");
	const struct file self = TXT("topics.csv", TOPICS
	    "me,me,Me,,,,,,s1\n");
	struct file f;
	size_t len;
	char *topics;

	(void)state;
	problems(&two, 1, (const char *const[]){
	    "topics.csv:4:3: cycle in the topic tree: a -> b -> a", NULL },
	    NULL);
	problems(&self, 1, (const char *const[]){
	    "topics.csv:3:4: cycle in the topic tree: me -> me", NULL }, NULL);
	/* A ring of 5000: one message, its path cut short after whole ids
	 * with a count of the rest (45 named, 4955 more), at the topic that
	 * closes the ring (t2, whose parent t1 is still open). */
	topics = chain(5000, false, true, &len);
	f = heap_file("topics.csv", topics, len);
	problems(&f, 1, (const char *const[]){
	    "topics.csv:4:4: cycle in the topic tree: t1 -> t5000 -> t4999 ->",
	    "= -> t4957 -> ... (4955 more)\r\n",
	    "=the data set has 1 problem\r\n", NULL }, NULL);
	free(topics);
}

static void
test_empty_files(void **state)
{
	const struct file empty = TXT("items.csv", "");
	const struct file blank = TXT("topics.csv", "\n\n  \n");
	const struct file bom = TXT("sources.csv", "\xEF\xBB\xBF");

	(void)state;
	problems(&empty, 1, (const char *const[]){
	    "items.csv: the file is empty (a table needs a header row)",
	    NULL }, NULL);
	problems(&blank, 1, (const char *const[]){
	    "topics.csv: the file is empty", NULL }, NULL);
	problems(&bom, 1, (const char *const[]){
	    "sources.csv: the file is empty", NULL }, NULL);
}

static void
test_not_files(void **state)
{
	const struct file dir = { "items.csv", K_DIR, NULL, 0, false };
	const struct file fifo = { "topics.csv", K_FIFO, NULL, 0, false };
	const struct file zero = { "sources.csv", K_LINK, "/dev/zero", 0,
	    false };
	const struct file loop = { "items.csv", K_LINK, "items.csv", 0,
	    false };
	char *d, *p, *msg;

	(void)state;
	problems(&dir, 1, (const char *const[]){
	    "items.csv: is a directory, not a file", NULL }, NULL);
	/* A FIFO would block a reader forever, /dev/zero never ends. */
	problems(&fifo, 1, (const char *const[]){
	    "topics.csv: is not a regular file", NULL }, NULL);
	problems(&zero, 1, (const char *const[]){
	    "sources.csv: is not a regular file", NULL }, NULL);
	problems(&loop, 1, (const char *const[]){
	    "items.csv: cannot open: Too many levels of symbolic links",
	    NULL }, NULL);
	/* --data naming a file, not a directory. */
	d = set_make(NULL, 0);
	p = xasprintf("%s/items.csv", d);
	msg = expect_problems(p, (const char *const[]){
	    "=/items.csv: not a directory", NULL }, NULL);
	free(p);
	set_remove(d);
	check(msg);
}

/* The check of an unreadable file, in a child (which must not use
 * cmocka): 0 passed, 1 failed (said on stderr). */
static int
unreadable_child(const char *dir)
{
	char *msg = expect_problems(dir, (const char *const[]){
	    "items.csv: cannot open: Permission denied", NULL }, NULL);

	if (msg == NULL)
		return 0;
	comment("as nobody: ", msg);
	free(msg);
	return 1;
}

static void
test_unreadable_file(void **state)
{
	struct file f = TXT("items.csv", ITEMS);
	char *dir;
	pid_t pid;
	int status;

	(void)state;
	f.unreadable = true;
	dir = set_make(&f, 1);
	if (geteuid() != 0) {
		status = unreadable_child(dir);
		set_remove(dir);
		assert_int_equal(status, 0);
		return;
	}
	/* root reads a mode 000 file: check as nobody, in a child, which
	 * must also be able to run the binary. */
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
		    setuid(65534) != 0 || geteuid() == 0 ||
		    access(binary(), X_OK) != 0)
			_exit(77);
		/* This copy of dir is the child's to free: under
		 * make check-valgrind, the child's exit is leak-checked. */
		status = unreadable_child(dir);
		free(dir);
		_exit(status);
	}
	while (waitpid(pid, &status, 0) < 0)
		assert_int_equal(errno, EINTR);
	set_remove(dir);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		/* cmocka 1.1.5 prints a skip as "not ok # SKIP", which
		 * automake counts as a failure: say so, and pass. */
		print_message("# cannot run respmap as nobody: the check of "
		    "an unreadable file is skipped (test_load checks the "
		    "loader's message)\n");
		return;
	}
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The directory's own name is data too: it is quoted by every message. */
static void
test_hostile_directory_name(void **state)
{
	static const char *const forbid[] = { "\033]0;", "\033[2J", "\a",
	    NULL };
	char *d = set_make(NULL, 0), *evil, *gone, *msg;
	size_t i;

	(void)state;
	evil = xasprintf("%s/\033]0;title\a\033[2Jname", d);
	assert_int_equal(mkdir(evil, 0755), 0);
	for (i = 0; i < NBASE; i++)
		make_entry(evil, &base[i]);
	msg = expect_check_ok(evil, "name: OK: 1 topics, 2 items, 1 sources",
	    forbid);
	/* Unterminated: the reason must still be there. */
	gone = xasprintf("%s/\033]0;gone", d);
	if (msg == NULL)
		msg = expect_problems(gone, (const char *const[]){
		    "=/<U+001B>]0;gone: No such file or directory", NULL },
		    forbid);
	free(gone);
	free(evil);
	set_remove(d);
	check(msg);
}

/* ----------------------------------------- valid, awkward, must render */

/* Topics "odd" (the awkward one) and "mate", with items; extra rows for
 * topics.csv and items.csv are appended. */
static void
awkward(const char *topics_extra, const char *items_extra,
    const char *counts, const char *want, const char *word)
{
	struct sb t = { NULL, 0, 0 }, it = { NULL, 0, 0 };
	struct file f[2];

	sb_puts(&t, TOPICS);
	sb_puts(&t, topics_extra);
	sb_puts(&it, ITEMS);
	sb_puts(&it, items_extra);
	f[0] = heap_file("topics.csv", t.p, t.len);
	f[1] = heap_file("items.csv", it.p, it.len);
	loads(f, 2, counts, "odd", want, word);
	free(t.p);
	free(it.p);
}

static void
test_very_long_words(void **state)
{
	struct sb it = { NULL, 0, 0 };
	size_t i;

	(void)state;
	/* A 3000-character word in a text, a 400-character label, a
	 * 300-character group heading: cut, never over the edge. */
	sb_puts(&it, "w1,odd,provider,,,");
	for (i = 0; i < 300; i++)
		sb_puts(&it, "Longword42");
	sb_puts(&it, ",s1\nw2,odd,customer,");
	for (i = 0; i < 30; i++)
		sb_puts(&it, "Groupname!");
	sb_puts(&it, ",");
	for (i = 0; i < 40; i++)
		sb_puts(&it, "Labelword-");
	sb_puts(&it, ",find the needle here,s1\n");
	awkward("odd,root,Long words,,,,,,s1\n", it.p,
	    "OK: 2 topics, 4 items", "Long words", "needle");
	free(it.p);
}

static void
test_wide_characters(void **state)
{
	struct sb it = { NULL, 0, 0 };
	size_t i;

	(void)state;
	/* CJK (two cells each), a long run of it with no space to break
	 * at, fullwidth Latin, Hangul, and emoji (two cells) with a ZWJ
	 * sequence: odd and even columns meet the edge of every pane. */
	sb_puts(&it, "c1,odd,provider,,,");
	for (i = 0; i < 40; i++)
		sb_puts(&it, "安全責任共有モデル");
	sb_puts(&it, ",s1\nc2,odd,customer,,鍵,"
	    "a顧客のデータの暗号化はお客様の責任です 🔒😀 "
	    "ＦＵＬＬＷＩＤＴＨ 한국어 보안 👩\xE2\x80\x8D💻 x,s1\n");
	for (i = 0; i < 30; i++)
		sb_printf(&it, "c%zu,odd,%s,,,%.*s漢字,s1\n", i + 3,
		    i % 2 ? "provider" : "customer", (int)(i % 7), "abcdefg");
	awkward("odd,root,安全 Wide 🔒 text 責任共有モデル,広,,,,"
	    "責任共有モデルの概要です。,s1\n", it.p,
	    "OK: 2 topics, 34 items", "Wide", "責任");
	free(it.p);
}

static void
test_combining_marks(void **state)
{
	struct sb it = { NULL, 0, 0 };
	size_t i;

	(void)state;
	/* Zalgo: a dozen combining marks on each letter take no cell;
	 * precomposed and decomposed accents side by side. */
	sb_puts(&it, "z1,odd,provider,,,Zalgo ");
	for (i = 0; i < 60; i++)
		sb_printf(&it, "%c\xCC\x81\xCC\x82\xCC\x83\xCC\x84\xCC\x85"
		    "\xCC\x86\xCC\x87\xCC\x88\xCC\x8A\xCC\x8B\xCC\x8C\xCC\xA3"
		    "%s", "zalgo"[i % 5], i % 9 == 8 ? " " : "");
	sb_puts(&it, ",s1\nz2,odd,customer,,,"
	    "caf\xC3\xA9 cafe\xCC\x81 n\xCC\x83 a\xCD\xA3\xCD\xA4 "
	    "combining marks,s1\n");
	awkward("odd,root,Combining Zalgo,,,,,,s1\n", it.p,
	    "OK: 2 topics, 4 items", "Combining", "marks");
	free(it.p);
}

static void
test_right_to_left_text(void **state)
{
	(void)state;
	/* Hebrew and Arabic (with harakat) without any direction control:
	 * shown in storage order, one cell a letter. */
	awkward("odd,root,RTL אבטחת מידע أمن المعلومات,,,,,"
	    "הצפנה היא באחריות הלקוח.,s1\n",
	    "r1,odd,provider,,,"
	    "אבטחה פיזית של מרכזי הנתונים באחריות הספק,s1\n"
	    "r2,odd,customer,,,"
	    "تَشْفِيرُ البَيَانَاتِ مَسْؤُولِيَّةُ العَمِيلِ "
	    "encryption مسؤولية العميل,s1\n",
	    "OK: 2 topics, 4 items", "RTL", "encryption");
}

static void
test_field_of_64k(void **state)
{
	struct sb it = { NULL, 0, 0 };
	size_t start, i;

	(void)state;
	/* Exactly at the limit (65536 bytes): loads, and its last word can
	 * be found. */
	sb_puts(&it, "f1,odd,provider,,,");
	start = it.len;
	for (i = 0; it.len - start < 65536 - 16; i++)
		sb_printf(&it, "word%04zu ", i % 10000);
	while (it.len - start < 65536 - 6)
		sb_puts(&it, "x");
	sb_puts(&it, "needle,s1\n");
	assert_int_equal(it.len - start, 65536 + 4);	/* ",s1\n" */
	awkward("odd,root,Big field,,,,,,s1\n", it.p,
	    "OK: 2 topics, 3 items", "Big field", "needle");
	free(it.p);
}

static void
test_ten_thousand_items(void **state)
{
	struct sb it = { NULL, 0, 0 };
	size_t i;

	(void)state;
	/* One topic, 10,000 items, the group changing every 100. */
	for (i = 0; i < 10000; i++)
		sb_printf(&it, "m%zu,odd,%s,Group %zu,,%s %zu,s1\n", i,
		    i % 3 == 0 ? "provider" : i % 3 == 1 ? "customer" :
		    "shared", i / 100, i == 7777 ? "needle" : "Item", i);
	awkward("odd,root,Many items,,,,,,s1\n", it.p,
	    "OK: 2 topics, 10002 items", "Many items", "needle");
	free(it.p);
}

static void
test_long_titles(void **state)
{
	struct sb t = { NULL, 0, 0 }, title = { NULL, 0, 0 };
	struct sb l = { NULL, 0, 0 }, m = { NULL, 0, 0 };
	struct file f[4];
	char *dir, *msg;
	size_t i;

	(void)state;
	/* 200-character titles: a topic in the tree and the title line, a
	 * service type heading a column of the matrix, a layer. */
	for (i = 0; title.len < 194; i++)
		sb_printf(&title, "Title%zu ", i);
	title.len = 194;
	title.p[193] = 'x';
	sb_puts(&title, " zebra");
	assert_int_equal(title.len, 200);
	sb_printf(&t, TOPICS "odd,root,%s,,,,svc,,s1\n"
	    "svc,root,%s,,,,,,s1\n" "mx,root,Matrix,,,matrix,,,s1\n",
	    title.p, title.p);
	sb_printf(&l, "id,title,summary,source\nhw,%s,,s1\nnet,Net,,s1\n",
	    title.p);
	sb_puts(&m, "layer,topic,party,cites,note\n"
	    "hw,svc,provider,i1,\nnet,svc,customer,i2,\n"
	    "hw,odd,provider,i1,\nnet,odd,unstated,,\n");
	f[0] = heap_file("topics.csv", t.p, t.len);
	f[1] = heap_file("layers.csv", l.p, l.len);
	f[2] = heap_file("matrix.csv", m.p, m.len);
	dir = set_make(f, 3);
	msg = expect_check_ok(dir, "OK: 4 topics, 2 items, 1 sources; a "
	    "matrix of 2 layers by 2 service types", NULL);
	if (msg == NULL)
		msg = expect_print(dir, "odd", "zebra", NULL);
	if (msg == NULL)
		msg = expect_print(dir, "mx", "Matrix", NULL);
	if (msg == NULL)
		msg = expect_browse(dir, "odd", "Title0", "zebra", NULL);
	if (msg == NULL)
		msg = expect_browse(dir, "mx", "Matrix", "zebra", NULL);
	set_remove(dir);
	free(t.p);
	free(title.p);
	free(l.p);
	free(m.p);
	check(msg);
}

static void
test_deepest_allowed_tree(void **state)
{
	struct sb t = { NULL, 0, 0 };
	struct file f[2];
	size_t i;

	(void)state;
	/* 32 levels, the limit: indented past the width of the tree. */
	sb_puts(&t, TOPICS "t1,root,Level 2 of the tree,,,,,,s1\n");
	for (i = 2; i <= 30; i++)
		sb_printf(&t, "t%zu,t%zu,Level %zu of the tree,,,,,,s1\n", i,
		    i - 1, i + 1);
	sb_puts(&t, "odd,t30,Deepest,,,,,,s1\n");
	f[0] = heap_file("topics.csv", t.p, t.len);
	f[1] = (struct file)TXT("items.csv", ITEMS
	    "d1,odd,customer,,,At the bottom of the tree,s1\n");
	loads(f, 2, "OK: 32 topics, 3 items", "odd", "Deepest", "bottom");
	free(t.p);
}

static void
test_inherits_cycle(void **state)
{
	(void)state;
	/* Each inherits from the other: only a topic's own items are
	 * inherited, so this is no loop, and must not become one. */
	awkward("odd,root,Odd,,,,mate,,s1\nmate,root,Mate,,,,odd,,s1\n",
	    "o1,odd,provider,,,Odd own item,s1\n"
	    "o2,mate,customer,,,Mate own item,s1\n",
	    "OK: 3 topics, 4 items", "Mate own item", "Odd own");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_csi_in_cells),
	cmocka_unit_test(test_osc_title_in_cells),
	cmocka_unit_test(test_osc52_clipboard_in_cells),
	cmocka_unit_test(test_osc_unterminated_in_cells),
	cmocka_unit_test(test_dcs_in_cells),
	cmocka_unit_test(test_c1_controls_in_cells),
	cmocka_unit_test(test_backspace_in_cells),
	cmocka_unit_test(test_carriage_return_in_cells),
	cmocka_unit_test(test_bidi_controls_in_cells),
	cmocka_unit_test(test_invalid_utf8_in_cells),
	cmocka_unit_test(test_nul_bytes_in_cells),
	cmocka_unit_test(test_ten_megabyte_field),
	cmocka_unit_test(test_million_fields),
	cmocka_unit_test(test_ten_thousand_columns),
	cmocka_unit_test(test_deep_tree),
	cmocka_unit_test(test_reference_cycles),
	cmocka_unit_test(test_empty_files),
	cmocka_unit_test(test_not_files),
	cmocka_unit_test(test_unreadable_file),
	cmocka_unit_test(test_hostile_directory_name),
	cmocka_unit_test(test_very_long_words),
	cmocka_unit_test(test_wide_characters),
	cmocka_unit_test(test_combining_marks),
	cmocka_unit_test(test_right_to_left_text),
	cmocka_unit_test(test_field_of_64k),
	cmocka_unit_test(test_ten_thousand_items),
	cmocka_unit_test(test_long_titles),
	cmocka_unit_test(test_deepest_allowed_tree),
	cmocka_unit_test(test_inherits_cycle),
};

TEST_MAIN(tests)
