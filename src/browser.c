/*
 * Browser behaviour. Each action changes the state and marks what it
 * changed as dirty; nothing here draws. A search keeps its hits in tree
 * order (the order a reader meets them), so n and N walk the content the
 * way the tree lists it.
 *
 * The search is meant to keep up with typing on a million items: at the
 * first search the text is folded once into an index (search.h), and a
 * key that makes the query longer looks only among the hits of the
 * query before it, since nothing else can match a longer one.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "browser.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

/* Topics in tree order, each once (where it is first met). */
static void
build_order(struct browser *b)
{
	const struct model *m = b->m;
	unsigned char *seen = xcalloc(m->ntopics + 1, 1);
	const struct model_topic **stack;
	size_t top = 0, i, cap = m->ntopics + 1;

	stack = xreallocarray(NULL, cap, sizeof *stack);
	b->order = xreallocarray(NULL, m->ntopics + 1, sizeof *b->order);
	b->norder = 0;
	for (i = m->nroots; i-- > 0;)
		stack[top++] = m->roots[i];
	while (top > 0) {
		const struct model_topic *t = stack[--top];

		if (seen[t->index])
			continue;
		seen[t->index] = 1;
		b->order[b->norder++] = t;
		stack = xgrow(stack, &cap, top + t->nchildren, sizeof *stack);
		for (i = t->nchildren; i-- > 0;)
			if (!seen[t->children[i]->index])
				stack[top++] = t->children[i];
	}
	free(stack);
	free(seen);
}

void
browser_init(struct browser *b, const struct model *m, bool ascii)
{
	memset(b, 0, sizeof *b);
	b->m = m;
	outline_init(&b->tree, m);
	b->ropts.ascii = ascii;
	b->ropts.width = 60;
	/* The UI decides on stacking by the terminal's width; the pane may
	 * be narrower than --print's threshold. */
	b->ropts.min_side = 40;
	b->focus = BROWSER_TREE;
	build_order(b);
	b->dirty = DIRTY_ALL;
	if (m->nroots > 0)
		browser_open(b, m->roots[0]);
}

static void search_state_free(struct browser_search *s);

static void
free_saved(struct browser *b)
{
	free(b->saved.rows);
	b->saved.rows = NULL;
}

void
browser_free(struct browser *b)
{
	if (b == NULL)
		return;
	outline_free(&b->tree);
	render_doc_free(&b->doc);
	free(b->hits);
	free(b->order);
	free_saved(b);
	search_state_free(b->search);
	memset(b, 0, sizeof *b);
}

size_t
browser_max_scroll(const struct browser *b)
{
	return b->doc.n > b->content_rows ? b->doc.n - b->content_rows : 0;
}

static void
set_scroll(struct browser *b, long s)
{
	long max = (long)browser_max_scroll(b);

	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	if ((size_t)s != b->scroll)
		b->dirty |= DIRTY_CONTENT | DIRTY_BAR;
	b->scroll = (size_t)s;
}

static void
rerender(struct browser *b)
{
	render_doc_free(&b->doc);
	if (b->open != NULL)
		render_topic(b->m, b->open, &b->ropts, &b->doc);
	set_scroll(b, (long)b->scroll);
	b->dirty |= DIRTY_CONTENT | DIRTY_BAR;
}

void
browser_layout(struct browser *b, size_t tree_rows, size_t content_rows,
    size_t content_width, bool stacked)
{
	bool again = content_width != b->ropts.width ||
	    stacked != b->ropts.stacked;

	b->tree_rows = tree_rows;
	b->content_rows = content_rows;
	b->ropts.width = content_width;
	b->ropts.stacked = stacked;
	outline_scroll_to_sel(&b->tree, tree_rows);
	if (again)
		rerender(b);
	else
		set_scroll(b, (long)b->scroll);
	b->dirty = DIRTY_ALL;
}

void
browser_open(struct browser *b, const struct model_topic *t)
{
	/* A topic under several parents stays where the user found it. */
	if (b->tree.n == 0 || b->tree.rows[b->tree.sel].topic != t)
		outline_reveal(&b->tree, t);
	outline_scroll_to_sel(&b->tree, b->tree_rows);
	b->dirty |= DIRTY_TREE | DIRTY_TITLE;
	if (t == b->open)
		return;
	b->open = t;
	b->scroll = 0;
	rerender(b);
}

unsigned
browser_context(const struct browser *b)
{
	if (b->help)
		return KC_HELP;
	if (b->typing)
		return KC_SEARCH;
	return b->focus == BROWSER_TREE ? KC_TREE : KC_CONTENT;
}

/* ----------------------------------------------------------- search */

/*
 * The hits of each query the current one begins with, as the levels of a
 * stack: typing a character refines the top level into a new one, and
 * Backspace goes back to the level below, whose hits are only turned
 * back into search_hits. A level keeps, for each hit, its entry in the
 * index and where in it the match starts (8 bytes, where a search_hit
 * takes 40).
 *
 * At most LEVELS_KEPT levels are kept: a long query whose every prefix
 * matches most of a large data set (a pasted run of one letter, say)
 * would otherwise keep up to BROWSER_QUERY_MAX arrays of a million
 * entries. Past that, a new level takes the place of the one it was
 * refined from, and Backspace to the query dropped refines again from
 * the level below it.
 */
#define LEVELS_KEPT	8
struct level {
	size_t		 qlen;		/* of the query it is for */
	uint32_t	*e, *at;
	size_t		 n, cap_e, cap_at;
};

struct browser_search {
	struct search_index	*ix;	/* entries in tree order */
	/* The levels are for the prefixes of query, the shortest first. */
	char			 query[BROWSER_QUERY_MAX];
	/* One slot more than is kept: where the next level is made. */
	struct level		 lv[LEVELS_KEPT + 1];
	size_t			 nlv;
};

static void
search_state_free(struct browser_search *s)
{
	size_t i;

	if (s == NULL)
		return;
	search_index_free(s->ix);
	for (i = 0; i < sizeof s->lv / sizeof *s->lv; i++) {
		free(s->lv[i].e);
		free(s->lv[i].at);
	}
	free(s);
}

/* Room for n matches in level l. */
static void
level_room(struct level *l, size_t n)
{
	l->e = xgrow(l->e, &l->cap_e, n, sizeof *l->e);
	l->at = xgrow(l->at, &l->cap_at, n, sizeof *l->at);
}

/* The search's state, the index made now if not yet: a data set that is
 * never searched never pays for it. */
static struct browser_search *
search_state(struct browser *b)
{
	struct level *l;
	size_t n;

	if (b->search != NULL)
		return b->search;
	b->search = xcalloc(1, sizeof *b->search);
	b->search->ix = search_index_new(b->order, b->norder);
	/* Room for every entry to be a hit, in b->hits and in the first two
	 * levels (the first two keys of a query find the most), with the
	 * pages touched now: a first key that finds a million would
	 * otherwise spend more time faulting fresh memory in than
	 * searching. */
	n = search_index_size(b->search->ix);
	b->hits = xgrow(b->hits, &b->cap_hits, n + 1, sizeof *b->hits);
	memset(b->hits, 0, b->cap_hits * sizeof *b->hits);
	for (l = b->search->lv; l < b->search->lv + 2; l++) {
		level_room(l, n + 1);
		memset(l->e, 0, l->cap_e * sizeof *l->e);
		memset(l->at, 0, l->cap_at * sizeof *l->at);
	}
	return b->search;
}

/* The hits for b->query, in tree order: each topic's title or summary,
 * then each of its items (label, text or group), where the query first
 * appears. */
static void
find_hits(struct browser *b)
{
	struct browser_search *s = search_state(b);
	struct search_needle nd;
	struct level *top, *l;

	b->hit = 0;
	b->nhits = 0;
	if (b->qlen == 0)
		return;
	/* Keep the levels of the queries this one begins with. */
	while (s->nlv > 0 && (s->lv[s->nlv - 1].qlen > b->qlen ||
	    memcmp(s->query, b->query, s->lv[s->nlv - 1].qlen) != 0))
		s->nlv--;
	top = s->nlv > 0 ? &s->lv[s->nlv - 1] : NULL;
	memcpy(s->query, b->query, b->qlen);
	search_needle_init(&nd, b->query);
	if (top != NULL && top->qlen == b->qlen) {
		/* Back to a query already searched (Backspace). */
		search_index_hits(s->ix, &nd, top->e, top->at, top->n, b->hits);
		b->nhits = top->n;
	} else if (top != NULL) {
		/* Longer: only the shorter query's hits can match. */
		l = &s->lv[s->nlv];
		level_room(l, top->n + 1);
		l->qlen = b->qlen;
		l->n = search_index_refine(s->ix, &nd, top->e, top->at, top->n,
		    l->e, l->at, b->hits);
		b->nhits = l->n;
		if (s->nlv < LEVELS_KEPT) {
			s->nlv++;
		} else {
			/* Full: the new level replaces top, whose arrays
			 * are the spare slot's, to be reused. */
			struct level t = *top;

			*top = *l;
			*l = t;
		}
	} else {
		/* b->hits and the first level have room for every entry
		 * (search_state). */
		l = &s->lv[s->nlv++];
		l->qlen = b->qlen;
		l->n = search_index_scan(s->ix, &nd, l->e, l->at, b->hits);
		b->nhits = l->n;
	}
	search_needle_free(&nd);
}

/* The line of the open topic where a hit shows. */
static size_t
hit_line(const struct browser *b, const struct search_hit *h)
{
	size_t i, j;

	for (i = 0; i < b->doc.n; i++) {
		for (j = 0; j < b->doc.lines[i].nspans; j++) {
			const struct render_span *s = &b->doc.lines[i].spans[j];

			if (h->item != NULL ? s->item == h->item :
			    (h->field == SEARCH_TITLE ? s->style == RS_TITLE :
			    s->style == RS_SUMMARY))
				return i;
		}
	}
	return 0;
}

static void
goto_hit(struct browser *b)
{
	const struct search_hit *h;
	size_t line;

	if (b->nhits == 0)
		return;
	h = &b->hits[b->hit];
	browser_open(b, h->topic);
	line = hit_line(b, h);
	/* Put the match a third of the way down, where the eye looks. */
	if (line < b->scroll || line >= b->scroll + b->content_rows)
		set_scroll(b, (long)line - (long)b->content_rows / 3);
	b->dirty |= DIRTY_CONTENT | DIRTY_BAR | DIRTY_TREE;
}

static void
save_view(struct browser *b)
{
	free_saved(b);
	b->saved.rows = xreallocarray(NULL, b->tree.n + 1,
	    sizeof *b->tree.rows);
	memcpy(b->saved.rows, b->tree.rows, b->tree.n * sizeof *b->tree.rows);
	b->saved.nrows = b->tree.n;
	b->saved.sel = b->tree.sel;
	b->saved.top = b->tree.top;
	b->saved.open = b->open;
	b->saved.scroll = b->scroll;
	b->saved.focus = b->focus;
}

static void
restore_view(struct browser *b)
{
	if (b->saved.rows == NULL)
		return;
	free(b->tree.rows);
	b->tree.rows = b->saved.rows;
	b->tree.n = b->saved.nrows;
	b->tree.cap = b->saved.nrows + 1;
	b->tree.sel = b->saved.sel;
	b->tree.top = b->saved.top;
	b->saved.rows = NULL;
	if (b->open != b->saved.open) {
		b->open = b->saved.open;
		rerender(b);
	}
	set_scroll(b, (long)b->saved.scroll);
	b->focus = b->saved.focus;
	b->dirty = DIRTY_ALL;
}

static void
query_changed(struct browser *b)
{
	find_hits(b);
	if (b->nhits > 0)
		goto_hit(b);
	b->dirty |= DIRTY_BAR | DIRTY_CONTENT | DIRTY_TREE;
}

static void
search_key(struct browser *b, int key)
{
	char buf[4];
	size_t n;

	if (key == KEY_K_BACKSPACE || key == 0x7f || key == 0x08) {
		if (b->qlen == 0)
			return;
		/* Remove one character, not one byte. */
		do
			b->qlen--;
		while (b->qlen > 0 &&
		    ((unsigned char)b->query[b->qlen] & 0xC0) == 0x80);
		b->query[b->qlen] = '\0';
		query_changed(b);
		return;
	}
	if (key < 0x20 || key >= 0x110000 || (key >= 0x7f && key < 0xa0))
		return;
	n = text_encode((uint32_t)key, buf);
	if (b->qlen + n >= sizeof b->query)
		return;
	memcpy(b->query + b->qlen, buf, n);
	b->qlen += n;
	b->query[b->qlen] = '\0';
	query_changed(b);
}

static void
start_search(struct browser *b)
{
	/* The index is made here, before the first key of the query, so
	 * that typing does not wait for it. */
	search_state(b);
	save_view(b);
	b->typing = true;
	b->qlen = 0;
	b->query[0] = '\0';
	b->nhits = 0;
	b->dirty |= DIRTY_BAR | DIRTY_CONTENT | DIRTY_TREE;
}

static void
next_match(struct browser *b, bool forward)
{
	if (b->nhits == 0) {
		b->message = b->qlen > 0 ? _("no match") :
		    _("no search: press / to search");
		b->dirty |= DIRTY_BAR;
		return;
	}
	if (forward)
		b->hit = (b->hit + 1) % b->nhits;
	else
		b->hit = (b->hit + b->nhits - 1) % b->nhits;
	goto_hit(b);
}

/* ----------------------------------------------------------- actions */

static void
tree_moved(struct browser *b)
{
	outline_scroll_to_sel(&b->tree, b->tree_rows);
	b->dirty |= DIRTY_TREE;
}

static long
page(size_t rows)
{
	return rows > 1 ? (long)rows - 1 : 1;
}

static void
tree_action(struct browser *b, enum key_action a)
{
	struct outline *o = &b->tree;
	size_t sel = o->sel;

	switch (a) {
	case ACT_UP:
		outline_move(o, -1);
		break;
	case ACT_DOWN:
		outline_move(o, 1);
		break;
	case ACT_PAGE_UP:
		outline_move(o, -page(b->tree_rows));
		break;
	case ACT_PAGE_DOWN:
		outline_move(o, page(b->tree_rows));
		break;
	case ACT_HALF_UP:
		outline_move(o, -(long)(b->tree_rows / 2 + 1));
		break;
	case ACT_HALF_DOWN:
		outline_move(o, (long)(b->tree_rows / 2 + 1));
		break;
	case ACT_TOP:
		outline_select(o, 0);
		break;
	case ACT_BOTTOM:
		outline_select(o, o->n);
		break;
	case ACT_LEFT:
		if (o->n > 0 && o->rows[sel].expanded)
			outline_collapse(o, sel);
		else
			outline_select(o, outline_parent(o, sel));
		break;
	case ACT_RIGHT:
		if (outline_has_children(o, sel) && !o->rows[sel].expanded)
			outline_expand(o, sel);
		else if (o->n > 0) {
			browser_open(b, o->rows[sel].topic);
			b->focus = BROWSER_CONTENT;
			b->dirty |= DIRTY_ALL;
		}
		break;
	case ACT_OPEN:
		if (o->n == 0)
			break;
		outline_expand(o, sel);
		b->open = NULL;		/* open it even if shown: rescroll */
		browser_open(b, o->rows[o->sel].topic);
		break;
	default:
		break;
	}
	tree_moved(b);
}

static void
content_action(struct browser *b, enum key_action a)
{
	long s = (long)b->scroll;

	switch (a) {
	case ACT_UP:
		set_scroll(b, s - 1);
		break;
	case ACT_DOWN:
		set_scroll(b, s + 1);
		break;
	case ACT_PAGE_UP:
		set_scroll(b, s - page(b->content_rows));
		break;
	case ACT_PAGE_DOWN:
		set_scroll(b, s + page(b->content_rows));
		break;
	case ACT_HALF_UP:
		set_scroll(b, s - (long)(b->content_rows / 2 + 1));
		break;
	case ACT_HALF_DOWN:
		set_scroll(b, s + (long)(b->content_rows / 2 + 1));
		break;
	case ACT_TOP:
		set_scroll(b, 0);
		break;
	case ACT_BOTTOM:
		set_scroll(b, (long)browser_max_scroll(b));
		break;
	case ACT_LEFT:
		b->focus = BROWSER_TREE;
		b->dirty |= DIRTY_ALL;
		break;
	default:
		break;
	}
}

static void
help_action(struct browser *b, enum key_action a)
{
	long s = (long)b->help_scroll;
	long max = (long)b->help_lines;

	switch (a) {
	case ACT_UP:
		s--;
		break;
	case ACT_DOWN:
		s++;
		break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		s -= 10;
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		s += 10;
		break;
	case ACT_TOP:
		s = 0;
		break;
	case ACT_BOTTOM:
		s = max;
		break;
	case ACT_ESCAPE:
	case ACT_QUIT:
	case ACT_HELP:
		b->help = false;
		b->dirty = DIRTY_ALL;
		return;
	case ACT_REDRAW:
		b->dirty = DIRTY_ALL;
		return;
	default:
		return;
	}
	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	b->help_scroll = (size_t)s;
	b->dirty |= DIRTY_HELP;
}

void
browser_action(struct browser *b, enum key_action a)
{
	if (b->help) {
		help_action(b, a);
		return;
	}
	switch (a) {
	case ACT_NONE:
		return;
	case ACT_QUIT:
		b->quit = true;
		return;
	case ACT_REDRAW:
		b->dirty = DIRTY_ALL;
		return;
	case ACT_HELP:
		b->help = true;
		b->help_scroll = 0;
		b->dirty |= DIRTY_HELP | DIRTY_BAR;
		return;
	case ACT_FOCUS_NEXT:
	case ACT_FOCUS_PREV:
		b->focus = b->focus == BROWSER_TREE ? BROWSER_CONTENT :
		    BROWSER_TREE;
		b->dirty |= DIRTY_ALL;
		return;
	case ACT_SEARCH:
		start_search(b);
		return;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		next_match(b, a == ACT_NEXT_MATCH);
		return;
	case ACT_ESCAPE:
		if (b->nhits > 0 || b->qlen > 0) {
			b->nhits = 0;
			b->qlen = 0;
			b->query[0] = '\0';
			b->dirty |= DIRTY_CONTENT | DIRTY_TREE | DIRTY_BAR;
		}
		return;
	default:
		break;
	}
	if (b->focus == BROWSER_TREE)
		tree_action(b, a);
	else
		content_action(b, a);
}

void
browser_key(struct browser *b, int key)
{
	enum key_action a;

	if (b->message != NULL) {
		b->message = NULL;
		b->dirty |= DIRTY_BAR;
	}
	if (!b->typing) {
		browser_action(b, keymap_lookup(key, browser_context(b)));
		return;
	}
	a = keymap_lookup(key, KC_SEARCH);
	switch (a) {
	case ACT_OPEN:
		/* Keep the match and read it. */
		b->typing = false;
		free_saved(b);
		if (b->nhits > 0)
			b->focus = BROWSER_CONTENT;
		b->dirty = DIRTY_ALL;
		break;
	case ACT_ESCAPE:
		b->typing = false;
		b->nhits = 0;
		b->qlen = 0;
		b->query[0] = '\0';
		restore_view(b);
		break;
	case ACT_UP:
	case ACT_DOWN:
		next_match(b, a == ACT_DOWN);
		break;
	case ACT_REDRAW:
		b->dirty = DIRTY_ALL;
		break;
	default:
		search_key(b, key);
		break;
	}
}

void
browser_click_tree(struct browser *b, size_t row)
{
	size_t r = b->tree.top + row;

	if (r >= b->tree.n)
		return;
	b->focus = BROWSER_TREE;
	outline_select(&b->tree, r);
	if (outline_has_children(&b->tree, r) && !b->tree.rows[r].expanded)
		outline_expand(&b->tree, r);
	browser_open(b, b->tree.rows[b->tree.sel].topic);
	b->dirty = DIRTY_ALL;
}

void
browser_click_content(struct browser *b)
{
	if (b->focus != BROWSER_CONTENT) {
		b->focus = BROWSER_CONTENT;
		b->dirty = DIRTY_ALL;
	}
}

void
browser_scroll_tree(struct browser *b, long delta)
{
	outline_scroll(&b->tree, delta, b->tree_rows);
	/* Keep the selection on screen, as a wheel in a list does. */
	if (b->tree.sel < b->tree.top)
		b->tree.sel = b->tree.top;
	else if (b->tree_rows > 0 && b->tree.sel >= b->tree.top +
	    b->tree_rows)
		b->tree.sel = b->tree.top + b->tree_rows - 1;
	b->dirty |= DIRTY_TREE;
}

void
browser_scroll_content(struct browser *b, long delta)
{
	set_scroll(b, (long)b->scroll + delta);
}
