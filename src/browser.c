/*
 * Browser behaviour. Each action changes the state and marks what it
 * changed as dirty; nothing here draws. A search keeps its hits in tree
 * order (the order a reader meets them), so n and N walk the content the
 * way the tree lists it.
 */
#include "config.h"

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

static void
add_hit(struct browser *b, const struct search_hit *h)
{
	b->hits = xgrow(b->hits, &b->cap_hits, b->nhits + 1, sizeof *b->hits);
	b->hits[b->nhits++] = *h;
}

static void
find_hits(struct browser *b)
{
	struct search_hit h;
	size_t i, j;
	ptrdiff_t at;

	b->nhits = 0;
	b->hit = 0;
	if (b->qlen == 0)
		return;
	for (i = 0; i < b->norder; i++) {
		const struct model_topic *t = b->order[i];

		memset(&h, 0, sizeof h);
		h.topic = t;
		if ((at = text_find_fold(t->title, 0, b->query, &h.len)) >= 0) {
			h.field = SEARCH_TITLE;
			h.off = (size_t)at;
			add_hit(b, &h);
		} else if ((at = text_find_fold(t->summary, 0, b->query,
		    &h.len)) >= 0) {
			h.field = SEARCH_SUMMARY;
			h.off = (size_t)at;
			add_hit(b, &h);
		}
		for (j = 0; j < t->nitems; j++)
			if (search_item(t->items[j], b->query, &h))
				add_hit(b, &h);
	}
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
