/*
 * The model's records live in one arena, so a data set of a million items
 * costs a handful of large allocations rather than millions of small ones,
 * and freeing it is a walk over a short list of blocks.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "text.h"
#include "xalloc.h"

#define ARENA_BLOCK	(256 * 1024)

struct model_arena {
	struct model_arena	*next;
	size_t			 used;
	size_t			 size;
	max_align_t		 data[];
};

static struct model_arena *
arena_block(size_t size)
{
	struct model_arena *a;

	if (size > SIZE_MAX - sizeof *a)
		xalloc_die();
	a = xmalloc(sizeof *a + size);
	a->next = NULL;
	a->used = 0;
	a->size = size;
	return a;
}

void *
model_alloc(struct model *m, size_t size)
{
	struct model_arena *a = m->arena, *big;
	size_t align = sizeof(max_align_t), off;

	if (size > ARENA_BLOCK / 4) {
		/* Big blocks go behind the head, so the head keeps filling. */
		big = arena_block(size);
		big->used = size;
		if (a == NULL)
			m->arena = big;
		else {
			big->next = a->next;
			a->next = big;
		}
		return big->data;
	}
	off = a != NULL ? (a->used + align - 1) / align * align : 0;
	if (a == NULL || off + size > a->size) {
		a = arena_block(ARENA_BLOCK);
		a->next = m->arena;
		m->arena = a;
		off = 0;
	}
	a->used = off + size;
	return (char *)a->data + off;
}

const char *
model_strndup(struct model *m, const char *s, size_t n)
{
	struct model_arena *a = m->arena;
	char *p;

	if (n == SIZE_MAX)
		xalloc_die();
	/* Strings need no alignment: pack them. */
	if (a != NULL && n + 1 <= ARENA_BLOCK / 4 && a->size - a->used >= n + 1) {
		p = (char *)a->data + a->used;
		a->used += n + 1;
	} else
		p = model_alloc(m, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *
model_strdup(struct model *m, const char *s)
{
	return model_strndup(m, s, strlen(s));
}

void
model_adopt(struct model *m, void *p)
{
	m->adopted = xgrow(m->adopted, &m->cap_adopted, m->nadopted + 1,
	    sizeof *m->adopted);
	m->adopted[m->nadopted++] = p;
}

struct model *
model_new(void)
{
	struct model *m = xcalloc(1, sizeof *m);

	strmap_init(&m->names);
	strmap_init(&m->item_ids);
	strmap_init(&m->source_ids);
	strmap_init(&m->layer_ids);
	m->meta.name = m->meta.provider = m->meta.provider_heading = "";
	m->meta.customer = m->meta.customer_heading = "";
	m->meta.description = m->meta.version = "";
	return m;
}

void
model_free(struct model *m)
{
	struct model_arena *a, *next;
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ntopics; i++) {
		free(m->topics[i]->parents);
		free(m->topics[i]->children);
		free(m->topics[i]->items);
		free(m->topics[i]->aliases);
	}
	for (i = 0; m->cells != NULL && i < m->nlayers * m->ncolumns; i++)
		free(m->cells[i].cites);
	free(m->cells);
	free(m->sources);
	free(m->topics);
	free(m->items);
	free(m->layers);
	free(m->columns);
	free(m->roots);
	strmap_free(&m->names);
	strmap_free(&m->item_ids);
	strmap_free(&m->source_ids);
	strmap_free(&m->layer_ids);
	for (a = m->arena; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	for (i = 0; i < m->nadopted; i++)
		free(m->adopted[i]);
	free(m->adopted);
	free(m);
}

/* Append rec to a growable array of pointers. */
#define PUSH(arr, n, cap, rec) do {					\
	(arr) = xgrow((arr), &(cap), (n) + 1, sizeof *(arr));		\
	(arr)[(n)++] = (rec);						\
} while (0)

/* A new record of the given size under id in ids; the id is copied into
 * the model unless stored (the same string, already the model's) is given,
 * in which case hash is the id's. */
static void *
claim_as(struct model *m, struct strmap *ids, const char *id, uint64_t hash,
    const char *stored, size_t size, const void **previous)
{
	void *rec, *old;
	const char *key = stored;

	if (key == NULL) {
		key = model_strdup(m, id);
		hash = strmap_hash(key, strlen(key));
	}
	rec = model_alloc(m, size);
	memset(rec, 0, size);
	old = strmap_put_hashed(ids, id, hash, key, rec);
	if (old != NULL) {
		if (previous != NULL)
			*previous = old;
		return NULL;
	}
	*(const char **)rec = key;	/* every record starts with its id */
	return rec;
}

static void *
claim(struct model *m, struct strmap *ids, const char *id, size_t size,
    const void **previous)
{
	return claim_as(m, ids, id, 0, NULL, size, previous);
}

struct model_source *
model_add_source(struct model *m, const char *id, const void **previous)
{
	struct model_source *s;

	s = claim(m, &m->source_ids, id, sizeof *s, previous);
	if (s == NULL)
		return NULL;
	s->title = s->location = "";
	s->index = m->nsources;
	PUSH(m->sources, m->nsources, m->cap_sources, s);
	return s;
}

struct model_topic *
model_add_topic(struct model *m, const char *id, const void **previous)
{
	struct model_topic *t;

	t = claim(m, &m->names, id, sizeof *t, previous);
	if (t == NULL)
		return NULL;
	t->title = t->short_title = t->summary = "";
	t->index = m->ntopics;
	PUSH(m->topics, m->ntopics, m->cap_topics, t);
	return t;
}

void
model_reserve_items(struct model *m, size_t n)
{
	strmap_reserve(&m->item_ids, n);
	if (n > m->cap_items) {
		m->items = xreallocarray(m->items, n, sizeof *m->items);
		m->cap_items = n;
	}
}

struct model_item *
model_add_item_kept(struct model *m, const char *id, uint64_t hash,
    const char *stored_id, const void **previous)
{
	struct model_item *it;

	it = claim_as(m, &m->item_ids, id, hash, stored_id, sizeof *it,
	    previous);
	if (it == NULL)
		return NULL;
	it->group = it->label = it->text = "";
	it->index = m->nitems;
	PUSH(m->items, m->nitems, m->cap_items, it);
	return it;
}

struct model_item *
model_add_item(struct model *m, const char *id, const void **previous)
{
	return model_add_item_kept(m, id, 0, NULL, previous);
}

struct model_layer *
model_add_layer(struct model *m, const char *id, const void **previous)
{
	struct model_layer *l;

	l = claim(m, &m->layer_ids, id, sizeof *l, previous);
	if (l == NULL)
		return NULL;
	l->title = l->summary = "";
	l->index = m->nlayers;
	PUSH(m->layers, m->nlayers, m->cap_layers, l);
	return l;
}

/* The room xgrow has made for an array it grew to n elements (from
 * nothing, one at a time): arrays whose capacity is not kept are then
 * grown by doubling all the same, not copied at every element, which for
 * a topic with thousands of aliases or parents is quadratic. */
static size_t
grown(size_t n)
{
	size_t c = 8;

	if (n == 0)
		return 0;
	while (c < n)
		c *= 2;
	return c;
}

bool
model_add_alias(struct model *m, struct model_topic *t, const char *alias,
    const struct model_topic **holder)
{
	const char *key = model_strdup(m, alias);
	struct model_topic *old;
	size_t cap = grown(t->naliases);

	old = strmap_put(&m->names, key, t);
	if (old != NULL) {
		if (holder != NULL)
			*holder = old;
		return old == t;
	}
	t->aliases = xgrow(t->aliases, &cap, t->naliases + 1,
	    sizeof *t->aliases);
	t->aliases[t->naliases++] = key;
	return true;
}

void
model_topic_add_parent(struct model *m, struct model_topic *t,
    struct model_topic *parent)
{
	size_t cap = grown(t->nparents);

	(void)m;
	t->parents = xgrow(t->parents, &cap, t->nparents + 1,
	    sizeof *t->parents);
	t->parents[t->nparents++] = parent;
}

void
model_set_column_list(struct model *m, struct model_topic **cols, size_t n)
{
	size_t i;

	for (i = 0; m->cells != NULL && i < m->nlayers * m->ncolumns; i++)
		free(m->cells[i].cites);
	free(m->cells);
	m->cells = NULL;
	free(m->columns);
	m->columns = xreallocarray(NULL, n, sizeof *m->columns);
	memcpy(m->columns, cols, n * sizeof *cols);
	m->ncolumns = n;
}

void
model_set_columns(struct model *m, struct model_topic **cols, size_t n)
{
	model_set_column_list(m, cols, n);
	m->cells = xcalloc(m->nlayers * n, sizeof *m->cells);
}

struct model_cell *
model_cell(const struct model *m, size_t layer, size_t col)
{
	if (layer >= m->nlayers || col >= m->ncolumns)
		return NULL;
	return &m->cells[layer * m->ncolumns + col];
}

long
model_column_index(const struct model *m, const struct model_topic *t)
{
	size_t i;

	for (i = 0; i < m->ncolumns; i++)
		if (m->columns[i] == t)
			return (long)i;
	return -1;
}

/* Exact-size pointer arrays, filled in file order by a counting pass. */
void
model_finish(struct model *m)
{
	size_t i, j, nroots = 0;
	struct model_topic *t, *p;
	struct model_item *it;

	for (i = 0; i < m->ntopics; i++) {
		t = m->topics[i];
		free(t->children);
		free(t->items);
		t->children = NULL;
		t->items = NULL;
		t->nchildren = t->nitems = 0;
	}
	for (i = 0; i < m->ntopics; i++) {
		t = m->topics[i];
		if (t->nparents == 0)
			nroots++;
		for (j = 0; j < t->nparents; j++)
			t->parents[j]->nchildren++;
	}
	for (i = 0; i < m->nitems; i++)
		m->items[i]->topic->nitems++;
	for (i = 0; i < m->ntopics; i++) {
		t = m->topics[i];
		t->children = xreallocarray(NULL, t->nchildren,
		    sizeof *t->children);
		t->items = xreallocarray(NULL, t->nitems, sizeof *t->items);
		t->nchildren = t->nitems = 0;
	}
	free(m->roots);
	m->roots = xreallocarray(NULL, nroots, sizeof *m->roots);
	m->nroots = 0;
	for (i = 0; i < m->ntopics; i++) {
		t = m->topics[i];
		if (t->nparents == 0)
			m->roots[m->nroots++] = t;
		for (j = 0; j < t->nparents; j++) {
			p = t->parents[j];
			p->children[p->nchildren++] = t;
		}
	}
	for (i = 0; i < m->nitems; i++) {
		it = m->items[i];
		it->topic->items[it->topic->nitems++] = it;
	}
}

static void
lower_ascii(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

struct model_topic *
model_find_topic(const struct model *m, const char *name)
{
	char *key = xstrdup(name);
	struct model_topic *t;

	t = strmap_get(&m->names, key);
	if (t == NULL) {
		lower_ascii(key);
		t = strmap_get(&m->names, key);
	}
	free(key);
	return t;
}

struct model_item *
model_find_item(const struct model *m, const char *id)
{
	return strmap_get(&m->item_ids, id);
}

struct model_source *
model_find_source(const struct model *m, const char *id)
{
	return strmap_get(&m->source_ids, id);
}

struct model_layer *
model_find_layer(const struct model *m, const char *id)
{
	return strmap_get(&m->layer_ids, id);
}

const char *
model_topic_short(const struct model_topic *t)
{
	return *t->short_title != '\0' ? t->short_title : t->title;
}

static void
add_candidate(struct model_match *mm, size_t *cap, struct model_topic *t)
{
	size_t i;

	for (i = 0; i < mm->ncandidates; i++)
		if (mm->candidates[i] == t)
			return;
	mm->candidates = xgrow(mm->candidates, cap, mm->ncandidates + 1,
	    sizeof *mm->candidates);
	mm->candidates[mm->ncandidates++] = t;
}

/* Close matches for a name that matched nothing: a small edit distance to
 * an id, an alias or a title, or the query inside a title. */
static void
close_matches(const struct model *m, const char *q, struct model_match *mm,
    size_t *cap)
{
	size_t i, j, limit = strlen(q) <= 4 ? 1 : 2, ml;
	struct model_topic *t;

	for (i = 0; i < m->ntopics; i++) {
		t = m->topics[i];
		bool close = text_distance(q, t->id, limit) <= limit ||
		    text_distance(q, t->title, limit) <= limit ||
		    (strlen(q) >= 3 && text_find_fold(t->title, 0, q, &ml) >= 0);
		for (j = 0; !close && j < t->naliases; j++)
			close = text_distance(q, t->aliases[j], limit) <= limit;
		if (close)
			add_candidate(mm, cap, t);
	}
}

void
model_match_topic(const struct model *m, const char *query,
    struct model_match *out)
{
	size_t i, cap = 0;
	struct model_topic *t;

	memset(out, 0, sizeof *out);
	if (*query == '\0')
		return;
	t = model_find_topic(m, query);
	if (t != NULL) {
		out->kind = MODEL_MATCH_EXACT;
		out->topic = t;
		return;
	}
	for (i = 0; i < m->ntopics; i++)
		if (text_has_prefix_fold(m->topics[i]->title, query))
			add_candidate(out, &cap, m->topics[i]);
	if (out->ncandidates == 1) {
		out->kind = MODEL_MATCH_PREFIX;
		out->topic = out->candidates[0];
		return;
	}
	if (out->ncandidates > 1) {
		out->kind = MODEL_MATCH_AMBIGUOUS;
		return;
	}
	out->kind = MODEL_MATCH_NONE;
	close_matches(m, query, out, &cap);
}

void
model_match_free(struct model_match *mm)
{
	if (mm == NULL)
		return;
	free(mm->candidates);
	memset(mm, 0, sizeof *mm);
}

static const char *const party_keys[] = {
	[MODEL_PROVIDER] = "provider",
	[MODEL_CUSTOMER] = "customer",
	[MODEL_SHARED] = "shared",
	[MODEL_UNSTATED] = "unstated",
};

const char *
model_party_key(enum model_party p)
{
	return party_keys[p];
}

bool
model_party_parse(const char *s, bool allow_unstated, enum model_party *out)
{
	size_t i;

	for (i = 0; i < sizeof party_keys / sizeof *party_keys; i++) {
		if (strcmp(s, party_keys[i]) == 0) {
			if (i == MODEL_UNSTATED && !allow_unstated)
				return false;
			*out = (enum model_party)i;
			return true;
		}
	}
	return false;
}

bool
model_layout_parse(const char *s, enum model_layout *out)
{
	static const char *const keys[] = {
		[MODEL_LAYOUT_COLUMNS] = "columns",
		[MODEL_LAYOUT_LIST] = "list",
		[MODEL_LAYOUT_MYTH] = "myth",
		[MODEL_LAYOUT_MATRIX] = "matrix",
	};
	size_t i;

	if (*s == '\0') {
		*out = MODEL_LAYOUT_COLUMNS;
		return true;
	}
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		if (strcmp(s, keys[i]) == 0) {
			*out = (enum model_layout)i;
			return true;
		}
	}
	return false;
}
