/*
 * A flat list of rows rather than a tree of nodes: drawing and moving are
 * index arithmetic, and only expanded parts of the tree exist at all, so a
 * tree whose topics sit under many parents never has to be built whole.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "xalloc.h"

void
outline_init(struct outline *o, const struct model *m)
{
	size_t i;

	memset(o, 0, sizeof *o);
	o->m = m;
	o->rows = xreallocarray(NULL, m->nroots + 1, sizeof *o->rows);
	o->cap = m->nroots + 1;
	for (i = 0; i < m->nroots; i++) {
		o->rows[i].topic = m->roots[i];
		o->rows[i].depth = 0;
		o->rows[i].expanded = false;
	}
	o->n = m->nroots;
}

void
outline_free(struct outline *o)
{
	if (o == NULL)
		return;
	free(o->rows);
	memset(o, 0, sizeof *o);
}

bool
outline_has_children(const struct outline *o, size_t row)
{
	return row < o->n && o->rows[row].topic->nchildren > 0;
}

void
outline_expand(struct outline *o, size_t row)
{
	const struct model_topic *t;
	size_t k, depth;

	if (!outline_has_children(o, row) || o->rows[row].expanded)
		return;
	t = o->rows[row].topic;
	depth = o->rows[row].depth + 1;
	k = t->nchildren;
	o->rows = xgrow(o->rows, &o->cap, o->n + k, sizeof *o->rows);
	memmove(&o->rows[row + 1 + k], &o->rows[row + 1],
	    (o->n - row - 1) * sizeof *o->rows);
	for (size_t i = 0; i < k; i++) {
		o->rows[row + 1 + i].topic = t->children[i];
		o->rows[row + 1 + i].depth = depth;
		o->rows[row + 1 + i].expanded = false;
	}
	o->n += k;
	o->rows[row].expanded = true;
	if (o->sel > row)
		o->sel += k;
}

void
outline_collapse(struct outline *o, size_t row)
{
	size_t end;

	if (row >= o->n || !o->rows[row].expanded)
		return;
	for (end = row + 1; end < o->n &&
	    o->rows[end].depth > o->rows[row].depth; end++)
		;
	memmove(&o->rows[row + 1], &o->rows[end],
	    (o->n - end) * sizeof *o->rows);
	o->n -= end - row - 1;
	o->rows[row].expanded = false;
	if (o->sel >= end)
		o->sel -= end - row - 1;
	else if (o->sel > row)
		o->sel = row;	/* the selection was inside: keep it visible */
	if (o->top > o->sel)
		o->top = o->sel;
}

size_t
outline_parent(const struct outline *o, size_t row)
{
	size_t r;

	if (row >= o->n || o->rows[row].depth == 0)
		return row;
	for (r = row; r-- > 0;)
		if (o->rows[r].depth < o->rows[row].depth)
			return r;
	return row;
}

void
outline_select(struct outline *o, size_t row)
{
	if (o->n == 0)
		return;
	o->sel = row < o->n ? row : o->n - 1;
}

void
outline_move(struct outline *o, long delta)
{
	long r = (long)o->sel + delta;

	if (r < 0)
		r = 0;
	outline_select(o, (size_t)r);
}

bool
outline_reveal(struct outline *o, const struct model_topic *t)
{
	const struct model_topic *chain[64];
	size_t n = 0, row = 0, lo = 0, hi = o->n, k;

	for (; t != NULL && n < 64; t = t->nparents > 0 ? t->parents[0] : NULL)
		chain[n++] = t;
	if (t != NULL)
		return false;
	/* Walk down from the root, expanding each step of the path. */
	while (n-- > 0) {
		for (k = lo; k < hi && o->rows[k].topic != chain[n]; k++)
			;
		if (k == hi)
			return false;
		row = k;
		if (n > 0) {
			outline_expand(o, row);
			lo = row + 1;
			for (hi = lo; hi < o->n &&
			    o->rows[hi].depth > o->rows[row].depth; hi++)
				;
		}
	}
	o->sel = row;
	return true;
}

void
outline_scroll_to_sel(struct outline *o, size_t height)
{
	if (height == 0)
		return;
	if (o->sel < o->top)
		o->top = o->sel;
	else if (o->sel >= o->top + height)
		o->top = o->sel - height + 1;
	if (o->n <= height)
		o->top = 0;
	else if (o->top > o->n - height)
		o->top = o->n - height;
}

void
outline_scroll(struct outline *o, long delta, size_t height)
{
	long top = (long)o->top + delta;
	long max = o->n > height ? (long)(o->n - height) : 0;

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	o->top = (size_t)top;
}
