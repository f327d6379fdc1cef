/*
 * The loader: each table is described by its columns (which exist, which
 * are required) and a row handler that checks and stores one row. Tables
 * are read in dependency order, so a row's references can be checked while
 * its file is still in memory and its positions can be reported; the few
 * references that may point forward (a topic's parents) are checked at the
 * end of their file.
 *
 * Nothing here stops at the first problem: every problem of every file is
 * collected (up to a limit per file), and a data set with any problem gives
 * no model at all, so a view never meets half-checked data.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "csvread.h"
#include "i18n.h"
#include "load.h"
#include "text.h"
#include "xalloc.h"

#define MAX_COLUMNS	16

struct column {
	const char	*name;
	bool		 required;	/* the column must exist, and be filled */
};

struct loader;

struct table {
	const char		*file;
	bool			 optional;	/* the file may be absent */
	const struct column	*cols;
	bool			(*row)(struct loader *, const struct csvread_row *);
	void			(*end)(struct loader *);
	/* The model takes the file's bytes and the rows' strings stay in
	 * them (csvread_parse_keep), when the bytes are the loader's own:
	 * for items.csv, the bulk of a large data set, which is then in
	 * memory once. Not for a table whose problems are placed after its
	 * last row (topics.csv), which needs its bytes as they were. */
	bool			 keep;
};

/* A reference that may point forward, checked at the end of its file. */
struct pending {
	struct model_topic	*topic;
	size_t			 offset, line;	/* the row */
	size_t			 field;
	bool			 inherits;
	char			*names;
};

struct loader {
	struct model		*m;
	struct diags		*d;
	const struct load_opts	*o;
	const struct table	*t;
	const char		*buf;
	size_t			 len;
	const char		*path;		/* the file, as shown */

	int			 map[MAX_COLUMNS];	/* column -> field */
	size_t			 nheader;
	bool			 header_ok;
	/* The last topic and source a row referred to: rows of a topic
	 * mostly come together and cite the same source, and a string
	 * comparison is cheaper than a lookup. */
	struct model_topic	*last_topic;
	const struct model_source *last_source;
	/* The item id read last (see item_id_read) and its hash, worked
	 * out once for the prefetch and the map. */
	size_t			 id_len, id_row;
	uint64_t		 id_hash;

	bool			 have_sources, have_topics, have_items;
	bool			 have_layers;
	bool			 meta_seen[8];
	size_t			 meta_line[8];

	size_t			*source_line;	/* by source index */
	size_t			 cap_source_line;
	size_t			*topic_line;	/* by topic index */
	size_t			 cap_topic_line;
	size_t			*item_line;
	size_t			 cap_item_line;
	size_t			*layer_line;
	size_t			 cap_layer_line;
	struct pending		*pend;
	size_t			 npend, cap_pend;
	size_t			 inherits_field;

	struct model_topic	**cols;		/* matrix columns so far */
	size_t			 ncols, cap_cols;
	size_t			*col_of;	/* by topic: column + 1 */
	struct cellset {
		struct cell_slot {
			size_t	 layer, topic;	/* indexes */
			size_t	 row;	/* in mrows, + 1; 0: free */
		}	*slot;
		size_t	 cap, n;
	}			 cells;		/* the cells so far */
	struct matrix_row {
		struct model_layer	*layer;
		struct model_topic	*topic;
		enum model_party	 party;
		struct model_item	**cites;
		size_t			 ncites;
		const char		*note;
		size_t			 line;
	}			*mrows;
	size_t			 nmrows, cap_mrows;
};

void
load_opts_default(struct load_opts *o)
{
	o->max_file = 256u * 1024 * 1024;
	o->max_field = 64u * 1024;
	o->max_problems = 50;
	o->max_depth = 32;
	o->max_tree = 100000;
	o->chunk = 0;
}

/* ------------------------------------------------------------ fields */

/* The value of column c as a string of the model: the field itself when
 * the reader keeps the file's fields, else a copy. */
static const char *
keep_field(struct loader *l, const struct csvread_row *row, size_t c)
{
	int k = l->map[c];

	if (k < 0 || (size_t)k >= row->nkept)
		return "";
	if (row->kept != NULL)
		return row->kept[k];
	return model_strdup(l->m, row->fields[k]);
}

/* The value of column c in a row ("" when the column is absent). */
static const char *
F(struct loader *l, const struct csvread_row *row, size_t c)
{
	int k = l->map[c];

	if (k < 0 || (size_t)k >= row->nkept)
		return "";
	return row->fields[k];
}

static size_t
field_of(struct loader *l, size_t c)
{
	return l->map[c] >= 0 ? (size_t)l->map[c] : 0;
}

static void
error_at(struct loader *l, const struct csvread_row *row, size_t c,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
error_at(struct loader *l, const struct csvread_row *row, size_t c,
    const char *fmt, ...)
{
	size_t line = 0, col = 0;
	va_list ap;

	/* Past the limit a problem is only counted: a hostile file may have
	 * millions, and each position is a scan of its row. */
	if (!diags_full(l->d))
		csvread_field_pos(row, field_of(l, c), &line, &col);
	va_start(ap, fmt);
	diags_addv(l->d, line, col, fmt, ap);
	va_end(ap);
}

static bool
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == '.';
}

static bool
valid_id(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 0; i < n; i++)
		if (!id_char(s[i]))
			return false;
	return true;
}

/* Check an id field; reports and returns false when it is not one. what
 * is untranslated (N_): it is translated only when there is a problem, as
 * a gettext call a row is a measurable cost on a million rows. */
static bool
check_id(struct loader *l, const struct csvread_row *row, size_t c,
    const char *what)
{
	const char *s = F(l, row, c);

	if (*s == '\0')
		return false;	/* reported as an empty required field */
	if (!valid_id(s, strlen(s))) {
		error_at(l, row, c, _("invalid %s '%.40s': use 1 to 64 "
		    "lower-case letters, digits, '-', '_' or '.', starting "
		    "with a letter or a digit"), _(what), s);
		return false;
	}
	return true;
}

/* Calls fn for each space-separated word of s. */
static void
each_word(const char *s, void (*fn)(void *, const char *, size_t), void *ctx)
{
	const char *p = s, *w;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		fn(ctx, w, (size_t)(p - w));
	}
}

static const char *
party_list(void)
{
	return "provider, customer, shared";
}

/* Remember the line a record was defined on, to point back at it. */
static void
note_line(size_t **lines, size_t *cap, size_t index, size_t line)
{
	*lines = xgrow(*lines, cap, index + 1, sizeof **lines);
	(*lines)[index] = line;
}

/* ------------------------------------------------------------ header */

static bool
read_header(struct loader *l, const struct csvread_row *row)
{
	const struct column *c;
	size_t i, j, ncols = 0;
	char expected[256];
	/* More columns than a row keeps: the rest are never read. */
	bool cut = row->nkept < row->nfields;

	for (c = l->t->cols; c->name != NULL; c++)
		ncols++;
	for (i = 0; i < ncols; i++)
		l->map[i] = -1;
	l->nheader = row->nfields;
	expected[0] = '\0';
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			strncat(expected, ", ", sizeof expected -
			    strlen(expected) - 1);
		strncat(expected, l->t->cols[i].name, sizeof expected -
		    strlen(expected) - 1);
	}
	l->header_ok = true;
	/* The fields past the kept ones are never read, so they can be
	 * neither checked nor counted one by one: one problem for them all,
	 * first, as it is the one to fix first (else it comes after a
	 * thousand unknown columns, past the limit of problems shown). */
	if (cut) {
		csvread_error(row, row->nkept, _("the header has %zu columns; "
		    "only the first %zu are read (the columns of %s are: %s)"),
		    row->nfields, row->nkept, l->t->file, expected);
		l->header_ok = false;
	}
	for (j = 0; j < row->nkept; j++) {
		for (i = 0; i < ncols; i++)
			if (strcmp(row->fields[j], l->t->cols[i].name) == 0)
				break;
		if (i == ncols) {
			csvread_error(row, j, _("unknown column '%.40s' "
			    "(the columns of %s are: %s)"), row->fields[j],
			    l->t->file, expected);
			l->header_ok = false;
		} else if (l->map[i] >= 0) {
			csvread_error(row, j, _("column '%s' appears twice"),
			    l->t->cols[i].name);
			l->header_ok = false;
		} else
			l->map[i] = (int)j;
	}
	if (cut)
		return false;	/* a "missing" column may be among the unread */
	for (i = 0; i < ncols; i++) {
		if (l->t->cols[i].required && l->map[i] < 0) {
			diags_add(l->d, row->line, 1, _("missing column '%s' "
			    "(the columns of %s are: %s)"),
			    l->t->cols[i].name, l->t->file, expected);
			l->header_ok = false;
		}
	}
	return l->header_ok;
}

/* The columns of items.csv, which the row handler below reads early. */
enum { IT_ID, IT_TOPIC, IT_PARTY, IT_GROUP, IT_LABEL, IT_TEXT, IT_SOURCE };
static bool item_row(struct loader *l, const struct csvread_row *row);

/* Room for n items, in the model and in the lines noted for them. */
static void
reserve_items(struct loader *l, size_t n)
{
	model_reserve_items(l->m, n);
	if (n > l->cap_item_line) {
		l->item_line = xreallocarray(l->item_line, n,
		    sizeof *l->item_line);
		l->cap_item_line = n;
	}
}

static bool
on_row(void *ctx, const struct csvread_row *row)
{
	struct loader *l = ctx;
	const struct column *c;
	size_t i;
	bool ok = true;

	if (row->index == 0) {
		/* A map of a million item ids would otherwise be rehashed
		 * on the way, each time a cache miss a key, and the arrays
		 * of items copied as they grow. A row of items is seldom
		 * under 16 bytes, so a file of blank lines reserves no more
		 * than a sixteenth of its size; where the guess falls short,
		 * the arrays grow as they would have. */
		if (l->t->row != item_row)
			return read_header(l, row);
		reserve_items(l, row->file_lines < l->len / 16 ?
		    row->file_lines : l->len / 16);
		ok = read_header(l, row);
		/* item_id_read wants the id of each row, nothing else. */
		if (l->map[IT_ID] >= 0)
			csvread_watch_field(row->reader,
			    (size_t)l->map[IT_ID]);
		return ok;
	}
	if (row->nfields != l->nheader) {
		csvread_error(row, row->nfields < l->nheader ? row->nfields :
		    l->nheader, _("this row has %zu fields, the header has "
		    "%zu"), row->nfields, l->nheader);
		return true;
	}
	for (c = l->t->cols, i = 0; c->name != NULL; c++, i++) {
		if (c->required && *F(l, row, i) == '\0') {
			error_at(l, row, i, _("empty %s (this column is "
			    "required)"), c->name);
			ok = false;
		}
	}
	if (ok)
		l->t->row(l, row);
	return true;
}

/* ---------------------------------------------------------- dataset */

enum { DS_KEY, DS_VALUE };
static const struct column dataset_cols[] = {
	{ "key", true }, { "value", true }, { NULL, false }
};

static const struct meta_key {
	const char	*key;
	bool		 required;
} meta_keys[] = {
	{ "name", true }, { "provider", true }, { "provider_heading", true },
	{ "customer", true }, { "customer_heading", true },
	{ "description", false }, { "version", false },
};
#define NMETA (sizeof meta_keys / sizeof *meta_keys)

/* The field of meta that meta_keys[i] sets. Pointers to the members, not
 * offsets: storing through a char pointer plus an offset needs a cast that
 * raises the alignment (clang's -Wcast-align), and this way the compiler
 * checks every type. */
static const char **
meta_field(struct model_meta *meta, size_t i)
{
	const char **fields[] = {
		&meta->name, &meta->provider, &meta->provider_heading,
		&meta->customer, &meta->customer_heading, &meta->description,
		&meta->version,
	};

	_Static_assert(sizeof fields / sizeof *fields == NMETA,
	    "one field for each of meta_keys");
	return fields[i];
}

static bool
dataset_row(struct loader *l, const struct csvread_row *row)
{
	const char *key = F(l, row, DS_KEY);
	size_t i;

	for (i = 0; i < NMETA; i++)
		if (strcmp(key, meta_keys[i].key) == 0)
			break;
	if (i == NMETA) {
		error_at(l, row, DS_KEY, _("unknown key '%.40s' (the keys "
		    "are: name, provider, provider_heading, customer, "
		    "customer_heading, description, version)"), key);
		return false;
	}
	if (l->meta_seen[i]) {
		error_at(l, row, DS_KEY, _("key '%s' is set twice (first at "
		    "line %zu)"), key, l->meta_line[i]);
		return false;
	}
	l->meta_seen[i] = true;
	l->meta_line[i] = row->line;
	*meta_field(&l->m->meta, i) = model_strdup(l->m, F(l, row, DS_VALUE));
	return true;
}

static void
dataset_end(struct loader *l)
{
	size_t i;

	if (!l->header_ok)
		return;
	for (i = 0; i < NMETA; i++)
		if (meta_keys[i].required && !l->meta_seen[i])
			diags_add(l->d, 0, 0, _("missing key '%s'"),
			    meta_keys[i].key);
}

/* ---------------------------------------------------------- sources */

enum { SRC_ID, SRC_TITLE, SRC_LOCATION };
static const struct column source_cols[] = {
	{ "id", true }, { "title", true }, { "location", false },
	{ NULL, false }
};

static bool
source_row(struct loader *l, const struct csvread_row *row)
{
	struct model_source *s;
	const void *prev;

	if (!check_id(l, row, SRC_ID, N_("source id")))
		return false;
	s = model_add_source(l->m, F(l, row, SRC_ID), &prev);
	if (s == NULL) {
		const struct model_source *o = prev;

		error_at(l, row, SRC_ID, _("duplicate source id '%s' (first "
		    "defined at line %zu)"), F(l, row, SRC_ID),
		    l->source_line[o->index]);
		return false;
	}
	note_line(&l->source_line, &l->cap_source_line, l->m->nsources - 1,
	    row->line);
	s->title = model_strdup(l->m, F(l, row, SRC_TITLE));
	s->location = model_strdup(l->m, F(l, row, SRC_LOCATION));
	return true;
}

/* Resolve a source reference; reported when unknown. */
static const struct model_source *
source_ref(struct loader *l, const struct csvread_row *row, size_t c)
{
	const char *id = F(l, row, c);
	const struct model_source *s;

	if (l->last_source != NULL && strcmp(l->last_source->id, id) == 0)
		return l->last_source;
	s = model_find_source(l->m, id);
	if (s != NULL)
		l->last_source = s;
	if (s == NULL && l->have_sources)
		error_at(l, row, c, _("unknown source '%.40s' (not in "
		    "sources.csv)"), id);
	return s;
}

/* ----------------------------------------------------------- topics */

enum { TOP_ID, TOP_PARENT, TOP_TITLE, TOP_SHORT, TOP_ALIASES, TOP_LAYOUT,
	TOP_INHERITS, TOP_SUMMARY, TOP_SOURCE };
static const struct column topic_cols[] = {
	{ "id", true }, { "parent", false }, { "title", true },
	{ "short", false },
	{ "aliases", false }, { "layout", false }, { "inherits", false },
	{ "summary", false }, { "source", true }, { NULL, false }
};

struct alias_ctx {
	struct loader			*l;
	const struct csvread_row	*row;
	struct model_topic		*t;
};

static void
add_alias(void *vctx, const char *w, size_t n)
{
	struct alias_ctx *a = vctx;
	const struct model_topic *holder = NULL;
	char buf[80];

	if (!valid_id(w, n)) {
		error_at(a->l, a->row, TOP_ALIASES, _("invalid alias '%.*s': "
		    "use lower-case letters, digits, '-', '_' or '.'"),
		    (int)(n > 40 ? 40 : n), w);
		return;
	}
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (!model_add_alias(a->l->m, a->t, buf, &holder))
		error_at(a->l, a->row, TOP_ALIASES, _("alias '%s' is already "
		    "the name of topic '%s'"), buf, holder->id);
}

static void
pend(struct loader *l, const struct csvread_row *row, struct model_topic *t,
    size_t c, bool inherits)
{
	struct pending *p;

	l->pend = xgrow(l->pend, &l->cap_pend, l->npend + 1, sizeof *l->pend);
	p = &l->pend[l->npend++];
	p->topic = t;
	p->offset = row->offset;
	p->line = row->line;
	p->field = field_of(l, c);
	p->inherits = inherits;
	p->names = xstrdup(F(l, row, c));
}

static bool
topic_row(struct loader *l, const struct csvread_row *row)
{
	struct model_topic *t;
	const void *prev;
	struct alias_ctx a;
	const char *layout = F(l, row, TOP_LAYOUT);

	if (!check_id(l, row, TOP_ID, N_("topic id")))
		return false;
	t = model_add_topic(l->m, F(l, row, TOP_ID), &prev);
	if (t == NULL) {
		const struct model_topic *o = prev;

		if (strcmp(o->id, F(l, row, TOP_ID)) == 0)
			error_at(l, row, TOP_ID, _("duplicate topic id '%s' "
			    "(first defined at line %zu)"), o->id,
			    l->topic_line[o->index]);
		else
			error_at(l, row, TOP_ID, _("topic id '%s' is already "
			    "an alias of topic '%s'"), F(l, row, TOP_ID),
			    o->id);
		return false;
	}
	note_line(&l->topic_line, &l->cap_topic_line, t->index, row->line);
	t->title = model_strdup(l->m, F(l, row, TOP_TITLE));
	t->short_title = model_strdup(l->m, F(l, row, TOP_SHORT));
	t->summary = model_strdup(l->m, F(l, row, TOP_SUMMARY));
	t->source = source_ref(l, row, TOP_SOURCE);
	if (!model_layout_parse(layout, &t->layout))
		error_at(l, row, TOP_LAYOUT, _("invalid layout '%.40s' "
		    "(expected columns, list, myth or matrix)"), layout);
	a.l = l;
	a.row = row;
	a.t = t;
	each_word(F(l, row, TOP_ALIASES), add_alias, &a);
	if (*F(l, row, TOP_PARENT) != '\0')
		pend(l, row, t, TOP_PARENT, false);
	if (*F(l, row, TOP_INHERITS) != '\0')
		pend(l, row, t, TOP_INHERITS, true);
	return true;
}

struct parent_ctx {
	struct loader		*l;
	const struct pending	*p;
	bool			 inherits;
	size_t			 count;
	/* mark[topic index] == stamp: the topic is a parent already. A
	 * scan of the parents so far would be quadratic in a field that
	 * lists thousands. */
	size_t			*mark;
	size_t			 stamp;
};

static void
pending_error(struct loader *l, const struct pending *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
pending_error(struct loader *l, const struct pending *p, const char *fmt, ...)
{
	size_t line = 0, col = 0;
	va_list ap;

	if (!diags_full(l->d))
		csvread_locate(l->buf, l->len, p->offset, p->line, p->field,
		    &line, &col);
	va_start(ap, fmt);
	diags_addv(l->d, line, col, fmt, ap);
	va_end(ap);
}

static void
add_parent(void *vctx, const char *w, size_t n)
{
	struct parent_ctx *pc = vctx;
	struct model_topic *t = pc->p->topic, *p;
	char buf[80];

	pc->count++;
	if (n >= sizeof buf || !valid_id(w, n)) {
		pending_error(pc->l, pc->p, _("invalid topic id '%.*s'"),
		    (int)(n > 40 ? 40 : n), w);
		return;
	}
	memcpy(buf, w, n);
	buf[n] = '\0';
	p = strmap_get(&pc->l->m->names, buf);
	if (p == NULL || strcmp(p->id, buf) != 0) {
		pending_error(pc->l, pc->p, _("unknown topic '%s'%s"), buf,
		    pc->inherits ? _(" in inherits") : _(" in parent"));
		return;
	}
	if (pc->inherits) {
		if (pc->count > 1)
			pending_error(pc->l, pc->p, _("a topic inherits from "
			    "one topic only"));
		else if (p == t)
			pending_error(pc->l, pc->p, _("topic '%s' inherits "
			    "from itself"), t->id);
		else
			t->inherits = p;
		return;
	}
	if (pc->mark[p->index] == pc->stamp) {
		pending_error(pc->l, pc->p, _("parent '%s' is listed twice"),
		    buf);
		return;
	}
	pc->mark[p->index] = pc->stamp;
	model_topic_add_parent(pc->l->m, t, p);
}

/* A topic on check_cycles's stack, and the next of its parents to visit. */
struct cycle_frame {
	struct model_topic	*t;
	size_t			 next;
};

/* Bytes of topic ids a cycle's message names before it counts the rest. */
#define CYCLE_SHOWN 400

/*
 * The cycle stack[k..top] as "a -> b -> c -> a". A hostile ring may hold
 * thousands of topics: past CYCLE_SHOWN bytes the rest are counted, not
 * named ("a -> b -> ... (4998 more)"), so that a long message ends visibly
 * cut, never in the middle of an id.
 */
static char *
cycle_path(const struct cycle_frame *stack, size_t k, size_t top)
{
	char *path = xstrdup(stack[k].t->id), *longer;
	size_t j, left;

	for (j = k + 1; j <= top; j++) {
		if (strlen(path) + strlen(stack[j].t->id) > CYCLE_SHOWN) {
			left = top - j + 1;
			longer = xasprintf(ngettext_("%s -> ... (%zu more)",
			    "%s -> ... (%zu more)", left), path, left);
			free(path);
			return longer;
		}
		longer = xasprintf("%s -> %s", path, stack[j].t->id);
		free(path);
		path = longer;
	}
	longer = xasprintf("%s -> %s", path, stack[k].t->id);
	free(path);
	return longer;
}

/* Report the cycle stack[k..top], found at the link from stack[top] to
 * stack[k], at that link's place in topics.csv. */
static void
report_cycle(struct loader *l, const size_t *pend_of,
    const struct cycle_frame *stack, size_t k, size_t top)
{
	const struct model_topic *t = stack[top].t;
	size_t line = l->topic_line[t->index], col = 1, j;
	char *path;

	if (diags_full(l->d)) {
		/* Not kept: no need for its path or position. */
		diags_count_dropped(l->d, 1);
		return;
	}
	j = pend_of[t->index];
	if (j != SIZE_MAX)
		csvread_locate(l->buf, l->len, l->pend[j].offset,
		    l->pend[j].line, l->pend[j].field, &line, &col);
	path = cycle_path(stack, k, top);
	diags_add(l->d, line, col, _("cycle in the topic tree: %s"), path);
	free(path);
}

/* Find cycles in the parent links without recursion (a hostile tree may be
 * deep), reporting each cycle once, at the topic that closes it. */
static bool
check_cycles(struct loader *l)
{
	struct model *m = l->m;
	size_t n = m->ntopics, i, top;
	unsigned char *state = xcalloc(n, 1);	/* 0 new, 1 open, 2 done */
	struct cycle_frame *stack;
	/* Where an open topic is on the stack, and which pending reference
	 * holds a topic's parents: each found in one step, not by a scan,
	 * as a hostile tree may close thousands of cycles. */
	size_t *pos = xcalloc(n + 1, sizeof *pos);
	size_t *pend_of = xreallocarray(NULL, n + 1, sizeof *pend_of);
	bool ok = true;

	for (i = 0; i < n; i++)
		pend_of[i] = SIZE_MAX;
	for (i = l->npend; i-- > 0;)
		if (!l->pend[i].inherits)
			pend_of[l->pend[i].topic->index] = i;
	stack = xreallocarray(NULL, n + 1, sizeof *stack);
	for (i = 0; i < n; i++) {
		if (state[i] != 0)
			continue;
		top = 0;
		stack[top].t = m->topics[i];
		stack[top].next = 0;
		state[i] = 1;
		pos[i] = 0;
		while (true) {
			struct cycle_frame *f = &stack[top];
			struct model_topic *p;

			if (f->next == f->t->nparents) {
				state[f->t->index] = 2;
				if (top == 0)
					break;
				top--;
				continue;
			}
			p = f->t->parents[f->next++];
			if (state[p->index] == 1) {
				report_cycle(l, pend_of, stack,
				    pos[p->index], top);
				/* Break the link so the rest can be checked. */
				f->t->nparents--;
				memmove(&f->t->parents[f->next - 1],
				    &f->t->parents[f->next],
				    (f->t->nparents - f->next + 1) *
				    sizeof *f->t->parents);
				f->next--;
				ok = false;
			} else if (state[p->index] == 0) {
				state[p->index] = 1;
				top++;
				pos[p->index] = top;
				stack[top].t = p;
				stack[top].next = 0;
			}
		}
	}
	free(stack);
	free(state);
	free(pos);
	free(pend_of);
	return ok;
}

/*
 * Depth and expanded size of the tree (a topic under several parents
 * appears once under each), so no view has to guard against a data set
 * that would take forever to draw. Topics are counted once all their
 * parents are: in passes over the file, each taking every topic whose
 * parents are counted by then, as the problems are reported in that
 * order. The passes are not run one by one, which on a long chain of
 * topics listed child first would take a pass a topic: the pass a topic
 * is counted in follows from its parents' (one later when a parent comes
 * after it in the file), worked out in one walk from the roots down, and
 * the topics are then taken by pass, and in file order within a pass.
 */
static void
check_tree_size(struct loader *l)
{
	struct model *m = l->m;
	size_t n = m->ntopics, i, j, k, total = 0, edges = 0, head = 0;
	size_t tail = 0, maxpass = 0;
	size_t *depth = xcalloc(n + 1, sizeof *depth);
	size_t *count = xcalloc(n + 1, sizeof *count);
	size_t *pass = xcalloc(n + 1, sizeof *pass);
	size_t *left = xcalloc(n + 1, sizeof *left);
	size_t *first = xcalloc(n + 2, sizeof *first);
	size_t *queue = xcalloc(n + 1, sizeof *queue);
	size_t *child, *bucket;

	/* Each topic's children, from the parents, in one array. */
	for (i = 0; i < n; i++) {
		edges += m->topics[i]->nparents;
		for (j = 0; j < m->topics[i]->nparents; j++)
			first[m->topics[i]->parents[j]->index + 1]++;
	}
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	child = xcalloc(edges + 1, sizeof *child);
	for (i = 0; i < n; i++)
		for (j = 0; j < m->topics[i]->nparents; j++) {
			k = m->topics[i]->parents[j]->index;
			child[first[k] + left[k]++] = i;
		}
	/* Passes, parents before children (there is no cycle here). */
	for (i = 0; i < n; i++) {
		left[i] = m->topics[i]->nparents;
		pass[i] = 1;
		if (left[i] == 0)
			queue[tail++] = i;
	}
	while (head < tail) {
		i = queue[head++];
		if (pass[i] > maxpass)
			maxpass = pass[i];
		for (j = first[i]; j < first[i + 1]; j++) {
			k = child[j];
			if (pass[i] + (i > k) > pass[k])
				pass[k] = pass[i] + (i > k);
			if (--left[k] == 0)
				queue[tail++] = k;
		}
	}
	/* By pass, and by index within a pass: a counting sort. */
	bucket = xcalloc(maxpass + 2, sizeof *bucket);
	for (i = 0; i < n; i++)
		bucket[pass[i] + 1]++;
	for (i = 1; i <= maxpass + 1; i++)
		bucket[i] += bucket[i - 1];
	for (i = 0; i < n; i++)
		queue[bucket[pass[i]]++] = i;

	for (head = 0; head < tail; head++) {
		struct model_topic *t;

		i = queue[head];
		t = m->topics[i];
		depth[i] = 1;
		count[i] = t->nparents == 0 ? 1 : 0;
		for (j = 0; j < t->nparents; j++) {
			k = t->parents[j]->index;
			if (depth[k] + 1 > depth[i])
				depth[i] = depth[k] + 1;
			count[i] += count[k];
			if (count[i] > l->o->max_tree)
				count[i] = l->o->max_tree + 1;
		}
		if (depth[i] == l->o->max_depth + 1)
			diags_add(l->d, l->topic_line[i], 1,
			    _("topic '%s' is nested too deeply (more "
			    "than %zu levels)"), t->id,
			    l->o->max_depth);
		total += count[i];
		if (total > l->o->max_tree && total - count[i] <=
		    l->o->max_tree)
			diags_add(l->d, l->topic_line[i], 1,
			    _("the topic tree is too large: with "
			    "topic '%s' it has more than %zu entries"),
			    t->id, l->o->max_tree);
	}
	free(bucket);
	free(child);
	free(queue);
	free(first);
	free(left);
	free(pass);
	free(count);
	free(depth);
}

static void
topics_end(struct loader *l)
{
	struct parent_ctx pc;
	size_t i;

	pc.mark = xcalloc(l->m->ntopics + 1, sizeof *pc.mark);
	for (i = 0; i < l->npend; i++) {
		pc.l = l;
		pc.p = &l->pend[i];
		pc.inherits = l->pend[i].inherits;
		pc.count = 0;
		pc.stamp = i + 1;
		each_word(l->pend[i].names, add_parent, &pc);
	}
	free(pc.mark);
	if (check_cycles(l))
		check_tree_size(l);
	for (i = 0; i < l->npend; i++)
		free(l->pend[i].names);
	free(l->pend);
	l->pend = NULL;
	l->npend = l->cap_pend = 0;
}

/* ------------------------------------------------------------ items */

static const struct column item_cols[] = {
	{ "id", true }, { "topic", true }, { "party", true },
	{ "group", false }, { "label", false }, { "text", true },
	{ "source", true }, { NULL, false }
};

/* Resolve a topic reference by id (not alias: data names things by id). */
static struct model_topic *
topic_ref(struct loader *l, const struct csvread_row *row, size_t c)
{
	const char *id = F(l, row, c);
	struct model_topic *t;

	if (l->last_topic != NULL && strcmp(l->last_topic->id, id) == 0)
		return l->last_topic;
	t = strmap_get(&l->m->names, id);
	if (t != NULL && strcmp(t->id, id) == 0)
		return l->last_topic = t;
	if (l->have_topics)
		error_at(l, row, c, t != NULL ? _("'%.40s' is an alias; "
		    "use the topic id '%s'") : _("unknown topic '%.40s'%s"),
		    id, t != NULL ? t->id : _(" (not in topics.csv)"));
	return NULL;
}

static bool
item_row(struct loader *l, const struct csvread_row *row)
{
	struct model_item *it;
	const void *prev;
	enum model_party party;
	const char *ps = F(l, row, IT_PARTY), *id = F(l, row, IT_ID);
	size_t n;

	if (!check_id(l, row, IT_ID, N_("item id")))
		return false;
	/* The hash item_id_read worked out, when it was of this row's id
	 * (the same bytes, though they may have moved since, as the row
	 * grew: so the row and the length tell, not the address). */
	n = strlen(id);
	if (n != l->id_len || row->index != l->id_row)
		l->id_hash = strmap_hash(id, n);
	/* The model keeps the id where it keeps the row's other strings:
	 * in the file's bytes when they are kept, else a copy. */
	it = model_add_item_kept(l->m, id, l->id_hash, row->kept != NULL ?
	    keep_field(l, row, IT_ID) : NULL, &prev);
	if (it == NULL) {
		const struct model_item *o = prev;

		error_at(l, row, IT_ID, _("duplicate item id '%s' (first "
		    "defined at line %zu)"), o->id, l->item_line[o->index]);
		return false;
	}
	note_line(&l->item_line, &l->cap_item_line, it->index, row->line);
	it->topic = topic_ref(l, row, IT_TOPIC);
	if (!model_party_parse(ps, false, &party))
		error_at(l, row, IT_PARTY, _("invalid party '%.40s' (expected "
		    "%s)"), ps, party_list());
	else
		it->party = party;
	it->group = keep_field(l, row, IT_GROUP);
	it->label = keep_field(l, row, IT_LABEL);
	it->text = keep_field(l, row, IT_TEXT);
	it->source = source_ref(l, row, IT_SOURCE);
	return true;
}

/* ----------------------------------------------------------- layers */

enum { LAY_ID, LAY_TITLE, LAY_SUMMARY, LAY_SOURCE };
static const struct column layer_cols[] = {
	{ "id", true }, { "title", true }, { "summary", false },
	{ "source", true }, { NULL, false }
};

static bool
layer_row(struct loader *l, const struct csvread_row *row)
{
	struct model_layer *ly;
	const void *prev;

	if (!check_id(l, row, LAY_ID, N_("layer id")))
		return false;
	ly = model_add_layer(l->m, F(l, row, LAY_ID), &prev);
	if (ly == NULL) {
		const struct model_layer *o = prev;

		error_at(l, row, LAY_ID, _("duplicate layer id '%s' (first "
		    "defined at line %zu)"), F(l, row, LAY_ID),
		    l->layer_line[o->index]);
		return false;
	}
	note_line(&l->layer_line, &l->cap_layer_line, l->m->nlayers - 1,
	    row->line);
	ly->title = model_strdup(l->m, F(l, row, LAY_TITLE));
	ly->summary = model_strdup(l->m, F(l, row, LAY_SUMMARY));
	ly->source = source_ref(l, row, LAY_SOURCE);
	return true;
}

/* ----------------------------------------------------------- matrix */

enum { MX_LAYER, MX_TOPIC, MX_PARTY, MX_CITES, MX_NOTE };
static const struct column matrix_cols[] = {
	{ "layer", true }, { "topic", true }, { "party", true },
	{ "cites", false }, { "note", false }, { NULL, false }
};

struct cite_ctx {
	struct loader			*l;
	const struct csvread_row	*row;
	struct matrix_row		*mr;
	size_t				 cap;
	size_t				 words;	/* cited, known or not */
};

static void
add_cite(void *vctx, const char *w, size_t n)
{
	struct cite_ctx *c = vctx;
	char buf[80];
	struct model_item *it;

	c->words++;
	if (n >= sizeof buf || !valid_id(w, n)) {
		error_at(c->l, c->row, MX_CITES, _("invalid item id '%.*s'"),
		    (int)(n > 40 ? 40 : n), w);
		return;
	}
	memcpy(buf, w, n);
	buf[n] = '\0';
	it = model_find_item(c->l->m, buf);
	if (it == NULL) {
		if (c->l->have_items)
			error_at(c->l, c->row, MX_CITES, _("unknown item '%s' "
			    "(not in items.csv)"), buf);
		return;
	}
	c->mr->cites = xgrow(c->mr->cites, &c->cap, c->mr->ncites + 1,
	    sizeof *c->mr->cites);
	c->mr->cites[c->mr->ncites++] = it;
}

/*
 * The matrix's cells so far, by layer and topic, so that a second one is
 * found in one step: a scan of the rows so far would make a matrix of a
 * million cells take a million million.
 */
static size_t
cell_hash(size_t layer, size_t topic)
{
	/* splitmix64's finaliser: the indexes are small and close
	 * together, their hash must not be. */
	uint64_t h = (uint64_t)layer * 0x9E3779B97F4A7C15ULL + topic;

	h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
	h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
	return (size_t)(h ^ (h >> 31));
}

static struct cell_slot *
cell_find(const struct cellset *c, size_t layer, size_t topic)
{
	size_t i = cell_hash(layer, topic) & (c->cap - 1);

	while (c->slot[i].row != 0 && (c->slot[i].layer != layer ||
	    c->slot[i].topic != topic))
		i = (i + 1) & (c->cap - 1);
	return &c->slot[i];
}

/* The row (mrows index + 1) of a cell, or 0. */
static size_t
cell_get(const struct cellset *c, size_t layer, size_t topic)
{
	return c->cap == 0 ? 0 : cell_find(c, layer, topic)->row;
}

static void
cell_put(struct cellset *c, size_t layer, size_t topic, size_t row)
{
	struct cellset old = *c;
	struct cell_slot *s;
	size_t i;

	if ((c->n + 1) * 4 > c->cap * 3) {
		c->cap = old.cap ? old.cap * 2 : 64;
		if (c->cap < old.cap)
			xalloc_die();
		c->slot = xcalloc(c->cap, sizeof *c->slot);
		for (i = 0; i < old.cap; i++)
			if (old.slot[i].row != 0)
				*cell_find(c, old.slot[i].layer,
				    old.slot[i].topic) = old.slot[i];
		free(old.slot);
	}
	s = cell_find(c, layer, topic);
	s->layer = layer;
	s->topic = topic;
	s->row = row;
	c->n++;
}

static bool
matrix_row(struct loader *l, const struct csvread_row *row)
{
	struct model_layer *ly;
	struct model_topic *t;
	enum model_party party;
	const char *ps = F(l, row, MX_PARTY);
	struct matrix_row *mr;
	struct cite_ctx cc;
	size_t i;
	bool ok = true;

	ly = model_find_layer(l->m, F(l, row, MX_LAYER));
	if (ly == NULL && l->have_layers) {
		error_at(l, row, MX_LAYER, _("unknown layer '%.40s' (not in "
		    "layers.csv)"), F(l, row, MX_LAYER));
		ok = false;
	}
	t = topic_ref(l, row, MX_TOPIC);
	if (!model_party_parse(ps, true, &party)) {
		error_at(l, row, MX_PARTY, _("invalid party '%.40s' (expected "
		    "%s or unstated)"), ps, party_list());
		ok = false;
	}
	if (ly == NULL || t == NULL || !ok)
		return false;
	if ((i = cell_get(&l->cells, ly->index, t->index)) != 0) {
		error_at(l, row, MX_TOPIC, _("a second cell for layer "
		    "'%s' and topic '%s' (the first is at line %zu)"),
		    ly->id, t->id, l->mrows[i - 1].line);
		return false;
	}
	l->mrows = xgrow(l->mrows, &l->cap_mrows, l->nmrows + 1,
	    sizeof *l->mrows);
	mr = &l->mrows[l->nmrows++];
	cell_put(&l->cells, ly->index, t->index, l->nmrows);
	memset(mr, 0, sizeof *mr);
	mr->layer = ly;
	mr->topic = t;
	mr->party = party;
	mr->note = model_strdup(l->m, F(l, row, MX_NOTE));
	mr->line = row->line;
	cc.l = l;
	cc.row = row;
	cc.mr = mr;
	cc.cap = 0;
	cc.words = 0;
	each_word(F(l, row, MX_CITES), add_cite, &cc);
	/* Only a cell that cites nothing at all: citations that could not
	 * be resolved (a bad id, or items.csv unreadable) are reported as
	 * such, or follow from a problem reported already. */
	if (cc.words == 0 && party != MODEL_UNSTATED)
		error_at(l, row, MX_CITES, _("a cell that names a party must "
		    "cite the items it rests on"));
	/* The topics are all read by now: their number is final. */
	if (l->col_of == NULL)
		l->col_of = xcalloc(l->m->ntopics + 1, sizeof *l->col_of);
	if (l->col_of[t->index] == 0) {
		l->cols = xgrow(l->cols, &l->cap_cols, l->ncols + 1,
		    sizeof *l->cols);
		l->cols[l->ncols++] = t;
		l->col_of[t->index] = l->ncols;
	}
	return true;
}

/* Report the cells no row gave, layer by layer, up to the limit of
 * problems, and count the rest: there may be as many as the square of
 * the rows, and each would only be counted. */
static void
missing_cells(struct loader *l)
{
	struct model *m = l->m;
	size_t j, k, missing, reported = 0;

	if (m->ncolumns != 0 && m->nlayers > SIZE_MAX / m->ncolumns)
		missing = SIZE_MAX;
	else
		missing = m->nlayers * m->ncolumns - l->nmrows;
	for (j = 0; j < m->nlayers && reported < missing; j++)
		for (k = 0; k < m->ncolumns && reported < missing; k++) {
			if (cell_get(&l->cells, j, m->columns[k]->index) != 0)
				continue;
			if (diags_full(l->d)) {
				diags_count_dropped(l->d, missing - reported);
				return;
			}
			diags_add(l->d, 0, 0, _("no cell for layer '%s' "
			    "(layers.csv line %zu) and topic '%s'"),
			    m->layers[j]->id, l->layer_line[j],
			    m->columns[k]->id);
			reported++;
		}
}

static void
matrix_end(struct loader *l)
{
	struct model *m = l->m;
	size_t i, j, k;
	struct model_cell *c;

	/* Every layer has a cell in every column, or the matrix is not
	 * made: it is reported, and its grid, layers by columns, could be
	 * made far larger than the rows by a hostile data set. With no
	 * row, cols is NULL, which model_set_columns would hand to memcpy;
	 * a new model has no columns anyway. */
	if (l->ncols > 0 && (m->nlayers > SIZE_MAX / l->ncols ||
	    m->nlayers * l->ncols != l->nmrows)) {
		model_set_column_list(m, l->cols, l->ncols);
		missing_cells(l);
	} else if (l->ncols > 0) {
		model_set_columns(m, l->cols, l->ncols);
		for (i = 0; i < l->nmrows; i++) {
			struct matrix_row *mr = &l->mrows[i];

			j = mr->layer->index;
			k = l->col_of[mr->topic->index] - 1;
			c = model_cell(m, j, k);
			c->party = mr->party;
			c->cites = mr->cites;
			c->ncites = mr->ncites;
			c->note = mr->note;
			c->set = true;
			mr->cites = NULL;
		}
	}
	for (i = 0; i < l->nmrows; i++)
		free(l->mrows[i].cites);
	free(l->mrows);
	free(l->cols);
	free(l->col_of);
	free(l->cells.slot);
	memset(&l->cells, 0, sizeof l->cells);
	l->mrows = NULL;
	l->cols = NULL;
	l->col_of = NULL;
	l->nmrows = l->ncols = 0;
}

/* ----------------------------------------------------------- tables */

static const struct table tables[] = {
	{ "dataset.csv", false, dataset_cols, dataset_row, dataset_end, false },
	{ "sources.csv", false, source_cols, source_row, NULL, false },
	{ "topics.csv", false, topic_cols, topic_row, topics_end, false },
	{ "items.csv", false, item_cols, item_row, NULL, true },
	{ "layers.csv", true, layer_cols, layer_row, NULL, false },
	{ "matrix.csv", true, matrix_cols, matrix_row, matrix_end, false },
};
#define NTABLES (sizeof tables / sizeof *tables)

/* As each item's id is read, fetch where it goes in the map of ids: the
 * map is large, each insertion a cache miss, and libcsv reading the rest
 * of the row is time enough for the memory to answer. */
static void
item_id_read(void *ctx, size_t row, size_t k, const char *field, size_t len)
{
	struct loader *l = ctx;

	if (row > 0 && (int)k == l->map[IT_ID]) {
		l->id_len = len;
		l->id_row = row;
		l->id_hash = strmap_hash(field, len);
		strmap_prefetch(&l->m->item_ids, l->id_hash);
	}
}

/* Parse one table's bytes; true when the file held a header. wbuf is
 * buf when the model owns it and the table keeps its strings there, else
 * NULL. */
static bool
load_table(struct loader *l, const struct table *t, const char *path,
    const char *buf, char *wbuf, size_t len)
{
	struct csvread_limits lim;
	size_t rows;

	l->t = t;
	l->buf = buf;
	l->len = len;
	l->path = path;
	l->header_ok = false;
	lim.max_field = l->o->max_field;
	lim.max_fields = MAX_COLUMNS * 64;
	lim.chunk = l->o->chunk;
	lim.field_read = t->row == item_row ? item_id_read : NULL;
	if (wbuf != NULL)
		rows = csvread_parse_keep(path, wbuf, len, &lim, l->d, on_row,
		    l);
	else
		rows = csvread_parse(path, buf, len, &lim, l->d, on_row, l);
	if (rows == 0) {
		diags_add(l->d, 0, 0, _("the file is empty (a table needs "
		    "a header row)"));
		return false;
	}
	if (t->end != NULL)
		t->end(l);
	return l->header_ok;
}

/* Checks that need every table. matrix_failed: layers.csv or matrix.csv
 * is there but could not be read, or is there without the other, which is
 * reported already. */
static void
check_whole(struct loader *l, const char *label, bool have_matrix,
    bool matrix_failed)
{
	struct model *m = l->m;
	size_t i;
	bool shown = false;
	char *path = xasprintf("%s/%s", label, "topics.csv");

	diags_begin_file(l->d, path);
	for (i = 0; i < m->ntopics; i++) {
		struct model_topic *t = m->topics[i];

		if (t->layout != MODEL_LAYOUT_MATRIX)
			continue;
		shown = true;
		if (matrix_failed)
			continue;
		if (!have_matrix || m->nlayers == 0 || m->ncolumns == 0)
			diags_add(l->d, l->topic_line[i], 1, _("topic '%s' "
			    "shows the matrix, but layers.csv and matrix.csv "
			    "define none"), t->id);
	}
	/* Without topics.csv no topic can show the matrix: that is
	 * reported already. */
	if (have_matrix && m->nlayers > 0 && !shown && l->have_topics)
		diags_add(l->d, 0, 0, _("the matrix is shown by no topic "
		    "(give one topic the layout 'matrix')"));
	diags_end_file(l->d);
	free(path);
}

static void
loader_free(struct loader *l)
{
	free(l->source_line);
	free(l->topic_line);
	free(l->item_line);
	free(l->layer_line);
}

/* Read a whole regular file of at most max bytes. */
static char *
read_file(const char *path, size_t max, size_t *len, struct diags *d,
    bool *absent)
{
	int fd;
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t r;

	*absent = false;
	/* Non-blocking, so that a FIFO (or a device) in the place of a table
	 * is refused below instead of waited on forever. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*absent = errno == ENOENT;
		if (!*absent)
			diags_add(d, 0, 0, _("cannot open: %s"),
			    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		diags_add(d, 0, 0, _("cannot read: %s"), strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		diags_add(d, 0, 0, _("is a directory, not a file"));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(d, 0, 0, _("is not a regular file"));
		close(fd);
		return NULL;
	}
	if ((uintmax_t)st.st_size > max) {
		diags_add(d, 0, 0, _("the file is too large (%jd bytes; the "
		    "limit is %zu)"), (intmax_t)st.st_size, max);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diags_add(d, 0, 0, _("cannot read: %s"),
			    strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return buf;
}

/* The shared body of load_dir and load_files: get(i) yields table i's
 * bytes, or NULL when the file is absent or unreadable. */
typedef const char *(*getter)(void *ctx, size_t i, const char *path,
    size_t *len, bool *absent, struct diags *d);

static void release_heap(const char *buf);

static struct model *
load_all(getter get, void (*release)(const char *), void *ctx,
    const char *label, const struct load_opts *o, struct diags *d)
{
	struct loader l;
	size_t i, before = d->n, len;
	bool have[NTABLES] = { false }, present[NTABLES], absent;
	char *path;
	const char *buf;

	memset(&l, 0, sizeof l);
	l.m = model_new();
	l.d = d;
	l.o = o;
	d->limit = o->max_problems;
	for (i = 0; i < NTABLES; i++) {
		const struct table *t = &tables[i];

		path = xasprintf("%s/%s", label, t->file);
		diags_begin_file(d, path);
		buf = get(ctx, i, path, &len, &absent, d);
		have[i] = false;
		present[i] = !absent;
		if (buf == NULL && absent && !t->optional)
			diags_add(d, 0, 0, _("missing file (a data set needs "
			    "dataset.csv, sources.csv, topics.csv and "
			    "items.csv)"));
		else if (buf != NULL && t->keep && release == release_heap) {
			/* The model frees the bytes, now its strings. */
			model_adopt(l.m, (char *)buf);
			have[i] = load_table(&l, t, path, buf, (char *)buf,
			    len);
		} else if (buf != NULL) {
			have[i] = load_table(&l, t, path, buf, NULL, len);
			if (release != NULL)
				release(buf);
		}
		diags_end_file(d);
		free(path);
		l.have_sources = have[1];
		l.have_topics = have[2];
		l.have_items = have[3];
		l.have_layers = have[4];
	}
	/* The matrix takes both of its tables. */
	for (i = 4; i < NTABLES; i++) {
		if (present[i] || !present[4 + 5 - i])
			continue;
		path = xasprintf("%s/%s", label, tables[i].file);
		diags_begin_file(d, path);
		diags_add(d, 0, 0, _("missing file (layers.csv and matrix.csv "
		    "go together)"));
		diags_end_file(d);
		free(path);
	}
	check_whole(&l, label, have[4] && have[5], (present[4] || present[5]) &&
	    !(have[4] && have[5]));
	loader_free(&l);
	if (d->n > before) {
		model_free(l.m);
		return NULL;
	}
	model_finish(l.m);
	return l.m;
}

struct dir_ctx {
	const char		*dir;
	const struct load_opts	*o;
};

static const char *
get_dir_file(void *vctx, size_t i, const char *path, size_t *len,
    bool *absent, struct diags *d)
{
	struct dir_ctx *c = vctx;

	return read_file(path, c->o->max_file, len, d, absent);
}

static void
release_heap(const char *buf)
{
	free((char *)buf);
}

struct model *
load_dir(const char *dir, const struct load_opts *o, struct diags *d)
{
	struct dir_ctx c;
	struct load_opts def;
	struct stat st;
	int r;

	if (o == NULL) {
		load_opts_default(&def);
		o = &def;
	}
	/* One clear problem for a directory that is not there, rather than
	 * a missing file for each table. */
	if ((r = stat(dir, &st)) != 0 || !S_ISDIR(st.st_mode)) {
		diags_begin_file(d, dir);
		diags_add(d, 0, 0, "%s", r != 0 ? strerror(errno) :
		    _("not a directory"));
		diags_end_file(d);
		return NULL;
	}
	c.dir = dir;
	c.o = o;
	return load_all(get_dir_file, release_heap, &c, dir, o, d);
}

struct mem_ctx {
	const struct load_file	*files;
	size_t			 n;
	const struct load_opts	*o;
};

static const char *
get_mem(void *vctx, size_t i, const char *path, size_t *len, bool *absent,
    struct diags *d)
{
	struct mem_ctx *c = vctx;
	size_t j;

	for (j = 0; j < c->n; j++) {
		if (strcmp(c->files[j].name, tables[i].file) != 0)
			continue;
		if (c->files[j].len > c->o->max_file) {
			diags_add(d, 0, 0, _("the file is too large (%zu bytes; "
			    "the limit is %zu)"), c->files[j].len,
			    c->o->max_file);
			*absent = false;
			return NULL;
		}
		*absent = false;
		*len = c->files[j].len;
		return (const char *)c->files[j].data;
	}
	*absent = true;
	return NULL;
}

struct model *
load_files(const struct load_file *files, size_t n, const char *label,
    const struct load_opts *o, struct diags *d)
{
	struct mem_ctx c;
	struct load_opts def;

	if (o == NULL) {
		load_opts_default(&def);
		o = &def;
	}
	c.files = files;
	c.n = n;
	c.o = o;
	return load_all(get_mem, NULL, &c, label, o, d);
}

struct model *
load_builtin(struct diags *d)
{
	return load_files(builtin_files, builtin_nfiles, "<built-in>", NULL,
	    d);
}
