/*
 * A libFuzzer target for the whole loading path: bytes in, a validated
 * model (or a list of problems) out, through load_files() as the built-in
 * data set takes it, and through load_dir() as --data does. The loader
 * reads files an author wrote by hand, and the same code is meant to take
 * a data set from anyone, so no input may crash it, leak, hang or trip a
 * sanitizer.
 *
 * Input format: one input is a whole data set, so that the fuzzer can
 * reach the checks that span tables (references, the matrix, cycles).
 * The input is cut at separator lines: lines that start with "%%" (at the
 * start of the input or after an LF), up to and including their LF. The
 * bytes before the first separator, if any, are dataset.csv; each
 * separator starts the next table, in the order
 *
 *	dataset.csv sources.csv topics.csv items.csv layers.csv matrix.csv
 *
 * or table d % 6 when a digit d follows the "%%" ("%%4" starts
 * layers.csv). The rest of a separator line is a comment. A table not
 * named is absent; one named twice counts the first time (as the loader
 * takes the first file of a name); parts past the sixth, and parts with
 * no table left, are dropped. A table before a separator keeps its own
 * last line end, so every table but the last ends in LF; put a table last
 * (with a digit) to end it otherwise.
 *
 * Invariants, each a call to abort() with a message on stderr:
 *  - feeding libcsv the tables in pieces of a few bytes (chunk 1 to 7,
 *    from the input's size) gives the same problems (each file, line,
 *    column and message, so the same diags_join text the user reads) and
 *    the same model as feeding it whole lines;
 *  - the same tables written to a directory and read by load_dir give the
 *    same again: that path reads its own copy of the bytes and may work
 *    in it (fields kept in the file's buffer), which the in-memory path
 *    cannot do;
 *  - a model comes back exactly when no problem was reported;
 *  - a problem's position is "no position" (0:0) or a line and column
 *    within its file;
 *  - in a model, every reference is resolved and every id, alias, layer
 *    and matrix column is found again by the lookups the views use.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_load.h"
#include "load.h"
#include "model.h"
#include "xalloc.h"

#define NTABLES	6

static const char *const table_names[NTABLES] = {
	"dataset.csv", "sources.csv", "topics.csv", "items.csv",
	"layers.csv", "matrix.csv"
};

struct input {
	struct load_file	files[NTABLES];
	size_t			nfiles;
};

/* What one load gave, as text, so that two loads compare with strcmp and
 * a difference can be shown. The problems are listed raw: diags_join
 * would give the same text from the same list, and sanitising every
 * message for the screen was half the time of a run; it is run once an
 * input instead, for its own sake. */
struct result {
	char	*diags;
	char	*model;
	bool	 loaded;
};

struct text {
	char	*s;
	size_t	 len, cap;
};

static _Noreturn void fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static _Noreturn void
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz_load: invariant violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void put(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fail("vsnprintf failed");
	t->s = xgrow(t->s, &t->cap, t->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* ------------------------------------------------------------ input */

static void
add_part(struct input *in, size_t table, const uint8_t *p, size_t n)
{
	if (table >= NTABLES || in->nfiles == NTABLES)
		return;
	in->files[in->nfiles].name = table_names[table];
	in->files[in->nfiles].data = p;
	in->files[in->nfiles].len = n;
	in->nfiles++;
}

/* Cut the input into tables; they point into data, which outlives them. */
static void
split(const uint8_t *data, size_t size, struct input *in)
{
	size_t pos = 0, start = 0, table = 0;
	const uint8_t *nl;

	in->nfiles = 0;
	while (pos < size) {
		bool sep = size - pos >= 2 && data[pos] == '%' &&
		    data[pos + 1] == '%';

		if (sep) {
			/* A separator at the very start: no dataset.csv
			 * before it, rather than an empty one. */
			if (pos > 0)
				add_part(in, table, data + start, pos - start);
			if (size - pos >= 3 && data[pos + 2] >= '0' &&
			    data[pos + 2] <= '9')
				table = (size_t)(data[pos + 2] - '0') % NTABLES;
			else if (pos > 0)
				table++;
		}
		nl = memchr(data + pos, '\n', size - pos);
		pos = nl != NULL ? (size_t)(nl - data) + 1 : size;
		if (sep)
			start = pos;
	}
	add_part(in, table, data + start, size - start);
}

/* -------------------------------------------------------- directory */

/* The directory the tables are written to for load_dir, made once for the
 * process and removed at exit. Its path is the label of the in-memory
 * loads too, so that the problems of both read the same. */
static char *scratch;

static void
remove_scratch(void)
{
	size_t i;
	char *path;

	for (i = 0; i < NTABLES; i++) {
		path = xasprintf("%s/%s", scratch, table_names[i]);
		(void)unlink(path);
		free(path);
	}
	(void)rmdir(scratch);
	free(scratch);
	scratch = NULL;
}

static const char *
scratch_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (scratch != NULL)
		return scratch;
	scratch = xasprintf("%s/respmap-fuzz-XXXXXX", tmp != NULL &&
	    *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(scratch) == NULL)
		fail("cannot make a directory %s: %s", scratch,
		    strerror(errno));
	atexit(remove_scratch);
	return scratch;
}

/* Leave in the directory just the tables of the input, as load_files
 * sees them: the first of each name. */
static void
write_tables(const struct input *in)
{
	size_t i, j, done;
	char *path;
	int fd;
	ssize_t w;

	for (i = 0; i < NTABLES; i++) {
		path = xasprintf("%s/%s", scratch, table_names[i]);
		(void)unlink(path);
		free(path);
	}
	for (i = 0; i < in->nfiles; i++) {
		for (j = 0; j < i; j++)
			if (in->files[j].name == in->files[i].name)
				break;
		if (j < i)
			continue;
		path = xasprintf("%s/%s", scratch, in->files[i].name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			fail("cannot write %s: %s", path, strerror(errno));
		for (done = 0; done < in->files[i].len; done += (size_t)w) {
			w = write(fd, in->files[i].data + done,
			    in->files[i].len - done);
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w <= 0)
				fail("cannot write %s: %s", path,
				    strerror(errno));
		}
		if (close(fd) != 0)
			fail("cannot write %s: %s", path, strerror(errno));
		free(path);
	}
}

/* ------------------------------------------------------- invariants */

/* The table a problem was reported in, or NULL. */
static const struct load_file *
file_of(const struct input *in, const char *path)
{
	size_t i, n = strlen(scratch);

	if (strncmp(path, scratch, n) != 0 || path[n] != '/')
		return NULL;
	for (i = 0; i < in->nfiles; i++)
		if (strcmp(in->files[i].name, path + n + 1) == 0)
			return &in->files[i];
	return NULL;
}

/* Every position lies within its file: at most one past the last line
 * (an unclosed quote at the very end) and one past a line's last byte (a
 * missing field); columns count characters, so bytes bound them. */
static void
check_positions(const struct input *in, const struct diags *d)
{
	size_t i, line, p, end;
	const struct load_file *f;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if ((g->line == 0) != (g->col == 0))
			fail("%s:%zu:%zu: a line without a column, or a "
			    "column without a line", g->file, g->line, g->col);
		if (g->line == 0)
			continue;
		if ((f = file_of(in, g->file)) == NULL)
			fail("%s:%zu:%zu: a position in a file that is not "
			    "there", g->file, g->line, g->col);
		for (p = 0, line = 1; line < g->line && p < f->len; p++)
			if (f->data[p] == '\n')
				line++;
		if (line < g->line)
			fail("%s:%zu:%zu: past the file's last line (%zu)",
			    g->file, g->line, g->col, line);
		for (end = p; end < f->len && f->data[end] != '\n'; end++)
			;
		if (g->col > end - p + 1)
			fail("%s:%zu:%zu: past the end of the line (%zu bytes)",
			    g->file, g->line, g->col, end - p);
	}
}

/* A loaded model is whole: what the loader checked is really there, and
 * the lookups of the views find every record again. */
static void
check_model(const struct model *m)
{
	size_t i, j;

	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *t = m->topics[i];

		if (t->index != i || t->source == NULL)
			fail("topic '%s': wrong index or no source", t->id);
		if (model_find_topic(m, t->id) != t)
			fail("topic '%s' is not found by its id", t->id);
		for (j = 0; j < t->naliases; j++)
			if (model_find_topic(m, t->aliases[j]) != t)
				fail("alias '%s' does not find topic '%s'",
				    t->aliases[j], t->id);
	}
	for (i = 0; i < m->nitems; i++) {
		const struct model_item *it = m->items[i];

		if (it->index != i || it->topic == NULL || it->source == NULL)
			fail("item '%s': wrong index, no topic or no source",
			    it->id);
		if (model_find_item(m, it->id) != it)
			fail("item '%s' is not found by its id", it->id);
	}
	for (i = 0; i < m->nsources; i++)
		if (model_find_source(m, m->sources[i]->id) != m->sources[i])
			fail("source '%s' is not found by its id",
			    m->sources[i]->id);
	for (i = 0; i < m->nlayers; i++) {
		if (model_find_layer(m, m->layers[i]->id) != m->layers[i])
			fail("layer '%s' is not found by its id",
			    m->layers[i]->id);
		for (j = 0; j < m->ncolumns; j++)
			if (!model_cell(m, i, j)->set)
				fail("cell %zu,%zu of the matrix is not set",
				    i, j);
	}
	for (j = 0; j < m->ncolumns; j++)
		if (model_column_index(m, m->columns[j]) != (long)j)
			fail("matrix column %zu is not found again", j);
}

/* The model as text: its counts, then what a view shows of each record,
 * in order. */
static char *
describe(const struct model *m)
{
	struct text t = { NULL, 0, 0 };
	size_t i, j;

	if (m == NULL) {
		put(&t, "no model\n");
		return t.s;
	}
	put(&t, "%zu topics, %zu items, %zu sources, %zu layers, "
	    "%zu columns\n", m->ntopics, m->nitems, m->nsources, m->nlayers,
	    m->ncolumns);
	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *tp = m->topics[i];

		put(&t, "topic %s (%s) layout %d, %zu parents, %zu aliases\n",
		    tp->id, tp->title, (int)tp->layout, tp->nparents,
		    tp->naliases);
	}
	for (i = 0; i < m->nitems; i++) {
		const struct model_item *it = m->items[i];

		put(&t, "item %s of %s, party %d: %s\n", it->id, it->topic->id,
		    (int)it->party, it->text);
	}
	for (i = 0; i < m->nlayers; i++)
		for (j = 0; j < m->ncolumns; j++)
			put(&t, "cell %zu,%zu party %d, %zu cites\n", i, j,
			    (int)model_cell(m, i, j)->party,
			    model_cell(m, i, j)->ncites);
	return t.s;
}

/* ------------------------------------------------------------- runs */

/* Every problem, one a line, as reported (not yet made safe to show). */
static char *
list_diags(const struct diags *d)
{
	struct text t = { NULL, 0, 0 };
	size_t i;

	put(&t, "%zu problems, %zu kept\n", d->total, d->n);
	for (i = 0; i < d->n; i++)
		put(&t, "%s:%zu:%zu: %s\n", d->v[i].file, d->v[i].line,
		    d->v[i].col, d->v[i].msg);
	return t.s;
}

/* Load the input's tables: from memory with the given chunk, or, with
 * from_dir, from the scratch directory they were written to. join: also
 * make the text of the problems as the user would read it. */
static void
run(const struct input *in, size_t chunk, bool from_dir, bool join,
    struct result *res)
{
	struct load_opts o;
	struct diags d;
	struct model *m;

	/* Small limits keep a run to a fraction of a millisecond; the real
	 * data set (36 KiB, fields under 400 bytes) still loads. */
	load_opts_default(&o);
	o.max_file = 48u * 1024;
	o.max_field = 1024;
	o.max_problems = 8;
	o.max_depth = 12;
	o.max_tree = 2000;
	o.chunk = chunk;
	diags_init(&d, o.max_problems);
	if (from_dir)
		m = load_dir(scratch, &o, &d);
	else
		m = load_files(in->files, in->nfiles, scratch, &o, &d);
	if ((m != NULL) != (d.n == 0))
		fail("%s with %zu problems", m != NULL ? "a model" :
		    "no model", d.n);
	check_positions(in, &d);
	if (m != NULL)
		check_model(m);
	res->diags = list_diags(&d);
	if (join)
		free(diags_join(&d));
	res->model = describe(m);
	res->loaded = m != NULL;
	model_free(m);
	diags_free(&d);
}

static void
result_free(struct result *res)
{
	free(res->diags);
	free(res->model);
}

/* Two loads must agree; what is the name of the second. */
static void
same(const struct result *a, const struct result *b, const char *what)
{
	if (strcmp(a->diags, b->diags) != 0)
		fail("the problems differ %s:\n--- in memory, whole lines\n"
		    "%s--- %s\n%s", what, a->diags, what, b->diags);
	if (strcmp(a->model, b->model) != 0)
		fail("the model differs %s:\n--- in memory, whole lines\n"
		    "%s--- %s\n%s", what, a->model, what, b->model);
}

int
fuzz_load_one(const uint8_t *data, size_t size)
{
	struct input in;
	struct result whole, pieces, dir;
	size_t chunk = 1 + size % 7;
	char what[32];
	int loaded;

	(void)scratch_dir();
	split(data, size, &in);
	run(&in, 0, false, true, &whole);
	run(&in, chunk, false, false, &pieces);
	snprintf(what, sizeof what, "with chunk %zu", chunk);
	same(&whole, &pieces, what);
	write_tables(&in);
	run(&in, 0, true, false, &dir);
	same(&whole, &dir, "from a directory");
	loaded = whole.loaded;
	result_free(&whole);
	result_free(&pieces);
	result_free(&dir);
	return loaded;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fuzz_load_one(data, size);
	return 0;
}
