/*
 * The topic tree as the browser shows it: the visible rows of an
 * expandable outline. A topic under several parents appears once under
 * each, so a row is an occurrence (a topic reached by one path), and the
 * rows are kept as a flat list in display order: expanding inserts the
 * children after the row, collapsing removes its descendants. No curses.
 */
#ifndef RESPMAP_OUTLINE_H
#define RESPMAP_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct outline_row {
	const struct model_topic	*topic;
	size_t				 depth;
	bool				 expanded;
};

struct outline {
	const struct model	*m;
	struct outline_row	*rows;
	size_t			 n, cap;
	size_t			 sel;	/* the selected row */
	size_t			 top;	/* the first row on screen */
};

/* The top-level topics, all collapsed, the first selected. */
void outline_init(struct outline *o, const struct model *m);
void outline_free(struct outline *o);

bool outline_has_children(const struct outline *o, size_t row);
void outline_expand(struct outline *o, size_t row);
void outline_collapse(struct outline *o, size_t row);
/* The row of the parent of a row, or the row itself at the top level. */
size_t outline_parent(const struct outline *o, size_t row);
/* Select a row (clamped to the list). */
void outline_select(struct outline *o, size_t row);
void outline_move(struct outline *o, long delta);
/* Expand the path to a topic (through first parents) and select it;
 * false when the topic is not in the tree. */
bool outline_reveal(struct outline *o, const struct model_topic *t);
/* Scroll so that the selection is within a window of height rows. */
void outline_scroll_to_sel(struct outline *o, size_t height);
/* Scroll by delta rows, keeping the window within the list. */
void outline_scroll(struct outline *o, long delta, size_t height);

#endif
