/*
 * make bench: how fast respmap starts, answers keys, loads and searches,
 * each figure against a baseline measured in the same run, printed as one
 * table (and, with --md, written as Markdown with the machine it ran on).
 *
 * The terminal figures come from the real binary in a pseudo-terminal
 * read back through libvterm (tests/vt.c), as the end-to-end tests do.
 * Nothing sleeps: after each key the benchmark reads until the screen
 * shows what the key must lead to, which a browser model running beside
 * the program (the same library, the same layout) says exactly; so a
 * figure is the program's round trip, not a guess at when it is done.
 * The baselines are the floors of bench/floor_curses.c (a minimal curses
 * program) and bench/floor_csv.c (libcsv alone), and for search the scan
 * the browser did before (search_model, as --search still does).
 *
 * Load times are CPU time (user + system) of the child, medians of runs
 * interleaved with the floor's: on a shared machine the wall clock also
 * counts other programs, and a single-threaded load is all CPU time. The
 * wall-clock medians are printed beside them. For the same reason the
 * search in this process is timed in this thread's CPU time; through the
 * terminal, everything is wall clock.
 *
 * A target not met is reported, not an error: the run exits 0 unless a
 * measurement could not be made.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "browser.h"
#include "keymap.h"
#include "load.h"
#include "model.h"
#include "outline.h"
#include "render.h"
#include "search.h"
#include "text.h"
#include "vt.h"
#include "xalloc.h"

/* The terminal every pty figure is taken in: the classic size. */
#define ROWS		24
#define COLS		80
/* Any one wait: only a broken run comes near it. */
#define WAIT_MS		60000
#define KEYS		1000
#define QUERY		"encryption"

/* The layout ui.c derives from the terminal size (its layout()): a tree
 * three tenths of the width, within 20 and 36 columns. */
#define TREE_W		(COLS * 3 / 10 < 20 ? 20 : \
			    COLS * 3 / 10 > 36 ? 36 : COLS * 3 / 10)
#define CONTENT_W	(COLS - TREE_W - 1)
#define BODY		(ROWS - 2)

struct opts {
	const char	*respmap;
	const char	*floor_curses;
	const char	*floor_csv;
	const char	*data;		/* with 10k/, 100k/, 1m/ */
	const char	*md;
	int		 frame_runs;
	int		 load_runs[3];
	bool		 do_frame, do_keys, do_load, do_search;
};

static struct opts opt;

/* ------------------------------------------------------------ utilities */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This thread's CPU time: for work done in this process, which on a
 * shared machine the wall clock would count along with other programs'
 * turns. */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "bench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void __attribute__((format(printf, 1, 2)))
note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
maximum(const double *v, size_t n)
{
	double m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

static double
mean(const double *v, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += v[i];
	return n > 0 ? s / (double)n : 0;
}

static char *
path2(const char *a, const char *b)
{
	return xasprintf("%s/%s", a, b);
}

/* -------------------------------------------------------------- table */

struct row {
	char	*metric, *base, *value, *ratio, *target;
	int	 met;		/* 1 yes, 0 no, -1 not judged */
	int	 section;	/* the table's order, whatever the runs' */
};

enum { SEC_FRAME, SEC_KEYS, SEC_LOAD, SEC_SEARCH };

static struct row *table;
static size_t ntable, cap_table;
static int section;

static void __attribute__((format(printf, 5, 6)))
add_row(const char *metric, const char *base, const char *value,
    int met, const char *fmt, ...)
{
	struct row *r;
	va_list ap;
	char buf[64];

	table = xgrow(table, &cap_table, ntable + 1, sizeof *table);
	r = &table[ntable++];
	r->metric = xstrdup(metric);
	r->base = xstrdup(base);
	r->value = xstrdup(value);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* fmt is "ratio|target". */
	r->ratio = xstrndup(buf, strcspn(buf, "|"));
	r->target = xstrdup(strchr(buf, '|') != NULL ? strchr(buf, '|') + 1 :
	    "");
	r->met = met;
	r->section = section;
}

/* The rows by section, in the order added within one. */
static void
sort_table(void)
{
	struct row tmp;
	size_t i, j;

	for (i = 1; i < ntable; i++)
		for (j = i; j > 0 && table[j - 1].section > table[j].section;
		    j--) {
			tmp = table[j];
			table[j] = table[j - 1];
			table[j - 1] = tmp;
		}
}

static const char *
met_word(int met)
{
	return met > 0 ? "yes" : met == 0 ? "NO" : "-";
}

static void
print_table(FILE *fp, bool md)
{
	static const char *const head[] = { "metric", "baseline", "respmap",
		"ratio", "target", "met?" };
	size_t w[6], i, k;

	for (k = 0; k < 6; k++)
		w[k] = strlen(head[k]);
	for (i = 0; i < ntable; i++) {
		const char *c[6] = { table[i].metric, table[i].base,
			table[i].value, table[i].ratio, table[i].target,
			met_word(table[i].met) };

		for (k = 0; k < 6; k++)
			if (text_width(c[k]) > w[k])
				w[k] = text_width(c[k]);
	}
	for (i = 0; i <= ntable + 1; i++) {
		const char *c[6];
		size_t pad;

		if (i == 1) {
			for (k = 0; k < 6; k++) {
				fputs(md ? "|" : k ? "  " : "", fp);
				for (pad = 0; pad < w[k] + (md ? 2 : 0); pad++)
					fputc(md ? '-' : '-', fp);
			}
			fputs(md ? "|\n" : "\n", fp);
			continue;
		}
		if (i == 0)
			memcpy(c, head, sizeof c);
		else {
			const struct row *r = &table[i - 2];

			c[0] = r->metric;
			c[1] = r->base;
			c[2] = r->value;
			c[3] = r->ratio;
			c[4] = r->target;
			c[5] = met_word(r->met);
		}
		for (k = 0; k < 6; k++) {
			fputs(md ? "| " : k ? "  " : "", fp);
			fputs(c[k], fp);
			if (k < 5 || md)
				for (pad = text_width(c[k]); pad < w[k]; pad++)
					fputc(' ', fp);
			fputs(md ? " " : "", fp);
		}
		fputs(md ? "|\n" : "\n", fp);
	}
}

static char *
fmt_ms(double s)
{
	return xasprintf("%.3f ms", s * 1e3);
}

/* ------------------------------------------------- the terminal: screen */

static bool
screen_has(struct vt *vt, const char *text)
{
	char *s = vt_screen(vt);
	bool yes = strstr(s, text) != NULL;

	free(s);
	return yes;
}

/* Cells [0, n) of a row as UTF-8, a blank as a space. */
static char *
cells(struct vt *vt, int row, int n)
{
	struct vt_cell c;
	size_t len = 0, cap = 0;
	char *s = NULL;
	int col;

	s = xgrow(s, &cap, (size_t)n * 4 + 1, 1);
	for (col = 0; col < n; col++) {
		if (!vt_cell(vt, row, col, &c) || c.width == 0)
			continue;
		s = xgrow(s, &cap, len + 5, 1);
		len += text_encode(c.ch != 0 ? c.ch : ' ', s + len);
	}
	s[len] = '\0';
	return s;
}

static bool
cursor_at(struct vt *vt, int row, int col)
{
	int r, c;

	vt_cursor(vt, &r, &c);
	return r == row && c == col;
}

typedef bool (*done_fn)(struct vt *vt, void *ctx);

/* Read until done says so; the seconds it took from start. */
static double
wait_done(struct vt *vt, double start, done_fn done, void *ctx,
    const char *what)
{
	double deadline = start + WAIT_MS / 1e3, t;

	while (!done(vt, ctx)) {
		t = now();
		if (t > deadline) {
			char *s = vt_screen(vt);

			die("%s: timed out; the screen:\n%s", what, s);
		}
		if (vt_read(vt, (int)((deadline - t) * 1e3) + 1) < 0 &&
		    !done(vt, ctx))
			die("%s: the program went away", what);
	}
	return now() - start;
}

struct texts {
	const char	*a, *b;
};

static bool
done_texts(struct vt *vt, void *ctx)
{
	const struct texts *t = ctx;

	return screen_has(vt, t->a) && (t->b == NULL || screen_has(vt, t->b));
}

static struct vt *
spawn(const char *const argv[])
{
	static const char *const env[] = { "LC_ALL=C.UTF-8", NULL };
	struct vt *vt = vt_spawn(argv, env, ROWS, COLS);

	if (vt == NULL)
		die("cannot start %s: %s", argv[0], strerror(errno));
	return vt;
}

static void
quit(struct vt *vt)
{
	vt_key(vt, "q");
	if (vt_wait_exit(vt, WAIT_MS) != 0)
		note("bench: %s", "the program did not exit cleanly");
	vt_free(vt);
}

/* --------------------------------------------------- time to first frame */

/* A first frame: the cursor where the program leaves it, then the texts.
 * The cursor is looked at first as it costs nothing, and the screen is
 * read after every chunk of output: a costly test there would be counted
 * as the program's time, the more so the more writes it makes. */
struct frame_want {
	int		 row, col;
	struct texts	 t;
};

static bool
done_frame(struct vt *vt, void *ctx)
{
	struct frame_want *w = ctx;

	return cursor_at(vt, w->row, w->col) && done_texts(vt, &w->t);
}

/* Seconds from spawning argv to the first frame. */
static double
first_frame(const char *const argv[], int row, int col, const char *a,
    const char *b)
{
	struct frame_want w = { row, col, { a, b } };
	double start = now(), s;
	struct vt *vt = spawn(argv);

	s = wait_done(vt, start, done_frame, &w, argv[0]);
	quit(vt);
	return s;
}

/* Words from the start of s, at most n bytes, cut at a space: text sure
 * to stand on one line of the topic pane. */
static char *
lead_words(const char *s, size_t n)
{
	size_t k = strlen(s) < n ? strlen(s) : n;

	while (k > 0 && k < strlen(s) && s[k] != ' ')
		k--;
	return xstrndup(s, k > 0 ? k : strlen(s) < n ? strlen(s) : n);
}

static void
bench_frame(void)
{
	const char *argv_r[] = { opt.respmap, NULL };
	const char *argv_f[] = { opt.floor_curses, NULL };
	double *r = xcalloc((size_t)opt.frame_runs, sizeof *r);
	double *f = xcalloc((size_t)opt.frame_runs, sizeof *f);
	struct diags d;
	struct model *model;
	char *text, *b, *v, *m;
	double mr, mf;
	int i;

	/* The first topic's opening words: drawn with the rest of the first
	 * frame, and "quit" is in the key bar, drawn last. */
	diags_init(&d, 0);
	if ((model = load_builtin(&d)) == NULL || model->nroots == 0)
		die("the built-in data set does not load");
	text = lead_words(*model->roots[0]->summary != '\0' ?
	    model->roots[0]->summary : model->roots[0]->title, 24);
	for (i = 0; i < opt.frame_runs; i++) {
		/* floor_curses leaves the cursor after its line, respmap
		 * on the selected row of the tree, the first. */
		f[i] = first_frame(argv_f, 0, 11, "floor ready", NULL);
		r[i] = first_frame(argv_r, 1, 0, "quit", text);
	}
	mr = median(r, (size_t)opt.frame_runs);
	mf = median(f, (size_t)opt.frame_runs);
	b = fmt_ms(mf);
	v = fmt_ms(mr);
	m = xasprintf("time to first frame (median of %d)", opt.frame_runs);
	add_row(m, b, v, mr <= 1.5 * mf, "%.2fx|<= 1.5x", mr / mf);
	free(m);
	free(b);
	free(v);
	free(text);
	free(r);
	free(f);
	model_free(model);
	diags_free(&d);
}

/* ----------------------------------------------------------- key latency */

/*
 * The browser beside the program: fed the same keys, it says where the
 * selection, the scroll and the cursor must end up, and what the tree's
 * rows must read, as ui.c draws them.
 */
struct shadow {
	struct browser	 b;
	struct model	*m;
	struct diags	 d;
};

static void
shadow_init(struct shadow *s, const char *dir)
{
	diags_init(&s->d, 0);
	s->m = load_dir(dir, NULL, &s->d);
	if (s->m == NULL)
		die("%s does not load", dir);
	browser_init(&s->b, s->m, false);
	browser_layout(&s->b, BODY, BODY, CONTENT_W - 2, COLS < 80);
}

static void
shadow_free(struct shadow *s)
{
	browser_free(&s->b);
	model_free(s->m);
	diags_free(&s->d);
}

/* Tree row r (an index into the outline) as draw_tree puts it in the
 * TREE_W cells of its line. */
static char *
tree_line(const struct outline *o, size_t r)
{
	const struct outline_row *or = &o->rows[r];
	size_t width = TREE_W, col = 1 + or->depth * 2, used, fit, tl, cellsn;
	char *title = text_sanitize(or->topic->title, strlen(or->topic->title),
	    false);
	const char *mark = or->topic->nchildren == 0 ? "  " :
	    or->expanded ? "▾ " : "▸ ";
	char *line, *p;

	if (col + 4 > width)
		col = width > 4 ? width - 4 : 0;
	line = xcalloc(width * 4 + 16, 1);
	memset(line, ' ', col);
	p = line + col;
	p += sprintf(p, "%s", mark);
	col += 2;
	cellsn = col;
	tl = strlen(title);
	if (col < width) {
		fit = text_fit(title, tl, width - col, &used);
		if (fit < tl && width - col > 1) {
			fit = text_fit(title, tl, width - col - 1, &used);
			memcpy(p, title, fit);
			p += fit;
			p += sprintf(p, "…");
			used++;
		} else {
			memcpy(p, title, fit);
			p += fit;
		}
		cellsn += used;
	}
	while (cellsn++ < width)
		*p++ = ' ';
	*p = '\0';
	free(title);
	return line;
}

static bool
tree_row_is(struct vt *vt, const struct outline *o, size_t r)
{
	int srow = 1 + (int)(r - o->top);
	char *got = cells(vt, srow, TREE_W), *want = tree_line(o, r);
	bool same = strcmp(got, want) == 0;

	free(got);
	free(want);
	return same;
}

/* The tree as the model says: the cursor on the selected row, that row
 * drawn (in reverse to its last cell), and the last row on screen drawn
 * (after an expansion or a scroll, the last to change). */
static bool
done_tree(struct vt *vt, void *ctx)
{
	const struct outline *o = &((struct shadow *)ctx)->b.tree;
	size_t last = o->top + BODY < o->n ? o->top + BODY - 1 : o->n - 1;
	int srow = 1 + (int)(o->sel - o->top);
	struct vt_cell c;

	if (!cursor_at(vt, srow, 0))
		return false;
	if (!vt_cell(vt, srow, TREE_W - 1, &c) || !c.reverse)
		return false;
	return tree_row_is(vt, o, o->sel) && tree_row_is(vt, o, last);
}

/* The key bar holds want (and, when typing, the cursor is after the
 * query); the bar is the last part of a frame drawn. */
struct bar_want {
	char	*text;
	int	 row, col;	/* where the cursor ends */
};

static bool
done_bar(struct vt *vt, void *ctx)
{
	const struct bar_want *w = ctx;
	char *bar;
	bool yes;

	if (!cursor_at(vt, w->row, w->col))
		return false;
	bar = vt_row(vt, ROWS - 1);
	yes = bar != NULL && strstr(bar, w->text) != NULL;
	free(bar);
	return yes;
}

struct keystats {
	double	*t;
	size_t	 n;
	size_t	 bytes;
};

static void
key_timed(struct vt *vt, const char *key, done_fn done, void *ctx,
    struct keystats *ks)
{
	size_t len;
	double start;

	vt_raw_reset(vt);
	start = now();
	vt_key(vt, key);
	ks->t[ks->n++] = wait_done(vt, start, done, ctx, key);
	vt_raw(vt, &len);
	ks->bytes += len;
}

static const char *
count_label(size_t n, const char *what)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "%zu %s", n, what);
	return buf;
}

struct floor_key {
	char	want[32];
};

static bool
done_floor_key(struct vt *vt, void *ctx)
{
	const struct floor_key *f = ctx;
	char *row = vt_row(vt, 1);
	bool yes = row != NULL && strcmp(row, f->want) == 0;

	free(row);
	return yes;
}

/* The floor's round trip: a key in, one short line out. */
static void
floor_keys(struct keystats *ks)
{
	const char *argv[] = { opt.floor_curses, NULL };
	struct texts t = { "floor ready", NULL };
	struct floor_key f;
	struct vt *vt = spawn(argv);
	int i;

	wait_done(vt, now(), done_texts, &t, "floor_curses");
	for (i = 1; i <= KEYS; i++) {
		snprintf(f.want, sizeof f.want, "key %d", i);
		key_timed(vt, "down", done_floor_key, &f, ks);
	}
	quit(vt);
}

/* 1000 Down presses through the tree, expanding each collapsed topic with
 * children on the way (Right, timed apart), so that the walk goes down
 * the whole tree and the list scrolls. */
static void
tree_keys(const char *dir, struct keystats *down, struct keystats *right)
{
	const char *argv[] = { opt.respmap, "--data", dir, NULL };
	struct shadow s;
	struct texts t = { "quit", NULL };
	struct vt *vt;
	struct outline *o;

	shadow_init(&s, dir);
	o = &s.b.tree;
	vt = spawn(argv);
	wait_done(vt, now(), done_texts, &t, "respmap");
	wait_done(vt, now(), done_tree, &s, "the first tree");
	while (down->n < KEYS) {
		if (outline_has_children(o, o->sel) &&
		    !o->rows[o->sel].expanded) {
			browser_key(&s.b, KEY_K_RIGHT);
			key_timed(vt, "right", done_tree, &s, right);
			continue;
		}
		if (o->sel + 1 >= o->n)
			die("the tree of %s has fewer than %d rows", dir, KEYS);
		browser_key(&s.b, KEY_K_DOWN);
		key_timed(vt, "down", done_tree, &s, down);
	}
	quit(vt);
	shadow_free(&s);
}

/* The topic with the most lines at the pane's width: "matrix" when it is
 * long enough to scroll KEYS lines. */
static const struct model_topic *
long_topic(struct shadow *s)
{
	const struct model_topic *best = model_find_topic(s->m, "matrix");
	struct render_doc doc;
	size_t i, most = 0;

	if (best != NULL) {
		memset(&doc, 0, sizeof doc);
		render_topic(s->m, best, &s->b.ropts, &doc);
		most = doc.n;
		render_doc_free(&doc);
		if (most >= KEYS + BODY)
			return best;
	}
	for (i = 0; i < s->m->ntopics; i++) {
		memset(&doc, 0, sizeof doc);
		render_topic(s->m, s->m->topics[i], &s->b.ropts, &doc);
		if (doc.n > most) {
			most = doc.n;
			best = s->m->topics[i];
		}
		render_doc_free(&doc);
	}
	return best;
}

static void
bar_line_status(struct bar_want *w, const struct browser *b)
{
	free(w->text);
	w->text = xasprintf("line %zu of %zu", b->scroll + 1, b->doc.n);
	w->row = 1;
	/* As place_cursor puts it: the pane's row 0, column 1. */
	w->col = TREE_W + 2;
}

/* 1000 Down presses in the topic pane, on a long topic: each scrolls it
 * by a line, which the key bar's "line N of M" shows last. */
static void
content_keys(const char *dir, struct keystats *ks, size_t *lines,
    const char **topic)
{
	struct shadow s;
	struct texts t = { "quit", NULL };
	struct bar_want w = { NULL, 0, 0 };
	const struct model_topic *lt;
	struct vt *vt;
	struct keystats tab;
	double tt[1];
	const char *argv[5];

	shadow_init(&s, dir);
	lt = long_topic(&s);
	browser_open(&s.b, lt);
	*lines = s.b.doc.n;
	*topic = xstrdup(lt->id);
	if (s.b.doc.n < KEYS + BODY)
		die("no topic of %s is %d lines long", dir, KEYS + BODY);
	argv[0] = opt.respmap;
	argv[1] = "--data";
	argv[2] = dir;
	argv[3] = lt->id;
	argv[4] = NULL;
	vt = spawn(argv);
	wait_done(vt, now(), done_texts, &t, "respmap");
	browser_key(&s.b, '\t');
	bar_line_status(&w, &s.b);
	tab.t = tt;
	tab.n = 0;
	tab.bytes = 0;
	key_timed(vt, "tab", done_bar, &w, &tab);
	while (ks->n < KEYS) {
		browser_key(&s.b, KEY_K_DOWN);
		bar_line_status(&w, &s.b);
		key_timed(vt, "down", done_bar, &w, ks);
	}
	free(w.text);
	quit(vt);
	shadow_free(&s);
}

static void
key_rows(const char *what, const struct keystats *ks,
    const struct keystats *fl)
{
	double per = mean(ks->t, ks->n), fper = mean(fl->t, fl->n);
	double bytes = (double)ks->bytes / (double)ks->n;
	double fbytes = (double)fl->bytes / (double)fl->n;
	char *m, *b, *v, *bb, *vv;

	m = xasprintf("key latency, %s (mean of %zu)", what, ks->n);
	b = fmt_ms(fper);
	v = fmt_ms(per);
	add_row(m, b, v, per < 1e-3, "%.2fx|< 1 ms", per / fper);
	free(m);
	m = xasprintf("bytes per key, %s", what);
	bb = xasprintf("%.0f B", fbytes);
	vv = xasprintf("%.0f B", bytes);
	add_row(m, bb, vv, bytes <= 500, "%.1fx|<= 500 B", bytes / fbytes);
	free(m);
	free(b);
	free(v);
	free(bb);
	free(vv);
}

static void
bench_keys(void)
{
	struct keystats fl = { NULL, 0, 0 }, down = { NULL, 0, 0 };
	struct keystats right = { NULL, 0, 0 }, content = { NULL, 0, 0 };
	char *dir = path2(opt.data, "100k"), *b, *v;
	const char *topic = NULL;
	size_t lines = 0;

	fl.t = xcalloc(KEYS, sizeof *fl.t);
	down.t = xcalloc(KEYS, sizeof *down.t);
	right.t = xcalloc(KEYS * 4, sizeof *right.t);
	content.t = xcalloc(KEYS, sizeof *content.t);
	floor_keys(&fl);
	tree_keys(dir, &down, &right);
	content_keys(dir, &content, &lines, &topic);
	key_rows("Down in the tree", &down, &fl);
	key_rows("Down in a topic", &content, &fl);
	b = fmt_ms(mean(fl.t, fl.n));
	v = fmt_ms(mean(right.t, right.n));
	add_row(count_label(right.n, "Right (expand) on the way"), b, v, -1,
	    "%.2fx|-", mean(right.t, right.n) / mean(fl.t, fl.n));
	note("keys: 100k data set, %dx%d terminal; the topic pane on '%s' "
	    "(%zu lines); max per key: tree %.3f ms, topic %.3f ms, "
	    "floor %.3f ms", ROWS, COLS, topic, lines,
	    maximum(down.t, down.n) * 1e3, maximum(content.t, content.n) * 1e3,
	    maximum(fl.t, fl.n) * 1e3);
	free((char *)topic);
	free(b);
	free(v);
	free(fl.t);
	free(down.t);
	free(right.t);
	free(content.t);
	free(dir);
}

/* ---------------------------------------------------------------- load */

struct run {
	double	wall, cpu;
	long	maxrss_kb;
};

/* Run argv with its output thrown away; false unless it exits with
 * status want. */
static bool
run_child(const char *const argv[], int want, struct run *out)
{
	struct rusage ru;
	double start = now();
	int status, fd;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	out->wall = now() - start;
	out->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec /
	    1e6 + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec /
	    1e6;
	out->maxrss_kb = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) == want;
}

static long long
dir_bytes(const char *dir)
{
	static const char *const files[] = { "dataset.csv", "sources.csv",
		"topics.csv", "items.csv", "layers.csv", "matrix.csv" };
	long long total = 0;
	struct stat st;
	size_t i;
	char *p;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		p = path2(dir, files[i]);
		if (stat(p, &st) == 0)
			total += (long long)st.st_size;
		free(p);
	}
	return total;
}

struct load_result {
	double	cpu, wall, fcpu, fwall;
	long	maxrss_kb, fmaxrss_kb;
	long long bytes;
};

/* want: the exit status --check must have (1 for a hostile set). */
static void
load_size(const char *name, int runs, int want, struct load_result *lr)
{
	char *dir = path2(opt.data, name);
	const char *argv_r[] = { opt.respmap, "--check", "--data", dir, NULL };
	const char *argv_f[] = { opt.floor_csv, dir, NULL };
	double *c = xcalloc((size_t)runs, sizeof *c);
	double *w = xcalloc((size_t)runs, sizeof *w);
	double *fc = xcalloc((size_t)runs, sizeof *fc);
	double *fw = xcalloc((size_t)runs, sizeof *fw);
	struct run r;
	int i;

	lr->bytes = dir_bytes(dir);
	lr->maxrss_kb = lr->fmaxrss_kb = 0;
	for (i = 0; i < runs; i++) {
		if (!run_child(argv_f, 0, &r))
			die("floor_csv %s failed", dir);
		fc[i] = r.cpu;
		fw[i] = r.wall;
		if (r.maxrss_kb > lr->fmaxrss_kb)
			lr->fmaxrss_kb = r.maxrss_kb;
		if (!run_child(argv_r, want, &r))
			die("respmap --check --data %s: not the exit status %d",
			    dir, want);
		c[i] = r.cpu;
		w[i] = r.wall;
		if (r.maxrss_kb > lr->maxrss_kb)
			lr->maxrss_kb = r.maxrss_kb;
	}
	lr->cpu = median(c, (size_t)runs);
	lr->wall = median(w, (size_t)runs);
	lr->fcpu = median(fc, (size_t)runs);
	lr->fwall = median(fw, (size_t)runs);
	note("load %s: %.1f MB; respmap cpu %.3f s wall %.3f s rss %.1f MB; "
	    "floor cpu %.3f s wall %.3f s rss %.1f MB (medians of %d)", name,
	    (double)lr->bytes / 1e6, lr->cpu, lr->wall,
	    (double)lr->maxrss_kb / 1024, lr->fcpu, lr->fwall,
	    (double)lr->fmaxrss_kb / 1024, runs);
	free(c);
	free(w);
	free(fc);
	free(fw);
	free(dir);
}

static char *fmt_s(double cpu, double wall);

/* What respmap takes before any data set: libraries, locale, heap. */
static long
base_rss_kb(void)
{
	const char *argv[] = { opt.respmap, "--check", NULL };
	struct run r;

	if (!run_child(argv, 0, &r))
		die("respmap --check failed");
	return r.maxrss_kb;
}

/*
 * Every pattern that once made the loader quadratic, at two sizes
 * (bench/gen-hostile.sh): four times the size must take about four times
 * the time (sixteen, quadratic, before).
 */
static void
bench_hostile(void)
{
	static const char *const names[] = { "hostile-20k", "hostile-80k" };
	struct load_result lr[2];
	char *m, *b, *v;
	double g, fg;
	size_t i;

	for (i = 0; i < 2; i++) {
		load_size(names[i], opt.load_runs[2], 1, &lr[i]);
		m = xasprintf("load --check, %s (cpu, median of %d)",
		    names[i], opt.load_runs[2]);
		b = fmt_s(lr[i].fcpu, lr[i].fwall);
		v = fmt_s(lr[i].cpu, lr[i].wall);
		add_row(m, b, v, -1, "%.2fx|-", lr[i].cpu / lr[i].fcpu);
		free(m);
		free(b);
		free(v);
	}
	g = lr[1].cpu / lr[0].cpu;
	fg = lr[1].fcpu / lr[0].fcpu;
	b = xasprintf("%.1f", fg);
	v = xasprintf("%.1f", g);
	add_row("load growth, hostile 80k / 20k", b, v, g <= 5.2,
	    "%.2fx|<= 5.2 (4: linear)", g / fg);
	free(b);
	free(v);
}

static char *
fmt_s(double cpu, double wall)
{
	return xasprintf("%.3f s (wall %.3f)", cpu, wall);
}

static void
bench_load(void)
{
	static const char *const names[] = { "10k", "100k", "1m" };
	struct load_result lr[3];
	char *m, *b, *v;
	double g, fg;
	size_t i;

	for (i = 0; i < 3; i++) {
		load_size(names[i], opt.load_runs[i], 0, &lr[i]);
		m = xasprintf("load --check, %s items (cpu, median of %d)",
		    names[i], opt.load_runs[i]);
		b = fmt_s(lr[i].fcpu, lr[i].fwall);
		v = fmt_s(lr[i].cpu, lr[i].wall);
		add_row(m, b, v, lr[i].cpu <= 2 * lr[i].fcpu, "%.2fx|<= 2x",
		    lr[i].cpu / lr[i].fcpu);
		free(m);
		free(b);
		free(v);
	}
	g = lr[2].cpu / lr[1].cpu;
	fg = lr[2].fcpu / lr[1].fcpu;
	b = xasprintf("%.1f", fg);
	v = xasprintf("%.1f", g);
	add_row("load growth, 1m / 100k", b, v, g >= 8 && g <= 12.5,
	    "%.2fx|8 to 12.5 (10: linear)", g / fg);
	free(b);
	free(v);
	for (i = 0; i < 3; i++) {
		double ratio = (double)lr[i].maxrss_kb * 1024 /
		    (double)lr[i].bytes;

		if (i == 0)
			note("peak memory: respmap --check on the built-in "
			    "data set alone is %.1f MB", (double)base_rss_kb() /
			    1024);

		m = xasprintf("peak memory, %s items (ru_maxrss)", names[i]);
		b = xasprintf("%.1f MB files", (double)lr[i].bytes / 1e6);
		v = xasprintf("%.1f MB", (double)lr[i].maxrss_kb * 1024 / 1e6);
		add_row(m, b, v, ratio <= 3, "%.2fx|<= 3x the files", ratio);
		free(m);
		free(b);
		free(v);
	}
}

/* -------------------------------------------------------------- search */

static bool
count_hit(void *ctx, const struct search_hit *hit)
{
	(void)hit;
	++*(size_t *)ctx;
	return true;
}

/* What typing the query, then taking back its last characters and typing
 * them again, costs: per key, in the browser itself and, for the
 * baseline, as a fresh scan of the whole model (search_model, what the
 * browser did for every key before and --search does). */
struct search_plan {
	char	**queries;	/* after each key */
	int	 *keys;
	size_t	  n;
	size_t	 *hits;		/* as the browser counts them */
};

static void
plan_search(struct search_plan *p)
{
	size_t len = strlen(QUERY), i, k = 0, back = 4;

	p->n = len + 2 * back;
	p->queries = xcalloc(p->n, sizeof *p->queries);
	p->keys = xcalloc(p->n, sizeof *p->keys);
	p->hits = xcalloc(p->n, sizeof *p->hits);
	for (i = 1; i <= len; i++, k++) {
		p->queries[k] = xstrndup(QUERY, i);
		p->keys[k] = (unsigned char)QUERY[i - 1];
	}
	for (i = 1; i <= back; i++, k++) {
		p->queries[k] = xstrndup(QUERY, len - i);
		p->keys[k] = 0x7f;
	}
	for (i = len - back + 1; i <= len; i++, k++) {
		p->queries[k] = xstrndup(QUERY, i);
		p->keys[k] = (unsigned char)QUERY[i - 1];
	}
}

static void
free_plan(struct search_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->queries[i]);
	free(p->queries);
	free(p->keys);
	free(p->hits);
}

/* Per key, in the browser, in this process: the library's own cost; and
 * the cost of '/', the first time, which makes the search's index. */
static void
search_api(struct model *m, struct search_plan *p, double *t, double *slash)
{
	struct browser b;
	double start;
	size_t i;

	browser_init(&b, m, false);
	browser_layout(&b, BODY, BODY, CONTENT_W - 2, COLS < 80);
	start = cpu_now();
	browser_key(&b, '/');
	*slash = cpu_now() - start;
	for (i = 0; i < p->n; i++) {
		start = cpu_now();
		browser_key(&b, p->keys[i]);
		t[i] = cpu_now() - start;
		p->hits[i] = b.nhits;
		if (strcmp(b.query, p->queries[i]) != 0)
			die("the browser's query is '%s', not '%s'", b.query,
			    p->queries[i]);
	}
	browser_free(&b);
}

static void
search_baseline(const struct model *m, const struct search_plan *p,
    double *t)
{
	double start;
	size_t i, n;

	for (i = 0; i < p->n; i++) {
		n = 0;
		start = cpu_now();
		search_model(m, p->queries[i], count_hit, &n);
		t[i] = cpu_now() - start;
		if (n != p->hits[i])
			die("'%s': the browser finds %zu, a full scan %zu",
			    p->queries[i], p->hits[i], n);
	}
}

/* Per key, through the terminal: from the key to the key bar showing the
 * new query and its count, with the cursor after the query. */
static void
search_pty(const char *dir, const struct search_plan *p, double *t,
    double *slash)
{
	const char *argv[] = { opt.respmap, "--data", dir, NULL };
	struct texts tx = { "quit", NULL };
	struct bar_want w = { NULL, ROWS - 1, 1 };
	struct keystats ks;
	char key[2] = { 0, 0 };
	struct vt *vt;
	size_t i;

	ks.t = t;
	ks.n = 0;
	ks.bytes = 0;
	vt = spawn(argv);
	wait_done(vt, now(), done_texts, &tx, "respmap on 1m");
	w.text = xstrdup("/");
	*slash = now();
	vt_key(vt, "/");
	*slash = wait_done(vt, *slash, done_bar, &w, "the search prompt");
	for (i = 0; i < p->n; i++) {
		free(w.text);
		if (p->hits[i] > 0)
			w.text = xasprintf("match 1 of %zu", p->hits[i]);
		else
			w.text = xstrdup("no match");
		w.col = 1 + (int)text_width(p->queries[i]);
		key[0] = (char)p->keys[i];
		key_timed(vt, p->keys[i] == 0x7f ? "backspace" : key,
		    done_bar, &w, &ks);
		/* The count may be the one already shown: the query itself
		 * must be there too. */
		{
			char *bar = vt_row(vt, ROWS - 1);
			char *want = xasprintf("/%s", p->queries[i]);

			if (bar == NULL ||
			    strncmp(bar, want, strlen(want)) != 0)
				die("the key bar is '%s', not '%s...'",
				    bar != NULL ? bar : "", want);
			free(bar);
			free(want);
		}
	}
	free(w.text);
	vt_key(vt, "escape");
	quit(vt);
}

static void
bench_search(void)
{
	char *dir = path2(opt.data, "1m"), *b, *v, *m;
	struct search_plan p;
	struct diags d;
	struct model *model;
	double *api, *base, *pty, start, load_s, slash_api, slash_pty;
	size_t i, typed = 0;

	plan_search(&p);
	api = xcalloc(p.n, sizeof *api);
	base = xcalloc(p.n, sizeof *base);
	pty = xcalloc(p.n, sizeof *pty);
	diags_init(&d, 0);
	start = now();
	if ((model = load_dir(dir, NULL, &d)) == NULL)
		die("%s does not load", dir);
	load_s = now() - start;
	search_api(model, &p, api, &slash_api);
	search_baseline(model, &p, base);
	search_pty(dir, &p, pty, &slash_pty);
	for (i = 0; i < p.n; i++)
		note("search '%s': %zu hits; browser %.2f ms, full scan "
		    "%.2f ms, in the terminal %.2f ms", p.queries[i],
		    p.hits[i], api[i] * 1e3, base[i] * 1e3, pty[i] * 1e3);
	note("search: the 1m data set loads in %.2f s in this process",
	    load_s);
	for (i = 0; i < p.n; i++)
		typed += p.keys[i] != 0x7f;
	m = xasprintf("search, 1m items: browser per key, cpu (max of %zu)",
	    p.n);
	b = fmt_ms(maximum(base, p.n));
	v = fmt_ms(maximum(api, p.n));
	add_row(m, b, v, maximum(api, p.n) < 0.05, "%.3fx|< 50 ms",
	    maximum(api, p.n) / maximum(base, p.n));
	free(m);
	free(b);
	free(v);
	m = xasprintf("search, 1m items: browser per key, cpu (mean of %zu)",
	    p.n);
	b = fmt_ms(mean(base, p.n));
	v = fmt_ms(mean(api, p.n));
	add_row(m, b, v, mean(api, p.n) < 0.05, "%.3fx|< 50 ms",
	    mean(api, p.n) / mean(base, p.n));
	free(m);
	free(b);
	free(v);
	m = xasprintf("search, 1m items: in the terminal (max of %zu)", p.n);
	b = fmt_ms(maximum(base, p.n));
	v = fmt_ms(maximum(pty, p.n));
	add_row(m, b, v, maximum(pty, p.n) < 0.05, "%.3fx|< 50 ms",
	    maximum(pty, p.n) / maximum(base, p.n));
	free(m);
	free(b);
	free(v);
	/* Not a typed character: the index is made once, at the first '/';
	 * the baseline is one fresh scan, what every key cost before. */
	b = fmt_ms(maximum(base, p.n));
	v = xasprintf("%.1f / %.1f ms", slash_api * 1e3, slash_pty * 1e3);
	add_row("search, 1m items: first '/' (browser cpu / terminal)", b, v,
	    -1,
	    "%.3fx|-", slash_pty / maximum(base, p.n));
	free(b);
	free(v);
	free(api);
	free(base);
	free(pty);
	free_plan(&p);
	model_free(model);
	diags_free(&d);
	free(dir);
}

/* ------------------------------------------------------------- machine */

static char *
cpu_model(void)
{
	FILE *fp = fopen("/proc/cpuinfo", "r");
	char line[512], *c;

	if (fp == NULL)
		return xstrdup("unknown");
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "model name", 10) == 0 &&
		    (c = strchr(line, ':')) != NULL) {
			fclose(fp);
			c += strspn(c + 1, " ") + 1;
			c[strcspn(c, "\n")] = '\0';
			return xstrdup(c);
		}
	}
	fclose(fp);
	return xstrdup("unknown");
}

static long
ram_mb(void)
{
	FILE *fp = fopen("/proc/meminfo", "r");
	long kb = 0;
	char line[256];

	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof line, fp) != NULL)
		if (sscanf(line, "MemTotal: %ld kB", &kb) == 1)
			break;
	fclose(fp);
	return kb / 1024;
}

static void
write_md(const char *path)
{
	FILE *fp = fopen(path, "w");
	struct utsname u;
	char date[64], *cpu = cpu_model();
	time_t t = time(NULL);

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	strftime(date, sizeof date, "%Y-%m-%d %H:%M %Z", localtime(&t));
	if (uname(&u) != 0)
		memset(&u, 0, sizeof u);
	fprintf(fp, "Run of %s: respmap %s; %ld CPUs (%s), %ld MB RAM, "
	    "%s %s.\n\n", date, PACKAGE_VERSION, sysconf(_SC_NPROCESSORS_ONLN),
	    cpu, ram_mb(), u.sysname, u.release);
	print_table(fp, true);
	fclose(fp);
	free(cpu);
}

/* ---------------------------------------------------------------- main */

static void
usage(void)
{
	fprintf(stderr, "usage: bench --respmap PATH --floor-curses PATH "
	    "--floor-csv PATH --data DIR [--md FILE] [--quick]\n"
	    "             [--only frame|keys|load|search]...\n"
	    "Paths of programs must be absolute. DIR holds the data sets "
	    "10k, 100k and 1m (bench/gen.sh).\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	bool only = false;
	int i;

	opt.frame_runs = 20;
	opt.load_runs[0] = 15;
	opt.load_runs[1] = 15;
	opt.load_runs[2] = 7;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--quick") == 0) {
			opt.frame_runs = 5;
			opt.load_runs[0] = opt.load_runs[1] = 3;
			opt.load_runs[2] = 1;
			continue;
		}
		if (v == NULL)
			usage();
		if (strcmp(a, "--respmap") == 0)
			opt.respmap = v;
		else if (strcmp(a, "--floor-curses") == 0)
			opt.floor_curses = v;
		else if (strcmp(a, "--floor-csv") == 0)
			opt.floor_csv = v;
		else if (strcmp(a, "--data") == 0)
			opt.data = v;
		else if (strcmp(a, "--md") == 0)
			opt.md = v;
		else if (strcmp(a, "--only") == 0) {
			only = true;
			opt.do_frame |= strcmp(v, "frame") == 0;
			opt.do_keys |= strcmp(v, "keys") == 0;
			opt.do_load |= strcmp(v, "load") == 0;
			opt.do_search |= strcmp(v, "search") == 0;
		} else
			usage();
		i++;
	}
	if (opt.respmap == NULL || opt.floor_curses == NULL ||
	    opt.floor_csv == NULL || opt.data == NULL ||
	    opt.respmap[0] != '/' || opt.floor_curses[0] != '/')
		usage();
	if (!only)
		opt.do_frame = opt.do_keys = opt.do_load = opt.do_search = true;
	/* The machine's locale must not change what the browser model
	 * beside the program does: both run in C.UTF-8. */
	setenv("LC_ALL", "C.UTF-8", 1);

	/* Loading first, while this process is small: a child's ru_maxrss
	 * counts the copy of this process it was until its exec. */
	if (opt.do_load) {
		note("bench: loading...");
		section = SEC_LOAD;
		bench_load();
		bench_hostile();
	}
	if (opt.do_frame) {
		note("bench: time to first frame...");
		section = SEC_FRAME;
		bench_frame();
	}
	if (opt.do_keys) {
		note("bench: key latency...");
		section = SEC_KEYS;
		bench_keys();
	}
	if (opt.do_search) {
		note("bench: search...");
		section = SEC_SEARCH;
		bench_search();
	}
	sort_table();
	printf("\n");
	print_table(stdout, false);
	if (opt.md != NULL)
		write_md(opt.md);
	/* A target not met is a finding, not a failure of the run. */
	for (i = 0, only = false; (size_t)i < ntable; i++)
		if (table[i].met == 0) {
			if (!only)
				printf("\nTargets not met:");
			printf(" %s%s", only ? "; " : "", table[i].metric);
			only = true;
		}
	printf(only ? "\n" : "\nEvery target met.\n");
	return 0;
}
